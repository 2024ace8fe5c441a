/**
 * Every language has exactly en's keys, the plural forms its grammar has (as Intl.PluralRules
 * says) and en's placeholders.
 */
import { describe, expect, it } from 'vitest';
import { ar } from './ar.ts';
import { callEffects as arEffects } from './ar/call-effects.ts';
import { de } from './de.ts';
import { callEffects as deEffects } from './de/call-effects.ts';
import { en } from './en.ts';
import { callEffects as enEffects } from './en/call-effects.ts';
import { es } from './es.ts';
import { callEffects as esEffects } from './es/call-effects.ts';
import { fr } from './fr.ts';
import { callEffects as frEffects } from './fr/call-effects.ts';
import { PLURAL_CATEGORIES, SUPPORTED_LANGUAGES, type Language } from './languages.ts';
import { zh } from './zh.ts';
import { callEffects as zhEffects } from './zh/call-effects.ts';

type Tree = { readonly [key: string]: string | Tree };

/** Every catalogue a language has: the app's and the call screen's effects (not in en.ts). */
const CATALOGS: Record<Language, Tree[]> = {
	en: [en, enEffects],
	es: [es, esEffects],
	fr: [fr, frEffects],
	de: [de, deEffects],
	zh: [zh, zhEffects],
	ar: [ar, arEffects]
};

const PLURAL = new RegExp(`^(.*)_(${PLURAL_CATEGORIES.join('|')})$`);

/** Dotted key → text. */
function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') out.set(prefix + key, value);
		else flatten(value, `${prefix}${key}.`, out);
	}
	return out;
}

interface Shape {
	/** Keys without plural forms, with their text. */
	plain: Map<string, string>;
	/** Base key → plural category → text. */
	plurals: Map<string, Map<string, string>>;
}

function shape(tree: Tree): Shape {
	const plain = new Map<string, string>();
	const plurals = new Map<string, Map<string, string>>();
	for (const [key, text] of flatten(tree)) {
		const plural = PLURAL.exec(key);
		if (!plural) plain.set(key, text);
		else {
			if (!plurals.has(plural[1])) plurals.set(plural[1], new Map());
			plurals.get(plural[1])!.set(plural[2], text);
		}
	}
	return { plain, plurals };
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const withoutCount = (names: string[]) => names.filter((n) => n !== 'count');

function problems(language: Language, reference: Tree, tree: Tree): string[] {
	const found: string[] = [];
	const want = shape(reference);
	const have = shape(tree);
	const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.sort();
	for (const key of want.plain.keys()) if (!have.plain.has(key)) found.push(`missing ${key}`);
	for (const key of have.plain.keys()) if (!want.plain.has(key)) found.push(`extra ${key}`);
	for (const key of want.plurals.keys())
		if (!have.plurals.has(key)) found.push(`missing plural ${key}`);
	for (const key of have.plurals.keys())
		if (!want.plurals.has(key)) found.push(`extra plural ${key}`);
	for (const [key, text] of have.plain) {
		const english = want.plain.get(key);
		if (english !== undefined && placeholders(text).join() !== placeholders(english).join())
			found.push(`placeholders of ${key}: ${placeholders(text)} ≠ ${placeholders(english)}`);
	}
	for (const [key, forms] of have.plurals) {
		const english = want.plurals.get(key)?.get('other');
		if (english === undefined) continue;
		if ([...forms.keys()].sort().join() !== categories.join())
			found.push(`plural forms of ${key}: ${[...forms.keys()]} ≠ ${categories}`);
		const names = placeholders(english);
		for (const [category, text] of forms) {
			// A form may spell its number out ("one page", Arabic's dual), so may drop {{count}}.
			const ok =
				category === 'other'
					? placeholders(text).join() === names.join()
					: withoutCount(placeholders(text)).join() === withoutCount(names).join();
			if (!ok) found.push(`placeholders of ${key}_${category}: ${placeholders(text)} ≠ ${names}`);
		}
	}
	return found;
}

describe('interface catalogues', () => {
	for (const language of SUPPORTED_LANGUAGES) {
		it(`${language} has exactly en's keys, its plural forms and en's placeholders`, () => {
			const found = CATALOGS[language].flatMap((tree, i) =>
				problems(language, CATALOGS.en[i], tree)
			);
			expect(found).toEqual([]);
		});
	}

	it('notices a missing key, an extra key, a wrong plural form and a changed placeholder', () => {
		const reference = {
			a: 'A {{name}}',
			b: { pages_one: '{{count}} page', pages_other: '{{count}} pages' }
		};
		expect(
			problems('fr', reference, {
				c: 'C',
				b: { pages_one: '{{count}} page', pages_two: 'deux', pages_other: '{{n}} pages' }
			}).sort()
		).toEqual(
			[
				'missing a',
				'extra c',
				'plural forms of b.pages: one,two,other ≠ many,one,other',
				'placeholders of b.pages_other: n ≠ count'
			].sort()
		);
	});
});
