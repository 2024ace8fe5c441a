import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog.ts';
import {
	apertiumCandidates,
	apertiumCodeToTag,
	languageName,
	libreCandidates,
	libreCodeToTag,
	parseTag
} from './tags.ts';

const tag = (t: string) => {
	const parsed = parseTag(t);
	if (!parsed) throw new Error(`not a tag: ${t}`);
	return parsed;
};

describe('parseTag', () => {
	it.each([
		['en', { language: 'en', tag: 'en' }],
		['ES', { language: 'es', tag: 'es' }],
		['pt-br', { language: 'pt', region: 'BR', tag: 'pt-BR' }],
		['zh-hant-TW', { language: 'zh', script: 'Hant', region: 'TW', tag: 'zh-Hant-TW' }],
		['eng', { language: 'en', tag: 'en' }],
		['spa', { language: 'es', tag: 'es' }],
		['ast', { language: 'ast', tag: 'ast' }],
		['iw', { language: 'he', tag: 'he' }]
	])('reads %s in canonical form', (input, parsed) => {
		expect(parseTag(input)).toEqual(parsed);
	});

	it.each([
		'',
		'e',
		'english',
		'en_US',
		'en-',
		'en--US',
		'en-US-x-verylongsubtag',
		'a'.repeat(2) + '-abcdefgh'.repeat(4),
		'<script>',
		42,
		null
	])('refuses %j', (input) => {
		expect(parseTag(input)).toBeNull();
	});
});

describe('Apertium codes', () => {
	it('tries the regional variant first, then the ISO 639-3 language', () => {
		expect(apertiumCandidates(tag('pt-BR'))).toEqual(['por_BR', 'por']);
		expect(apertiumCandidates(tag('en'))).toEqual(['eng']);
		expect(apertiumCandidates(tag('fr'))).toEqual(['fra']);
	});

	it('falls back to the macrolanguage Apertium uses (hr, sr, bs → hbs; fa → pes)', () => {
		expect(apertiumCandidates(tag('hr'))).toEqual(['hrv', 'hbs']);
		expect(apertiumCandidates(tag('fa'))).toEqual(['fas', 'pes']);
		// ICU writes hbs and sh as sr-Latn.
		expect(apertiumCandidates(tag('hbs'))).toEqual(['srp', 'hbs']);
	});

	it('shows its codes as BCP-47 tags', () => {
		expect(apertiumCodeToTag('eng')).toBe('en');
		expect(apertiumCodeToTag('spa')).toBe('es');
		expect(apertiumCodeToTag('eng_US')).toBe('en-US');
		expect(apertiumCodeToTag('cat_valencia')).toBe('ca-valencia');
		expect(apertiumCodeToTag('hbs')).toBe('sh');
		expect(apertiumCodeToTag('xyz_oddVariant1')).toBe('xyz-x-oddvaria');
	});

	it('finds a pair among /listPairs as apertium-apy lists them (eng, spa, eng_US)', () => {
		// What Debian's apertium-apy answers with apertium-eng-spa installed.
		const catalog = new Catalog(
			[
				['spa', 'eng'],
				['spa', 'eng_US'],
				['eng', 'spa']
			],
			apertiumCodeToTag
		);
		expect(catalog.resolve(tag('es'), tag('en'), apertiumCandidates)).toEqual({
			source: 'spa',
			target: 'eng'
		});
		expect(catalog.resolve(tag('es-MX'), tag('en-US'), apertiumCandidates)).toEqual({
			source: 'spa',
			target: 'eng_US'
		});
		expect(catalog.resolve(tag('en-US'), tag('es'), apertiumCandidates)).toEqual({
			source: 'eng',
			target: 'spa'
		});
		expect(catalog.resolve(tag('en'), tag('fr'), apertiumCandidates)).toBeNull();
		expect(catalog.pairs()).toEqual([
			{ source: 'en', target: 'es' },
			{ source: 'es', target: 'en' },
			{ source: 'es', target: 'en-US' }
		]);
	});
});

describe('LibreTranslate codes', () => {
	it('tries the full tag, then script or region, then its specials, then the language', () => {
		expect(libreCandidates(tag('pt-BR'))).toEqual(['pt-BR', 'pb', 'pt']);
		expect(libreCandidates(tag('zh-TW'))).toEqual(['zh-TW', 'zh-Hant', 'zt', 'zh']);
		expect(libreCandidates(tag('zh'))).toEqual(['zh', 'zh-Hans']);
		expect(libreCandidates(tag('en-GB'))).toEqual(['en-GB', 'en']);
	});

	it('matches the server’s codes whatever their case', () => {
		const catalog = new Catalog([['en', 'ZH-hans']], libreCodeToTag);
		expect(catalog.resolve(tag('en'), tag('zh-CN'), libreCandidates)).toEqual({
			source: 'en',
			target: 'ZH-hans'
		});
	});

	it('shows pb and zt as the tags they stand for', () => {
		expect(libreCodeToTag('pb')).toBe('pt-BR');
		expect(libreCodeToTag('zt')).toBe('zh-Hant');
		expect(libreCodeToTag('zh-Hans')).toBe('zh-Hans');
	});
});

describe('languageName', () => {
	it('names a language in the reader’s language, and falls back to the tag', () => {
		expect(languageName('es', 'en')).toBe('Spanish');
		expect(languageName('es', 'de')).toBe('Spanisch');
		expect(languageName('fr-CA', 'en')).toBe('Canadian French');
		expect(languageName('not a tag', 'en')).toBe('not a tag');
		expect(languageName('es', 'not a locale')).toBe('es');
	});
});
