/** Bad input never crashes /auth/v1: every malformed request gets GoTrue's status and error shape. */
import { describe, expect, it } from 'vitest';
import { startTestStack } from './helpers/stack.ts';
import { useTestStack } from './helpers/use-stack.ts';

const t = useTestStack({ config: { maxBodyBytes: 4096 } });

const V2024 = { 'x-supabase-api-version': '2024-01-01' };

async function call(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
	const res = await fetch(`${t().url}/auth/v1${path}`, {
		...init,
		headers: { apikey: t().anonKey, ...(init.headers ?? {}) }
	});
	const text = await res.text();
	return {
		status: res.status,
		headers: res.headers,
		body: text ? (JSON.parse(text) as unknown) : undefined
	};
}

describe('request bodies', () => {
	it('answers malformed JSON with 400 bad_json', async () => {
		const r = await call('/signup', {
			method: 'POST',
			body: '{"email":',
			headers: { 'content-type': 'application/json' }
		});
		expect(r.status).toBe(400);
		expect(r.body).toMatchObject({ code: 400, error_code: 'bad_json' });
	});

	it('answers a field of the wrong type with 400 bad_json in the 2024-01-01 shape', async () => {
		const r = await call('/token?grant_type=password', {
			method: 'POST',
			body: JSON.stringify({ email: 42, password: 'x' }),
			headers: { 'content-type': 'application/json', ...V2024 }
		});
		expect(r.status).toBe(400);
		expect(r.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(r.body).toEqual({
			code: 'bad_json',
			message:
				'Could not parse request body as JSON: json: cannot unmarshal number into Go struct field PasswordGrantParams.email of type string'
		});
	});

	it('answers a JSON array body with 400 bad_json', async () => {
		const r = await call('/signup', { method: 'POST', body: '[1,2]' });
		expect(r.status).toBe(400);
		expect(r.body).toMatchObject({ error_code: 'bad_json' });
	});

	it('reads the body as JSON whatever the content type says', async () => {
		const r = await call('/token?grant_type=password', {
			method: 'POST',
			body: 'email=a@b.test&password=x',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(r.status).toBe(400);
		expect(r.body).toMatchObject({ error_code: 'bad_json' });
	});

	it('refuses an oversized body with 413', async () => {
		const r = await call('/signup', {
			method: 'POST',
			body: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(8000) })
		});
		expect(r.status).toBe(413);
		expect(r.body).toMatchObject({ code: 413, error_code: 'request_entity_too_large' });
	});

	it('refuses an unknown grant type as GoTrue does', async () => {
		const r = await call('/token?grant_type=magic', { method: 'POST', body: '{}', headers: V2024 });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
	});

	it('asks for a refresh token in the OAuth error shape', async () => {
		const r = await call('/token?grant_type=refresh_token', { method: 'POST', body: '{}' });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({
			error: 'invalid_request',
			error_description: 'refresh_token required'
		});
	});

	/** Missing credentials: GoTrue's 400 validation_failed with its own message for each endpoint. */
	for (const { name, path, body, msg } of [
		{
			name: 'refuses a password sign-in without email or phone',
			path: '/token?grant_type=password',
			body: '{"password":"secret-pw"}',
			msg: 'missing email or phone'
		},
		{
			name: 'refuses a sign-up without a password',
			path: '/signup',
			body: '{"email":"a@b.test"}',
			msg: 'Signup requires a valid password'
		}
	]) {
		it(name, async () => {
			const r = await call(path, { method: 'POST', body });
			expect(r.status).toBe(400);
			expect(r.body).toEqual({ code: 400, error_code: 'validation_failed', msg });
		});
	}

	it('refuses an unsupported logout scope', async () => {
		const { data } = await t().client().auth.signInAnonymously();
		const r = await call('/logout?scope=everywhere', {
			method: 'POST',
			headers: { authorization: `Bearer ${data.session!.access_token}` }
		});
		expect(r.status).toBe(400);
		expect(r.body).toEqual({
			code: 400,
			error_code: 'validation_failed',
			msg: 'Unsupported logout scope "everywhere"'
		});
	});
});

describe('the gateway and public endpoints', () => {
	it('passes a request without a key through on loopback, and refuses a wrong key', async () => {
		// Behind the CLI's gateway GoTrue answers keyless requests itself.
		const res = await fetch(`${t().url}/auth/v1/settings`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ external: expect.any(Object) });
		const bad = await fetch(`${t().url}/auth/v1/settings`, { headers: { apikey: 'nope' } });
		expect(bad.status).toBe(401);
		expect(await bad.json()).toMatchObject({ message: 'Invalid API key' });
	});

	it('requires a key where the stack is told to', async () => {
		const strict = await startTestStack({ config: { requireApiKey: true } });
		try {
			const res = await fetch(`${strict.url}/auth/v1/settings`);
			expect(res.status).toBe(401);
			expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
		} finally {
			await strict.stop();
		}
	});

	it('serves /health, /settings and an empty JWKS for HS256', async () => {
		expect(await call('/health')).toMatchObject({ status: 200, body: { name: 'GoTrue' } });
		const settings = await call('/settings');
		expect(settings.status).toBe(200);
		expect(settings.body).toMatchObject({
			external: { email: true, anonymous_users: true, phone: false },
			disable_signup: false,
			mailer_autoconfirm: true
		});
		expect(await call('/.well-known/jwks.json')).toMatchObject({ status: 200, body: { keys: [] } });
	});

	it('answers unknown paths with 404 and wrong methods with 405', async () => {
		expect((await call('/nope')).status).toBe(404);
		expect((await call('/user', { method: 'DELETE' })).status).toBe(405);
	});

	it('accepts the opaque secret key as an admin bearer', async () => {
		const secret = t().stack.config.secretKey!;
		const r = await call('/admin/users', {
			headers: { apikey: secret, authorization: `Bearer ${secret}` }
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ aud: 'authenticated' });
	});
});
