/**
 * The language chosen on this device: in localStorage for the app, and in a cookie so the
 * server renders pages (and `<html lang dir>`) in it before any script runs.
 */
import { isLanguage, type Language } from './languages.ts';

/** localStorage key and cookie name of the device's language choice. */
export const LANGUAGE_STORAGE_KEY = 'parley.language';
export const LANGUAGE_COOKIE = 'parley-language';
/** The cookie outlives any device's use of the console. */
const LANGUAGE_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** The language chosen on this device, or null when none was (or storage is blocked). */
export function storedLanguage(storage: Pick<Storage, 'getItem'> | null): Language | null {
	try {
		const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
		return isLanguage(value) ? value : null;
	} catch {
		return null;
	}
}

/** Remembers (or with null forgets) the device's choice, in storage and in the cookie. */
export function storeLanguage(
	language: Language | null,
	storage: Pick<Storage, 'setItem' | 'removeItem'> | null,
	doc: Pick<Document, 'cookie'> | null
): void {
	try {
		if (language) storage?.setItem(LANGUAGE_STORAGE_KEY, language);
		else storage?.removeItem(LANGUAGE_STORAGE_KEY);
	} catch {
		// Storage blocked: the choice lasts for this page only.
	}
	if (doc)
		doc.cookie = `${LANGUAGE_COOKIE}=${language ?? ''}; path=/; max-age=${language ? LANGUAGE_COOKIE_MAX_AGE_S : 0}; samesite=lax`;
}

/** The window's localStorage, or null where the browser blocks it (it throws on access). */
export function deviceStorage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}
