/**
 * Email change by mail (PUT /auth/v1/user with an email, `user.go` and sendEmailChange in
 * `mail.go`; the links verified by `verify.go` emailChangeVerify), through supabase-js
 * `updateUser({ email })`. With secure email change (the CLI's `double_confirm_changes`,
 * on) both addresses are mailed; GoTrue asks for both links only without autoconfirm, so this
 * file turns confirmations on, and starts stacks of its own for the other two settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMaker } from './helpers/auth.ts';
import { latestMail, mailsTo } from './helpers/mailpit.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { useTestStack } from './helpers/use-stack.ts';

process.env.PARLEY_AUTH_ENABLE_CONFIRMATIONS = 'true';
const t = useTestStack();
afterAll(() => void delete process.env.PARLEY_AUTH_ENABLE_CONFIRMATIONS);
const freshEmail = emailMaker('change');
const app = 'http://localhost:5173/account';
const ACCEPTED =
	'Confirmation link accepted. Please proceed to confirm link sent to the other email';

/** A confirmed user signed in on a fresh client. */
async function signedIn(stack: TestStack) {
	const email = freshEmail();
	const created = await stack
		.admin()
		.auth.admin.createUser({ email, password: 'secret-pw-1', email_confirm: true });
	expect(created.error).toBeNull();
	const client = stack.client();
	expect(
		(await client.auth.signInWithPassword({ email, password: 'secret-pw-1' })).error
	).toBeNull();
	return { email, client, id: created.data.user!.id };
}

/** A stack of this file's own with some auth settings, for one describe block. */
function stackWith(env: Record<string, string>): () => TestStack {
	let stack: TestStack | undefined;
	beforeAll(async () => {
		const saved = { ...process.env };
		Object.assign(process.env, env);
		try {
			stack = await startTestStack();
		} finally {
			for (const key of Object.keys(env))
				if (saved[key] === undefined) delete process.env[key];
				else process.env[key] = saved[key];
		}
	});
	afterAll(async () => {
		await stack?.stop();
	});
	return () => stack!;
}

