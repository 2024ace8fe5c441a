import { describe, expect, it } from 'vitest';
import { createI18n, pickLanguage, translate } from './i18n.ts';

describe('i18n', () => {
	it('translates a key to its English text', () => {
		expect(translate(createI18n(), 'signup.submit')).toBe('Create account');
	});

	it('fills placeholders without HTML-escaping them (Svelte escapes on render)', () => {
		expect(translate(createI18n(), 'auth.signedInAs', { email: 'a&b@example.com' })).toBe(
			'Signed in as a&b@example.com'
		);
	});

	it('picks English for languages it does not ship yet', () => {
		expect(pickLanguage(['de-DE', 'fr'])).toBe('en');
	});

	it('matches a regional tag to its base language', () => {
		expect(pickLanguage(['en-GB'])).toBe('en');
	});
});
