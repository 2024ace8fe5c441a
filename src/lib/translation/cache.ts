/**
 * Caches for translations: a bounded LRU of finished translations where concurrent identical
 * requests share one call, and a small cache for a server's language list.
 */
import type { LanguagesResult, ProviderResult } from './types.ts';

/** Translations kept at most (LRU beyond). */
export const TRANSLATION_CACHE_MAX_ENTRIES = 5_000;
/** Characters (sources and translations together) kept at most, about 8 MB of strings. */
export const TRANSLATION_CACHE_MAX_CHARS = 4_000_000;

/** The key of one translation: the provider, the pair and the text. */
export const translationKey = (
	provider: string,
	source: string,
	target: string,
	text: string
): string => JSON.stringify([provider, source, target, text]);

/**
 * Finished translations by key, least recently used evicted first, bounded by entries and by
 * characters. Only successes are kept: a failure is retried by the next request.
 */
export class TranslationCache {
	readonly #entries = new Map<string, string>();
	readonly #inFlight = new Map<string, Promise<ProviderResult>>();
	readonly #maxEntries: number;
	readonly #maxChars: number;
	#chars = 0;

	constructor(opts: { maxEntries?: number; maxChars?: number } = {}) {
		this.#maxEntries = opts.maxEntries ?? TRANSLATION_CACHE_MAX_ENTRIES;
		this.#maxChars = opts.maxChars ?? TRANSLATION_CACHE_MAX_CHARS;
	}

	/** How many translations are kept. */
	get size(): number {
		return this.#entries.size;
	}

	/**
	 * The translation for `key`: from the cache (cached: true), from a call already under way
	 * for the same key, or from `produce()`, whose success is then kept.
	 */
	async get(
		key: string,
		produce: () => Promise<ProviderResult>
	): Promise<{ result: ProviderResult; cached: boolean }> {
		const hit = this.#entries.get(key);
		if (hit !== undefined) {
			// Map order is insertion order: re-inserting marks it most recently used.
			this.#entries.delete(key);
			this.#entries.set(key, hit);
			return { result: { ok: true, text: hit }, cached: true };
		}
		let call = this.#inFlight.get(key);
		if (!call) {
			call = produce().finally(() => this.#inFlight.delete(key));
			this.#inFlight.set(key, call);
			call.then(
				(result) => {
					if (result.ok) this.#store(key, result.text);
				},
				() => {}
			);
		}
		return { result: await call, cached: false };
	}

	#store(key: string, text: string): void {
		const size = key.length + text.length;
		if (size > this.#maxChars) return;
		const old = this.#entries.get(key);
		if (old !== undefined) {
			this.#entries.delete(key);
			this.#chars -= key.length + old.length;
		}
		this.#entries.set(key, text);
		this.#chars += size;
		for (const [oldest, value] of this.#entries) {
			if (this.#entries.size <= this.#maxEntries && this.#chars <= this.#maxChars) break;
			this.#entries.delete(oldest);
			this.#chars -= oldest.length + value.length;
		}
	}
}

/** How long a server's language list is trusted. */
export const LANGUAGES_TTL_MS = 10 * 60_000;
/** How long a failure to get it is remembered, so a down server is not asked on every request. */
export const LANGUAGES_FAILURE_TTL_MS = 5_000;

/**
 * A server's list, loaded on demand and kept for a while: successes for `ttlMs`, failures for
 * `failureTtlMs`; concurrent callers share one load.
 */
export class ListCache<T> {
	readonly #load: () => Promise<T>;
	readonly #isOk: (value: T) => boolean;
	readonly #ttlMs: number;
	readonly #failureTtlMs: number;
	readonly #now: () => number;
	#value: { value: T; until: number } | null = null;
	#loading: Promise<T> | null = null;

	constructor(
		load: () => Promise<T>,
		isOk: (value: T) => boolean,
		opts: { ttlMs?: number; failureTtlMs?: number; now?: () => number } = {}
	) {
		this.#load = load;
		this.#isOk = isOk;
		this.#ttlMs = opts.ttlMs ?? LANGUAGES_TTL_MS;
		this.#failureTtlMs = opts.failureTtlMs ?? LANGUAGES_FAILURE_TTL_MS;
		this.#now = opts.now ?? Date.now;
	}

	/** The list, from the cache while it is fresh. */
	get(): Promise<T> {
		if (this.#value && this.#now() < this.#value.until) return Promise.resolve(this.#value.value);
		this.#loading ??= this.#load()
			.then((value) => {
				const ttl = this.#isOk(value) ? this.#ttlMs : this.#failureTtlMs;
				this.#value = { value, until: this.#now() + ttl };
				return value;
			})
			.finally(() => {
				this.#loading = null;
			});
		return this.#loading;
	}
}

/** Whether a languages answer is a success (for ListCache). */
export const languagesOk = (result: LanguagesResult): boolean => result.ok;
