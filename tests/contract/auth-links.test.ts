/**
 * Email links without mail: `auth.admin.generateLink` (POST /auth/v1/admin/generate_link) and
 * `auth.verifyOtp` / the link itself (POST and GET /auth/v1/verify), through supabase-js.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestStack } from './helpers/use-stack.ts';
import { emailMaker } from './helpers/auth.ts';

const t = useTestStack();

const freshEmail = emailMaker('link');

async function confirmedUser(email = freshEmail()) {
	const { data, error } = await t()
		.admin()
		.auth.admin.createUser({ email, password: 'secret-pw', email_confirm: true });
	expect(error).toBeNull();
	return data.user!;
}

/** A raw request to the auth API with the given key as apikey and bearer. */
function authFetch(path: string, init: RequestInit & { key?: string } = {}) {
	const key = init.key ?? t().anonKey;
	return fetch(`${t().url}/auth/v1${path}`, {
		...init,
		redirect: 'manual',
		headers: {
			apikey: key,
			authorization: `Bearer ${key}`,
			'content-type': 'application/json',
			'x-supabase-api-version': '2024-01-01',
			...(init.headers as Record<string, string> | undefined)
		}
	});
}

const fragmentOf = (location: string) => new URLSearchParams(location.split('#')[1] ?? '');

