/**
 * MFA with TOTP through unmodified supabase-js (`auth.mfa`): enroll, challenge, verify with a
 * code computed from the returned secret, the aal levels before and after, GoTrue's errors,
 * unenroll rules, refresh, the admin factor API, and RLS reading `aal` from the JWT.
 */
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { SupabaseClient } from '@supabase/supabase-js';
import { useTestStack } from './helpers/use-stack.ts';
import { emailMaker, signUpUser } from './helpers/auth.ts';
import { totp } from '../../supabase/local/auth/totp.ts';

const VAULT_SQL = `
create table public.mfa_vault (id int primary key, body text not null);
alter table public.mfa_vault enable row level security;
create policy "aal2 only" on public.mfa_vault for select to authenticated
  using ((select auth.jwt()->>'aal') = 'aal2');
grant select on public.mfa_vault to authenticated;
insert into public.mfa_vault values (1, 'second factor required');
`;

const t = useTestStack({ sql: VAULT_SQL });
const freshEmail = emailMaker('mfa');

/** A code from ten minutes ahead: outside the ±30 s window, so always refused. */
const wrongCode = (secret: string) => totp(secret, Date.now() + 600_000);

async function enroll(client: SupabaseClient, friendlyName?: string) {
	const { data, error } = await client.auth.mfa.enroll({
		factorType: 'totp',
		...(friendlyName !== undefined ? { friendlyName } : {})
	});
	if (error || !data) throw new Error(`enroll failed: ${error?.message}`);
	return data;
}

/** A signed-up user with one verified TOTP factor, its client now holding the aal2 session. */
async function userWithVerifiedFactor() {
	const email = freshEmail();
	const signed = await signUpUser(t(), email);
	const factor = await enroll(signed.client, 'phone app');
	const { data, error } = await signed.client.auth.mfa.challengeAndVerify({
		factorId: factor.id,
		code: totp(factor.totp.secret)
	});
	if (error || !data) throw new Error(`verify failed: ${error?.message}`);
	return { ...signed, email, factor, verified: data };
}

function aalOf(accessToken: string) {
	const claims = decodeJwt(accessToken) as { aal: string; amr: { method: string }[] };
	return { aal: claims.aal, methods: claims.amr.map((e) => e.method) };
}

