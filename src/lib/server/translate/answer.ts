/**
 * What POST /api/translate and GET /api/translate/languages answer, apart from the HTTP
 * plumbing. Kept out of the routes so contract tests run them against the stack.
 *
 * With `message_id` instead of `text`, the message's own text is translated and the translation
 * is kept with the message (see store.ts); a translation kept earlier is answered without
 * asking the provider.
 *
 * A translation that does not happen is not an HTTP error: the request was right, so the
 * answer is 200 with a `reason` (and a sentence for people) and the caller shows the original.
 * Errors (4xx, 503) are for requests that are wrong or not allowed, and for a broken setup.
 */
import { checkParticipant, isLowerUuid, type SupabaseAccess } from '../participant.ts';
import type { StoredMessage, TranslationStore } from './store.ts';
import { parseTag, LANGUAGE_TAG_MAX_CHARS } from '../../translation/tags.ts';
import type { TokenBucketLimiter } from '../../translation/rate-limit.ts';
import type { Translator } from '../../translation/translator.ts';
import type { FailureReason, LanguagePair, ProviderName } from '../../translation/types.ts';

/** Longest text translated: as long as a message may be (messages_body_length). */
export const TRANSLATE_TEXT_MAX_CHARS = 10_000;
/** Largest request body: the longest text, JSON-escaped, with room for the rest. */
export const TRANSLATE_BODY_MAX_BYTES = 128 * 1024;

/** Why a translation did not happen, as the API says it: the provider's reasons, or off. */
export type TranslateReason = FailureReason | 'off';

const REASON_MESSAGES: Readonly<Record<TranslateReason, string>> = {
	off: 'translation is not set up on this server',
	down: 'the translation service cannot be reached',
	slow: 'the translation service did not answer in time',
	unsupported_pair: 'the translation service cannot translate between these languages',
	refused: 'the translation service refused this server (check its API key)',
	busy: 'the translation service is busy; try again shortly',
	failed: 'the translation service could not translate this text'
};

/** The setup a route answers with: the translator (null: off), or why the setup is broken. */
export type TranslationSetup =
	{ ok: true; translator: Translator | null } | { ok: false; message: string };

export interface TranslateDeps extends SupabaseAccess {
	setup: TranslationSetup;
	limiter: TokenBucketLimiter;
	/** Where translations of messages are kept; null when the server has no service role. */
	store: TranslationStore | null;
	log?: (message: string) => void;
}

export interface TranslateRequest {
	authorization: string | null;
	contentType: string | null;
	/** The raw body. */
	body: string;
}

type ErrorBody = { error: { code: string; message: string } };
export type TranslateBody =
	| {
			translation: string;
			provider: ProviderName;
			cached: boolean;
			/** With message_id: whether the translation is kept with the message. */
			stored?: boolean;
	  }
	| { reason: TranslateReason; message: string; provider: ProviderName | null };

export interface Answer<B> {
	status: number;
	body: B | ErrorBody;
	headers?: Record<string, string>;
}

export const refuse = (
	status: number,
	code: string,
	message: string,
	headers?: Record<string, string>
): Answer<never> => ({
	status,
	body: { error: { code, message } },
	...(headers ? { headers } : {})
});

/**
 * The JSON object a route's request carries, or the refusal to answer: 415 for another type,
 * 413 over `maxBytes`, 400 for anything but a JSON object (`shape` says what to send).
 */
