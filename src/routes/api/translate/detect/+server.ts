/**
 * POST /api/translate/detect {conversation_id} with `Authorization: Bearer <access token>`:
 * looks at the visitor's first messages and keeps their language on the conversation when
 * detection is sure and no agent has set it. Participants only. Answers {language, source,
 * changed}; see answerDetect.
 */
import { json } from '@sveltejs/kit';
import { env as publicEnv } from '$env/dynamic/public';
import { answerDetect, DETECT_BODY_MAX_BYTES } from '$lib/server/translate/detect.ts';
import { translateLimiter, translationStore } from '$lib/server/translate/index.ts';
import { loadDetector } from '$lib/server/translate/detector.ts';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

export const POST: RequestHandler = async ({ request }) => {
	const supabaseUrl = publicEnv.PUBLIC_SUPABASE_URL;
	const anonKey = publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	if (!supabaseUrl || !anonKey)
		throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set');
	if (Number(request.headers.get('content-length') ?? 0) > DETECT_BODY_MAX_BYTES)
		return json(
			{ error: { code: 'payload_too_large', message: 'the request body is too large' } },
			{ status: 413, headers: NO_STORE }
		);
	const answer = await answerDetect(
		{
			authorization: request.headers.get('authorization'),
			contentType: request.headers.get('content-type'),
			body: await request.text()
		},
		{
			supabaseUrl,
			anonKey,
			limiter: translateLimiter(),
			store: translationStore(),
			detector: loadDetector
		}
	);
	return json(answer.body, { status: answer.status, headers: { ...NO_STORE, ...answer.headers } });
};