describe('enroll, challenge and verify a TOTP factor', () => {
	it('enrolls an unverified factor with its secret, otpauth URI and QR code', async () => {
		const email = freshEmail();
		const { client, user } = await signUpUser(t(), email);
		const { data, error } = await client.auth.mfa.enroll({
			factorType: 'totp',
			friendlyName: 'laptop',
			issuer: 'Parley'
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ type: 'totp', friendly_name: 'laptop' });
		expect(data!.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(data!.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(data!.totp.uri).toBe(
			`otpauth://totp/Parley:${email}?algorithm=SHA1&digits=6&issuer=Parley&period=30&secret=${data!.totp.secret}`
		);
		expect(data!.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg [^]*<path[^]*<\/svg>/);

		const { data: got } = await client.auth.getUser();
		expect(got.user!.factors).toEqual([
			{
				id: data!.id,
				created_at: expect.any(String),
				updated_at: expect.any(String),
				status: 'unverified',
				friendly_name: 'laptop',
				factor_type: 'totp',
				phone: '',
				last_challenged_at: null
			}
		]);
		// An unverified factor does not raise the next level.
		const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(aal).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
		const { data: listed } = await client.auth.mfa.listFactors();
		expect(listed!.all.map((f) => f.id)).toEqual([data!.id]);
		expect(listed!.totp).toEqual([]);
		const { rows } = await t().db.query<{ status: string; user_id: string }>(
			`select status::text as status, user_id::text as user_id from auth.mfa_factors where id = $1`,
			[data!.id]
		);
		expect(rows).toEqual([{ status: 'unverified', user_id: user.id }]);
	});

	it('names the site host as issuer when none is given', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		const factor = await enroll(client);
		expect(factor.friendly_name).toBe('');
		expect(factor.totp.uri).toContain(`issuer=${encodeURIComponent(new URL(t().url).host)}`);
	});

	it('verifies a code into an aal2 session with totp first in amr, and RLS sees aal2', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		const before = await client.from('mfa_vault').select('body');
		expect(before.data).toEqual([]);

		const factor = await enroll(client, 'authenticator');
		const { data: challenge, error: challengeError } = await client.auth.mfa.challenge({
			factorId: factor.id
		});
		expect(challengeError).toBeNull();
		expect(challenge!.type).toBe('totp');
		const now = Math.floor(Date.now() / 1000);
		expect(challenge!.expires_at).toBeGreaterThanOrEqual(now + 299);
		expect(challenge!.expires_at).toBeLessThanOrEqual(now + 301);

		const { data, error } = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: challenge!.id,
			code: totp(factor.totp.secret)
		});
		expect(error).toBeNull();
		expect(data!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(aalOf(data!.access_token)).toEqual({ aal: 'aal2', methods: ['totp', 'password'] });
		const amr = (decodeJwt(data!.access_token) as { amr: { timestamp: number }[] }).amr;
		expect(amr[0].timestamp).toBeGreaterThanOrEqual(now - 1);
		expect(data!.user.factors).toMatchObject([{ id: factor.id, status: 'verified' }]);

		const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(aal).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
		expect(
			aal!.currentAuthenticationMethods.map((m) => (typeof m === 'string' ? m : m.method))
		).toEqual(['totp', 'password']);
		const { data: listed } = await client.auth.mfa.listFactors();
		expect(listed!.totp.map((f) => f.id)).toEqual([factor.id]);

		const after = await client.from('mfa_vault').select('body');
		expect(after.data).toEqual([{ body: 'second factor required' }]);

		const { rows } = await t().db.query<{ verified: boolean }>(
			`select verified_at is not null as verified from auth.mfa_challenges where id = $1`,
			[challenge!.id]
		);
		expect(rows).toEqual([{ verified: true }]);
	});

	it('refuses a wrong code with mfa_verification_failed', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		const factor = await enroll(client);
		const { data: challenge } = await client.auth.mfa.challenge({ factorId: factor.id });
		const { data, error } = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: challenge!.id,
			code: wrongCode(factor.totp.secret)
		});
		expect(data).toBeNull();
		expect(error).toMatchObject({
			status: 422,
			code: 'mfa_verification_failed',
			message: 'Invalid TOTP code entered'
		});
		// The challenge stays usable for the right code.
		const ok = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: challenge!.id,
			code: totp(factor.totp.secret)
		});
		expect(ok.error).toBeNull();
	});

	it('refuses an expired challenge with mfa_challenge_expired and drops it', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		const factor = await enroll(client);
		const { data: challenge } = await client.auth.mfa.challenge({ factorId: factor.id });
		await t().db.query(
			`update auth.mfa_challenges set created_at = now() - interval '301 seconds' where id = $1`,
			[challenge!.id]
		);
		const { error } = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: challenge!.id,
			code: totp(factor.totp.secret)
		});
		expect(error).toMatchObject({
			status: 422,
			code: 'mfa_challenge_expired',
			message: `MFA challenge ${challenge!.id} has expired, verify against another challenge or create a new challenge.`
		});
		const { rows } = await t().db.query(`select 1 from auth.mfa_challenges where id = $1`, [
			challenge!.id
		]);
		expect(rows).toEqual([]);
	});

	it('refuses to verify a used challenge again, but not the code on a new one, as GoTrue', async () => {
		const { client, factor } = await userWithVerifiedFactor();
		const { data: challenge } = await client.auth.mfa.challenge({ factorId: factor.id });
		const code = totp(factor.totp.secret);
		const first = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: challenge!.id,
			code
		});
		expect(first.error).toBeNull();
		const replay = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: challenge!.id,
			code
		});
		expect(replay.error).toMatchObject({
			status: 422,
			code: 'mfa_ip_address_mismatch',
			message: 'Challenge and verify IP addresses mismatch.'
		});
		// GoTrue keeps no record of used codes: the same code passes a new challenge in its window.
		const again = await client.auth.mfa.challengeAndVerify({ factorId: factor.id, code });
		expect(again.error).toBeNull();
	});

	it('answers unknown challenges, factors and empty codes as GoTrue does', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		const factor = await enroll(client);
		const noChallenge = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: '6f1f6a4e-7f43-4a38-9a3c-3d2d7a1d0f11',
			code: '123456'
		});
		expect(noChallenge.error).toMatchObject({
			status: 422,
			code: 'mfa_factor_not_found',
			message: 'MFA factor with the provided challenge ID not found'
		});
		const empty = await client.auth.mfa.verify({
			factorId: factor.id,
			challengeId: '6f1f6a4e-7f43-4a38-9a3c-3d2d7a1d0f11',
			code: ''
		});
		expect(empty.error).toMatchObject({ status: 400, code: 'validation_failed' });
		const unknown = await client.auth.mfa.challenge({
			factorId: '6f1f6a4e-7f43-4a38-9a3c-3d2d7a1d0f11'
		});
		expect(unknown.error).toMatchObject({
			status: 404,
			code: 'mfa_factor_not_found',
			message: 'Factor not found'
		});
		const malformed = await client.auth.mfa.challenge({ factorId: 'nope' });
		expect(malformed.error).toMatchObject({
			status: 404,
			code: 'validation_failed',
			message: 'factor_id must be an UUID'
		});
		const badType = await client.auth.mfa.enroll({ factorType: 'sms' } as never);
		expect(badType.error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'factor_type needs to be totp, phone, or webauthn'
		});
		const phone = await client.auth.mfa.enroll({ factorType: 'phone', phone: '+15555550100' });
		expect(phone.error).toMatchObject({ status: 422, code: 'mfa_phone_enroll_not_enabled' });
	});

	it('keeps factors away from anonymous users', async () => {
		const client = t().client();
		const { error: signInError } = await client.auth.signInAnonymously();
		expect(signInError).toBeNull();
		const { error } = await client.auth.mfa.enroll({ factorType: 'totp' });
		expect(error).toMatchObject({
			status: 403,
			code: 'no_authorization',
			message: 'Anonymous user not allowed to perform these actions'
		});
	});
});

