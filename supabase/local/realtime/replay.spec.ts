import { describe, expect, it } from 'vitest';
import { parseReplay, REPLAY_MAX_MESSAGES } from './replay.ts';

describe('broadcast replay params', () => {
	it('asks for nothing when replay is not an object', () => {
		expect(parseReplay(undefined)).toBeNull();
		expect(parseReplay(null)).toBeNull();
		expect(parseReplay('since=0')).toBeNull();
	});

	it.each([
		[
			{ since: 1000, limit: 5 },
			{ sinceMs: 1000, limit: 5 }
		],
		[{ since: 1000 }, { sinceMs: 1000, limit: REPLAY_MAX_MESSAGES }],
		[
			{ since: 1000, limit: null },
			{ sinceMs: 1000, limit: REPLAY_MAX_MESSAGES }
		],
		[
			{ since: 0, limit: 100 },
			{ sinceMs: 0, limit: REPLAY_MAX_MESSAGES }
		],
		[
			{ since: 0, limit: 0 },
			{ sinceMs: 0, limit: 1 }
		],
		[
			{ since: 0, limit: -4 },
			{ sinceMs: 0, limit: 1 }
		]
	])('reads %j as at most 25 messages and at least one', (replay, plan) => {
		expect(parseReplay(replay)).toEqual(plan);
	});

	it.each([
		[{}],
		[{ since: '0' }],
		[{ since: 1.5 }],
		[{ since: 0, limit: '5' }],
		[{ since: 0, limit: 2.5 }],
		[{ since: 1e20 }]
	])('refuses %j', (replay) => {
		expect(parseReplay(replay)).toBe('invalid');
	});
});
