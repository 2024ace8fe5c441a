/**
 * A catalogue read without i18next, for the widget's chat (`wt`) and the call screen (`ct`),
 * which have a JavaScript budget: English is bundled, another language's strings are a
 * separate module loaded when that language is first needed.
 */
import { interfaceLanguage } from './locale.ts';
import { Signal } from './reactive.ts';
import type { Language } from './languages.ts';

type Values = Record<string, string | number>;
type Tree = { readonly [key: string]: string | Tree };

/** Loads one language's catalogue (a dynamic `import()`, so each is its own chunk). */
export type CatalogLoaders = Partial<Record<Language, () => Promise<Tree>>>;

const plurals = new Map<Language, Intl.PluralRules>();
function pluralRules(language: Language): Intl.PluralRules {
	let rules = plurals.get(language);
	if (!rules) plurals.set(language, (rules = new Intl.PluralRules(language)));
	return rules;
}

/** The string at a dotted path, choosing the plural form `count` calls for. */
function lookup(tree: Tree, key: string, language: Language, count: unknown): string | undefined {
	const parts = key.split('.');
	const last = parts.pop()!;
	let node: Tree | string | undefined = tree;
	for (const part of parts) node = typeof node === 'object' ? node[part] : undefined;
	if (typeof node !== 'object') return undefined;
	const leaf = node[last];
	if (typeof leaf === 'string') return leaf;
	if (typeof count !== 'number') return undefined;
	const form = node[`${last}_${pluralRules(language).select(count)}`] ?? node[`${last}_other`];
	return typeof form === 'string' ? form : undefined;
}

/** Fills `{{name}}` placeholders. */
export function fill(template: string, values: Values): string {
	return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** English bundled, the rest on demand; `get` follows the interface language. */
export class LazyStrings {
	#english: Tree;
	#loaders: CatalogLoaders;
	#loaded = new Signal<Partial<Record<Language, Tree>>>({});
	#pending = new Map<Language, Promise<void>>();

	constructor(english: Tree, loaders: CatalogLoaders) {
		this.#english = english;
		this.#loaders = loaders;
	}

	/** Loads a language's strings (once); English needs nothing. */
	load(language: Language): Promise<void> {
		const loader = this.#loaders[language];
		if (!loader || this.#loaded.current[language]) return Promise.resolve();
		let pending = this.#pending.get(language);
		if (!pending) {
			pending = loader().then(
				(tree) => this.#loaded.set({ ...this.#loaded.current, [language]: tree }),
				// Offline or a stale deployment: English stays, and a later call tries again.
				() => void this.#pending.delete(language)
			);
			this.#pending.set(language, pending);
		}
		return pending;
	}

	/** The string for `key` in the interface language (English until it has loaded). */
	get(key: string, values: Values = {}): string {
		const language = interfaceLanguage();
		const tree = this.#loaded.current[language];
		if (!tree && language !== 'en') void this.load(language);
		const text =
			(tree && lookup(tree, key, language, values.count)) ??
			lookup(this.#english, key, 'en', values.count) ??
			key;
		return fill(text, values);
	}
}