describe('sessions and levels once a factor is verified', () => {
	it('signs in with a password at aal1 with aal2 next, and verify raises it', async () => {
		const { email, factor } = await userWithVerifiedFactor();
		const client = t().client();
		const { data, error } = await client.auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(error).toBeNull();
		expect(aalOf(data.session!.access_token)).toEqual({ aal: 'aal1', methods: ['password'] });
		const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(aal).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });

		// At aal1 a verified factor can neither be removed nor joined by another.
		const unenroll = await client.auth.mfa.unenroll({ factorId: factor.id });
		expect(unenroll.error).toMatchObject({
			status: 422,
			code: 'insufficient_aal',
			message: 'AAL2 required to unenroll verified factor'
		});
		const another = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'second' });
		expect(another.error).toMatchObject({
			status: 403,
			code: 'insufficient_aal',
			message: 'AAL2 required to enroll a new factor'
		});

		const verified = await client.auth.mfa.challengeAndVerify({
			factorId: factor.id,
			code: totp(factor.totp.secret)
		});
		expect(verified.error).toBeNull();
		const { data: raised } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(raised).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
		const second = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'second' });
		expect(second.error).toBeNull();
	});

	it('keeps aal2 across a refresh', async () => {
		const { client, verified } = await userWithVerifiedFactor();
		const { data, error } = await client.auth.refreshSession({
			refresh_token: verified.refresh_token
		});
		expect(error).toBeNull();
		expect(aalOf(data.session!.access_token)).toEqual({
			aal: 'aal2',
			methods: ['totp', 'password']
		});
	});

	it('ends the other aal1 sessions of the user on verify', async () => {
		const email = freshEmail();
		const first = await signUpUser(t(), email);
		const other = t().client();
		const { data: otherSignIn } = await other.auth.signInWithPassword({
			email,
			password: 'secret-pw'
		});
		const factor = await enroll(first.client);
		const done = await first.client.auth.mfa.challengeAndVerify({
			factorId: factor.id,
			code: totp(factor.totp.secret)
		});
		expect(done.error).toBeNull();
		const refreshed = await other.auth.refreshSession({
			refresh_token: otherSignIn.session!.refresh_token
		});
		// Its session is gone, and its refresh tokens with it.
		expect(refreshed.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
	});

	it('unenrolls at aal2, after which a refresh is aal1 again', async () => {
		const { client, factor } = await userWithVerifiedFactor();
		const { data, error } = await client.auth.mfa.unenroll({ factorId: factor.id });
		expect(error).toBeNull();
		expect(data).toEqual({ id: factor.id });
		const { data: listed } = await client.auth.mfa.listFactors();
		expect(listed!.all).toEqual([]);
		const { data: refreshed } = await client.auth.refreshSession();
		expect(aalOf(refreshed.session!.access_token)).toEqual({ aal: 'aal1', methods: ['password'] });
		const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(aal).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
	});

	it('lets an unverified factor go at aal1', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		const factor = await enroll(client, 'draft');
		const { error } = await client.auth.mfa.unenroll({ factorId: factor.id });
		expect(error).toBeNull();
	});
});