describe('generate_link', () => {
	it('gives a magic link for an existing user with its OTP, hash and action link', async () => {
		const user = await confirmedUser();
		const { data, error } = await t()
			.admin()
			.auth.admin.generateLink({ type: 'magiclink', email: user.email! });
		expect(error).toBeNull();
		const props = data.properties!;
		expect(props.verification_type).toBe('magiclink');
		expect(props.email_otp).toMatch(/^\d{6}$/);
		expect(props.hashed_token).toBe(
			createHash('sha224')
				.update(user.email! + props.email_otp)
				.digest('hex')
		);
		expect(props.redirect_to).toBe(t().url);
		expect(props.action_link).toBe(
			`${t().url}/auth/v1/verify?token=${props.hashed_token}&type=magiclink&redirect_to=${t().url}`
		);
		expect(data.user).toMatchObject({ id: user.id, email: user.email });
		expect(data.user!.recovery_sent_at).toBeTruthy();
		// Only the hash is stored.
		const rows = await t().db.query<{ token_type: string; token_hash: string; relates_to: string }>(
			`select token_type::text as token_type, token_hash, relates_to from auth.one_time_tokens where user_id = $1`,
			[user.id]
		);
		expect(rows.rows).toEqual([
			{ token_type: 'recovery_token', token_hash: props.hashed_token, relates_to: user.email }
		]);
	});

	it('refuses callers without an admin role with 403 not_admin', async () => {
		const res = await authFetch('/admin/generate_link', {
			method: 'POST',
			body: JSON.stringify({ type: 'magiclink', email: freshEmail() })
		});
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
		const { error } = await t()
			.client()
			.auth.admin.generateLink({ type: 'magiclink', email: freshEmail() });
		expect(error).toMatchObject({ status: 403, code: 'not_admin' });
	});

	it('answers an unknown type, a missing email and a bad body as GoTrue does', async () => {
		const email = (await confirmedUser()).email!;
		const post = (body: unknown) =>
			authFetch('/admin/generate_link', {
				method: 'POST',
				key: t().serviceRoleKey,
				body: typeof body === 'string' ? body : JSON.stringify(body)
			});
		let res = await post({ type: 'bogus', email });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			code: 'validation_failed',
			message: 'Invalid email action link type requested: bogus'
		});
		res = await post({ type: 'magiclink' });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			code: 'validation_failed',
			message: 'An email address is required'
		});
		res = await post({ type: 'magiclink', email: 42 });
		expect(res.status).toBe(400);
		expect((await res.json()).code).toBe('bad_json');
	});

	it('turns a magic link for an unknown address into a sign-up link that creates the user', async () => {
		const email = freshEmail();
		const { data, error } = await t().admin().auth.admin.generateLink({ type: 'magiclink', email });
		expect(error).toBeNull();
		expect(data.properties!.verification_type).toBe('signup');
		expect(data.properties!.action_link).toContain('&type=signup&');
		expect(data.user).toMatchObject({ email, app_metadata: { provider: 'email' } });
		expect(data.user!.email_confirmed_at).toBeUndefined();
		expect(data.user!.confirmation_sent_at).toBeTruthy();
		const c = t().client();
		// The link is a confirmation link, so `magiclink` does not find it; `email` does.
		const wrong = await c.auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'magiclink'
		});
		expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' });
		const { data: v, error: vErr } = await c.auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'email'
		});
		expect(vErr).toBeNull();
		expect(v.user).toMatchObject({ id: data.user!.id, email });
		expect(v.user!.email_confirmed_at).toBeTruthy();
	});

	it('needs a password for a sign-up link and refuses a confirmed address', async () => {
		const admin = t().admin().auth.admin;
		const noPw = await admin.generateLink({
			type: 'signup',
			email: freshEmail(),
			password: ''
		});
		expect(noPw.error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'Signup requires a valid password'
		});
		const weak = await admin.generateLink({ type: 'signup', email: freshEmail(), password: 'x' });
		expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
		const taken = await admin.generateLink({
			type: 'signup',
			email: (await confirmedUser()).email!,
			password: 'secret-pw'
		});
		expect(taken.error).toMatchObject({
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered'
		});
	});

	it('signs a new user up through a sign-up link, who can then use the password', async () => {
		const email = freshEmail();
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({
				type: 'signup',
				email,
				password: 'secret-pw',
				options: { data: { name: 'Ada' } }
			});
		expect(data.user).toMatchObject({ email, user_metadata: { name: 'Ada' } });
		const refused = await t().client().auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(refused.error).toMatchObject({ code: 'email_not_confirmed' });
		const { error } = await t()
			.client()
			.auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'signup' });
		expect(error).toBeNull();
		const ok = await t().client().auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(ok.error).toBeNull();
		expect(ok.data.user!.user_metadata).toMatchObject({ name: 'Ada', email_verified: true });
	});

	it('invites a new user, whose invite link confirms them', async () => {
		const email = freshEmail();
		const { data, error } = await t().admin().auth.admin.generateLink({ type: 'invite', email });
		expect(error).toBeNull();
		expect(data.properties!.verification_type).toBe('invite');
		expect(data.user!.invited_at).toBeTruthy();
		const { data: v, error: vErr } = await t()
			.client()
			.auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'invite' });
		expect(vErr).toBeNull();
		expect(v.user!.email_confirmed_at).toBeTruthy();
		expect(v.user!.identities![0].identity_data).toMatchObject({ email_verified: true });
		const again = await t().admin().auth.admin.generateLink({ type: 'invite', email });
		expect(again.error).toMatchObject({ status: 422, code: 'email_exists' });
	});

	it('gives recovery links to known addresses only', async () => {
		const missing = await t()
			.admin()
			.auth.admin.generateLink({ type: 'recovery', email: freshEmail() });
		expect(missing.error).toMatchObject({
			status: 404,
			code: 'user_not_found',
			message: 'User with this email not found'
		});
		const user = await confirmedUser();
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({ type: 'recovery', email: user.email! });
		const events: string[] = [];
		const c = t().client();
		c.auth.onAuthStateChange((event) => events.push(event));
		const { data: v, error } = await c.auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'recovery'
		});
		expect(error).toBeNull();
		expect(v.user!.id).toBe(user.id);
		expect(events).toContain('PASSWORD_RECOVERY');
	});
	it('changes the address with the code sent to the new one', async () => {
		const user = await confirmedUser();
		const next = freshEmail();
		const { data, error } = await t().admin().auth.admin.generateLink({
			type: 'email_change_new',
			email: user.email!,
			newEmail: next
		});
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ email: user.email, new_email: next });
		expect(data.properties!.action_link).toContain('&type=email_change&');
		const { data: v, error: vErr } = await t().client().auth.verifyOtp({
			email: next,
			token: data.properties!.email_otp,
			type: 'email_change'
		});
		expect(vErr).toBeNull();
		expect(v.user).toMatchObject({ id: user.id, email: next });
		expect(v.user!.new_email).toBeUndefined();
		const taken = await t()
			.admin()
			.auth.admin.generateLink({
				type: 'email_change_current',
				email: next,
				newEmail: (await confirmedUser()).email!
			});
		expect(taken.error).toMatchObject({ status: 422, code: 'email_exists' });
	});
});

