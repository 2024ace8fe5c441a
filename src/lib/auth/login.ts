/** Email + password sign-in through supabase-js, reduced to the outcomes the UI shows. */
import type { SupabaseClient } from '@supabase/supabase-js';
import { thrownFailure, type AuthFailure } from './errors.ts';

export type LogInOutcome =
	{ kind: 'signed-in'; email: string } | { kind: 'error'; error: AuthFailure };

/** Signs an existing user in on this device; never throws. */
export async function logInWithPassword(
	client: Pick<SupabaseClient, 'auth'>,
	email: string,
	password: string
): Promise<LogInOutcome> {
	try {
		const { data, error } = await client.auth.signInWithPassword({ email: email.trim(), password });
		if (error) return { kind: 'error', error: { code: error.code, message: error.message } };
		return { kind: 'signed-in', email: data.user?.email ?? email.trim() };
	} catch (err) {
		return { kind: 'error', error: thrownFailure(err) };
	}
}
