/**
 * A server's language catalog: the pairs it lists in its own codes, how to find the codes for
 * a pair of BCP-47 tags, and the pairs shown as tags.
 */
import { pickPair, type ParsedTag } from './tags.ts';
import type { FailureReason, LanguagePair } from './types.ts';

/** A catalog, or why the server's list could not be had. */
export type CatalogResult =
	{ ok: true; catalog: Catalog } | { ok: false; reason: FailureReason; detail?: string };

/** The pairs one server translates. */
export class Catalog {
	/** Lower-cased code → the code as the server spells it. */
	readonly #spelling = new Map<string, string>();
	readonly #pairs = new Set<string>();
	readonly #toTag: (code: string) => string;

	/** `pairs` in the server's codes; `toTag` shows a code as a BCP-47 tag. */
	constructor(pairs: Iterable<[string, string]>, toTag: (code: string) => string) {
		this.#toTag = toTag;
		for (const [source, target] of pairs) {
			this.#spelling.set(source.toLowerCase(), source);
			this.#spelling.set(target.toLowerCase(), target);
			this.#pairs.add(`${source.toLowerCase()}|${target.toLowerCase()}`);
		}
	}

	/**
	 * The server's codes for source→target, trying `candidates(tag)` most specific first; null
	 * when the server lists no such pair.
	 */
	resolve(
		source: ParsedTag,
		target: ParsedTag,
		candidates: (tag: ParsedTag) => string[]
	): { source: string; target: string } | null {
		const lower = (codes: string[]) => codes.map((c) => c.toLowerCase());
		const found = pickPair(lower(candidates(source)), lower(candidates(target)), (s, t) =>
			this.#pairs.has(`${s}|${t}`)
		);
		if (!found) return null;
		return { source: this.#spelling.get(found.source)!, target: this.#spelling.get(found.target)! };
	}

	/** The pairs as BCP-47 tags, sorted, without duplicates. */
	pairs(): LanguagePair[] {
		const seen = new Map<string, LanguagePair>();
		for (const key of this.#pairs) {
			const [s, t] = key.split('|');
			const pair = {
				source: this.#toTag(this.#spelling.get(s)!),
				target: this.#toTag(this.#spelling.get(t)!)
			};
			seen.set(`${pair.source}|${pair.target}`, pair);
		}
		return [...seen.values()].sort(
			(a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)
		);
	}
}
