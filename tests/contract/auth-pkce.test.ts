/**
 * The PKCE flow (supabase-js `flowType: 'pkce'`; GoTrue's `pkce.go`, `flow_state.go` and the
 * pkce grant in `token.go`): a request with a code challenge stores a flow state, its mailed
 * link redirects back with `?code=`, and `exchangeCodeForSession` trades the code and the
 * client's verifier for a session. Confirmations are on here, so sign-up mails too.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { authPost, emailMaker } from './helpers/auth.ts';
import { claimsOf, latestMail } from './helpers/mailpit.ts';
import { useTestStack } from './helpers/use-stack.ts';

process.env.PARLEY_AUTH_ENABLE_CONFIRMATIONS = 'true';
const t = useTestStack();
afterAll(() => void delete process.env.PARLEY_AUTH_ENABLE_CONFIRMATIONS);
const freshEmail = emailMaker('pkce');
const app = 'http://localhost:5173/auth/callback';

/** A supabase-js client in the PKCE flow; it keeps its verifiers in memory. */
const pkceClient = (): SupabaseClient =>
	createClient(t().url, t().anonKey, {
		auth: {
			flowType: 'pkce',
			persistSession: false,
			autoRefreshToken: false,
			detectSessionInUrl: false
		}
	});

async function confirmedUser() {
	const email = freshEmail();
	const { data, error } = await t()
		.admin()
		.auth.admin.createUser({ email, password: 'secret-pw-1', email_confirm: true });
	expect(error).toBeNull();
	return { email, id: data.user!.id };
}

/** Follows a mailed link as a browser would; returns where it lands. */
async function follow(link: string): Promise<URL> {
	const res = await fetch(link, { redirect: 'manual' });
	expect(res.status).toBe(303);
	return new URL(res.headers.get('location')!);
}

/** The landing page's part: trade `?code=` (and the flow id supabase-js added) for a session. */
function exchange(client: SupabaseClient, landed: URL) {
	return client.auth.exchangeCodeForSession(landed.searchParams.get('code')!, {
		flowId: landed.searchParams.get('sb_flow_id') ?? undefined
	});
}

const tokenPost = (body: unknown) => authPost(t(), 'token?grant_type=pkce', body);

describe('magic link in the PKCE flow', () => {
	it('redirects with a code that the client exchanges once for a magiclink session', async () => {
		const { email, id } = await confirmedUser();
		const client = pkceClient();
		const sent = await client.auth.signInWithOtp({ email, options: { emailRedirectTo: app } });
		expect(sent.error).toBeNull();
		const mail = await latestMail(t(), email);
		expect(new URL(mail.link).searchParams.get('token')).toMatch(/^pkce_[0-9a-f]{56}$/);

		const landed = await follow(mail.link);
		expect(`${landed.origin}${landed.pathname}`).toBe(app);
		expect(landed.hash).toBe('');
		const code = landed.searchParams.get('code')!;
		expect(code).toMatch(/^[0-9a-f-]{36}$/);
		const { rows } = await t().db.query<{ n: number }>(
			`select count(*)::int as n from auth.flow_state where auth_code = $1 and user_id = $2
			    and authentication_method = 'magiclink' and code_challenge_method = 's256'`,
			[code, id]
		);
		expect(rows[0].n).toBe(1);

		const { data, error } = await exchange(client, landed);
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
		// The session's method is the flow state's (models.MagicLink), not otp.
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'magiclink', timestamp: expect.any(Number) }
		]);
		expect((await client.auth.getUser()).data.user!.id).toBe(id);

		// The flow state is gone with the exchange.
		const again = await tokenPost({ auth_code: code, code_verifier: 'v'.repeat(43) });
		expect(again.status).toBe(404);
		expect(await again.json()).toEqual({
			code: 'flow_state_not_found',
			message: 'invalid flow state, no valid flow state found'
		});
	});

	it('refuses a wrong verifier without spending the code, and an expired code', async () => {
		const { email } = await confirmedUser();
		const client = pkceClient();
		await client.auth.signInWithOtp({ email, options: { emailRedirectTo: app } });
		const landed = await follow((await latestMail(t(), email)).link);
		const code = landed.searchParams.get('code')!;

		const wrong = await tokenPost({ auth_code: code, code_verifier: 'w'.repeat(43) });
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toEqual({
			code: 'bad_code_verifier',
			message: 'code challenge does not match previously saved code verifier'
		});
		expect((await exchange(client, landed)).error).toBeNull();

		// A magic link's code lives five minutes from its issue.
		const other = await confirmedUser();
		const late = pkceClient();
		await late.auth.signInWithOtp({ email: other.email, options: { emailRedirectTo: app } });
		const lateLanded = await follow((await latestMail(t(), other.email)).link);
		await t().db.query(
			`update auth.flow_state set auth_code_issued_at = now() - interval '6 minutes'
			  where user_id = $1`,
			[other.id]
		);
		const expired = await exchange(late, lateLanded);
		expect(expired.error).toMatchObject({ status: 422, code: 'flow_state_expired' });
		expect(expired.error!.message).toBe('invalid flow state, flow state has expired');
	});

	it('lands a link whose flow state is gone with the error in the query and the fragment', async () => {
		const { email, id } = await confirmedUser();
		await pkceClient().auth.signInWithOtp({ email, options: { emailRedirectTo: app } });
		const mail = await latestMail(t(), email);
		await t().db.query(`delete from auth.flow_state where user_id = $1`, [id]);
		const landed = await follow(mail.link);
		// prepErrorRedirectURL for a PKCE flow; issueAuthCode's 422 is wrapped in a 400.
		const error = {
			error: 'invalid_request',
			error_code: 'flow_state_not_found',
			error_description: 'No associated flow state found. 422: No valid flow state found for user.'
		};
		expect(Object.fromEntries(landed.searchParams)).toMatchObject(error);
		expect(Object.fromEntries(new URLSearchParams(landed.hash.slice(1)))).toEqual({
			...error,
			sb: ''
		});
	});

	it('still signs in with the code typed in', async () => {
		const { email, id } = await confirmedUser();
		const client = pkceClient();
		await client.auth.signInWithOtp({ email });
		const { code } = await latestMail(t(), email);
		const { data, error } = await client.auth.verifyOtp({ email, token: code!, type: 'email' });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
	});

	it('checks the grant parameters', async () => {
		const empty = await tokenPost({ auth_code: '', code_verifier: '' });
		expect(empty.status).toBe(400);
		expect(await empty.json()).toEqual({
			code: 'validation_failed',
			message: 'invalid request: both auth code and code verifier should be non-empty'
		});
		const unknown = await tokenPost({
			auth_code: '00000000-0000-4000-8000-000000000000',
			code_verifier: 'v'.repeat(43)
		});
		expect(unknown.status).toBe(404);
		expect((await unknown.json()).code).toBe('flow_state_not_found');
	});
});

