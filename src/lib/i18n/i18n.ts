/**
 * The interface language, through i18next. Plain TypeScript so domain code and unit tests can
 * use it; components use the reactive `t` from `index.svelte.ts`.
 */
import i18next, { type i18n as I18n, type TOptions } from 'i18next';
import { en } from './en.ts';
import { SUPPORTED_LANGUAGES, type Language, type Leaves, type Translation } from './languages.ts';

export { SUPPORTED_LANGUAGES, directionOf, pickLanguage, type Language } from './languages.ts';

/** Every message key, e.g. `'signup.title'`; a typo is a type error. */
export type MessageKey = Leaves<typeof en>;

/** Values interpolated into `{{name}}` placeholders; `count` also picks the plural form. */
export type MessageValues = Record<string, string | number>;

/** What every other language provides: en's keys, with its own plural forms. */
export type Catalog = Translation<typeof en>;

/** Each language's catalogue is its own chunk, loaded only when that language is chosen. */
export const CATALOGS: Record<Exclude<Language, 'en'>, () => Promise<Catalog>> = {
	es: () => import('./es.ts').then((m) => m.es),
	fr: () => import('./fr.ts').then((m) => m.fr),
	de: () => import('./de.ts').then((m) => m.de),
	zh: () => import('./zh.ts').then((m) => m.zh),
	ar: () => import('./ar.ts').then((m) => m.ar)
};

/** Creates an initialised i18next instance, synchronously (English is bundled). */
export function createI18n(language: Language = 'en'): I18n {
	const instance = i18next.createInstance();
	void instance.init({
		lng: language,
		fallbackLng: 'en',
		supportedLngs: [...SUPPORTED_LANGUAGES],
		resources: { en: { translation: en } },
		initAsync: false,
		// Svelte escapes text it renders; escaping here too would show `&amp;` to users.
		interpolation: { escapeValue: false },
		returnNull: false
	});
	return instance;
}

/** Adds a language's catalogue to an instance (once) and returns it. */
export async function loadCatalog(instance: I18n, language: Language): Promise<Catalog | null> {
	if (language === 'en') return null;
	const catalog = await CATALOGS[language]();
	if (!instance.hasResourceBundle(language, 'translation'))
		instance.addResourceBundle(language, 'translation', catalog);
	return catalog;
}

/**
 * Translates one key with an instance, in `language` or the instance's current one; kept
 * separate so it can be tested without Svelte.
 */
export function translate(
	instance: I18n,
	key: MessageKey,
	values?: MessageValues,
	language?: Language
): string {
	return instance.t(key, (language ? { ...values, lng: language } : values) as TOptions);
}
