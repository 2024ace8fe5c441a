/**
 * The translator the server uses: a provider behind the translation cache. Tags are
 * canonicalised first, so `ES` and `es` share cache entries.
 */
import { TranslationCache, translationKey } from './cache.ts';
import { parseTag } from './tags.ts';
import type {
	FailureReason,
	LanguagePair,
	ProviderName,
	TranslateInput,
	TranslationProvider
} from './types.ts';

/** One translation's outcome. */
export type TranslationOutcome =
	| { ok: true; translation: string; provider: ProviderName; cached: boolean }
	| { ok: false; reason: FailureReason; provider: ProviderName; detail?: string };

/** The provider's pairs, or why they are not known. */
export type LanguagesOutcome =
	| { ok: true; provider: ProviderName; pairs: LanguagePair[] }
	| { ok: false; provider: ProviderName; reason: FailureReason; detail?: string };

/** A provider with a cache in front. */
export class Translator {
	readonly provider: TranslationProvider;
	readonly #cache: TranslationCache;

	constructor(provider: TranslationProvider, cache: TranslationCache = new TranslationCache()) {
		this.provider = provider;
		this.#cache = cache;
	}

	/** Translates one text; the same text and pair reaches the provider once. */
	async translate(input: TranslateInput): Promise<TranslationOutcome> {
		const provider = this.provider.name;
		const source = parseTag(input.source)?.tag;
		const target = parseTag(input.target)?.tag;
		if (!source || !target)
			return { ok: false, reason: 'unsupported_pair', provider, detail: 'not a language tag' };
		const { result, cached } = await this.#cache.get(
			translationKey(provider, source, target, input.text),
			() => this.provider.translate({ text: input.text, source, target })
		);
		if (!result.ok) return { ok: false, provider, reason: result.reason, detail: result.detail };
		return { ok: true, translation: result.text, provider, cached };
	}

	/** The pairs the provider translates. */
	async languages(): Promise<LanguagesOutcome> {
		const provider = this.provider.name;
		const result = await this.provider.languages();
		return result.ok
			? { ok: true, provider, pairs: result.pairs }
			: { ok: false, provider, reason: result.reason, detail: result.detail };
	}
}
