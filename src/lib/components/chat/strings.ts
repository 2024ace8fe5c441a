/**
 * The chat components' and the widget's strings, from `i18n/en/widget.ts`, with `{{name}}`
 * placeholders filled in. No i18next: the widget's iframe has a JavaScript budget, and these
 * strings are all it needs (another language becomes another module of the same shape).
 */
import { widget } from '$lib/i18n/en/widget.ts';

type Leaves<T, P extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every widget string key, e.g. `'chat.retry'`. */
export type WidgetKey = Leaves<typeof widget>;

/** The string for `key`, with `{{name}}` placeholders replaced by `values`. */
export function wt(key: WidgetKey, values: Record<string, string | number> = {}): string {
	let node: unknown = widget;
	for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
	return String(node).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
