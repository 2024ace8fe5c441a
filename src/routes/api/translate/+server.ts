/**
 * POST /api/translate {conversation_id, text | message_id, source, target} with
 * `Authorization: Bearer <access token>`: the text (or the message's, then kept with it)
 * machine-translated, for the conversation's participants only, rate limited per user. Answers {translation, provider, cached}, or {reason, message} when
 * the translation did not happen (the caller then shows the original); see answerTranslate.
 */
import { json } from '@sveltejs/kit';
import { env as publicEnv } from '$env/dynamic/public';
import { TRANSLATE_BODY_MAX_BYTES, answerTranslate } from '$lib/server/translate/answer.ts';
import {
	serverTranslation,
	translateLimiter,
	translationStore
} from '$lib/server/translate/index.ts';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

export const POST: RequestHandler = async ({ request }) => {
	const supabaseUrl = publicEnv.PUBLIC_SUPABASE_URL;
	const anonKey = publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	if (!supabaseUrl || !anonKey)
		throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set');
	// Refuse an announced oversize body without reading it (answerTranslate checks the rest).
	if (Number(request.headers.get('content-length') ?? 0) > TRANSLATE_BODY_MAX_BYTES)
		return json(
			{ error: { code: 'payload_too_large', message: 'the request body is too large' } },
			{ status: 413, headers: NO_STORE }
		);
	const body = await request.text();
	const answer = await answerTranslate(
		{
			authorization: request.headers.get('authorization'),
			contentType: request.headers.get('content-type'),
			body
		},
		{
			supabaseUrl,
			anonKey,
			setup: serverTranslation(),
			limiter: translateLimiter(),
			store: translationStore()
		}
	);
	return json(answer.body, { status: answer.status, headers: { ...NO_STORE, ...answer.headers } });
};
