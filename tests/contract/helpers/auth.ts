/** Helpers shared by the /auth/v1 contract tests. */
import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { TestStack } from './stack.ts';

/**
 * A raw `POST /auth/v1/<path>` (path and query) with the anon key and JSON body, as supabase-js
 * sends it, for the answers supabase-js would turn into an error object before a test sees them.
 */
export function authPost(t: TestStack, path: string, body: unknown): Promise<Response> {
	return fetch(`${t.url}/auth/v1/${path}`, {
		method: 'POST',
		headers: {
			apikey: t.anonKey,
			'content-type': 'application/json',
			'x-supabase-api-version': '2024-01-01'
		},
		body: JSON.stringify(body)
	});
}

/** Makes addresses `<prefix><ms>_<n>@example.test`, new on every call, so tests sharing a stack never collide. */
export function emailMaker(prefix: string): () => string {
	let seq = 0;
	return () => `${prefix}${Date.now()}_${seq++}@example.test`;
}

/** A user signed up with a password through supabase-js, and the client that now holds its session. */
export interface SignedUp {
	client: SupabaseClient;
	session: Session;
	user: User;
}

/** Signs a new user up on a fresh client; throws (it is setup, not the behaviour under test) if that fails. */
export async function signUpUser(
	t: TestStack,
	email: string,
	opts: { password?: string; data?: Record<string, unknown> } = {}
): Promise<SignedUp> {
	const client = t.client();
	const { data, error } = await client.auth.signUp({
		email,
		password: opts.password ?? 'secret-pw',
		...(opts.data ? { options: { data: opts.data } } : {})
	});
	if (error || !data.session || !data.user) throw new Error(`sign-up failed: ${error?.message}`);
	return { client, session: data.session, user: data.user };
}
