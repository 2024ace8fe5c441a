/**
 * The chat components' and the widget's strings, from `i18n/<language>/widget.ts`, with
 * `{{name}}` placeholders filled in and plural forms chosen by `count`. No i18next: the
 * widget's iframe has a JavaScript budget, so it bundles English only and loads its visitor's
 * language as one small module.
 */
import { widget } from '$lib/i18n/en/widget.ts';
import type { Language, Leaves } from '$lib/i18n/languages.ts';
import { LazyStrings } from '$lib/i18n/lazy-strings.ts';

/** Every widget string key, e.g. `'chat.retry'`. */
export type WidgetKey = Leaves<typeof widget>;

const strings = new LazyStrings(widget, {
	es: () => import('$lib/i18n/es/widget.ts').then((m) => m.widget),
	fr: () => import('$lib/i18n/fr/widget.ts').then((m) => m.widget),
	de: () => import('$lib/i18n/de/widget.ts').then((m) => m.widget),
	zh: () => import('$lib/i18n/zh/widget.ts').then((m) => m.widget),
	ar: () => import('$lib/i18n/ar/widget.ts').then((m) => m.widget)
});

/** The string for `key` in the interface language, with `{{name}}` placeholders replaced. */
export function wt(key: WidgetKey, values: Record<string, string | number> = {}): string {
	return strings.get(key, values);
}

/** Loads the widget strings of `language` (before switching to it, so nothing flashes). */
export function loadWidgetStrings(language: Language): Promise<void> {
	return strings.load(language);
}
