/**
 * /auth/v1 through unmodified supabase-js: sign-up, password and anonymous sign-in,
 * refresh rotation, the user endpoints, logout scopes and the exact errors GoTrue returns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, SignJWT } from 'jose';
import { useTestStack } from './helpers/use-stack.ts';
import { emailMaker, signUpUser } from './helpers/auth.ts';
import { DEFAULT_JWT_SECRET } from '../../supabase/local/keys.ts';

const t = useTestStack();

/** GET /user as auth-js sends it, returning the raw status and body. */
async function rawUser(accessToken: string) {
	const res = await fetch(`${t().url}/auth/v1/user`, {
		headers: {
			apikey: t().anonKey,
			authorization: `Bearer ${accessToken}`,
			'x-supabase-api-version': '2024-01-01'
		}
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const freshEmail = emailMaker('user');

describe('sign-up with email and password', () => {
	it('returns a session at once and stores data as user_metadata', async () => {
		const email = freshEmail();
		const { data, error } = await t()
			.client()
			.auth.signUp({ email, password: 'secret-pw', options: { data: { name: 'Ada' } } });
		expect(error).toBeNull();
		const session = data.session!;
		expect(session.token_type).toBe('bearer');
		expect(session.expires_in).toBeGreaterThan(3590);
		expect(session.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		const user = data.user!;
		expect(user.email).toBe(email);
		expect(user.aud).toBe('authenticated');
		expect(user.role).toBe('authenticated');
		expect(user.is_anonymous).toBe(false);
		expect(user.email_confirmed_at).toBeTruthy();
		expect(user.confirmed_at).toBeTruthy();
		expect(user.last_sign_in_at).toBeTruthy();
		expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
		expect(user.user_metadata).toEqual({ name: 'Ada', email_verified: true });
		expect(user.identities).toHaveLength(1);
		expect(user.identities![0]).toMatchObject({
			provider: 'email',
			id: user.id,
			user_id: user.id,
			email
		});

		const claims = decodeJwt(session.access_token);
		expect(claims).toMatchObject({
			iss: `${t().url}/auth/v1`,
			sub: user.id,
			aud: 'authenticated',
			email,
			phone: '',
			role: 'authenticated',
			aal: 'aal1',
			is_anonymous: false,
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: { name: 'Ada', email_verified: true }
		});
		expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
		expect(typeof claims.session_id).toBe('string');
		expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
	});

	it('refuses a taken email with 422 user_already_exists', async () => {
		const email = freshEmail();
		await t().client().auth.signUp({ email, password: 'secret-pw' });
		const { data, error } = await t()
			.client()
			.auth.signUp({ email: email.toUpperCase(), password: 'other-pw' });
		expect(data.session).toBeNull();
		expect(error).toMatchObject({
			status: 422,
			code: 'user_already_exists',
			message: 'User already registered'
		});
	});

	it('refuses a weak password with 422 weak_password and its reasons', async () => {
		const { error } = await t().client().auth.signUp({ email: freshEmail(), password: 'abc' });
		expect(error?.name).toBe('AuthWeakPasswordError');
		expect(error).toMatchObject({
			status: 422,
			code: 'weak_password',
			message: 'Password should be at least 6 characters.'
		});
		expect((error as unknown as { reasons: string[] }).reasons).toEqual(['length']);
	});

	it('refuses a malformed email with 400 validation_failed', async () => {
		const { error } = await t()
			.client()
			.auth.signUp({ email: 'not-an-email', password: 'secret-pw' });
		expect(error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'Unable to validate email address: invalid format'
		});
	});
});

describe('password sign-in', () => {
	const email = freshEmail();
	beforeAll(async () => {
		await t().client().auth.signUp({ email, password: 'right-password' });
	});

	it('signs in with the right password', async () => {
		const { data, error } = await t()
			.client()
			.auth.signInWithPassword({ email, password: 'right-password' });
		expect(error).toBeNull();
		expect(data.user!.email).toBe(email);
		expect(data.session!.access_token).toBeTruthy();
	});

	it('refuses a wrong password with 400 invalid_credentials', async () => {
		const { data, error } = await t()
			.client()
			.auth.signInWithPassword({ email, password: 'wrong-password' });
		expect(data.session).toBeNull();
		expect(error).toMatchObject({
			status: 400,
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
	});

	it('refuses an unknown email the same way', async () => {
		const { error } = await t()
			.client()
			.auth.signInWithPassword({ email: freshEmail(), password: 'whatever1' });
		expect(error).toMatchObject({
			status: 400,
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
	});
});

describe('anonymous sign-in', () => {
	it('creates an anonymous authenticated user with a session', async () => {
		const { data, error } = await t()
			.client()
			.auth.signInAnonymously({ options: { data: { lang: 'fr' } } });
		expect(error).toBeNull();
		const user = data.user!;
		expect(user.is_anonymous).toBe(true);
		expect(user.role).toBe('authenticated');
		expect(user.email).toBe('');
		expect(user.identities).toEqual([]);
		expect(user.user_metadata).toEqual({ lang: 'fr' });
		const claims = decodeJwt(data.session!.access_token);
		expect(claims).toMatchObject({
			is_anonymous: true,
			role: 'authenticated',
			email: '',
			sub: user.id
		});
		expect(claims.amr).toEqual([{ method: 'anonymous', timestamp: expect.any(Number) }]);
	});
});

describe('refresh with rotation', () => {
	it('swaps a refresh token for a child and keeps the session', async () => {
		const { client: c, session: first } = await signUpUser(t(), freshEmail());
		const { data: refreshed, error } = await c.auth.refreshSession({
			refresh_token: first.refresh_token
		});
		expect(error).toBeNull();
		const second = refreshed.session!;
		expect(second.refresh_token).not.toBe(first.refresh_token);
		expect(decodeJwt(second.access_token).session_id).toBe(
			decodeJwt(first.access_token).session_id
		);
		expect(decodeJwt(second.access_token).amr).toEqual(decodeJwt(first.access_token).amr);
		const rows = await t().db.query<{ token: string; parent: string | null; revoked: boolean }>(
			'select token, parent, revoked from auth.refresh_tokens where session_id = $1 order by id',
			[decodeJwt(first.access_token).session_id]
		);
		expect(rows.rows).toEqual([
			{ token: first.refresh_token, parent: null, revoked: true },
			{ token: second.refresh_token, parent: first.refresh_token, revoked: false }
		]);
	});

	it('hands back the active child when the parent is replayed within the reuse interval', async () => {
		const { session: first } = await signUpUser(t(), freshEmail());
		const { data: a } = await t()
			.client()
			.auth.refreshSession({ refresh_token: first.refresh_token });
		const { data: b, error } = await t()
			.client()
			.auth.refreshSession({ refresh_token: first.refresh_token });
		expect(error).toBeNull();
		expect(b.session!.refresh_token).toBe(a.session!.refresh_token);
	});

	it('refuses an unknown refresh token with 400 refresh_token_not_found', async () => {
		const { error } = await t().client().auth.refreshSession({ refresh_token: 'nosuchtoken1' });
		expect(error).toMatchObject({
			status: 400,
			code: 'refresh_token_not_found',
			message: 'Invalid Refresh Token: Refresh Token Not Found'
		});
	});
});

describe('the signed-in user', () => {
	it('reads and updates itself', async () => {
		const email = freshEmail();
		const { client: c } = await signUpUser(t(), email, { data: { a: 1, b: 2 } });
		const { data: got, error } = await c.auth.getUser();
		expect(error).toBeNull();
		expect(got.user!.email).toBe(email);

		const { data: upd, error: updErr } = await c.auth.updateUser({ data: { b: null, c: 3 } });
		expect(updErr).toBeNull();
		expect(upd.user!.user_metadata).toEqual({ a: 1, c: 3, email_verified: true });

		const { error: pwErr } = await c.auth.updateUser({ password: 'new-secret-pw' });
		expect(pwErr).toBeNull();
		const { error: oldErr } = await t()
			.client()
			.auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(oldErr?.code).toBe('invalid_credentials');
		const { error: newErr } = await t()
			.client()
			.auth.signInWithPassword({ email, password: 'new-secret-pw' });
		expect(newErr).toBeNull();
	});

	it('refuses the same password with 422 same_password and a weak one with weak_password', async () => {
		const { client: c } = await signUpUser(t(), freshEmail());
		const { error: same } = await c.auth.updateUser({ password: 'secret-pw' });
		expect(same).toMatchObject({
			status: 422,
			code: 'same_password',
			message: 'New password should be different from the old password.'
		});
		const { error: weak } = await c.auth.updateUser({ password: 'x' });
		expect(weak).toMatchObject({ status: 422, code: 'weak_password' });
	});

	it('refuses app_metadata changes from the user with 403 not_admin', async () => {
		const { session } = await signUpUser(t(), freshEmail());
		const res = await fetch(`${t().url}/auth/v1/user`, {
			method: 'PUT',
			headers: {
				apikey: t().anonKey,
				authorization: `Bearer ${session.access_token}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ app_metadata: { role: 'boss' } })
		});
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({
			code: 403,
			error_code: 'not_admin',
			msg: 'Updating app_metadata requires admin privileges'
		});
	});

	it('lets an anonymous user add an email, which makes it permanent', async () => {
		const c = t().client();
		await c.auth.signInAnonymously();
		const email = freshEmail();
		const { error: noEmail } = await c.auth.updateUser({ password: 'secret-pw' });
		expect(noEmail).toMatchObject({ status: 422, code: 'validation_failed' });
		const { data, error } = await c.auth.updateUser({ email, password: 'secret-pw' });
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ email, is_anonymous: false });
		const { error: signIn } = await t()
			.client()
			.auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(signIn).toBeNull();
	});
});

describe('logout', () => {
	/** One user signed in on two clients, so one session can end while the other is watched. */
	async function oneUserTwoClients() {
		const email = freshEmail();
		const { client: one } = await signUpUser(t(), email);
		const two = t().client();
		await two.auth.signInWithPassword({ email, password: 'secret-pw' });
		return { one, two };
	}

	it('local ends only the current session; its tokens are then refused', async () => {
		const { one, two } = await oneUserTwoClients();
		const oneSession = (await one.auth.getSession()).data.session!;
		const { error } = await one.auth.signOut({ scope: 'local' });
		expect(error).toBeNull();

		// auth-js turns GoTrue's 403 session_not_found into AuthSessionMissingError.
		const { error: gone } = await t().client().auth.getUser(oneSession.access_token);
		expect(gone?.name).toBe('AuthSessionMissingError');
		expect(await rawUser(oneSession.access_token)).toEqual({
			status: 403,
			body: {
				code: 'session_not_found',
				message: 'Session from session_id claim in JWT does not exist'
			}
		});
		const { error: refreshGone } = await t()
			.client()
			.auth.refreshSession({ refresh_token: oneSession.refresh_token });
		expect(refreshGone).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
		const { error: stillIn } = await two.auth.getUser();
		expect(stillIn).toBeNull();
	});

	it('global ends every session of the user, including another client', async () => {
		const { one, two } = await oneUserTwoClients();
		const twoSession = (await two.auth.getSession()).data.session!;
		expect((await one.auth.signOut({ scope: 'global' })).error).toBeNull();
		const { error } = await t().client().auth.getUser(twoSession.access_token);
		expect(error?.name).toBe('AuthSessionMissingError');
		expect((await rawUser(twoSession.access_token)).status).toBe(403);
		expect(
			(
				await t().db.query('select 1 from auth.refresh_tokens where token = $1', [
					twoSession.refresh_token
				])
			).rows
		).toEqual([]);
	});

	it('others keeps the current session and ends the rest', async () => {
		const { one, two } = await oneUserTwoClients();
		const twoSession = (await two.auth.getSession()).data.session!;
		expect((await one.auth.signOut({ scope: 'others' })).error).toBeNull();
		expect((await one.auth.getUser()).error).toBeNull();
		expect((await rawUser(twoSession.access_token)).body).toMatchObject({
			code: 'session_not_found'
		});
	});
});

describe('forged and expired tokens', () => {
	let real: string;
	let sub: string;
	beforeAll(async () => {
		const { session, user } = await signUpUser(t(), freshEmail());
		real = session.access_token;
		sub = user.id;
	});
	const forge = (secret: string, claims: Record<string, unknown>) =>
		new SignJWT(claims)
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.sign(new TextEncoder().encode(secret));

	it('refuses a token signed with another secret with 403 bad_jwt', async () => {
		const token = await forge('another-secret-that-is-at-least-32-chars!', { ...decodeJwt(real) });
		const { error } = await t().client().auth.getUser(token);
		expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
	});

	it('refuses alg none', async () => {
		const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		const token = `${header}.${real.split('.')[1]}.`;
		const { error } = await t().client().auth.getUser(token);
		expect(error).toMatchObject({
			status: 403,
			code: 'bad_jwt',
			message:
				'invalid JWT: unable to parse or verify signature, token signature is invalid: signing method none is invalid'
		});
	});

	it('refuses a tampered payload', async () => {
		const [h, , s] = real.split('.');
		const payload = Buffer.from(
			JSON.stringify({ ...decodeJwt(real), role: 'service_role' })
		).toString('base64url');
		const { error } = await t().client().auth.getUser(`${h}.${payload}.${s}`);
		expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
	});

	it('refuses an expired token', async () => {
		const now = Math.floor(Date.now() / 1000);
		const token = await forge(DEFAULT_JWT_SECRET, {
			...decodeJwt(real),
			iat: now - 7200,
			exp: now - 3600
		});
		const { error } = await t().client().auth.getUser(token);
		expect(error).toMatchObject({
			status: 403,
			code: 'bad_jwt',
			message:
				'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired'
		});
	});

	it('refuses a request without a bearer token with 401 no_authorization', async () => {
		const res = await fetch(`${t().url}/auth/v1/user`, {
			headers: { apikey: t().anonKey, 'x-supabase-api-version': '2024-01-01' }
		});
		expect(res.status).toBe(401);
		expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(await res.json()).toEqual({
			code: 'no_authorization',
			message: 'This endpoint requires a Bearer token'
		});
	});

	it('refuses a valid token for a user that no longer exists with 403 user_not_found', async () => {
		const token = await forge(DEFAULT_JWT_SECRET, {
			...decodeJwt(real),
			sub: '0b0b0b0b-0000-4000-8000-000000000000'
		});
		const { error } = await t().client().auth.getUser(token);
		expect(error).toMatchObject({ status: 403, code: 'user_not_found' });
		expect(sub).toBeTruthy();
	});
});
