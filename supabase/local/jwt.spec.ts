import { afterEach, describe, expect, it, vi } from 'vitest';
import { JwtError, signJwt, verifyJwt } from './jwt.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const OTHER = 'another-secret-of-at-least-thirty-two-chars';
const now = () => Math.floor(Date.now() / 1000);

async function reason(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'accepted';
	} catch (err) {
		return err instanceof JwtError ? err.reason : String(err);
	}
}

describe('verifyJwt with verified tokens kept', () => {
	afterEach(() => vi.useRealTimers());

	it('answers the same claims again, frozen, so a caller cannot change them for the next', async () => {
		const token = await signJwt(SECRET, {
			role: 'authenticated',
			sub: 'u1',
			exp: now() + 60,
			app_metadata: { a: 1 }
		});
		const first = await verifyJwt(SECRET, token);
		const second = await verifyJwt(SECRET, token);
		expect(second).toEqual(first);
		expect(second.sub).toBe('u1');
		expect(Object.isFrozen(second)).toBe(true);
		expect(Object.isFrozen(second.app_metadata)).toBe(true);
	});

	it('refuses a kept token once its exp has passed', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
		const token = await signJwt(SECRET, { role: 'authenticated', exp: now() + 2 });
		expect(await reason(verifyJwt(SECRET, token))).toBe('accepted');
		vi.setSystemTime(new Date('2026-12-03T10:00:02Z'));
		expect(await reason(verifyJwt(SECRET, token))).toBe('expired');
		expect(await reason(verifyJwt(SECRET, token))).toBe('expired');
	});

	it('does not accept a kept token under another secret, nor a changed signature', async () => {
		const token = await signJwt(SECRET, { role: 'anon', exp: now() + 60 });
		expect(await reason(verifyJwt(SECRET, token))).toBe('accepted');
		expect(await reason(verifyJwt(OTHER, token))).toBe('invalid');
		const [h, p, s] = token.split('.');
		const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'AB' : 'AA'}`;
		expect(await reason(verifyJwt(SECRET, flipped))).toBe('invalid');
	});

	it('still applies the role rule to a kept token', async () => {
		const token = await signJwt(SECRET, { exp: now() + 60 } as never);
		expect(await reason(verifyJwt(SECRET, token, { allowNoRole: true }))).toBe('accepted');
		expect(await reason(verifyJwt(SECRET, token))).toBe('invalid');
	});

	it('keeps at most ten thousand tokens, and one dropped is verified afresh', async () => {
		const tokens = await Promise.all(
			Array.from({ length: 10_050 }, (_, i) =>
				signJwt(SECRET, { role: 'anon', sub: `s${i}`, exp: now() + 600 })
			)
		);
		for (const t of tokens) await verifyJwt(SECRET, t);
		expect((await verifyJwt(SECRET, tokens[0])).sub).toBe('s0');
	});
});