export function readJsonObject(
	request: TranslateRequest,
	maxBytes: number,
	shape: string
): { ok: true; body: Record<string, unknown> } | { ok: false; answer: Answer<never> } {
	if (!request.contentType?.toLowerCase().startsWith('application/json'))
		return {
			ok: false,
			answer: refuse(415, 'unsupported_media_type', 'send a JSON body (application/json)')
		};
	if (Buffer.byteLength(request.body) > maxBytes)
		return { ok: false, answer: refuse(413, 'payload_too_large', 'the request body is too large') };
	let body: unknown;
	try {
		body = JSON.parse(request.body);
	} catch {
		return { ok: false, answer: refuse(400, 'malformed', 'the request body is not JSON') };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return { ok: false, answer: refuse(400, 'malformed', `send ${shape}`) };
	return { ok: true, body: body as Record<string, unknown> };
}

const reasonAnswer = (
	reason: TranslateReason,
	provider: ProviderName | null
): Answer<TranslateBody> => ({
	status: 200,
	body: { reason, message: REASON_MESSAGES[reason], provider }
});

/** Answers POST /api/translate {conversation_id, text, source, target}. */
export async function answerTranslate(
	request: TranslateRequest,
	deps: TranslateDeps
): Promise<Answer<TranslateBody>> {
	const log = deps.log ?? ((m: string) => console.error('[translate]', m));
	const read = readJsonObject(
		request,
		TRANSLATE_BODY_MAX_BYTES,
		'{conversation_id, text, source, target}'
	);
	if (!read.ok) return read.answer;
	const { conversation_id, message_id, text, source, target } = read.body;
	if (message_id !== undefined && !isLowerUuid(message_id))
		return refuse(400, 'malformed', 'message_id must be a message id (a lower-case uuid)');
	if (message_id === undefined || text !== undefined) {
		if (typeof text !== 'string' || text.trim() === '')
			return refuse(400, 'invalid_text', 'text must be a non-empty string');
		if (text.length > TRANSLATE_TEXT_MAX_CHARS)
			return refuse(
				400,
				'text_too_long',
				`text may be at most ${TRANSLATE_TEXT_MAX_CHARS} characters`
			);
	}
	// With message_id the source may be left out: the server knows who wrote the message.
	const from = message_id !== undefined && source === undefined ? null : parseTag(source);
	const to = parseTag(target);
	if ((!from && source !== undefined) || (!from && message_id === undefined) || !to)
		return refuse(
			400,
			'invalid_language',
			`source and target must be language tags such as en, es or pt-BR (at most ${LANGUAGE_TAG_MAX_CHARS} characters)`
		);
	if (from && from.tag === to.tag)
		return refuse(400, 'same_language', 'source and target are the same language');

	const who = await checkParticipant(request.authorization, conversation_id, deps, log);
	if (!who.ok) return refuse(who.status, who.code, who.message);

	if (!deps.setup.ok) {
		log(deps.setup.message);
		return refuse(503, 'misconfigured', 'translation is not configured correctly on this server');
	}
	const admission = deps.limiter.take(who.userId);
	if (!admission.ok)
		return refuse(
			429,
			'rate_limited',
			`too many translations; try again in ${admission.retryAfterSeconds} s`,
			{ 'retry-after': String(admission.retryAfterSeconds) }
		);

	const translator = deps.setup.translator;
	if (message_id === undefined) {
		if (!translator) return reasonAnswer('off', null);
		const outcome = await translator.translate({
			text: text as string,
			source: (from as NonNullable<typeof from>).tag,
			target: to.tag
		});
		if (!outcome.ok) {
			log(`${outcome.reason} ${from?.tag}→${to.tag}: ${outcome.detail ?? ''}`);
			return reasonAnswer(outcome.reason, outcome.provider);
		}
		return {
			status: 200,
			body: { translation: outcome.translation, provider: outcome.provider, cached: outcome.cached }
		};
	}
	return translateMessage(
		{ conversationId: conversation_id as string, messageId: message_id as string, text },
		{ source: from?.tag ?? null, target: to.tag },
		translator,
		deps.store,
		log
	);
}

/** Translates a message's own text and keeps the translation with it. */
async function translateMessage(
	ids: { conversationId: string; messageId: string; text: unknown },
	asked: { source: string | null; target: string },
	translator: Translator | null,
	store: TranslationStore | null,
	log: (message: string) => void
): Promise<Answer<TranslateBody>> {
	if (!store) {
		log('translating a message needs SUPABASE_SERVICE_ROLE_KEY to keep the translation');
		return refuse(503, 'misconfigured', 'translations cannot be kept on this server');
	}
	let message;
	let kept;
	try {
		// Both at once: a kept translation is only answered if the message is there.
		[message, kept] = await Promise.all([
			store.message(ids.conversationId, ids.messageId),
			store.translation(ids.messageId, asked.target)
		]);
	} catch (err) {
		log((err as Error).message);
		return refuse(503, 'unavailable', 'could not read the message; try again');
	}
	// An internal note is not for every participant: treated as absent, so nothing about it shows.
	if (!message || message.internal)
		return refuse(404, 'not_found', 'no such message in this conversation');
	if (message.kind !== 'text' || message.body.trim() === '')
		return refuse(400, 'not_text', 'only text messages are translated');
	if (ids.text !== undefined && ids.text !== message.body)
		return refuse(400, 'text_mismatch', 'text differs from the message; send message_id alone');
	if (kept)
		return {
			status: 200,
			body: { translation: kept.body, provider: kept.provider, cached: true, stored: true }
		};
	if (!translator) return reasonAnswer('off', null);
	let source: string | null;
	try {
		source = (await spokenLanguage(ids.conversationId, message, store)) ?? asked.source;
	} catch (err) {
		log((err as Error).message);
		return refuse(503, 'unavailable', 'could not read the conversation; try again');
	}
	if (!source)
		return refuse(
			400,
			'unknown_language',
			"the message's language is not known yet; send source along"
		);
	if (sameLanguage(source, asked.target))
		return refuse(400, 'same_language', 'the message is already in the target language');
	const pair = { source, target: asked.target };

	const outcome = await translator.translate({ text: message.body, ...pair });
	if (!outcome.ok) {
		log(`${outcome.reason} ${pair.source}→${pair.target}: ${outcome.detail ?? ''}`);
		return reasonAnswer(outcome.reason, outcome.provider);
	}
	let stored = true;
	try {
		await store.save({
			messageId: ids.messageId,
			conversationId: ids.conversationId,
			language: pair.target,
			body: outcome.translation,
			provider: outcome.provider
		});
	} catch (err) {
		// The reader still gets the translation; the next request tries to keep it again.
		log((err as Error).message);
		stored = false;
	}
	return {
		status: 200,
		body: {
			translation: outcome.translation,
			provider: outcome.provider,
			cached: outcome.cached,
			stored
		}
	};
}

/**
 * The language a message was written in, as the server knows it: the conversation's visitor
 * language for the visitor's, the agent's own language for an agent's; null when not known.
 */
async function spokenLanguage(
	conversationId: string,
	message: StoredMessage,
	store: TranslationStore
): Promise<string | null> {
	const spoken =
		message.sender_kind === 'visitor'
			? (await store.conversation(conversationId))?.visitor_language
			: message.sender_kind === 'agent' && message.sender_id
				? await store.agentLanguage(message.sender_id)
				: null;
	return parseTag(spoken)?.tag ?? null;
}

/** Whether two tags name the same language (`es` and `es-ES` do): nothing to translate. */
export function sameLanguage(a: string, b: string): boolean {
	const x = parseTag(a);
	const y = parseTag(b);
	return !!x && !!y && x.language === y.language;
}

export type LanguagesBody = {
	/** Whether translation works now. */
	available: boolean;
	provider: ProviderName | null;
	/** The pairs it translates, as BCP-47 tags. */
	pairs: LanguagePair[];
	/** Every language in a pair, sorted. */
	languages: string[];
	/** Why it is not available. */
	reason?: TranslateReason;
	message?: string;
};

/** Answers GET /api/translate/languages. */
export async function answerLanguages(
	setup: TranslationSetup,
	log: (message: string) => void = (m) => console.error('[translate]', m)
): Promise<Answer<LanguagesBody>> {
	if (!setup.ok) {
		log(setup.message);
		return refuse(503, 'misconfigured', 'translation is not configured correctly on this server');
	}
	const unavailable = (reason: TranslateReason, provider: ProviderName | null) => ({
		status: 200,
		body: {
			available: false,
			provider,
			pairs: [],
			languages: [],
			reason,
			message: REASON_MESSAGES[reason]
		}
	});
	if (!setup.translator) return unavailable('off', null);
	const outcome = await setup.translator.languages();
	if (!outcome.ok) {
		log(`languages: ${outcome.reason} ${outcome.detail ?? ''}`);
		return unavailable(outcome.reason, outcome.provider);
	}
	const languages = [...new Set(outcome.pairs.flatMap((p) => [p.source, p.target]))].sort();
	return {
		status: 200,
		body: { available: true, provider: outcome.provider, pairs: outcome.pairs, languages }
	};
}
