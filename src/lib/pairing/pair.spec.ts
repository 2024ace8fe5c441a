import { describe, expect, it } from 'vitest';
import { pairDevice, takeTokenFromLocation } from './pair.ts';

const TOKEN = 'pair_' + 'a'.repeat(43);

function respond(status: number, body: unknown): typeof fetch {
	return (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
}

function fakeAuth(error: { message: string } | null = null, calls: unknown[] = []) {
	return {
		auth: {
			verifyOtp: async (params: unknown) => {
				calls.push(params);
				return { data: {}, error };
			}
		}
	} as unknown as Parameters<typeof pairDevice>[0];
}

describe('takeTokenFromLocation', () => {
	it('reads the fragment and strips it from the address', () => {
		const replaced: string[] = [];
		const token = takeTokenFromLocation({ hash: `#${TOKEN}`, pathname: '/pair' }, (p) =>
			replaced.push(p)
		);
		expect(token).toBe(TOKEN);
		expect(replaced).toEqual(['/pair']);
	});

	it('says there is no token when the fragment is empty, and leaves the address alone', () => {
		const replaced: string[] = [];
		expect(takeTokenFromLocation({ hash: '', pathname: '/pair' }, (p) => replaced.push(p))).toBe(
			null
		);
		expect(replaced).toEqual([]);
	});
});

describe('pairDevice', () => {
	it('trades the server’s one-time hash for a session', async () => {
		const calls: unknown[] = [];
		const result = await pairDevice(
			fakeAuth(null, calls),
			respond(200, { kind: 'agent', token_hash: 'h1', type: 'email' }),
			TOKEN
		);
		expect(result).toEqual({ ok: true, kind: 'agent' });
		expect(calls).toEqual([{ token_hash: 'h1', type: 'email' }]);
	});

	it.each(['used', 'revoked', 'expired', 'unknown'])(
		'passes the server’s %s refusal on',
		async (code) => {
			const result = await pairDevice(
				fakeAuth(),
				respond(409, { error: { code, message: 'x' } }),
				TOKEN
			);
			expect(result).toEqual({ ok: false, reason: code });
		}
	);

	it('refuses without asking the server when there is no token', async () => {
		const never = (async () => {
			throw new Error('no request expected');
		}) as typeof fetch;
		expect(await pairDevice(fakeAuth(), never, null)).toEqual({ ok: false, reason: 'missing' });
	});

	it('reports a failed session exchange', async () => {
		const result = await pairDevice(
			fakeAuth({ message: 'Token has expired or is invalid' }),
			respond(200, { kind: 'device', token_hash: 'h' }),
			TOKEN
		);
		expect(result).toEqual({
			ok: false,
			reason: 'failed',
			message: 'Token has expired or is invalid'
		});
	});

	it('reports an unreadable server answer as a failure', async () => {
		const result = await pairDevice(
			fakeAuth(),
			(async () => new Response('<html>', { status: 502 })) as typeof fetch,
			TOKEN
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toBe('failed');
	});
});
