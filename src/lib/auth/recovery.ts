/**
 * A forgotten password, through supabase-js: ask for the recovery mail, read what the mail's
 * link brought back (a session, or GoTrue's error when the link was expired or used), and set
 * the new password. Each step is reduced to the outcomes the pages show; none throws.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { thrownFailure, type AuthFailure } from './errors.ts';

export type Outcome = { kind: 'done' } | { kind: 'error'; error: AuthFailure };

/**
 * Asks for the recovery mail. The server answers the same whether or not an account uses the
 * address, so `done` means "sent if there is one".
 */
export async function requestPasswordReset(
	client: Pick<SupabaseClient, 'auth'>,
	email: string,
	redirectTo: string
): Promise<Outcome> {
	try {
		const { error } = await client.auth.resetPasswordForEmail(email.trim(), { redirectTo });
		if (error) return { kind: 'error', error: { code: error.code, message: error.message } };
		return { kind: 'done' };
	} catch (err) {
		return { kind: 'error', error: thrownFailure(err) };
	}
}

/** Sets the signed-in user's new password. */
export async function setNewPassword(
	client: Pick<SupabaseClient, 'auth'>,
	password: string
): Promise<Outcome> {
	try {
		const { error } = await client.auth.updateUser({ password });
		if (error) return { kind: 'error', error: { code: error.code, message: error.message } };
		return { kind: 'done' };
	} catch (err) {
		return { kind: 'error', error: thrownFailure(err) };
	}
}

/**
 * The error GoTrue sent back in the link's redirect (`#error=…&error_code=…&error_description=…`,
 * or the same in the query), for a link that expired, was used already or was refused.
 */
export function linkError(location: Pick<URL, 'hash' | 'search'>): AuthFailure | null {
	for (const part of [location.hash.replace(/^#/, ''), location.search.replace(/^\?/, '')]) {
		const params = new URLSearchParams(part);
		const code = params.get('error_code') ?? params.get('error');
		if (code) return { code, message: params.get('error_description') ?? code };
	}
	return null;
}
