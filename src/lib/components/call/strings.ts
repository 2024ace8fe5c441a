/**
 * The call screen's strings, from `i18n/<language>/calls.ts` and `call-effects.ts`, with
 * `{{name}}` placeholders filled in; read without i18next like the chat's (`wt`), since the
 * widget shows the call screen too. Another language's strings load with the call screen.
 */
import { callEffects } from '$lib/i18n/en/call-effects.ts';
import { calls as callStrings } from '$lib/i18n/en/calls.ts';
import type { Language, Leaves } from '$lib/i18n/languages.ts';
import { LazyStrings } from '$lib/i18n/lazy-strings.ts';

const calls = { ...callStrings, ...callEffects };

/** Every call string key, e.g. `'ended.missed'`. */
export type CallKey = Leaves<typeof calls>;

/** One language's call strings, both modules in one chunk. */
const load = (m: Promise<[{ calls: object }, { callEffects: object }]>): Promise<typeof calls> =>
	m.then(([a, b]) => ({ ...a.calls, ...b.callEffects }) as unknown as typeof calls);

const strings = new LazyStrings(calls, {
	es: () =>
		load(Promise.all([import('$lib/i18n/es/calls.ts'), import('$lib/i18n/es/call-effects.ts')])),
	fr: () =>
		load(Promise.all([import('$lib/i18n/fr/calls.ts'), import('$lib/i18n/fr/call-effects.ts')])),
	de: () =>
		load(Promise.all([import('$lib/i18n/de/calls.ts'), import('$lib/i18n/de/call-effects.ts')])),
	zh: () =>
		load(Promise.all([import('$lib/i18n/zh/calls.ts'), import('$lib/i18n/zh/call-effects.ts')])),
	ar: () =>
		load(Promise.all([import('$lib/i18n/ar/calls.ts'), import('$lib/i18n/ar/call-effects.ts')]))
});

/** The string for `key` in the interface language, with `{{name}}` placeholders replaced. */
export function ct(key: CallKey, values: Record<string, string | number> = {}): string {
	return strings.get(key, values);
}

/** Loads the call strings of `language`, so the call screen opens in it. */
export function loadCallStrings(language: Language): Promise<void> {
	return strings.load(language);
}
