import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_RING_EVERY_MS, CALL_RING_MAX_MS, CallRings } from './call-rings.ts';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const CALL = '33333333-3333-4333-8333-333333333333';
const CONVERSATION = '44444444-4444-4444-8444-444444444444';

const call = (status: string, assigned: string | null = null) => ({
	id: CALL,
	conversation_id: CONVERSATION,
	media: 'audio',
	status,
	assigned_agent_id: assigned,
	visitor_name: 'Vera'
});

function rings() {
	const ring = vi.fn();
	const counts: number[] = [];
	return { ring, counts, calls: new CallRings(ME, ring, (n) => counts.push(n)) };
}

describe('a visitor’s call rings the console', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('rings at once and again every few seconds until it is answered', () => {
		const { ring, counts, calls } = rings();
		calls.receive(call('ringing'));
		expect(ring).toHaveBeenCalledTimes(1);
		expect(calls.ringing).toBe(1);
		// The same ringing call announced again does not start a second ring.
		calls.receive(call('ringing'));
		vi.advanceTimersByTime(CALL_RING_EVERY_MS * 3);
		expect(ring).toHaveBeenCalledTimes(4);
		calls.receive(call('active'));
		expect(calls.ringing).toBe(0);
		vi.advanceTimersByTime(CALL_RING_EVERY_MS * 3);
		expect(ring).toHaveBeenCalledTimes(4);
		expect(counts).toEqual([1, 0]);
	});

	it('rings for a call to this agent or to nobody yet, not for a colleague’s', () => {
		const mine = rings();
		mine.calls.receive(call('ringing', ME));
		expect(mine.calls.ringing).toBe(1);
		mine.calls.destroy();
		const theirs = rings();
		theirs.calls.receive(call('ringing', OTHER));
		expect(theirs.calls.ringing).toBe(0);
		expect(theirs.ring).not.toHaveBeenCalled();
	});

	it('stops by itself after a minute', () => {
		const { ring, calls } = rings();
		calls.receive(call('ringing'));
		vi.advanceTimersByTime(CALL_RING_MAX_MS + CALL_RING_EVERY_MS);
		expect(calls.ringing).toBe(0);
		const rung = ring.mock.calls.length;
		expect(rung).toBeLessThanOrEqual(CALL_RING_MAX_MS / CALL_RING_EVERY_MS + 1);
		vi.advanceTimersByTime(CALL_RING_EVERY_MS * 5);
		expect(ring).toHaveBeenCalledTimes(rung);
	});

	it.each([
		null,
		'ringing',
		{ ...call('ringing'), id: 'not-a-uuid' },
		{ ...call('ringing'), media: 'fax' }
	])('ignores %j, which is not a call', (payload) => {
		const { ring, calls } = rings();
		calls.receive(payload);
		expect(ring).not.toHaveBeenCalled();
	});

	it('stops every ring on destroy', () => {
		const { ring, calls } = rings();
		calls.receive(call('ringing'));
		calls.receive({ ...call('ringing'), id: '55555555-5555-4555-8555-555555555555' });
		expect(calls.ringing).toBe(2);
		calls.destroy();
		expect(calls.ringing).toBe(0);
		vi.advanceTimersByTime(CALL_RING_EVERY_MS * 3);
		expect(ring).toHaveBeenCalledTimes(2);
	});
});
