/**
 * The device side of pairing: send the link's token to the server's pairing route, then trade
 * the one-time sign-in it returns for this device's own session (kept, and refreshed, by
 * supabase-js for good).
 */
import type { SupabaseClient } from '@supabase/supabase-js';

export type PairingReason =
	'missing' | 'malformed' | 'unknown' | 'used' | 'revoked' | 'expired' | 'failed';

export type PairingResult =
	{ ok: true; kind: 'agent' | 'device' } | { ok: false; reason: PairingReason; message?: string };

const SERVER_REASONS: readonly PairingReason[] = [
	'malformed',
	'unknown',
	'used',
	'revoked',
	'expired'
];

/** Takes the token out of `#…` and removes it from the address bar and history entry. */
export function takeTokenFromLocation(
	location: Pick<Location, 'hash' | 'pathname'>,
	replaceUrl: (path: string) => void
): string | null {
	let token: string;
	try {
		token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
	} catch {
		token = location.hash.replace(/^#/, '').trim();
	}
	if (location.hash) replaceUrl(location.pathname);
	return token === '' ? null : token;
}

interface PairingAnswer {
	kind?: 'agent' | 'device';
	token_hash?: string;
	error?: { code?: string; message?: string };
}

/** Pairs this device with the token; on success the client holds the new session. */
export async function pairDevice(
	client: Pick<SupabaseClient, 'auth'>,
	fetcher: typeof fetch,
	token: string | null
): Promise<PairingResult> {
	if (!token) return { ok: false, reason: 'missing' };
	let answer: PairingAnswer;
	let status: number;
	try {
		const response = await fetcher('/api/pairing', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token })
		});
		status = response.status;
		answer = (await response.json()) as PairingAnswer;
	} catch (err) {
		return {
			ok: false,
			reason: 'failed',
			message: err instanceof Error ? err.message : String(err)
		};
	}
	if (status !== 200 || !answer.token_hash || !answer.kind) {
		const code = answer.error?.code as PairingReason | undefined;
		if (code && SERVER_REASONS.includes(code)) return { ok: false, reason: code };
		return { ok: false, reason: 'failed', message: answer.error?.message ?? `HTTP ${status}` };
	}
	const { error } = await client.auth.verifyOtp({
		token_hash: answer.token_hash,
		type: 'email'
	});
	if (error) return { ok: false, reason: 'failed', message: error.message };
	return { ok: true, kind: answer.kind };
}
