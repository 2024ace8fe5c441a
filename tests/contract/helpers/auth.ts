/** Helpers shared by the /auth/v1 contract tests. */
import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { TestStack } from './stack.ts';

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