describe('verify', () => {
	it('signs in with a magic link hash: SIGNED_IN, otp amr, a session that works for /rest and refresh', async () => {
		const user = await confirmedUser();
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({ type: 'magiclink', email: user.email! });
		const c = t().client();
		const events: string[] = [];
		c.auth.onAuthStateChange((event) => events.push(event));
		const { data: v, error } = await c.auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'magiclink'
		});
		expect(error).toBeNull();
		expect(events).toContain('SIGNED_IN');
		const session = v.session!;
		expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		expect(session.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(v.user).toMatchObject({ id: user.id, email: user.email });
		const claims = JSON.parse(
			Buffer.from(session.access_token.split('.')[1], 'base64url').toString()
		);
		expect(claims).toMatchObject({ sub: user.id, role: 'authenticated', aal: 'aal1' });
		expect(claims.amr.map((a: { method: string }) => a.method)).toEqual(['otp']);
		const rest = await c.from('no_such_table_for_links').select('*');
		// The JWT is accepted by /rest: the error is about the table, not the token.
		expect(rest.error?.code).toBe('PGRST205');
		const { data: who } = await c.auth.getUser();
		expect(who.user!.id).toBe(user.id);
		const refreshed = await c.auth.refreshSession();
		expect(refreshed.error).toBeNull();
		expect(refreshed.data.session!.refresh_token).not.toBe(session.refresh_token);
	});

	it('accepts a token once: the second use is 403 otp_expired', async () => {
		const user = await confirmedUser();
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({ type: 'magiclink', email: user.email! });
		const hash = data.properties!.hashed_token;
		expect((await t().client().auth.verifyOtp({ token_hash: hash, type: 'magiclink' })).error).toBe(
			null
		);
		const res = await authFetch('/verify', {
			method: 'POST',
			body: JSON.stringify({ token_hash: hash, type: 'magiclink' })
		});
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({
			code: 'otp_expired',
			message: 'Email link is invalid or has expired'
		});
		const left = await t().db.query(`select 1 from auth.one_time_tokens where user_id = $1`, [
			user.id
		]);
		expect(left.rows).toHaveLength(0);
	});

	it('refuses an expired link and an expired code', async () => {
		const user = await confirmedUser();
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({ type: 'magiclink', email: user.email! });
		// GoTrue measures a link's age from when it was sent.
		await t().db.query(
			`update auth.users set recovery_sent_at = now() - interval '3601 seconds' where id = $1`,
			[user.id]
		);
		await t().db.query(
			`update auth.one_time_tokens set created_at = now() - interval '3601 seconds' where user_id = $1`,
			[user.id]
		);
		const byHash = await t()
			.client()
			.auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'magiclink' });
		expect(byHash.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Email link is invalid or has expired'
		});
		const byCode = await t().client().auth.verifyOtp({
			email: user.email!,
			token: data.properties!.email_otp,
			type: 'email'
		});
		expect(byCode.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Token has expired or is invalid'
		});
	});

	it('signs in with the email and the six-digit code', async () => {
		const user = await confirmedUser();
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({ type: 'magiclink', email: user.email! });
		const otp = data.properties!.email_otp;
		const wrong = await t()
			.client()
			.auth.verifyOtp({
				email: user.email!,
				token: otp === '000000' ? '000001' : '000000',
				type: 'email'
			});
		expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' });
		const { data: v, error } = await t()
			.client()
			.auth.verifyOtp({ email: user.email!.toUpperCase(), token: otp, type: 'email' });
		expect(error).toBeNull();
		expect(v.user!.id).toBe(user.id);
		expect(v.session!.access_token).toBeTruthy();
		const unknown = await t()
			.client()
			.auth.verifyOtp({ email: freshEmail(), token: otp, type: 'email' });
		expect(unknown.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Token has expired or is invalid'
		});
	});

	it('validates its parameters as GoTrue does', async () => {
		const post = async (body: unknown) => {
			const res = await authFetch('/verify', { method: 'POST', body: JSON.stringify(body) });
			return { status: res.status, body: await res.json() };
		};
		expect(await post({ token_hash: 'abc' })).toEqual({
			status: 400,
			body: { code: 'validation_failed', message: 'Verify requires a verification type' }
		});
		expect(await post({ type: 'magiclink' })).toEqual({
			status: 400,
			body: { code: 'validation_failed', message: 'Verify requires either a token or a token hash' }
		});
		expect(await post({ type: 'magiclink', token: '123456', token_hash: 'abc' })).toEqual({
			status: 400,
			body: { code: 'validation_failed', message: 'Verify requires either a token or a token hash' }
		});
		expect(await post({ type: 'email', token: '123456' })).toEqual({
			status: 400,
			body: {
				code: 'validation_failed',
				message: 'Only an email address or phone number should be provided on verify'
			}
		});
		expect(await post({ type: 'email', token: '123456', email: 'not-an-email' })).toEqual({
			status: 422,
			body: { code: 'validation_failed', message: 'Invalid email format' }
		});
		expect(await post({ type: 'magiclink', token_hash: 'abc', email: 'a@example.test' })).toEqual({
			status: 400,
			body: {
				code: 'validation_failed',
				message: 'Only the token_hash and type should be provided'
			}
		});
		expect(await post({ type: 'sms', token_hash: 'abc' })).toEqual({
			status: 400,
			body: { code: 'validation_failed', message: 'Invalid email verification type' }
		});
		expect(await post({ type: 'magiclink', token_hash: 'no-such-hash' })).toEqual({
			status: 403,
			body: { code: 'otp_expired', message: 'Email link is invalid or has expired' }
		});
		const { error } = await t().client().auth.verifyOtp({ token_hash: 'nope', type: 'email' });
		expect(error).toMatchObject({ status: 403, code: 'otp_expired' });
	});

	it('refuses a banned user with 403 user_banned', async () => {
		const user = await confirmedUser();
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({ type: 'magiclink', email: user.email! });
		await t().admin().auth.admin.updateUserById(user.id, { ban_duration: '24h' });
		const { error } = await t()
			.client()
			.auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'magiclink' });
		expect(error).toMatchObject({ status: 403, code: 'user_banned', message: 'User is banned' });
	});
});

