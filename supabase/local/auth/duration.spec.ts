import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './duration.ts';

describe('Go durations for ban_duration', () => {
	it.each([
		['24h', 86_400_000],
		['1h30m', 5_400_000],
		['1.5h', 5_400_000],
		['100ms', 100],
		['0', 0],
		['-2s', -2000]
	])('parses %s', (input, ms) => {
		expect(parseGoDuration(input)).toBe(ms);
	});

	it.each([['forever'], [''], ['10'], ['h'], ['1d']])('refuses %j', (input) => {
		expect(() => parseGoDuration(input)).toThrow(/^time: (invalid|missing unit in) duration/);
	});
});
