/**
 * The interface language in use, shared by the console's i18next (`t`), the chat's `wt` and
 * the call screen's `ct`. Small and free of i18next, so the widget can import it.
 */
import { directionOf, type Language } from './languages.ts';
import { Signal } from './reactive.ts';

const language = new Signal<Language>('en');
/** On the server, the language of the request being rendered (see hooks.server.ts). */
let requestLanguage: (() => Language | undefined) | undefined;

/** The interface language; reading it in a template re-renders on a change. */
export function interfaceLanguage(): Language {
	return requestLanguage?.() ?? language.current;
}

/**
 * Makes `lang` the interface language and sets `<html lang dir>` to match (Arabic lays out
 * right to left). Callers load the language's strings first, so nothing flashes in English.
 */
export function useLanguage(lang: Language, root?: HTMLElement): void {
	language.set(lang);
	if (root) {
		root.lang = lang;
		root.dir = directionOf(lang);
	}
}

/** Lets the server render each request in its own language (called once, server-side). */
export function setRequestLanguageSource(source: () => Language | undefined): void {
	requestLanguage = source;
}
