/**
 * Sign-up confirmation with confirmations on (the CLI's `[auth.email] enable_confirmations`,
 * GOTRUE_MAILER_AUTOCONFIRM=false): `signup.go` mails the confirmation and returns the user
 * without a session, the password grant refuses the unconfirmed address, the link or the
 * code (`verify.go`) confirms and signs in, and `resend.go` mails it again. Through supabase-js.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { authPost, emailMaker } from './helpers/auth.ts';
import { latestMail, mailsTo } from './helpers/mailpit.ts';
import { useTestStack } from './helpers/use-stack.ts';

process.env.PARLEY_AUTH_ENABLE_CONFIRMATIONS = 'true';
// A minute between two mails of a kind, so the window holds however slow the machine.
process.env.PARLEY_AUTH_EMAIL_MAX_FREQUENCY_SECONDS = '60';
const t = useTestStack();
afterAll(() => {
	delete process.env.PARLEY_AUTH_ENABLE_CONFIRMATIONS;
	delete process.env.PARLEY_AUTH_EMAIL_MAX_FREQUENCY_SECONDS;
});
const freshEmail = emailMaker('confirm');
const app = 'http://localhost:5173/welcome';

/** Lets the next mail of a kind go out at once. */
const age = (email: string, column: string) =>
	t().db.query(`update auth.users set ${column} = now() - interval '2 minutes' where email = $1`, [
		email
	]);

