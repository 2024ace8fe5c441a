/**
 * A token bucket per key (a user id): `capacity` requests at once, refilled at `refillPerSecond`.
 * Buckets of keys that have gone quiet are dropped so the map stays bounded.
 */

/** Translations a user may ask for at once (opening a conversation's history, say). */
export const TRANSLATE_BURST = 60;
/** Translations per second a user gets back after a burst. */
export const TRANSLATE_REFILL_PER_SECOND = 1;
/** Users tracked at most; beyond, the least recently seen are dropped. */
const RATE_LIMIT_MAX_KEYS = 10_000;

export type Admission = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket {
	tokens: number;
	at: number;
}

/** Per-key token buckets. */
export class TokenBucketLimiter {
	readonly #capacity: number;
	readonly #refillPerMs: number;
	readonly #maxKeys: number;
	readonly #now: () => number;
	readonly #buckets = new Map<string, Bucket>();

	constructor(
		opts: { capacity?: number; refillPerSecond?: number; maxKeys?: number; now?: () => number } = {}
	) {
		this.#capacity = opts.capacity ?? TRANSLATE_BURST;
		this.#refillPerMs = (opts.refillPerSecond ?? TRANSLATE_REFILL_PER_SECOND) / 1000;
		this.#maxKeys = opts.maxKeys ?? RATE_LIMIT_MAX_KEYS;
		this.#now = opts.now ?? Date.now;
		if (!(this.#capacity >= 1) || !(this.#refillPerMs > 0))
			throw new RangeError('a rate limit needs a capacity of at least 1 and a positive refill');
	}

	/** Takes one token for `key`: admitted, or how many seconds until one is back. */
	take(key: string): Admission {
		const now = this.#now();
		const bucket = this.#refilled(key, now);
		this.#buckets.delete(key);
		this.#buckets.set(key, bucket);
		this.#prune();
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return { ok: true, remaining: Math.floor(bucket.tokens) };
		}
		return {
			ok: false,
			retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#refillPerMs / 1000))
		};
	}

	/** How many keys are tracked. */
	get size(): number {
		return this.#buckets.size;
	}

	#refilled(key: string, now: number): Bucket {
		const bucket = this.#buckets.get(key);
		if (!bucket) return { tokens: this.#capacity, at: now };
		const tokens = Math.min(
			this.#capacity,
			bucket.tokens + Math.max(0, now - bucket.at) * this.#refillPerMs
		);
		return { tokens, at: now };
	}

	/**
	 * Drops the least recently seen keys beyond the bound. One that was quiet long enough has a
	 * full bucket anyway; a busier one loses its debt, which matters less than the memory.
	 */
	#prune(): void {
		for (const key of this.#buckets.keys()) {
			if (this.#buckets.size <= this.#maxKeys) return;
			this.#buckets.delete(key);
		}
	}
}
