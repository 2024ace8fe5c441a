/**
 * Email OTP and magic links (POST /auth/v1/otp, GoTrue's `otp.go` and `magic_link.go`; the
 * link and code verified by `verify.go`), through supabase-js `signInWithOtp` and `verifyOtp`,
 * reading the mail from the catcher as a user would. The stack runs the CLI's defaults
 * (autoconfirm), so an unknown address is signed up and gets the magic link too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { authPost, emailMaker } from './helpers/auth.ts';
import { claimsOf, latestMail, mailsTo } from './helpers/mailpit.ts';
import { useTestStack } from './helpers/use-stack.ts';

// A minute between two mails to one user, so the shared frequency window is testable.
process.env.PARLEY_AUTH_EMAIL_MAX_FREQUENCY_SECONDS = '60';
const t = useTestStack();
afterAll(() => void delete process.env.PARLEY_AUTH_EMAIL_MAX_FREQUENCY_SECONDS);
const freshEmail = emailMaker('otp');
const app = 'http://127.0.0.1:5173/auth/callback';

async function confirmedUser(data: Record<string, unknown> = {}) {
	const email = freshEmail();
	const { data: created, error } = await t().admin().auth.admin.createUser({
		email,
		password: 'secret-pw-1',
		email_confirm: true,
		user_metadata: data
	});
	expect(error).toBeNull();
	return { email, id: created.user!.id };
}

describe('signInWithOtp by email', () => {
	it('mails a magic link with its code (the CLI GoTrue template), and the link signs in once', async () => {
		const { email, id } = await confirmedUser();
		const client = t().client();
		const { data, error } = await client.auth.signInWithOtp({
			email,
			options: { emailRedirectTo: app }
		});
		expect(error).toBeNull();
		expect(data).toEqual({ user: null, session: null });

		const mail = await latestMail(t(), email);
		expect(mail.summary.Subject).toBe('Your Magic Link');
		expect(mail.html).toContain('<h2>Magic Link</h2>');
		expect(mail.html).toContain('<p>Follow this link to login:</p>');
		expect(mail.code).toMatch(/^\d{6}$/);
		const link = new URL(mail.link);
		expect(`${link.origin}${link.pathname}`).toBe(`${t().url}/auth/v1/verify`);
		expect(link.searchParams.get('type')).toBe('magiclink');
		expect(link.searchParams.get('redirect_to')).toBe(app);
		expect(link.searchParams.get('token')).toMatch(/^[0-9a-f]{56}$/);

		const res = await fetch(mail.link, { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location.startsWith(`${app}#`)).toBe(true);
		const fragment = new URLSearchParams(location.split('#')[1]);
		expect(fragment.get('type')).toBe('magiclink');
		expect(fragment.get('sb')).toBe('');
		const set = await client.auth.setSession({
			access_token: fragment.get('access_token')!,
			refresh_token: fragment.get('refresh_token')!
		});
		expect(set.error).toBeNull();
		expect(set.data.user!.id).toBe(id);
		// verify.go issues every email-link session with models.OTP.
		expect(claimsOf(fragment.get('access_token')!).amr).toEqual([
			{ method: 'otp', timestamp: expect.any(Number) }
		]);

		// The link is single-use: the second click lands with the error in the fragment.
		const again = await fetch(mail.link, { redirect: 'manual' });
		expect(again.status).toBe(303);
		expect(again.headers.get('location')).toBe(
			`${app}#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb=`
		);
	});

	it('signs in with the mailed code typed in, once', async () => {
		const { email, id } = await confirmedUser();
		const client = t().client();
		expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
		const { code } = await latestMail(t(), email);

		const wrong = await client.auth.verifyOtp({ email, token: '000000', type: 'email' });
		if (code !== '000000')
			expect(wrong.error).toMatchObject({
				status: 403,
				code: 'otp_expired',
				message: 'Token has expired or is invalid'
			});
		const { data, error } = await client.auth.verifyOtp({ email, token: code!, type: 'email' });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
		expect(data.session!.user.email).toBe(email);
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'otp', timestamp: expect.any(Number) }
		]);
		const { data: me } = await client.auth.getUser();
		expect(me.user!.id).toBe(id);

		const reused = await t().client().auth.verifyOtp({ email, token: code!, type: 'email' });
		expect(reused.error).toMatchObject({ status: 403, code: 'otp_expired' });
	});

	it('accepts the code as type magiclink, and the link hash through verifyOtp', async () => {
		const a = await confirmedUser();
		expect((await t().client().auth.signInWithOtp({ email: a.email })).error).toBeNull();
		const mailA = await latestMail(t(), a.email);
		const byCode = await t()
			.client()
			.auth.verifyOtp({ email: a.email, token: mailA.code!, type: 'magiclink' });
		expect(byCode.error).toBeNull();
		expect(byCode.data.user!.id).toBe(a.id);

		const b = await confirmedUser();
		expect((await t().client().auth.signInWithOtp({ email: b.email })).error).toBeNull();
		const mailB = await latestMail(t(), b.email);
		const hash = new URL(mailB.link).searchParams.get('token')!;
		const byHash = await t().client().auth.verifyOtp({ token_hash: hash, type: 'email' });
		expect(byHash.error).toBeNull();
		expect(byHash.data.user!.id).toBe(b.id);
	});

	it('signs an unknown address up with its data (autoconfirm) and mails it the magic link', async () => {
		const email = freshEmail();
		const client = t().client();
		const { error } = await client.auth.signInWithOtp({
			email,
			options: { data: { display_name: 'Ada' } }
		});
		expect(error).toBeNull();
		const mails = await mailsTo(t(), email);
		expect(mails.map((m) => m.Subject)).toEqual(['Your Magic Link']);
		const { code } = await latestMail(t(), email);
		const { data, error: verifyError } = await client.auth.verifyOtp({
			email,
			token: code!,
			type: 'email'
		});
		expect(verifyError).toBeNull();
		expect(data.user!.user_metadata).toMatchObject({ display_name: 'Ada' });
		expect(data.user!.email_confirmed_at).toBeTruthy();
		expect(data.user!.app_metadata).toMatchObject({ provider: 'email', providers: ['email'] });
	});

	it('answers otp_disabled for an unknown address when shouldCreateUser is false', async () => {
		const email = freshEmail();
		const { error } = await t()
			.client()
			.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
		expect(error).toMatchObject({
			status: 422,
			code: 'otp_disabled',
			message: 'Signups not allowed for otp'
		});
		expect(await mailsTo(t(), email)).toEqual([]);
		const { data } = await t().admin().auth.admin.listUsers({ perPage: 1000 });
		expect(data.users.some((u) => u.email === email)).toBe(false);

		const known = await confirmedUser();
		const ok = await t()
			.client()
			.auth.signInWithOtp({ email: known.email, options: { shouldCreateUser: false } });
		expect(ok.error).toBeNull();
	});

	it('shares the frequency window with password recovery (recovery_sent_at)', async () => {
		const { email } = await confirmedUser();
		expect((await t().client().auth.signInWithOtp({ email })).error).toBeNull();
		const second = await t().client().auth.signInWithOtp({ email });
		expect(second.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
		expect(second.error!.message).toMatch(
			/^For security purposes, you can only request this after \d+ seconds\.$/
		);
		const recover = await t().client().auth.resetPasswordForEmail(email);
		expect(recover.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
		expect(await mailsTo(t(), email)).toHaveLength(1);
	});

	it('refuses an expired code and an expired link', async () => {
		const { email, id } = await confirmedUser();
		expect(
			(
				await t()
					.client()
					.auth.signInWithOtp({ email, options: { emailRedirectTo: app } })
			).error
		).toBeNull();
		const mail = await latestMail(t(), email);
		// The CLI's otp_expiry: an hour.
		await t().db.query(
			`update auth.users set recovery_sent_at = now() - interval '61 minutes' where id = $1`,
			[id]
		);
		const typed = await t().client().auth.verifyOtp({ email, token: mail.code!, type: 'email' });
		expect(typed.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Token has expired or is invalid'
		});
		const res = await fetch(mail.link, { redirect: 'manual' });
		expect(res.status).toBe(303);
		const fragment = new URLSearchParams(res.headers.get('location')!.split('#')[1]);
		expect(fragment.get('error_code')).toBe('otp_expired');
		expect(fragment.get('error')).toBe('access_denied');
	});
});

describe('signInWithOtp by phone and bad input', () => {
	it('answers as GoTrue does with no SMS provider', async () => {
		const { error } = await t().client().auth.signInWithOtp({ phone: '+15555550100' });
		expect(error).toMatchObject({
			status: 400,
			code: 'phone_provider_disabled',
			message: 'Unsupported phone provider'
		});
		const noCreate = await t()
			.client()
			.auth.signInWithOtp({ phone: '+15555550100', options: { shouldCreateUser: false } });
		expect(noCreate.error).toMatchObject({ status: 422, code: 'otp_disabled' });
	});

	const post = (body: unknown) => authPost(t(), 'otp', body);

	it('serves the older POST /magiclink with its own checks', async () => {
		const call = async (body: unknown) => {
			const res = await authPost(t(), 'magiclink', body);
			return { status: res.status, body: await res.json() };
		};
		// MagicLinkParams.Validate: an empty address is a 422, unlike /otp's 400.
		expect(await call({})).toEqual({
			status: 422,
			body: { code: 'validation_failed', message: 'Password recovery requires an email' }
		});
		const { email } = await confirmedUser();
		expect(await call({ email })).toEqual({ status: 200, body: {} });
		expect((await latestMail(t(), email)).summary.Subject).toBe('Your Magic Link');
	});

	it('validates the parameters in OtpParams.Validate order', async () => {
		const both = await post({ email: 'a@example.test', phone: '15555550100' });
		expect(both.status).toBe(400);
		expect(await both.json()).toEqual({
			code: 'validation_failed',
			message: 'Only an email address or phone number should be provided'
		});
		const channel = await post({ email: 'a@example.test', channel: 'sms' });
		expect(await channel.json()).toEqual({
			code: 'validation_failed',
			message: 'Channel should only be specified with Phone OTP'
		});
		const half = await post({ email: 'a@example.test', code_challenge: 'x'.repeat(43) });
		expect(await half.json()).toEqual({
			code: 'validation_failed',
			message: 'PKCE flow requires code_challenge_method and code_challenge'
		});
		const none = await post({});
		expect(none.status).toBe(400);
		expect(await none.json()).toEqual({
			code: 'validation_failed',
			message: 'One of email or phone must be set'
		});
		const bad = await post({ email: 'not-an-address' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).code).toBe('validation_failed');
		const typed = await post({ email: 'a@example.test', create_user: 'yes' });
		expect(typed.status).toBe(400);
		expect((await typed.json()).code).toBe('bad_json');
	});
});