describe('sign-up with confirmations on', () => {
	it('reports mailer_autoconfirm false in /settings', async () => {
		const res = await fetch(`${t().url}/auth/v1/settings`, { headers: { apikey: t().anonKey } });
		expect((await res.json()).mailer_autoconfirm).toBe(false);
	});

	it('returns the user without a session, mails the link, and the link confirms and signs in', async () => {
		const email = freshEmail();
		const client = t().client();
		const { data, error } = await client.auth.signUp({
			email,
			password: 'secret-pw-1',
			options: { emailRedirectTo: app, data: { plan: 'free' } }
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user).toMatchObject({
			email,
			user_metadata: { plan: 'free' },
			role: 'authenticated'
		});
		expect(data.user!.email_confirmed_at).toBeUndefined();
		expect(data.user!.confirmed_at).toBeUndefined();
		expect(data.user!.confirmation_sent_at).toEqual(expect.any(String));
		expect(data.user!.identities).toHaveLength(1);

		const early = await t().client().auth.signInWithPassword({ email, password: 'secret-pw-1' });
		expect(early.error).toMatchObject({
			status: 400,
			code: 'email_not_confirmed',
			message: 'Email not confirmed'
		});

		const mail = await latestMail(t(), email);
		expect(mail.summary.Subject).toBe('Confirm Your Email');
		expect(mail.html).toContain('<h2>Confirm Your Email</h2>');
		expect(mail.html).toContain('Confirm your email address</a>');
		expect(mail.code).toMatch(/^\d{6}$/);
		const link = new URL(mail.link);
		expect(link.searchParams.get('type')).toBe('signup');
		expect(link.searchParams.get('redirect_to')).toBe(app);

		const res = await fetch(mail.link, { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location.startsWith(`${app}#`)).toBe(true);
		const fragment = new URLSearchParams(location.split('#')[1]);
		expect(fragment.get('type')).toBe('signup');
		const set = await client.auth.setSession({
			access_token: fragment.get('access_token')!,
			refresh_token: fragment.get('refresh_token')!
		});
		expect(set.error).toBeNull();
		expect(set.data.user!.email_confirmed_at).toEqual(expect.any(String));
		expect(set.data.user!.identities![0].identity_data).toMatchObject({ email_verified: true });

		const later = await t().client().auth.signInWithPassword({ email, password: 'secret-pw-1' });
		expect(later.error).toBeNull();
	});

	it('confirms with the code typed in (type signup or email)', async () => {
		for (const type of ['signup', 'email'] as const) {
			const email = freshEmail();
			expect((await t().client().auth.signUp({ email, password: 'secret-pw-1' })).error).toBeNull();
			const { code } = await latestMail(t(), email);
			const { data, error } = await t().client().auth.verifyOtp({ email, token: code!, type });
			expect(error).toBeNull();
			expect(data.session).not.toBeNull();
			expect(data.user!.email_confirmed_at).toEqual(expect.any(String));
		}
	});

	it('answers a repeated sign-up of a confirmed address with a look-alike user, and mails nothing', async () => {
		const email = freshEmail();
		await t()
			.admin()
			.auth.admin.createUser({ email, password: 'secret-pw-1', email_confirm: true });
		const { data, error } = await t()
			.client()
			.auth.signUp({ email, password: 'other-pw-2', options: { data: { a: 1 } } });
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		const { data: real } = await t().admin().auth.admin.listUsers({ perPage: 1000 });
		const actual = real.users.find((u) => u.email === email)!;
		expect(data.user!.id).not.toBe(actual.id);
		expect(data.user).toMatchObject({ email, role: '', identities: [], user_metadata: { a: 1 } });
		expect(data.user!.email_confirmed_at).toBeUndefined();
		expect(await mailsTo(t(), email)).toEqual([]);
	});

	it('sends the confirmation, not a magic link, when an unconfirmed or unknown address asks for one', async () => {
		const pending = freshEmail();
		await t().client().auth.signUp({ email: pending, password: 'secret-pw-1' });
		await age(pending, 'confirmation_sent_at');
		expect((await t().client().auth.signInWithOtp({ email: pending })).error).toBeNull();
		const stranger = freshEmail();
		expect((await t().client().auth.signInWithOtp({ email: stranger })).error).toBeNull();
		for (const email of [pending, stranger]) {
			const mail = await latestMail(t(), email);
			expect(mail.summary.Subject).toBe('Confirm Your Email');
			const { data, error } = await t()
				.client()
				.auth.verifyOtp({ email, token: mail.code!, type: 'email' });
			expect(error).toBeNull();
			expect(data.user!.email_confirmed_at).toEqual(expect.any(String));
		}
	});
});

describe('resend', () => {
	it('mails a new confirmation that replaces the old one, inside the frequency window only once', async () => {
		const email = freshEmail();
		await t().client().auth.signUp({ email, password: 'secret-pw-1' });
		const first = await latestMail(t(), email);
		const soon = await t().client().auth.resend({ type: 'signup', email });
		expect(soon.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });

		await age(email, 'confirmation_sent_at');
		const { data, error } = await t().client().auth.resend({ type: 'signup', email });
		expect(error).toBeNull();
		expect(data).toEqual({ user: null, session: null });
		const second = await latestMail(t(), email);
		expect(second.summary.ID).not.toBe(first.summary.ID);
		expect(second.summary.Subject).toBe('Confirm Your Email');
		if (first.code !== second.code) {
			const old = await t().client().auth.verifyOtp({ email, token: first.code!, type: 'signup' });
			expect(old.error).toMatchObject({ status: 403, code: 'otp_expired' });
		}
		const ok = await t().client().auth.verifyOtp({ email, token: second.code!, type: 'signup' });
		expect(ok.error).toBeNull();

		// Confirmed now: a further resend answers the same and mails nothing.
		await age(email, 'confirmation_sent_at');
		expect((await t().client().auth.resend({ type: 'signup', email })).error).toBeNull();
		expect(await mailsTo(t(), email)).toHaveLength(2);
	});

	it('answers an unknown address as a known one, and checks its parameters', async () => {
		const email = freshEmail();
		expect((await t().client().auth.resend({ type: 'signup', email })).error).toBeNull();
		expect(await mailsTo(t(), email)).toEqual([]);
		const post = async (body: unknown) => {
			const res = await authPost(t(), 'resend', body);
			return { status: res.status, body: await res.json() };
		};
		expect(await post({ type: 'recovery', email })).toEqual({
			status: 400,
			body: {
				code: 'validation_failed',
				message: 'Missing one of these types: signup, email_change, sms, phone_change'
			}
		});
		expect(await post({ type: 'signup' })).toEqual({
			status: 400,
			body: { code: 'validation_failed', message: 'Type provided requires an email address' }
		});
		expect(await post({ type: 'sms', phone: '15555550100' })).toEqual({
			status: 400,
			body: { code: 'phone_provider_disabled', message: 'Phone logins are disabled' }
		});
		expect(await post({ type: 'email_change' })).toEqual({
			status: 400,
			body: { code: 'validation_failed', message: 'Missing email address or phone number' }
		});
	});
});
