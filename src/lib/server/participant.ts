/**
 * Whether the caller takes part in a conversation: its visitor or a member of its site. Asked
 * as the caller through the REST API, so row level security (`can_access_conversation`)
 * decides, the same rule that guards the conversation's messages and channel. Server routes
 * that act for a conversation's participants (ICE servers, translation) share it.
 */
import { createClient } from '@supabase/supabase-js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A JWT: three base64url parts. */
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const TOKEN_MAX_CHARS = 8_192;

/** Whether `id` is an id as the app writes them (a lower-case uuid). */
export const isLowerUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

/** Where the REST API is, and the key to call it with. */
export interface SupabaseAccess {
	supabaseUrl: string;
	anonKey: string;
}

/** The caller, or why they may not act for the conversation. */
export type Participation =
	| { ok: true; userId: string }
	| {
			ok: false;
			status: 400 | 401 | 403 | 503;
			code: 'malformed' | 'unauthorized' | 'forbidden' | 'unavailable';
			message: string;
	  };

/** The access token in an `Authorization: Bearer …` header, or null. */
export function bearerToken(authorization: string | null): string | null {
	const header = authorization ?? '';
	return (header.length <= TOKEN_MAX_CHARS && BEARER.exec(header)?.[1]) || null;
}

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

/** Checks that the bearer of `authorization` takes part in the conversation. */
export async function checkParticipant(
	authorization: string | null,
	conversationId: unknown,
	access: SupabaseAccess,
	log: (message: string) => void = (m) => console.error('[participant]', m)
): Promise<Participation> {
	if (!isLowerUuid(conversationId))
		return {
			ok: false,
			status: 400,
			code: 'malformed',
			message: 'conversation must be a conversation id (a lower-case uuid)'
		};
	const token = bearerToken(authorization);
	if (!token)
		return {
			ok: false,
			status: 401,
			code: 'unauthorized',
			message: 'sign in first: send your access token'
		};
	const client = createClient(access.supabaseUrl, access.anonKey, {
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
	if (status === 401)
		return {
			ok: false,
			status: 401,
			code: 'unauthorized',
			message: 'the access token is not valid'
		};
	if (error) {
		log(error.message);
		return {
			ok: false,
			status: 503,
			code: 'unavailable',
			message: 'could not check the conversation; try again'
		};
	}
	if (!conversation)
		return {
			ok: false,
			status: 403,
			code: 'forbidden',
			message: 'you take no part in this conversation'
		};
	const userId = subjectOf(token);
	if (!userId)
		return {
			ok: false,
			status: 401,
			code: 'unauthorized',
			message: 'the access token names nobody'
		};
	return { ok: true, userId };
}