describe('the link itself (GET /verify)', () => {
	it('redirects 303 to redirect_to with the session in the fragment', async () => {
		const user = await confirmedUser();
		const app = 'http://127.0.0.1:3000/welcome';
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({
				type: 'magiclink',
				email: user.email!,
				options: { redirectTo: app }
			});
		expect(data.properties!.redirect_to).toBe(app);
		expect(data.properties!.action_link).toContain(`&redirect_to=${app}`);
		const res = await fetch(data.properties!.action_link, {
			redirect: 'manual',
			headers: { apikey: t().anonKey }
		});
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location.startsWith(`${app}#`)).toBe(true);
		const f = fragmentOf(location);
		// AccessTokenResponse.AsRedirectURL: url.Values in key order, with the empty `sb` marker.
		expect([...f.keys()]).toEqual([
			'access_token',
			'expires_at',
			'expires_in',
			'refresh_token',
			'sb',
			'token_type',
			'type'
		]);
		expect(f.get('sb')).toBe('');
		expect(f.get('token_type')).toBe('bearer');
		expect(f.get('type')).toBe('magiclink');
		expect(f.get('expires_in')).toBe('3600');
		// The fragment's session is a real one.
		const c = t().client();
		const set = await c.auth.setSession({
			access_token: f.get('access_token')!,
			refresh_token: f.get('refresh_token')!
		});
		expect(set.error).toBeNull();
		expect(set.data.user!.id).toBe(user.id);
	});

	it('redirects with the error in the fragment when the link is spent, keeping the query', async () => {
		const user = await confirmedUser();
		const app = 'http://localhost:5173/auth?next=%2Fapp';
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({
				type: 'magiclink',
				email: user.email!,
				options: { redirectTo: app }
			});
		const link = data.properties!.action_link;
		expect(
			(await fetch(link, { redirect: 'manual', headers: { apikey: t().anonKey } })).status
		).toBe(303);
		const res = await fetch(link, { redirect: 'manual', headers: { apikey: t().anonKey } });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(
			`${app}#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb=`
		);
	});

	it('sends a disallowed redirect_to to the site URL, and answers missing parameters with JSON', async () => {
		const res = await fetch(
			`${t().url}/auth/v1/verify?token=nope&type=magiclink&redirect_to=${encodeURIComponent('https://evil.example/x')}`,
			{ redirect: 'manual', headers: { apikey: t().anonKey } }
		);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')!.startsWith(`${t().url}#error=access_denied&`)).toBe(true);
		const missing = await authFetch('/verify?type=magiclink');
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({
			code: 'validation_failed',
			message: 'Verify requires a token or a token hash'
		});
		const { data } = await t()
			.admin()
			.auth.admin.generateLink({
				type: 'magiclink',
				email: (await confirmedUser()).email!,
				options: { redirectTo: 'https://evil.example/x' }
			});
		expect(data.properties!.redirect_to).toBe(t().url);
	});
});
