/**
 * What GET /api/ice answers, apart from the HTTP plumbing: checks the request, checks as the
 * caller (row level security) that they take part in the conversation, and issues the ICE
 * servers. Kept out of the route so contract tests run it against the stack.
 */
import { createClient } from '@supabase/supabase-js';
import { TurnConfigError, iceServersFor, readTurnConfig, type IceServer } from './index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A JWT: three base64url parts. */
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const TOKEN_MAX_CHARS = 8_192;

/** The answer: 200 with the servers, or an error code and message. */
export type IceAnswer =
	| {
			status: 200;
			body: { iceServers: IceServer[]; expiresAt: number | null; relay: boolean };
	  }
	| { status: 400 | 401 | 403 | 503; body: { error: { code: string; message: string } } };

export interface IceRequest {
	/** The Authorization header, as sent. */
	authorization: string | null;
	/** The `conversation` query parameter, as sent. */
	conversation: string | null;
}

export interface IceDeps {
	/** The server's environment (TURN_URL, TURN_SECRET, TURN_TTL_SECONDS). */
	env: Record<string, string | undefined>;
	supabaseUrl: string;
	anonKey: string;
	now?: () => number;
}

const refuse = (status: 400 | 401 | 403 | 503, code: string, message: string): IceAnswer => ({
	status,
	body: { error: { code, message } }
});

/** The `sub` claim of a JWT the REST server has accepted, or null. */
function subjectOf(token: string): string | null {
	try {
		const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
		const sub = claims && typeof claims === 'object' ? (claims as { sub?: unknown }).sub : null;
		return typeof sub === 'string' && UUID.test(sub) ? sub : null;
	} catch {
		return null;
	}
}

/** Answers a request for ICE servers. */
export async function answerIce(request: IceRequest, deps: IceDeps): Promise<IceAnswer> {
	const conversationId = request.conversation ?? '';
	if (!UUID.test(conversationId))
		return refuse(400, 'malformed', 'conversation must be a conversation id (a lower-case uuid)');
	const header = request.authorization ?? '';
	const token = header.length <= TOKEN_MAX_CHARS ? BEARER.exec(header)?.[1] : undefined;
	if (!token) return refuse(401, 'unauthorized', 'sign in first: send your access token');

	let turn;
	try {
		turn = readTurnConfig(deps.env);
	} catch (err) {
		if (!(err instanceof TurnConfigError)) throw err;
		console.error('[ice]', err.message);
		return refuse(503, 'misconfigured', 'calls are not configured correctly on this server');
	}

	const client = createClient(deps.supabaseUrl, deps.anonKey, {
		global: { headers: { Authorization: `Bearer ${token}` } },
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	// The REST server checks the token's signature and expiry; a token it accepts names the
	// caller in `sub`.
	const {
		data: conversation,
		error,
		status
	} = await client.from('conversations').select('id').eq('id', conversationId).maybeSingle();
	if (status === 401) return refuse(401, 'unauthorized', 'the access token is not valid');
	if (error) {
		console.error('[ice]', error.message);
		return refuse(503, 'unavailable', 'could not check the conversation; try again');
	}
	if (!conversation) return refuse(403, 'forbidden', 'you take no part in this conversation');
	const userId = subjectOf(token);
	if (!userId) return refuse(401, 'unauthorized', 'the access token names nobody');

	const { iceServers, expiresAt } = iceServersFor(turn, userId, (deps.now ?? Date.now)());
	return { status: 200, body: { iceServers, expiresAt, relay: turn !== null } };
}
