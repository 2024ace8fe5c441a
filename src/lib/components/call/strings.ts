/**
 * The call screen's strings, from `i18n/en/calls.ts` and `i18n/en/call-effects.ts`, with
 * `{{name}}` placeholders filled in; read without i18next like the chat's (`wt`), since the
 * widget shows the call screen too.
 */
import { callEffects } from '$lib/i18n/en/call-effects.ts';
import { calls as callStrings } from '$lib/i18n/en/calls.ts';

const calls = { ...callStrings, ...callEffects };

type Leaves<T, P extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every call string key, e.g. `'ended.missed'`. */
export type CallKey = Leaves<typeof calls>;

/** The string for `key`, with `{{name}}` placeholders replaced by `values`. */
export function ct(key: CallKey, values: Record<string, string | number> = {}): string {
	let node: unknown = calls;
	for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
	return String(node).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
