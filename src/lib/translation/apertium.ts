/**
 * Apertium APy (https://wiki.apertium.org/wiki/Apertium-apy): `GET /listPairs` answers
 * `{responseData: [{sourceLanguage, targetLanguage}]}` in ISO 639-3 codes (`eng`, `spa`,
 * `eng_US`); `/translate` takes `langpair=eng|spa`, `q` and `markUnknown=no` (else unknown
 * words come back as `*word`) and answers `{responseData: {translatedText}, responseStatus}`.
 * Errors are `{status: 'error', code, explanation}`: 400 for a pair it lacks, 503 when its
 * pipeline fails. It has no language detection.
 */
import { Catalog, type CatalogResult } from './catalog.ts';
import { ListCache } from './cache.ts';
import {
	callWithLimit,
	isGatewayFailure,
	trimBase,
	PROVIDER_CALL_LIMIT_MS,
	type Fetch,
	type HttpAnswer
} from './http.ts';
import { apertiumCandidates, apertiumCodeToTag, parseTag } from './tags.ts';
import type {
	LanguagesResult,
	ProviderResult,
	TranslateInput,
	TranslationProvider
} from './types.ts';

export interface ApertiumOptions {
	/** APy's base URL (`http://127.0.0.1:2737`). */
	url: string;
	fetch?: Fetch;
	/** Limit per call, in ms. */
	callLimitMs?: number;
	now?: () => number;
}

/** A failed answer's reason. */
function failure(answer: Extract<HttpAnswer, { ok: true }>): Exclude<ProviderResult, { ok: true }> {
	const body = answer.json as { explanation?: unknown } | null;
	const explanation = typeof body?.explanation === 'string' ? body.explanation : '';
	const detail = `${answer.status} ${explanation || answer.text.slice(0, 200)}`.trim();
	if (answer.status === 400 && /pair/i.test(explanation))
		return { ok: false, reason: 'unsupported_pair', detail };
	if (answer.status === 401 || answer.status === 403)
		return { ok: false, reason: 'refused', detail };
	if (answer.status === 429) return { ok: false, reason: 'busy', detail };
	if (isGatewayFailure(answer.status) && body === null)
		return { ok: false, reason: 'down', detail };
	return { ok: false, reason: 'failed', detail };
}

/** Speaks Apertium APy with fetch. */
export class ApertiumProvider implements TranslationProvider {
	readonly name = 'apertium' as const;
	readonly #base: string;
	readonly #fetch: Fetch;
	readonly #limitMs: number;
	readonly #catalog: ListCache<CatalogResult>;

	constructor(opts: ApertiumOptions) {
		this.#base = trimBase(opts.url);
		this.#fetch = opts.fetch ?? fetch;
		this.#limitMs = opts.callLimitMs ?? PROVIDER_CALL_LIMIT_MS;
		this.#catalog = new ListCache(
			() => this.#loadCatalog(),
			(r) => r.ok,
			{ now: opts.now }
		);
	}

	async #loadCatalog(): Promise<CatalogResult> {
		const answer = await callWithLimit(
			this.#fetch,
			`${this.#base}/listPairs`,
			{ headers: { accept: 'application/json' } },
			this.#limitMs
		);
		if (!answer.ok) return answer;
		if (answer.status !== 200) return failure(answer);
		const data = (answer.json as { responseData?: unknown } | null)?.responseData;
		if (!Array.isArray(data))
			return { ok: false, reason: 'failed', detail: '/listPairs has no responseData list' };
		const pairs: [string, string][] = [];
		for (const p of data as { sourceLanguage?: unknown; targetLanguage?: unknown }[])
			if (typeof p?.sourceLanguage === 'string' && typeof p.targetLanguage === 'string')
				pairs.push([p.sourceLanguage, p.targetLanguage]);
		return { ok: true, catalog: new Catalog(pairs, apertiumCodeToTag) };
	}

	async languages(): Promise<LanguagesResult> {
		const result = await this.#catalog.get();
		return result.ok ? { ok: true, pairs: result.catalog.pairs() } : result;
	}

	async translate(input: TranslateInput, signal?: AbortSignal): Promise<ProviderResult> {
		const source = parseTag(input.source);
		const target = parseTag(input.target);
		if (!source || !target) return { ok: false, reason: 'unsupported_pair', detail: 'bad tag' };
		const listed = await this.#catalog.get();
		if (!listed.ok) return listed;
		const codes = listed.catalog.resolve(source, target, apertiumCandidates);
		if (!codes)
			return {
				ok: false,
				reason: 'unsupported_pair',
				detail: `${source.tag}→${target.tag} is not among the installed pairs`
			};
		// The same /translate as GET, with the text in a form body so long messages do not
		// meet URL length limits.
		const answer = await callWithLimit(
			this.#fetch,
			`${this.#base}/translate`,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json'
				},
				body: new URLSearchParams({
					langpair: `${codes.source}|${codes.target}`,
					q: input.text,
					markUnknown: 'no'
				}).toString()
			},
			this.#limitMs,
			signal
		);
		if (!answer.ok) return answer;
		if (answer.status !== 200) return failure(answer);
		const text = (answer.json as { responseData?: { translatedText?: unknown } } | null)
			?.responseData?.translatedText;
		if (typeof text !== 'string')
			return { ok: false, reason: 'failed', detail: 'the answer has no translatedText' };
		return { ok: true, text };
	}
}
