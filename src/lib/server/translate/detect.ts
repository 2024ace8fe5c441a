/**
 * What POST /api/translate/detect answers: the visitor's language, looked at again on their
 * first messages (decideLanguage) and kept on the conversation when detection is sure. The
 * console asks after the visitor's first messages; the answer is the conversation's language
 * as it now stands.
 */
import { checkParticipant } from '../participant.ts';
import { decideLanguage, DETECT_FIRST_MESSAGES, type Detector } from '../../translation/detect.ts';
import type { TokenBucketLimiter } from '../../translation/rate-limit.ts';
import { readJsonObject, refuse } from './answer.ts';
import type { Answer, TranslateDeps, TranslateRequest } from './answer.ts';

export type DetectBody = {
	language: string;
	source: 'browser' | 'detected' | 'agent';
	/** Whether this request changed (or confirmed) the conversation's language. */
	changed: boolean;
};

/** Largest request body: an id and a little JSON. */
export const DETECT_BODY_MAX_BYTES = 1024;

export interface DetectDeps extends Pick<
	TranslateDeps,
	'supabaseUrl' | 'anonKey' | 'store' | 'log'
> {
	limiter: TokenBucketLimiter;
	detector: () => Promise<Detector>;
}

/** Answers POST /api/translate/detect {conversation_id}. */
export async function answerDetect(
	request: TranslateRequest,
	deps: DetectDeps
): Promise<Answer<DetectBody>> {
	const log = deps.log ?? ((m: string) => console.error('[translate]', m));
	const read = readJsonObject(request, DETECT_BODY_MAX_BYTES, '{conversation_id}');
	if (!read.ok) return read.answer;
	const conversationId = read.body.conversation_id;
	const who = await checkParticipant(request.authorization, conversationId, deps, log);
	if (!who.ok) return refuse(who.status, who.code, who.message);
	const store = deps.store;
	if (!store) {
		log('detecting a language needs SUPABASE_SERVICE_ROLE_KEY to keep it');
		return refuse(503, 'misconfigured', 'languages cannot be kept on this server');
	}
	const admission = deps.limiter.take(who.userId);
	if (!admission.ok)
		return refuse(
			429,
			'rate_limited',
			`too many requests; try again in ${admission.retryAfterSeconds} s`,
			{ 'retry-after': String(admission.retryAfterSeconds) }
		);
	try {
		const id = conversationId as string;
		const conversation = await store.conversation(id);
		if (!conversation) return refuse(404, 'not_found', 'no such conversation');
		const current = {
			language: conversation.visitor_language,
			source: conversation.visitor_language_source
		};
		if (current.source !== 'browser') return { status: 200, body: { ...current, changed: false } };
		const bodies = await store.visitorTexts(id, DETECT_FIRST_MESSAGES);
		const decided = decideLanguage(current, bodies, await deps.detector());
		if (!decided || !(await store.saveDetected(id, decided.language)))
			return { status: 200, body: { ...current, changed: false } };
		return { status: 200, body: { ...decided, changed: true } };
	} catch (err) {
		log((err as Error).message);
		return refuse(503, 'unavailable', 'could not read the conversation; try again');
	}
}
