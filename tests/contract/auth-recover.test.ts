/**
 * Password recovery by mail (POST /auth/v1/recover, GoTrue's `recover.go` and `mail.go`) and
 * the mail catcher's Mailpit-compatible API (`/mailpit/api/v1/…`), through supabase-js.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emailMaker } from './helpers/auth.ts';
import { useTestStack } from './helpers/use-stack.ts';

// A minute between two mails to one user, as a hosted project has it, so the window is testable.
process.env.PARLEY_AUTH_EMAIL_MAX_FREQUENCY_SECONDS = '60';
const t = useTestStack();
afterAll(() => void delete process.env.PARLEY_AUTH_EMAIL_MAX_FREQUENCY_SECONDS);
const freshEmail = emailMaker('recover');

interface Summary {
	ID: string;
	Subject: string;
	To: { Address: string }[];
	From: { Name: string; Address: string };
	Snippet: string;
	Read: boolean;
}

const mailpit = (path: string, init?: RequestInit) =>
	fetch(`${t().url}/mailpit/api/v1${path}`, init);

async function mailsTo(address: string): Promise<Summary[]> {
	const res = await mailpit(`/search?query=${encodeURIComponent(`to:"${address}"`)}`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { messages: Summary[] }).messages;
}

async function user(email = freshEmail(), password = 'old-secret-1') {
	const { error } = await t()
		.admin()
		.auth.admin.createUser({ email, password, email_confirm: true });
	expect(error).toBeNull();
	return email;
}

describe('password recovery by mail', () => {
	it('mails a link that signs the user in for a password change, and the new password works', async () => {
		const email = await user();
		const client = t().client();
		const redirectTo = 'http://127.0.0.1:5173/reset-password';
		const { data, error } = await client.auth.resetPasswordForEmail(email, { redirectTo });
		expect(error).toBeNull();
		expect(data).toEqual({});

		const [summary] = await mailsTo(email);
		expect(summary).toMatchObject({
			Subject: 'Reset your password',
			To: [{ Address: email }],
			From: { Address: 'admin@email.com' },
			Read: false
		});
		expect(summary.Snippet).toContain('We received a request to reset your password');
		const res = await mailpit(`/message/${summary.ID}`);
		const mail = (await res.json()) as { HTML: string; Text: string; ID: string };
		const link = /href="([^"]+)"/.exec(mail.HTML)![1].replaceAll('&amp;', '&');
		expect(link.startsWith(`${t().url}/auth/v1/verify?token=`)).toBe(true);
		expect(new URL(link).searchParams.get('type')).toBe('recovery');
		expect(new URL(link).searchParams.get('redirect_to')).toBe(redirectTo);
		expect(mail.Text).toContain(link);

		// The link, as a browser follows it: back to the app with a session in the fragment.
		const verified = await fetch(link, { redirect: 'manual' });
		expect(verified.status).toBe(303);
		const location = verified.headers.get('location')!;
		expect(location.startsWith(`${redirectTo}#`)).toBe(true);
		const fragment = new URLSearchParams(location.split('#')[1]);
		expect(fragment.get('type')).toBe('recovery');
		const session = await client.auth.setSession({
			access_token: fragment.get('access_token')!,
			refresh_token: fragment.get('refresh_token')!
		});
		expect(session.error).toBeNull();
		expect((await client.auth.updateUser({ password: 'new-secret-2' })).error).toBeNull();

		const fresh = t().client();
		expect(
			(await fresh.auth.signInWithPassword({ email, password: 'old-secret-1' })).error?.code
		).toBe('invalid_credentials');
		expect(
			(await fresh.auth.signInWithPassword({ email, password: 'new-secret-2' })).error
		).toBeNull();
		// The link was used up.
		const again = await fetch(link, { redirect: 'manual' });
		expect(
			new URLSearchParams(again.headers.get('location')!.split('#')[1]).get('error_code')
		).toBe('otp_expired');
	});

	it('answers an unknown address as a known one and mails nobody', async () => {
		const email = freshEmail();
		const { data, error } = await t().client().auth.resetPasswordForEmail(email);
		expect(error).toBeNull();
		expect(data).toEqual({});
		expect(await mailsTo(email)).toEqual([]);
	});

	it('refuses a second mail inside the frequency window with GoTrue’s 429', async () => {
		const email = await user();
		expect((await t().client().auth.resetPasswordForEmail(email)).error).toBeNull();
		const { error } = await t().client().auth.resetPasswordForEmail(email);
		expect(error?.status).toBe(429);
		expect(error?.code).toBe('over_email_send_rate_limit');
		expect(error?.message).toMatch(
			/^For security purposes, you can only request this after 5\d seconds\.$/
		);
		expect(await mailsTo(email)).toHaveLength(1);
	});

	it('refuses a missing or malformed address as GoTrue does', async () => {
		const post = (body: unknown) =>
			fetch(`${t().url}/auth/v1/recover`, {
				method: 'POST',
				headers: { apikey: t().anonKey, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const missing = await post({});
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({
			error_code: 'validation_failed',
			msg: 'Password recovery requires an email'
		});
		const bad = await post({ email: 'not an address' });
		expect(bad.status).toBe(400);
		expect((await bad.json()) as object).toMatchObject({ error_code: 'validation_failed' });
	});
});

describe('the mail catcher’s Mailpit API', () => {
	it('lists, reads (also “latest”), searches and deletes mail', async () => {
		const a = await user();
		const b = await user();
		for (const email of [a, b]) await t().client().auth.resetPasswordForEmail(email);
		const list = (await (await mailpit('/messages?limit=1')).json()) as {
			total: number;
			count: number;
			messages_count: number;
			start: number;
			messages: Summary[];
		};
		expect(list.count).toBe(1);
		expect(list.start).toBe(0);
		expect(list.total).toBeGreaterThanOrEqual(2);
		expect(list.messages[0].To[0].Address).toBe(b);
		const latest = (await (await mailpit('/message/latest')).json()) as {
			To: { Address: string }[];
		};
		expect(latest.To[0].Address).toBe(b);
		const [mailA] = await mailsTo(a);
		expect(mailA.Read).toBe(false);
		await mailpit(`/message/${mailA.ID}`);
		expect((await mailsTo(a))[0].Read).toBe(true);

		expect((await mailpit('/message/nope')).status).toBe(404);
		expect((await mailpit('/search?query=')).status).toBe(400);
		const badDelete = await mailpit('/messages', { method: 'DELETE', body: '{"IDs": "x"}' });
		expect(badDelete.status).toBe(400);

		const del = await mailpit('/messages', {
			method: 'DELETE',
			body: JSON.stringify({ IDs: [mailA.ID] })
		});
		expect(del.status).toBe(200);
		expect(await mailsTo(a)).toEqual([]);
		expect(await mailsTo(b)).toHaveLength(1);
		expect((await mailpit('/messages', { method: 'DELETE' })).status).toBe(200);
		expect(((await (await mailpit('/messages')).json()) as { total: number }).total).toBe(0);
	});
});
