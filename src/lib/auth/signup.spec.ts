import { describe, expect, it } from 'vitest';
import { signUpWithPassword, type AuthClient } from './signup.ts';

type SignUpResult = Awaited<ReturnType<AuthClient['auth']['signUp']>>;

/** A stand-in for supabase-js's auth client that answers signUp with a fixed result. */
function fakeClient(result: unknown, calls: unknown[] = []): AuthClient {
	return {
		auth: {
			signUp: async (credentials: unknown) => {
				calls.push(credentials);
				return result as SignUpResult;
			}
		}
	} as unknown as AuthClient;
}

describe('signUpWithPassword', () => {
	it('reports a signed-in user when the server returns a session', async () => {
		const client = fakeClient({
			data: { user: { email: 'ana@example.com' }, session: { access_token: 'x' } },
			error: null
		});
		expect(await signUpWithPassword(client, 'ana@example.com', 'secret123')).toEqual({
			kind: 'signed-in',
			email: 'ana@example.com'
		});
	});

	it('asks to confirm the address when no session comes back', async () => {
		const client = fakeClient({
			data: { user: { email: 'ana@example.com' }, session: null },
			error: null
		});
		expect(await signUpWithPassword(client, 'ana@example.com', 'secret123')).toEqual({
			kind: 'confirm-email',
			email: 'ana@example.com'
		});
	});

	it('passes the server error code and message through', async () => {
		const client = fakeClient({
			data: { user: null, session: null },
			error: { code: 'user_already_exists', message: 'User already registered' }
		});
		expect(await signUpWithPassword(client, 'ana@example.com', 'secret123')).toEqual({
			kind: 'error',
			error: { code: 'user_already_exists', message: 'User already registered' }
		});
	});

	it('trims the email before sending it', async () => {
		const calls: unknown[] = [];
		const client = fakeClient({ data: { user: null, session: null }, error: null }, calls);
		await signUpWithPassword(client, '  ana@example.com ', 'secret123');
		expect(calls).toEqual([{ email: 'ana@example.com', password: 'secret123' }]);
	});
});

describe('signUpWithPassword when the request itself fails', () => {
	it('reports the thrown error instead of throwing', async () => {
		const client = {
			auth: {
				signUp: async () => {
					throw new TypeError('Failed to fetch');
				}
			}
		} as unknown as AuthClient;
		expect(await signUpWithPassword(client, 'ana@example.com', 'secret123')).toEqual({
			kind: 'error',
			error: { message: 'Failed to fetch' }
		});
	});
});
