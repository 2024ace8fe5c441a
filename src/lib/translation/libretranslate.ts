/**
 * The LibreTranslate HTTP API (https://libretranslate.com/docs): `GET /languages` lists
 * `[{code, name, targets}]`, `POST /translate` takes JSON `{q, source, target, format,
 * api_key}` and answers `{translatedText}`; errors are `{error}` with 400 (bad request or
 * unsupported language), 403 (bad or missing API key, banned), 429 (its rate limit) or 500.
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
import { libreCandidates, libreCodeToTag, parseTag } from './tags.ts';
import type {
	LanguagesResult,
	ProviderResult,
	TranslateInput,
	TranslationProvider
} from './types.ts';

export interface LibreTranslateOptions {
	/** The server's base URL (`https://translate.example.com`). */
	url: string;
	/** Its API key, when it asks for one. */
	apiKey?: string;
	fetch?: Fetch;
	/** Limit per call, in ms. */
	callLimitMs?: number;
	now?: () => number;
}

/** The text of LibreTranslate's `{error}`, if the answer has one. */
function errorText(answer: Extract<HttpAnswer, { ok: true }>): string {
	const error = (answer.json as { error?: unknown } | null)?.error;
	return typeof error === 'string' ? error : answer.text.slice(0, 200);
}

/** A failed answer's reason. */
function failure(answer: Extract<HttpAnswer, { ok: true }>): Exclude<ProviderResult, { ok: true }> {
	const detail = `${answer.status} ${errorText(answer)}`.trim();
	if (answer.status === 400 && /not supported|unsupported/i.test(errorText(answer)))
		return { ok: false, reason: 'unsupported_pair', detail };
	if (answer.status === 401 || answer.status === 403)
		return { ok: false, reason: 'refused', detail };
	if (answer.status === 429) return { ok: false, reason: 'busy', detail };
	// A gateway's own error page (not LibreTranslate's JSON) means the server is not there.
	if (isGatewayFailure(answer.status) && answer.json === null)
		return { ok: false, reason: 'down', detail };
	return { ok: false, reason: 'failed', detail };
}

/** Speaks the LibreTranslate API with fetch. */
export class LibreTranslateProvider implements TranslationProvider {
	readonly name = 'libretranslate' as const;
	readonly #base: string;
	readonly #apiKey: string | undefined;
	readonly #fetch: Fetch;
	readonly #limitMs: number;
	readonly #catalog: ListCache<CatalogResult>;

	constructor(opts: LibreTranslateOptions) {
		this.#base = trimBase(opts.url);
		this.#apiKey = opts.apiKey || undefined;
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
			`${this.#base}/languages`,
			{ headers: { accept: 'application/json' } },
			this.#limitMs
		);
		if (!answer.ok) return answer;
		if (answer.status !== 200) return failure(answer);
		if (!Array.isArray(answer.json))
			return { ok: false, reason: 'failed', detail: '/languages did not answer a list' };
		const languages = answer.json.filter(
			(l): l is { code: string; targets?: unknown } =>
				!!l && typeof l === 'object' && typeof (l as { code?: unknown }).code === 'string'
		);
		const codes = languages.map((l) => l.code);
		const pairs: [string, string][] = [];
		for (const { code, targets } of languages) {
			// Servers before 1.3 list no targets: every language translates to every other.
			const to = Array.isArray(targets) ? targets.filter((t) => typeof t === 'string') : codes;
			for (const target of to) if (target !== code) pairs.push([code, target]);
		}
		return { ok: true, catalog: new Catalog(pairs, libreCodeToTag) };
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
		const codes = listed.catalog.resolve(source, target, libreCandidates);
		if (!codes)
			return {
				ok: false,
				reason: 'unsupported_pair',
				detail: `${source.tag}→${target.tag} is not among the server's languages`
			};
		const answer = await callWithLimit(
			this.#fetch,
			`${this.#base}/translate`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({
					q: input.text,
					source: codes.source,
					target: codes.target,
					format: 'text',
					...(this.#apiKey ? { api_key: this.#apiKey } : {})
				})
			},
			this.#limitMs,
			signal
		);
		if (!answer.ok) return answer;
		if (answer.status !== 200) return failure(answer);
		const text = (answer.json as { translatedText?: unknown } | null)?.translatedText;
		if (typeof text !== 'string')
			return { ok: false, reason: 'failed', detail: 'the answer has no translatedText' };
		return { ok: true, text };
	}
}
