import { describe, expect, it } from 'vitest';
import { createI18n, loadCatalog, pickLanguage, translate } from './i18n.ts';
import { acceptedLanguages, directionOf, matchLanguage } from './languages.ts';

describe('i18n', () => {
	it('translates a key to its English text', () => {
		expect(translate(createI18n(), 'signup.submit')).toBe('Create account');
	});

	it('fills placeholders without HTML-escaping them (Svelte escapes on render)', () => {
		expect(translate(createI18n(), 'signup.done', { email: 'a&b@example.com' })).toBe(
			'You are signed in as a&b@example.com.'
		);
	});

	it('translates into a language once its catalogue is loaded', async () => {
		const i18n = createI18n();
		await loadCatalog(i18n, 'es');
		expect(translate(i18n, 'signup.submit', undefined, 'es')).toBe('Crear cuenta');
		expect(translate(i18n, 'signup.submit', undefined, 'en')).toBe('Create account');
	});

	it('picks the plural form the language calls for, Arabic with all six', async () => {
		const i18n = createI18n();
		await loadCatalog(i18n, 'ar');
		const pages = (count: number, lng: 'en' | 'ar') =>
			translate(i18n, 'console.visitors.pages', { count }, lng);
		expect([pages(1, 'en'), pages(2, 'en')]).toEqual(['1 page', '2 pages']);
		expect([0, 1, 2, 3, 11, 100].map((n) => pages(n, 'ar'))).toEqual([
			'لا صفحات',
			'صفحة واحدة',
			'صفحتان',
			'3 صفحات',
			'11 صفحة',
			'100 صفحة'
		]);
	});
});

describe('choosing the language', () => {
	it('picks the first supported language of the list', () => {
		expect(pickLanguage(['it-IT', 'de-DE', 'fr'])).toBe('de');
	});

	it('matches a regional tag to its base language', () => {
		expect(pickLanguage(['en-GB'])).toBe('en');
		expect(pickLanguage(['es-MX'])).toBe('es');
	});

	it('takes Simplified Chinese for zh, zh-CN and zh-Hans, not for Traditional', () => {
		expect(['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-SG'].map(matchLanguage)).toEqual([
			'zh',
			'zh',
			'zh',
			'zh'
		]);
		expect(['zh-TW', 'zh-Hant', 'zh-HK'].map(matchLanguage)).toEqual([null, null, null]);
	});

	it('falls back to the given language, else English', () => {
		expect(pickLanguage(['it', 'ja'], 'fr')).toBe('fr');
		expect(pickLanguage([])).toBe('en');
	});

	it('reads Accept-Language by quality, then order', () => {
		expect(acceptedLanguages('it;q=0.5, ar-EG, fr;q=0.8, *;q=0.1')).toEqual(['ar-EG', 'fr', 'it']);
		expect(acceptedLanguages(null)).toEqual([]);
	});

	it('lays Arabic out right to left and the others left to right', () => {
		expect(directionOf('ar')).toBe('rtl');
		expect(directionOf('zh')).toBe('ltr');
	});
});
