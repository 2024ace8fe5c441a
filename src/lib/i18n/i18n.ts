/**
 * The interface language, through i18next. Plain TypeScript so domain code and unit tests can
 * use it; components use the reactive `t` from `index.svelte.ts`.
 */
import i18next, { type i18n as I18n, type TOptions } from 'i18next';
import { en } from './en.ts';

/** Languages the interface ships with; English is the fallback for missing keys. */
export const SUPPORTED_LANGUAGES = ['en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

type Leaves<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. `'signup.title'`; a typo is a type error. */
export type MessageKey = Leaves<typeof en>;

/** Values interpolated into `{{name}}` placeholders. */
export type MessageValues = Record<string, string | number>;

/** Picks the first supported language from a list such as `navigator.languages`. */
export function pickLanguage(preferred: readonly string[]): Language {
	for (const tag of preferred) {
		const base = tag.toLowerCase().split('-')[0];
		const match = SUPPORTED_LANGUAGES.find((l) => l === base);
		if (match) return match;
	}
	return 'en';
}

/** Creates an initialised i18next instance, synchronously (resources are bundled). */
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

/** Translates one key with an instance; kept separate so it can be tested without Svelte. */
export function translate(instance: I18n, key: MessageKey, values?: MessageValues): string {
	return instance.t(key, values as TOptions);
}
