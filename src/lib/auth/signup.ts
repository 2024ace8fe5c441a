/** Email + password sign-up through supabase-js, reduced to the outcomes the UI shows. */
import type { SupabaseClient } from '@supabase/supabase-js';
import { thrownFailure, type AuthFailure } from './errors.ts';

export type SignUpOutcome =
	| { kind: 'signed-in'; email: string }
	| { kind: 'confirm-email'; email: string }
	| { kind: 'error'; error: AuthFailure };

/** Minimal surface of supabase-js this module needs, so tests can pass a fake. */
export type AuthClient = Pick<SupabaseClient, 'auth'>;

/** Signs a new user up (never throws); with email confirmation off the user is signed in. */
export async function signUpWithPassword(
	client: AuthClient,
	email: string,
	password: string
): Promise<SignUpOutcome> {
	try {
		const { data, error } = await client.auth.signUp({ email: email.trim(), password });
		if (error) return { kind: 'error', error: { code: error.code, message: error.message } };
		const confirmedEmail = data.user?.email ?? email.trim();
		if (data.session) return { kind: 'signed-in', email: confirmedEmail };
		return { kind: 'confirm-email', email: confirmedEmail };
	} catch (err) {
		return { kind: 'error', error: thrownFailure(err) };
	}
}
