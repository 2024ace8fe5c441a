import { describe, expect, it } from 'vitest';
import { STRINGS, stringsFor } from './strings';

describe('snippet strings', () => {
	it('have every entry in every language, and none empty', () => {
		const keys = Object.keys(STRINGS.en).sort();
		for (const [lang, strings] of Object.entries(STRINGS)) {
			expect(Object.keys(strings).sort(), lang).toEqual(keys);
			for (const [key, value] of Object.entries(strings))
				expect(typeof value == 'function' ? value(2) : value, `${lang}.${key}`).not.toBe('');
		}
	});

	it('pick the language of a tag, falling back to English', () => {
		expect(stringsFor('en-GB')).toBe(STRINGS.en);
		expect(stringsFor('xx')).toBe(STRINGS.en);
		expect(stringsFor('')).toBe(STRINGS.en);
	});

	it('name the launcher with the unread count', () => {
		expect(STRINGS.en.open + STRINGS.en.unread(3)).toBe('Open chat, 3 unread');
	});
});
