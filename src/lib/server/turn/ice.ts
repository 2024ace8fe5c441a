/**
 * What GET /api/ice answers, apart from the HTTP plumbing: checks the request, checks as the
 * caller (row level security) that they take part in the conversation, and issues the ICE
 * servers. Kept out of the route so contract tests run it against the stack.
 */
import { checkParticipant } from '../participant.ts';
import { TurnConfigError, iceServersFor, readTurnConfig, type IceServer } from './index.ts';

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

/** Answers a request for ICE servers. */
export async function answerIce(request: IceRequest, deps: IceDeps): Promise<IceAnswer> {
	let turn;
	try {
		turn = readTurnConfig(deps.env);
	} catch (err) {
		if (!(err instanceof TurnConfigError)) throw err;
		console.error('[ice]', err.message);
		return refuse(503, 'misconfigured', 'calls are not configured correctly on this server');
	}
	const who = await checkParticipant(request.authorization, request.conversation, deps, (m) =>
		console.error('[ice]', m)
	);
	if (!who.ok) return refuse(who.status, who.code, who.message);
	const { iceServers, expiresAt } = iceServersFor(turn, who.userId, (deps.now ?? Date.now)());
	return { status: 200, body: { iceServers, expiresAt, relay: turn !== null } };
}
