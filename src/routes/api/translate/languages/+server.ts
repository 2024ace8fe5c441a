/**
 * GET /api/translate/languages: whether translation is available on this server, with which
 * provider, and the language pairs it translates (BCP-47 tags). Public: it names no one's data,
 * and the provider's list is cached, so asking often costs the provider nothing.
 */
import { json } from '@sveltejs/kit';
import { answerLanguages } from '$lib/server/translate/answer.ts';
import { serverTranslation } from '$lib/server/translate/index.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const answer = await answerLanguages(serverTranslation());
	return json(answer.body, {
		status: answer.status,
		headers: { 'cache-control': 'no-store', ...answer.headers }
	});
};
