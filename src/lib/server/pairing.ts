/**
 * Redeems a pairing token for the device that opened the link, with the service role:
 * - `pair_…` (an owner's invitation) creates the agent's user, makes them a member of the site;
 * - `dev_…` (a member's "open on your phone" link) signs that same person in.
 * Either way the answer is a one-time magic-link token hash that the browser exchanges for its
 * own session (`auth.verifyOtp({ token_hash, type: 'email' })`), so refresh tokens are
 * minted straight into the device and never pass through this server's memory twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { AgentInvitation } from '../staff/api.ts';

/** Tokens as the SQL functions mint them: a prefix and 32 random bytes in base64url. */
export const PAIRING_TOKEN = /^(pair|dev)_[A-Za-z0-9_-]{43}$/;

/** Agents get an address no mail can reach: their identity is the device, not an inbox. */
export const AGENT_EMAIL_DOMAIN = 'agents.parley.invalid';

export type PairingRefusal = 'malformed' | 'unknown' | 'used' | 'revoked' | 'expired';

export type PairingOutcome =
	| {
			ok: true;
			kind: 'agent' | 'device';
			tokenHash: string;
			siteId: string | null;
			displayName: string | null;
	  }
	| { ok: false; refusal: PairingRefusal };

/** Thrown when the backend fails in a way the person cannot fix (HTTP 500/503). */
export class PairingError extends Error {
	override name = 'PairingError';
}

/** The columns the pairing route reads: those the owner sees, minus when it was made. */
type InvitationRow = Omit<AgentInvitation, 'created_at'>;

/** The refusals the SQL functions raise (their stable messages), by meaning. */
const REFUSALS: Readonly<Record<string, PairingRefusal>> = {
	'unknown pairing invitation': 'unknown',
	'pairing invitation revoked': 'revoked',
	'pairing invitation already used': 'used',
	'pairing invitation expired': 'expired',
	'unknown device link': 'unknown',
	'device link already used': 'used',
	'device link expired': 'expired'
};

function sha256Hex(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** What both kinds of token row say about whether the link still works. */
interface TokenRow {
	expires_at: string;
	used_at: string | null;
	revoked_at?: string | null;
}

/** Finds a token's row by its hash and says why it no longer works, if it does not. */
async function findLiveToken<T extends TokenRow>(
	admin: SupabaseClient,
	table: 'agent_invitations' | 'device_links',
	columns: string,
	token: string,
	now: Date
): Promise<{ ok: true; row: T } | { ok: false; refusal: PairingRefusal }> {
	const { data, error } = await admin
		.from(table)
		.select(columns)
		.eq('token_hash', sha256Hex(token))
		.maybeSingle<T>();
	if (error) throw new PairingError(`looking up the ${table} row failed: ${error.message}`);
	if (!data) return { ok: false, refusal: 'unknown' };
	if (data.revoked_at) return { ok: false, refusal: 'revoked' };
	if (data.used_at) return { ok: false, refusal: 'used' };
	if (Date.parse(data.expires_at) <= now.getTime()) return { ok: false, refusal: 'expired' };
	return { ok: true, row: data };
}

/** Redeems `token`; `admin` must be a service-role client. */
export async function redeemPairingToken(
	admin: SupabaseClient,
	token: unknown,
	now: Date = new Date()
): Promise<PairingOutcome> {
	if (typeof token !== 'string' || !PAIRING_TOKEN.test(token))
		return { ok: false, refusal: 'malformed' };
	return token.startsWith('pair_')
		? redeemInvitation(admin, token, now)
		: redeemDeviceLink(admin, token, now);
}

async function redeemInvitation(
	admin: SupabaseClient,
	token: string,
	now: Date
): Promise<PairingOutcome> {
	// Look first, so a dead link never leaves a user behind; the SQL redeem stays the authority.
	const found = await findLiveToken<InvitationRow>(
		admin,
		'agent_invitations',
		'id, site_id, name, email, expires_at, used_at, revoked_at',
		token,
		now
	);
	if (!found.ok) return found;
	const data = found.row;

	const email = `agent-${randomUUID()}@${AGENT_EMAIL_DOMAIN}`;
	const created = await admin.auth.admin.createUser({
		email,
		email_confirm: true,
		user_metadata: {
			display_name: data.name,
			...(data.email ? { contact_email: data.email } : {})
		},
		app_metadata: { parley_role: 'agent' }
	});
	if (created.error || !created.data.user)
		throw new PairingError(`creating the agent failed: ${created.error?.message ?? 'no user'}`);
	const userId = created.data.user.id;

	// Everything that can fail for want of the backend happens before the invitation is used
	// up; any failure from here on removes the user again, so a retry of the link still works.
	let tokenHash: string;
	try {
		tokenHash = await magicLinkHash(admin, email);
	} catch (err) {
		await admin.auth.admin.deleteUser(userId);
		throw err;
	}
	const redeemed = await admin.rpc('redeem_agent_invitation', { token, user_id: userId });
	if (redeemed.error) {
		// Lost a race with another device (or the owner revoked it just now).
		await admin.auth.admin.deleteUser(userId);
		const refusal = REFUSALS[redeemed.error.message];
		if (refusal) return { ok: false, refusal };
		throw new PairingError(`redeeming the invitation failed: ${redeemed.error.message}`);
	}
	return { ok: true, kind: 'agent', tokenHash, siteId: data.site_id, displayName: data.name };
}

async function redeemDeviceLink(
	admin: SupabaseClient,
	token: string,
	now: Date
): Promise<PairingOutcome> {
	// As for invitations: make the sign-in before using the link up, so a failure keeps it.
	const link = await findLiveToken<{ user_id: string; expires_at: string; used_at: string | null }>(
		admin,
		'device_links',
		'user_id, expires_at, used_at',
		token,
		now
	);
	if (!link.ok) return link;
	const data = link.row;
	const found = await admin.auth.admin.getUserById(data.user_id);
	const email = found.data.user?.email;
	if (found.error || !email)
		throw new PairingError(`the linked user has no email: ${found.error?.message ?? data.user_id}`);
	const tokenHash = await magicLinkHash(admin, email);
	const redeemed = await admin.rpc('redeem_device_link', { token });
	if (redeemed.error) {
		const refusal = REFUSALS[redeemed.error.message];
		if (refusal) return { ok: false, refusal };
		throw new PairingError(`redeeming the device link failed: ${redeemed.error.message}`);
	}
	return { ok: true, kind: 'device', tokenHash, siteId: null, displayName: null };
}

/** A one-time sign-in for `email`, as the hash the browser hands to `auth.verifyOtp`. */
async function magicLinkHash(admin: SupabaseClient, email: string): Promise<string> {
	const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email });
	if (error || !data.properties?.hashed_token)
		throw new PairingError(`creating the sign-in failed: ${error?.message ?? 'no token'}`);
	return data.properties.hashed_token;
}
