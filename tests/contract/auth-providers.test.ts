/**
 * Sign-in methods the local stack has not configured answer with GoTrue's own errors for a
 * disabled provider (`external.go`, `token_oidc.go`, `web3.go`, `requireSAMLEnabled`), as on
 * the Supabase CLI's default configuration. Through supabase-js where it sends the request.
 */
import { describe, expect, it } from 'vitest';
import { useTestStack } from './helpers/use-stack.ts';

const t = useTestStack();

const fakeJwt = (claims: Record<string, unknown>) =>
	`${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

const post = (path: string, body: unknown) =>
	fetch(`${t().url}/auth/v1${path}`, {
		method: 'POST',
		headers: { apikey: t().anonKey, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

describe('providers that are not enabled', () => {
	it('OAuth: the redirect GoTrue would start is refused, naming why', async () => {
		const { data, error } = await t()
			.client()
			.auth.signInWithOAuth({ provider: 'github', options: { skipBrowserRedirect: true } });
		expect(error).toBeNull();
		const res = await fetch(data.url!, { redirect: 'manual' });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({
			code: 400,
			error_code: 'validation_failed',
			msg: 'Unsupported provider: provider is not enabled'
		});
		const unknown = await fetch(`${t().url}/auth/v1/authorize?provider=NoPe`, {
			headers: { apikey: t().anonKey }
		});
		expect(((await unknown.json()) as { msg: string }).msg).toBe(
			'Unsupported provider: Provider nope could not be found'
		);
		const custom = await fetch(`${t().url}/auth/v1/authorize?provider=custom:acme`, {
			headers: { apikey: t().anonKey }
		});
		expect(((await custom.json()) as { msg: string }).msg).toBe(
			'Unsupported provider: custom OAuth providers are disabled'
		);
	});

	it('ID tokens: each provider is named by its issuer, after the checks GoTrue makes first', async () => {
		const auth = t().client().auth;
		const google = await auth.signInWithIdToken({ provider: 'google', token: 'a.b.c' });
		expect(google.error).toMatchObject({
			status: 400,
			code: 'provider_disabled',
			message: 'Provider (issuer "https://accounts.google.com") is not enabled'
		});
		const garbled = await auth.signInWithIdToken({ provider: 'apple', token: 'not-a-jwt' });
		expect(garbled.error?.message).toBe('Unable to detect issuer in ID token for Apple provider');
		const notApple = await auth.signInWithIdToken({
			provider: 'apple',
			token: fakeJwt({ iss: 'https://accounts.google.com' })
		});
		expect(notApple.error?.message).toBe(
			'Detected ID token issuer is not an Apple ID token issuer'
		);
		const apple = await auth.signInWithIdToken({
			provider: 'apple',
			token: fakeJwt({ iss: 'https://appleid.apple.com' })
		});
		expect(apple.error).toMatchObject({
			code: 'provider_disabled',
			message: 'Provider (issuer "https://appleid.apple.com") is not enabled'
		});
		const other = await auth.signInWithIdToken({ provider: 'acme', token: 'a.b.c' });
		expect(other.error).toMatchObject({
			code: 'validation_failed',
			message: 'Custom OIDC provider "acme" not allowed'
		});

		const missing = await post('/token?grant_type=id_token', { provider: 'google' });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({
			error: 'invalid request',
			error_description: 'id_token required'
		});
		const neither = await post('/token?grant_type=id_token', { id_token: 'a.b.c' });
		expect(((await neither.json()) as { error_description: string }).error_description).toBe(
			'provider or client_id and issuer required'
		);
	});

	it('Web3 and SAML SSO are off', async () => {
		const web3 = await post('/token?grant_type=web3', { chain: 'solana' });
		expect(web3.status).toBe(422);
		expect(await web3.json()).toMatchObject({
			error_code: 'web3_provider_disabled',
			msg: 'Web3 provider is disabled'
		});
		const sso = await t().client().auth.signInWithSSO({ domain: 'example.com' });
		expect(sso.error).toMatchObject({
			status: 404,
			code: 'saml_provider_disabled',
			message: 'SAML 2.0 is disabled'
		});
		const metadata = await fetch(`${t().url}/auth/v1/sso/saml/metadata`, {
			headers: { apikey: t().anonKey }
		});
		expect(metadata.status).toBe(404);
	});
});
