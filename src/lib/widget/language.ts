/**
 * The widget's language: the visitor's browser's first supported language, else the site's
 * default, else English. Its strings load before the widget switches to it.
 */
import { loadWidgetStrings } from '$lib/components/chat/strings.ts';
import { pickLanguage, type Language } from '$lib/i18n/languages.ts';
import { useLanguage } from '$lib/i18n/locale.ts';

/** The language for a visitor whose browser asks for `browser`, on a site defaulting to `site`. */
export function widgetLanguage(browser: readonly string[], site = ''): Language {
	return pickLanguage([...browser, site]);
}

/** Loads the widget's strings in `language`, then shows the widget in it, `<html lang dir>` included. */
export async function applyWidgetLanguage(
	language: Language,
	root: HTMLElement = document.documentElement
): Promise<void> {
	await loadWidgetStrings(language);
	useLanguage(language, root);
}
