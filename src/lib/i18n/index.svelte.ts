/** The app's one i18next instance and a `t()` that Svelte 5 components re-run on language change. */
import {
	createI18n,
	pickLanguage,
	translate,
	type Language,
	type MessageKey,
	type MessageValues
} from './i18n.ts';

const i18n = createI18n();
let language = $state<Language>('en');

/** Translates a message key in the current interface language. */
export function t(key: MessageKey, values?: MessageValues): string {
	// Reading `language` makes every template that calls t() depend on it.
	void language;
	return translate(i18n, key, values);
}

/** The current interface language. */
export function currentLanguage(): Language {
	return language;
}

/** Switches the interface language (to the best supported match) and re-renders texts. */
export async function setLanguage(preferred: readonly string[]): Promise<void> {
	const next = pickLanguage(preferred);
	await i18n.changeLanguage(next);
	language = next;
}

export type { Language, MessageKey, MessageValues };
