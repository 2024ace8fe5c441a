import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './rate-limit.ts';

function limiter(opts: { capacity: number; refillPerSecond: number; maxKeys?: number }) {
	const clock = { now: 0 };
	return { clock, limiter: new TokenBucketLimiter({ ...opts, now: () => clock.now }) };
}

describe('TokenBucketLimiter', () => {
	it('admits a burst up to the capacity, then says when to come back', () => {
		const { limiter: l } = limiter({ capacity: 3, refillPerSecond: 0.5 });
		expect([l.take('u'), l.take('u'), l.take('u')].map((a) => a.ok)).toEqual([true, true, true]);
		expect(l.take('u')).toEqual({ ok: false, retryAfterSeconds: 2 });
	});

	it('refills at the set rate, never beyond the capacity', () => {
		const { clock, limiter: l } = limiter({ capacity: 2, refillPerSecond: 1 });
		l.take('u');
		l.take('u');
		clock.now = 1_000;
		expect(l.take('u').ok).toBe(true);
		expect(l.take('u').ok).toBe(false);
		clock.now = 60_000;
		expect(l.take('u')).toEqual({ ok: true, remaining: 1 });
		expect(l.take('u').ok).toBe(true);
		expect(l.take('u').ok).toBe(false);
	});

	it('keeps one bucket per user', () => {
		const { limiter: l } = limiter({ capacity: 1, refillPerSecond: 1 });
		expect(l.take('a').ok).toBe(true);
		expect(l.take('a').ok).toBe(false);
		expect(l.take('b').ok).toBe(true);
	});

	it('rounds the wait up to whole seconds, at least one', () => {
		const { clock, limiter: l } = limiter({ capacity: 1, refillPerSecond: 10 });
		l.take('u');
		clock.now = 50;
		expect(l.take('u')).toEqual({ ok: false, retryAfterSeconds: 1 });
	});

	it('tracks a bounded number of users, dropping the least recently seen', () => {
		const { limiter: l } = limiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 2 });
		l.take('a');
		l.take('b');
		l.take('a');
		l.take('c');
		expect(l.size).toBe(2);
		// b was dropped, so it starts full again; a is still remembered as empty.
		expect(l.take('b').ok).toBe(true);
		expect(l.take('c').ok).toBe(false);
	});

	it('refuses a limit that admits nothing', () => {
		expect(() => new TokenBucketLimiter({ capacity: 0 })).toThrow(RangeError);
		expect(() => new TokenBucketLimiter({ refillPerSecond: 0 })).toThrow(RangeError);
	});
});
