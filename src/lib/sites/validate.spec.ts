import { describe, expect, it } from 'vitest';
import { codePoints, validateSiteDraft, type SiteDraft } from './validate.ts';

const GOOD: SiteDraft = {
	name: ' My shop ',
	origins: 'https://Shop.example.com/\nhttps://shop.example.com\nhttp://localhost:5173',
	widget_color: '#0F766E',
	widget_position: 'bottom-left',
	greeting: ' Hi! How can we help? ',
	default_language: 'pt-BR'
};

describe('validateSiteDraft', () => {
	it('normalizes a good draft: trimmed name, unique normalized origins, lower-case colour', () => {
		expect(validateSiteDraft(GOOD)).toEqual({
			ok: true,
			settings: {
				name: 'My shop',
				allowed_origins: ['https://shop.example.com', 'http://localhost:5173'],
				widget_color: '#0f766e',
				widget_position: 'bottom-left',
				greeting: 'Hi! How can we help?',
				default_language: 'pt-BR'
			}
		});
	});

	it.each<[string, Partial<SiteDraft>, string, string]>([
		['an empty name', { name: '   ' }, 'name', 'siteForm.errors.nameRequired'],
		['a 101-character name', { name: 'x'.repeat(101) }, 'name', 'siteForm.errors.nameTooLong'],
		[
			'an origin with a path',
			{ origins: 'https://a.example/x' },
			'origins',
			'siteForm.errors.originSuggest'
		],
		[
			'an origin without scheme',
			{ origins: 'a.example' },
			'origins',
			'siteForm.errors.originNoScheme'
		],
		['a non-origin', { origins: 'not an origin!' }, 'origins', 'siteForm.errors.originNotAddress'],
		['no origin at all', { origins: ' \n ' }, 'origins', 'siteForm.errors.originsRequired'],
		[
			'a mail address',
			{ origins: 'mailto:a@b.example' },
			'origins',
			'siteForm.errors.originScheme'
		],
		[
			'51 origins',
			{ origins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`).join('\n') },
			'origins',
			'siteForm.errors.tooManyOrigins'
		],
		['a colour name', { widget_color: 'blue' }, 'widget_color', 'siteForm.errors.color'],
		[
			'an unknown position',
			{ widget_position: 'top' },
			'widget_position',
			'siteForm.errors.position'
		],
		[
			'a 10 MB greeting',
			{ greeting: 'x'.repeat(10 * 1024 * 1024) },
			'greeting',
			'siteForm.errors.greetingTooLong'
		],
		[
			'a bad language tag',
			{ default_language: 'English' },
			'default_language',
			'siteForm.errors.language'
		]
	])('refuses %s', (_label, change, field, key) => {
		const result = validateSiteDraft({ ...GOOD, ...change });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems).toMatchObject({ [field]: { key } });
	});

	it('counts the greeting in characters, so 500 emoji fit', () => {
		expect(validateSiteDraft({ ...GOOD, greeting: '👋'.repeat(500) }).ok).toBe(true);
		expect(validateSiteDraft({ ...GOOD, greeting: '👋'.repeat(501) }).ok).toBe(false);
	});

	it('reports the length of a too-long greeting', () => {
		const result = validateSiteDraft({ ...GOOD, greeting: 'x'.repeat(10 * 1024 * 1024) });
		expect(!result.ok && result.problems.greeting?.values).toEqual({ max: 500, length: 10485760 });
	});
});

describe('codePoints', () => {
	it.each([
		['', 0],
		['abc', 3],
		['👋', 1],
		['a👋b', 3],
		['\ud800', 1]
	])('%j has %i', (text, count) => {
		expect(codePoints(text)).toBe(count);
	});
});
