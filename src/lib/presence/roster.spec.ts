import { describe, expect, it } from 'vitest';
import { asAgentPresence, myPresence, rosterOf } from './roster.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const entry = (over: Record<string, unknown> = {}) => ({
	user_id: A,
	name: 'Ana',
	availability: 'online',
	open: 2,
	presence_ref: 'x',
	...over
});

describe('asAgentPresence', () => {
	it('keeps only our fields', () => {
		expect(asAgentPresence(entry())).toEqual({
			user_id: A,
			name: 'Ana',
			availability: 'online',
			open: 2
		});
	});
	it.each([
		['null', null],
		['an array', []],
		['a bad user id', entry({ user_id: 'me' })],
		['an unknown availability', entry({ availability: 'busy' })],
		['offline (never tracked)', entry({ availability: 'offline' })],
		['a negative count', entry({ open: -1 })],
		['a fractional count', entry({ open: 1.5 })],
		['a huge count', entry({ open: 1e9 })],
		['a string count', entry({ open: '2' })]
	])('refuses %s', (_n, value) => expect(asAgentPresence(value)).toBeNull());
	it('trims and caps the name, and tolerates a missing one', () => {
		expect(asAgentPresence(entry({ name: ' x'.repeat(200) }))?.name).toHaveLength(100);
		expect(asAgentPresence(entry({ name: 7 }))?.name).toBe('');
	});
});

describe('rosterOf', () => {
	it('lists online first, then away, by name; one entry per agent', () => {
		const state = {
			[A]: [entry({ availability: 'away', open: 1 }), entry({ availability: 'online', open: 3 })],
			[B]: [entry({ user_id: B, name: 'Bo', availability: 'away', open: 0 })],
			junk: [{ user_id: 'nope' }],
			worse: 'not a list'
		};
		expect(rosterOf(state)).toEqual([
			{ user_id: A, name: 'Ana', availability: 'online', open: 3 },
			{ user_id: B, name: 'Bo', availability: 'away', open: 0 }
		]);
	});
	it('is empty for anything else', () => {
		expect(rosterOf(null)).toEqual([]);
		expect(rosterOf('x')).toEqual([]);
	});
});

describe('myPresence', () => {
	it('is not tracked while offline', () => {
		expect(myPresence(A, 'Ana', 'offline', 1)).toBeNull();
		expect(myPresence(A, 'Ana', 'away', 1)).toEqual({
			user_id: A,
			name: 'Ana',
			availability: 'away',
			open: 1
		});
	});
});