describe('secure email change with confirmations on', () => {
	it('mails both addresses, and changes the email only after both links', async () => {
		const { email, client } = await signedIn(t());
		const next = freshEmail();
		const { data, error } = await client.auth.updateUser({ email: next }, { emailRedirectTo: app });
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ email, new_email: next });
		expect(data.user!.email_change_sent_at).toEqual(expect.any(String));

		const toNew = await latestMail(t(), next);
		const toCurrent = await latestMail(t(), email);
		for (const mail of [toNew, toCurrent]) {
			expect(mail.summary.Subject).toBe('Confirm Email Change');
			expect(mail.html).toContain(
				`<p>Follow this link to confirm the update of your email address from ${email} to ${next}:</p>`
			);
			expect(new URL(mail.link).searchParams.get('type')).toBe('email_change');
			expect(new URL(mail.link).searchParams.get('redirect_to')).toBe(app);
		}
		expect(toNew.link).not.toBe(toCurrent.link);

		const first = await fetch(toCurrent.link, { redirect: 'manual' });
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe(
			`${app}#message=Confirmation+link+accepted.+Please+proceed+to+confirm+link+sent+to+the+other+email&sb=`
		);
		expect((await client.auth.getUser()).data.user).toMatchObject({ email, new_email: next });

		const second = await fetch(toNew.link, { redirect: 'manual' });
		expect(second.status).toBe(303);
		const fragment = new URLSearchParams(second.headers.get('location')!.split('#')[1]);
		expect(fragment.get('type')).toBe('email_change');
		const set = await t()
			.client()
			.auth.setSession({
				access_token: fragment.get('access_token')!,
				refresh_token: fragment.get('refresh_token')!
			});
		expect(set.error).toBeNull();
		expect(set.data.user!.email).toBe(next);
		expect(set.data.user!.new_email).toBeUndefined();
		expect(set.data.user!.identities![0].identity_data).toMatchObject({
			email: next,
			email_verified: true
		});

		// The first link is spent.
		const replay = await fetch(toCurrent.link, { redirect: 'manual' });
		expect(
			new URLSearchParams(replay.headers.get('location')!.split('#')[1]).get('error_code')
		).toBe('otp_expired');
		const login = await t()
			.client()
			.auth.signInWithPassword({ email: next, password: 'secret-pw-1' });
		expect(login.error).toBeNull();
	});

	it('takes the two codes typed in: the first answers GoTrue message, the second a session', async () => {
		const { email, client } = await signedIn(t());
		const next = freshEmail();
		expect((await client.auth.updateUser({ email: next })).error).toBeNull();
		const codeNew = (await latestMail(t(), next)).code!;
		const codeCurrent = (await latestMail(t(), email)).code!;

		const res = await fetch(`${t().url}/auth/v1/verify`, {
			method: 'POST',
			headers: { apikey: t().anonKey, 'content-type': 'application/json' },
			body: JSON.stringify({ type: 'email_change', email: next, token: codeNew })
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ msg: ACCEPTED, code: '200' });

		const { data, error } = await client.auth.verifyOtp({
			email,
			token: codeCurrent,
			type: 'email_change'
		});
		expect(error).toBeNull();
		expect(data.user!.email).toBe(next);
	});

	it('refuses an address another user has, and resends a pending change', async () => {
		const a = await signedIn(t());
		const b = await signedIn(t());
		const taken = await a.client.auth.updateUser({ email: b.email });
		expect(taken.error).toMatchObject({
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered'
		});

		const next = freshEmail();
		expect((await a.client.auth.updateUser({ email: next })).error).toBeNull();
		await t().db.query(
			`update auth.users set email_change_sent_at = now() - interval '2 minutes' where id = $1`,
			[a.id]
		);
		expect(
			(await t().client().auth.resend({ type: 'email_change', email: a.email })).error
		).toBeNull();
		expect(await mailsTo(t(), next)).toHaveLength(2);
		expect(await mailsTo(t(), a.email)).toHaveLength(2);
	});
});

describe('email change with secure email change off', () => {
	const s = stackWith({
		PARLEY_AUTH_ENABLE_CONFIRMATIONS: 'true',
		PARLEY_AUTH_SECURE_EMAIL_CHANGE: 'false'
	});

	it('mails only the new address, whose link changes the email', async () => {
		const { email, client } = await signedIn(s());
		const next = freshEmail().replace('@', '+new@');
		expect((await client.auth.updateUser({ email: next })).error).toBeNull();
		expect(await mailsTo(s(), email)).toEqual([]);
		const mail = await latestMail(s(), next);
		// html/template writes `+` as `&#43;`; the text part reads it back.
		expect(mail.html).toContain(`to ${next.replace('+', '&#43;')}:</p>`);
		expect(mail.text).toContain(`to ${next}:`);
		const { data, error } = await client.auth.verifyOtp({
			email: next,
			token: mail.code!,
			type: 'email_change'
		});
		expect(error).toBeNull();
		expect(data.user!.email).toBe(next);
	});
});

describe('email change with the CLI defaults (autoconfirm, secure email change)', () => {
	const s = stackWith({ PARLEY_AUTH_ENABLE_CONFIRMATIONS: 'false' });

	it('mails both addresses, and either link alone changes the email', async () => {
		const { email, client } = await signedIn(s());
		const next = freshEmail();
		expect((await client.auth.updateUser({ email: next })).error).toBeNull();
		const toCurrent = await latestMail(s(), email);
		expect((await latestMail(s(), next)).summary.Subject).toBe('Confirm Email Change');
		const res = await fetch(toCurrent.link, { redirect: 'manual' });
		const fragment = new URLSearchParams(res.headers.get('location')!.split('#')[1]);
		expect(fragment.get('type')).toBe('email_change');
		expect(fragment.get('access_token')).toBeTruthy();
		expect((await client.auth.getUser()).data.user!.email).toBe(next);
	});
});
