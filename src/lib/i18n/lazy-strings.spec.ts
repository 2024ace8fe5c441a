import { describe, expect, it } from 'vitest';
import { LazyStrings } from './lazy-strings.ts';
import { useLanguage } from './locale.ts';

const english = {
	a: { hi: 'Hi {{name}}', pages_one: '{{count}} page', pages_other: '{{count}} pages' },
	only: 'Only in English'
};

describe('strings read without i18next', () => {
	it('fill placeholders and pick English plural forms', () => {
		useLanguage('en');
		const strings = new LazyStrings(english, {});
		expect(strings.get('a.hi', { name: 'Ana' })).toBe('Hi Ana');
		expect([1, 5].map((count) => strings.get('a.pages', { count }))).toEqual(['1 page', '5 pages']);
	});

	it('load a language once, use its plural forms and fall back to English for a missing key', async () => {
		let loads = 0;
		const strings = new LazyStrings(english, {
			ar: async () => {
				loads++;
				return { a: { hi: 'مرحبًا {{name}}', pages_two: 'صفحتان', pages_other: '{{count}} صفحة' } };
			}
		});
		useLanguage('ar');
		// Before the module arrives: English, and the load has started.
		expect(strings.get('a.hi', { name: 'Ana' })).toBe('Hi Ana');
		await strings.load('ar');
		expect(strings.get('a.hi', { name: 'Ana' })).toBe('مرحبًا Ana');
		expect(strings.get('a.pages', { count: 2 })).toBe('صفحتان');
		expect(strings.get('a.pages', { count: 11 })).toBe('11 صفحة');
		expect(strings.get('only')).toBe('Only in English');
		expect(loads).toBe(1);
		useLanguage('en');
	});
});
