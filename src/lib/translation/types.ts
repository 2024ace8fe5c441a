/**
 * The translation provider interface. A provider never throws for a failed translation: it
 * answers a reason, so the caller shows the original with a note and nothing is held back.
 */

/** Why a translation did not happen. */
export type FailureReason =
	/** The provider cannot be reached (connection refused, DNS, a gateway's 502/503/504). */
	| 'down'
	/** The provider did not answer within the time limit. */
	| 'slow'
	/** The provider has no engine for this source and target. */
	| 'unsupported_pair'
	/** The provider refused us: a missing or wrong API key, or we are banned. */
	| 'refused'
	/** The provider says we send too much (its own rate limit). */
	| 'busy'
	/** The provider failed or answered something we cannot read. */
	| 'failed';

/** Every failure reason, for validation and tables. */
export const FAILURE_REASONS = [
	'down',
	'slow',
	'unsupported_pair',
	'refused',
	'busy',
	'failed'
] as const satisfies readonly FailureReason[];

/** What a provider answered for one text. */
export type ProviderResult =
	{ ok: true; text: string } | { ok: false; reason: FailureReason; detail?: string };

/** A source→target pair the provider translates, in BCP-47 tags. */
export interface LanguagePair {
	source: string;
	target: string;
}

/** The provider's languages: the pairs it translates, or why it could not say. */
export type LanguagesResult =
	{ ok: true; pairs: LanguagePair[] } | { ok: false; reason: FailureReason; detail?: string };

/** One translation request; source and target are BCP-47 tags (`es`, `pt-BR`). */
export interface TranslateInput {
	text: string;
	source: string;
	target: string;
}

/** The names of the providers Parley speaks. */
export type ProviderName = 'libretranslate' | 'apertium';

/** A machine-translation server. */
export interface TranslationProvider {
	readonly name: ProviderName;
	/** Translates one text; never throws for the provider's failures. */
	translate(input: TranslateInput, signal?: AbortSignal): Promise<ProviderResult>;
	/** The pairs the server translates; never throws for the provider's failures. */
	languages(signal?: AbortSignal): Promise<LanguagesResult>;
}
