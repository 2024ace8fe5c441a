/**
 * Reauthentication (GET /auth/v1/reauthenticate, `reauthenticate.go`): a one-time code by mail,
 * and with secure password change on (the CLI's `secure_password_change`), a session older
 * than a day changes the password only with that code as `nonce`. Through supabase-js.
 */
import { afterAll, expect, it } from 'vitest';
import { useTestStack } from './helpers/use-stack.ts';

process.env.PARLEY_AUTH_SECURE_PASSWORD_CHANGE = 'true';
const t = useTestStack();
afterAll(() => void delete process.env.PARLEY_AUTH_SECURE_PASSWORD_CHANGE);

async function latestCode(email: string): Promise<{ subject: string; code: string }> {
	const res = await fetch(
		`${t().url}/mailpit/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`
	);
	const { messages } = (await res.json()) as { messages: { ID: string; Subject: string }[] };
	const mail = (await (
		await fetch(`${t().url}/mailpit/api/v1/message/${messages[0].ID}`)
	).json()) as {
		Text: string;
	};
	return { subject: messages[0].Subject, code: /\b(\d{6})\b/.exec(mail.Text)![1] };
}

it('mails a code, and a day-old session changes its password only with it, once', async () => {
	const email = `reauth${Date.now()}@example.test`;
	const client = t().client();
	const { data, error } = await client.auth.signUp({ email, password: 'first-secret' });
	expect(error).toBeNull();
	// A fresh session changes its password without a code.
	expect((await client.auth.updateUser({ password: 'second-secret' })).error).toBeNull();

	await t().db.query(
		`update auth.sessions set created_at = now() - interval '25 hours' where user_id = $1`,
		[data.user!.id]
	);
	const refused = await client.auth.updateUser({ password: 'third-secret' });
	expect(refused.error).toMatchObject({
		status: 400,
		code: 'reauthentication_needed',
		message: 'Password update requires reauthentication'
	});

	expect((await client.auth.reauthenticate()).error).toBeNull();
	const { subject, code } = await latestCode(email);
	expect(subject).toBe(`${code} is your verification code`);
	const wrong = await client.auth.updateUser({ password: 'third-secret', nonce: '000000' });
	expect(wrong.error).toMatchObject({
		status: 422,
		code: 'reauthentication_not_valid',
		message: 'Nonce has expired or is invalid'
	});
	expect(
		(await client.auth.updateUser({ password: 'third-secret', nonce: code })).error
	).toBeNull();
	const again = await client.auth.updateUser({ password: 'fourth-secret', nonce: code });
	expect(again.error?.code).toBe('reauthentication_not_valid');

	const fresh = t().client();
	expect(
		(await fresh.auth.signInWithPassword({ email, password: 'third-secret' })).error
	).toBeNull();
});

it('needs a signed-in user', async () => {
	const res = await fetch(`${t().url}/auth/v1/reauthenticate`, {
		headers: { apikey: t().anonKey, authorization: `Bearer ${t().anonKey}` }
	});
	expect(res.status).toBe(403);
});
