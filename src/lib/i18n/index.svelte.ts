/** The app's one i18next instance and a `t()` that Svelte 5 components re-run on language change. */
import { loadWidgetStrings } from '$lib/components/chat/strings.ts';
import {
	createI18n,
	loadCatalog,
	translate,
	type Language,
	type MessageKey,
	type MessageValues
} from './i18n.ts';
import { SUPPORTED_LANGUAGES, pickLanguage } from './languages.ts';
import { interfaceLanguage, useLanguage } from './locale.ts';
import { deviceStorage, storeLanguage, storedLanguage } from './preference.ts';

const i18n = createI18n();

/** Translates a message key in the current interface language. */
export function t(key: MessageKey, values?: MessageValues): string {
	// Reading the language makes every template that calls t() depend on it.
	return translate(i18n, key, values, interfaceLanguage());
}

/** The current interface language. */
export function currentLanguage(): Language {
	return interfaceLanguage();
}

/**
 * Loads the best supported match of `preferred` (the chat's strings too), then switches the
 * interface and `<html lang dir>` to it.
 */
export async function setLanguage(preferred: readonly string[]): Promise<Language> {
	const next = pickLanguage(preferred);
	await Promise.all([loadCatalog(i18n, next), loadWidgetStrings(next)]);
	await i18n.changeLanguage(next);
	useLanguage(next, typeof document === 'undefined' ? undefined : document.documentElement);
	return next;
}

export type { Language, MessageKey, MessageValues };

/**
 * The language this device uses: its own choice, else the browser's (called before the first
 * render, so the page is drawn in it).
 */
export function startLanguage(): Promise<Language> {
	return setLanguage([storedLanguage(deviceStorage()) ?? '', ...navigator.languages]);
}

/** Chooses the interface language on this device (null: follow the browser again). */
export async function chooseLanguage(language: Language | null): Promise<void> {
	storeLanguage(language, deviceStorage(), document);
	await setLanguage(language ? [language] : navigator.languages);
}

/** The device's own choice, or null when it follows the browser. */
export function chosenLanguage(): Language | null {
	return storedLanguage(deviceStorage());
}

/** Loads every language, for the server, which renders each request in its own. */
export async function loadEveryLanguage(): Promise<void> {
	await Promise.all(
		SUPPORTED_LANGUAGES.map((l) => Promise.all([loadCatalog(i18n, l), loadWidgetStrings(l)]))
	);
}
