import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutoAway } from './auto-away.ts';
import {
	AWAY_AFTER_KEY,
	DEFAULT_AWAY_AFTER_MS,
	IdleTracker,
	awayAfterMs,
	onIdle,
	onReturn,
	type Availability
} from './idle.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function tracker(timeoutMs = 60_000) {
	const calls: string[] = [];
	const t = new IdleTracker({
		timeoutMs,
		onIdle: () => calls.push('idle'),
		onActive: () => calls.push('active')
	});
	return { t, calls };
}

describe('IdleTracker', () => {
	it('goes idle once the timeout passes without input, not before', () => {
		const { t, calls } = tracker();
		const stop = t.start();
		vi.advanceTimersByTime(44_999);
		expect(calls).toEqual([]);
		vi.advanceTimersByTime(15_001);
		expect(calls).toEqual(['idle']);
		vi.advanceTimersByTime(10 * 60_000);
		expect(calls).toEqual(['idle']); // once, not every check
		stop();
	});

	it('input postpones it and brings it back', () => {
		const { t, calls } = tracker();
		const stop = t.start();
		vi.advanceTimersByTime(50_000);
		t.activity();
		vi.advanceTimersByTime(50_000);
		expect(calls).toEqual([]);
		vi.advanceTimersByTime(20_000); // the check at 120 s sees 70 s without input
		expect(calls).toEqual(['idle']);
		t.activity();
		t.activity();
		expect(calls).toEqual(['idle', 'active']);
		stop();
	});

	it('counts time on the clock, so a throttled timer still decides on the next check', () => {
		const { t, calls } = tracker();
		vi.setSystemTime(Date.now() + 5 * 60_000); // the tab slept: no timer ran
		expect(calls).toEqual([]);
		t.check();
		expect(calls).toEqual(['idle']);
	});

	it('a timeout of 0 never goes idle', () => {
		const { t, calls } = tracker(0);
		t.start();
		vi.advanceTimersByTime(24 * 60 * 60_000);
		t.check();
		expect(calls).toEqual([]);
	});

	it('listens for input and visibility, and stops listening', () => {
		const { t, calls } = tracker();
		const target = new EventTarget();
		const doc = Object.assign(new EventTarget(), {
			visibilityState: 'hidden'
		}) as unknown as Document;
		const stop = t.listen(target, doc);
		vi.advanceTimersByTime(60_000);
		expect(calls).toEqual(['idle']);
		target.dispatchEvent(new Event('keydown'));
		expect(calls).toEqual(['idle', 'active']);
		vi.advanceTimersByTime(60_000);
		(doc as unknown as { visibilityState: string }).visibilityState = 'visible';
		doc.dispatchEvent(new Event('visibilitychange'));
		expect(calls).toEqual(['idle', 'active', 'idle', 'active']);
		stop();
		vi.advanceTimersByTime(120_000);
		target.dispatchEvent(new Event('keydown'));
		expect(calls).toHaveLength(4);
	});
});

describe('awayAfterMs', () => {
	const store = (v: string | null) => ({ getItem: () => v });
	it.each([
		[null, DEFAULT_AWAY_AFTER_MS],
		['3000', 3000],
		['0', 0],
		['-5', DEFAULT_AWAY_AFTER_MS],
		['1e3', DEFAULT_AWAY_AFTER_MS],
		['abc', DEFAULT_AWAY_AFTER_MS],
		['999999999', DEFAULT_AWAY_AFTER_MS]
	])('%s → %d', (raw, ms) => expect(awayAfterMs(store(raw))).toBe(ms));
	it('reads its own key', () => {
		expect(awayAfterMs({ getItem: (k) => (k === AWAY_AFTER_KEY ? '120000' : null) })).toBe(120_000);
	});
});

describe('what inactivity and return do', () => {
	it.each<[Availability, Availability | null]>([
		['online', 'away'],
		['away', null],
		['offline', null]
	])('idle while %s sets %s', (now, set) => expect(onIdle(now).set).toBe(set));
	it.each<[Availability, boolean, Availability | null]>([
		['away', true, 'online'],
		['away', false, null], // chosen away stays away
		['online', true, null],
		['offline', true, null]
	])('return while %s (auto %s) sets %s', (now, auto, set) =>
		expect(onReturn(now, auto).set).toBe(set)
	);
});

describe('AutoAway', () => {
	function setup(initial: Availability) {
		let availability = initial;
		const sets: Availability[] = [];
		const data = new Map<string, string>();
		const storage = {
			getItem: (k: string) => data.get(k) ?? null,
			setItem: (k: string, v: string) => void data.set(k, v),
			removeItem: (k: string) => void data.delete(k)
		};
		const away = new AutoAway({
			timeoutMs: 3000,
			checkEveryMs: 500,
			availability: () => availability,
			setAvailability: async (next) => {
				sets.push(next);
				availability = next;
				return null;
			},
			storage
		});
		return { away, sets, get: () => availability, set: (a: Availability) => (availability = a) };
	}

	it('an online agent goes away after the timeout and comes back on input', async () => {
		const s = setup('online');
		const stop = s.away.tracker.start();
		await vi.advanceTimersByTimeAsync(3500);
		expect(s.sets).toEqual(['away']);
		expect(s.away.auto).toBe(true);
		s.away.tracker.activity();
		await vi.advanceTimersByTimeAsync(0);
		expect(s.sets).toEqual(['away', 'online']);
		expect(s.away.auto).toBe(false);
		stop();
	});

	it('a chosen away stays away through inactivity and return', async () => {
		const s = setup('away');
		const stop = s.away.tracker.start();
		await vi.advanceTimersByTimeAsync(10_000);
		s.away.tracker.activity();
		await vi.advanceTimersByTimeAsync(0);
		expect(s.sets).toEqual([]);
		expect(s.get()).toBe('away');
		stop();
	});

	it('a console reopened after an automatic away comes back online', async () => {
		const s = setup('online');
		const stop = s.away.tracker.start();
		await vi.advanceTimersByTimeAsync(3500);
		stop();
		// a new console on the same device, the database saying away
		await s.away.back();
		expect(s.sets).toEqual(['away', 'online']);
	});
});