describe('sign-up, recovery and email change in the PKCE flow', () => {
	it('confirms a sign-up through a code (email/signup session)', async () => {
		const email = freshEmail();
		const client = pkceClient();
		const up = await client.auth.signUp({
			email,
			password: 'secret-pw-1',
			options: { emailRedirectTo: app }
		});
		expect(up.error).toBeNull();
		expect(up.data.session).toBeNull();
		const landed = await follow((await latestMail(t(), email)).link);
		const { data, error } = await exchange(client, landed);
		expect(error).toBeNull();
		expect(data.user!.email_confirmed_at).toEqual(expect.any(String));
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'email/signup', timestamp: expect.any(Number) }
		]);
	});

	it('lands a recovery link as a recovery session', async () => {
		const { email } = await confirmedUser();
		const client = pkceClient();
		expect((await client.auth.resetPasswordForEmail(email, { redirectTo: app })).error).toBeNull();
		const landed = await follow((await latestMail(t(), email)).link);
		const { data, error } = await exchange(client, landed);
		expect(error).toBeNull();
		// The verifier was stored with '/recovery', so the client reports a password recovery.
		expect((data as { redirectType?: string | null }).redirectType).toBe('recovery');
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'recovery', timestamp: expect.any(Number) }
		]);
		expect((await client.auth.updateUser({ password: 'secret-pw-2' })).error).toBeNull();
	});

	it('changes the email through both links, the first with its message in the query too', async () => {
		const { email } = await confirmedUser();
		const client = pkceClient();
		await client.auth.signInWithPassword({ email, password: 'secret-pw-1' });
		const next = freshEmail();
		expect(
			(await client.auth.updateUser({ email: next }, { emailRedirectTo: app })).error
		).toBeNull();
		const first = await follow((await latestMail(t(), email)).link);
		expect(first.searchParams.get('message')).toBe(
			'Confirmation link accepted. Please proceed to confirm link sent to the other email'
		);
		expect(new URLSearchParams(first.hash.slice(1)).get('message')).toBe(
			first.searchParams.get('message')
		);
		const second = await follow((await latestMail(t(), next)).link);
		const { data, error } = await exchange(client, second);
		expect(error).toBeNull();
		expect(data.user!.email).toBe(next);
	});

	it('refuses a malformed code challenge as GoTrue does', async () => {
		const res = await authPost(t(), 'signup', {
			email: freshEmail(),
			password: 'secret-pw-1',
			code_challenge: 'short',
			code_challenge_method: 's256'
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			code: 'validation_failed',
			message: 'code challenge has to be between 43 and 128 characters'
		});
	});
});