describe('factor limits', () => {
	it('refuses a second factor with the same friendly name', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		await enroll(client, 'phone');
		const { error } = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone' });
		expect(error).toMatchObject({
			status: 422,
			code: 'mfa_factor_name_conflict',
			message: 'A factor with the friendly name "phone" for this user already exists'
		});
	});

	it('stops at MFA_MAX_ENROLLED_FACTORS (10)', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		for (let i = 0; i < 10; i++) await enroll(client, `device ${i}`);
		const { error } = await client.auth.mfa.enroll({
			factorType: 'totp',
			friendlyName: 'one more'
		});
		expect(error).toMatchObject({
			status: 422,
			code: 'too_many_enrolled_mfa_factors',
			message: 'Maximum number of verified factors reached, unenroll to continue'
		});
	});

	it('drops the other unverified factors once one is verified', async () => {
		const { client } = await signUpUser(t(), freshEmail());
		const keep = await enroll(client, 'keep');
		await enroll(client, 'abandoned');
		await client.auth.mfa.challengeAndVerify({ factorId: keep.id, code: totp(keep.totp.secret) });
		const { data } = await client.auth.mfa.listFactors();
		expect(data!.all.map((f) => f.friendly_name)).toEqual(['keep']);
	});
});

describe('admin factor API', () => {
	it('lists and deletes a user’s factors, downgrading the sessions it raised', async () => {
		const { client, user, factor } = await userWithVerifiedFactor();
		const admin = t().admin();
		const { data, error } = await admin.auth.admin.mfa.listFactors({ userId: user.id });
		expect(error).toBeNull();
		expect(data!.factors).toMatchObject([
			{ id: factor.id, status: 'verified', factor_type: 'totp', friendly_name: 'phone app' }
		]);

		const deleted = await admin.auth.admin.mfa.deleteFactor({ userId: user.id, id: factor.id });
		expect(deleted.error).toBeNull();
		// auth-js wraps the deleted factor GoTrue answers with in another { data, error }.
		expect(deleted.data).toMatchObject({ data: { id: factor.id, status: 'verified' } });
		const { data: after } = await admin.auth.admin.mfa.listFactors({ userId: user.id });
		expect(after!.factors).toEqual([]);

		const { data: refreshed } = await client.auth.refreshSession();
		expect(aalOf(refreshed.session!.access_token).aal).toBe('aal1');

		const missing = await admin.auth.admin.mfa.deleteFactor({ userId: user.id, id: factor.id });
		expect(missing.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
		const notAdmin = await client.auth.admin.mfa.listFactors({ userId: user.id });
		expect(notAdmin.error).toMatchObject({ status: 403, code: 'not_admin' });
	});
});
