/** Signed-in users for contract tests that need a user but not the sign-up flow. */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signJwt } from '../../../supabase/local/jwt.ts';
import type { TestStack } from './stack.ts';

/** A user's access token as GoTrue would sign it, valid for `expiresInSeconds` (negative: already expired). */
export async function userJwt(t: TestStack, sub: string, expiresInSeconds = 3600): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	return signJwt(t.stack.config.jwtSecret, {
		sub,
		role: 'authenticated',
		aud: 'authenticated',
		iat: now,
		exp: now + expiresInSeconds,
		email: `${sub.slice(0, 8)}@example.test`
	});
}

/** A supabase-js client acting as a signed-in user with the given id. */
export async function userClient(t: TestStack, sub: string): Promise<SupabaseClient> {
	return createClient(t.url, t.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { headers: { Authorization: `Bearer ${await userJwt(t, sub)}` } }
	});
}
