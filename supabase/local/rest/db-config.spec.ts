import { describe, expect, it } from 'vitest';
import { coerceBool } from './db-config.ts';

describe('coerceBool (PostgREST Config.hs)', () => {
	it.each([
		['true', true],
		['TRUE', true],
		['"True"', true],
		['false', false],
		['1', true],
		['0', false],
		['-1', false],
		['on', undefined],
		['yes', undefined],
		['', undefined]
	])('%j → %s', (value, expected) => {
		expect(coerceBool(value)).toBe(expected);
	});
});
