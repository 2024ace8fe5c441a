/**
 * The interface languages and the types every catalogue shares. No i18next here: the widget,
 * the call screen and the server import this too.
 */

/** Languages the interface ships with; English is the fallback for missing keys. */
export const SUPPORTED_LANGUAGES = ['en', 'es', 'fr', 'de', 'zh', 'ar'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** Languages written right to left. */
const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

/** Suffixes i18next gives plural forms, one per `Intl.PluralRules` category. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
export const PLURAL_CATEGORIES: readonly PluralCategory[] = [
	'zero',
	'one',
	'two',
	'few',
	'many',
	'other'
];

/** A key without its plural suffix: `pages_one` and `pages_other` are both `pages`. */
type Base<K extends string> = K extends `${infer B}_${PluralCategory}` ? B : K;

/**
 * Every leaf key of a catalogue as a dotted path, plural forms under their base key, so
 * `t('console.visitors.pages', { count })` type-checks while `pages_one` is what is stored.
 */
export type Leaves<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends string
		? `${Prefix}${Base<K>}`
		: Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/**
 * What another language must provide for an English catalogue `T`: the same keys with any
 * text, except that plural keys may carry whichever plural forms the language has (a unit
 * test checks them against `Intl.PluralRules`).
 */
export type Translation<T> = {
	[K in keyof T as K extends `${string}_${PluralCategory}` ? never : K]: T[K] extends string
		? string
		: Translation<T[K]>;
} & {
	[
		K in keyof T as K extends `${infer B}_${PluralCategory}` ? `${B}_${PluralCategory}` : never
	]?: string;
};

/** The writing direction of a language. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
	return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/** Whether `tag` names a supported language, exactly (`'es'`, not `'es-ES'`). */
export function isLanguage(tag: unknown): tag is Language {
	return SUPPORTED_LANGUAGES.includes(tag as Language);
}

/** The supported language a BCP 47 tag asks for, or null: `es-MX` → es, `zh-TW` → null. */
export function matchLanguage(tag: string): Language | null {
	const lower = tag.trim().toLowerCase();
	const base = lower.split(/[-_]/)[0];
	// Simplified Chinese only: Traditional script or regions that write it do not match.
	if (base === 'zh' && /[-_](hant|tw|hk|mo)\b/.test(lower)) return null;
	return isLanguage(base) ? base : null;
}

/** Picks the first supported language from a list such as `navigator.languages`. */
export function pickLanguage(preferred: readonly string[], fallback: Language = 'en'): Language {
	for (const tag of preferred) {
		const match = matchLanguage(tag);
		if (match) return match;
	}
	return fallback;
}

/** The languages an `Accept-Language` header asks for, most wanted first. */
export function acceptedLanguages(header: string | null): string[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
			return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
		})
		.filter((l) => l.tag && l.tag !== '*' && l.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index)
		.map((l) => l.tag);
}
