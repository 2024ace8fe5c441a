/**
 * GET /api/ice?conversation=<uuid> with `Authorization: Bearer <access token>`: the ICE servers
 * for a call in that conversation, for its participants only (see answerIce). With TURN_URL and
 * TURN_SECRET set they include the TURN server with credentials that expire (coturn's REST
 * scheme); without, the list is empty and calls use host candidates.
 */
import { json } from '@sveltejs/kit';
import { env as privateEnv } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { answerIce } from '$lib/server/turn/ice.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, url }) => {
	const supabaseUrl = publicEnv.PUBLIC_SUPABASE_URL;
	const anonKey = publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	if (!supabaseUrl || !anonKey)
		throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set');
	const answer = await answerIce(
		{
			authorization: request.headers.get('authorization'),
			conversation: url.searchParams.get('conversation')
		},
		{ env: privateEnv, supabaseUrl, anonKey }
	);
	return json(answer.body, { status: answer.status, headers: { 'cache-control': 'no-store' } });
};
