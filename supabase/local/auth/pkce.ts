/**
 * The PKCE flow (`internal/api/pkce.go`, `internal/models/flow_state.go`, the pkce grant in
 * `token.go`): a request that carries a code challenge stores a `flow_state` row, its mailed
 * link carries a `pkce_`-prefixed token, and the verified link redirects with `?code=`, which
 * `POST /token?grant_type=pkce` trades, with the verifier, for a session.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../db.ts';
import { sendJson } from '../http.ts';
import { clientInfo } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest, notFound, unprocessable } from './errors.ts';
import { readParams } from './request.ts';
import type { AuthMethod } from './sessions.ts';
import { issueSession } from './tokens.ts';

export type FlowType = 'pkce' | 'implicit';

const CHALLENGE = /^[a-zA-Z._~0-9-]+$/;
const INVALID_PKCE_PARAMS = 'PKCE flow requires code_challenge_method and code_challenge';

/** validatePKCEParams: both or neither, and a challenge of RFC 7636's length and alphabet. */
export function validatePkceParams(method: string, challenge: string): void {
	if ((challenge === '') !== (method === ''))
		throw badRequest(ERROR_CODES.validationFailed, INVALID_PKCE_PARAMS);
	if (challenge === '') return;
	if (challenge.length < 43 || challenge.length > 128)
		throw badRequest(
			ERROR_CODES.validationFailed,
			'code challenge has to be between 43 and 128 characters'
		);
	if (!CHALLENGE.test(challenge))
		throw badRequest(
			ERROR_CODES.validationFailed,
			'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes'
		);
}

/** getFlowFromChallenge. */
export const flowOf = (challenge: string): FlowType => (challenge !== '' ? 'pkce' : 'implicit');

/** addFlowPrefixToToken. */
export const withFlowPrefix = (hash: string, flow: FlowType): string =>
	flow === 'pkce' ? `pkce_${hash}` : hash;

/** ParseCodeChallengeMethod. */
function parseMethod(method: string): 's256' | 'plain' {
	const m = method.toLowerCase();
	if (m === 's256' || m === 'plain') return m;
	// GoTrue returns a plain error, which its error handler renders as an unexpected 500.
	throw new Error(`unsupported code_challenge method ${JSON.stringify(method)}`);
}

/** generateFlowState: a PKCE flow of a user, with a fresh auth code. */
export async function createFlowState(
	sql: Sql,
	userId: string,
	providerType: string,
	method: AuthMethod,
	challengeMethod: string,
	challenge: string
): Promise<void> {
	await sql.query(
		`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge,
		        provider_type, authentication_method, created_at, updated_at)
		 values ($1, $2, $3, $4, $5, $6, $7, now(), now())`,
		[
			randomUUID(),
			userId,
			randomUUID(),
			parseMethod(challengeMethod),
			challenge,
			providerType,
			method
		]
	);
}

/** issueAuthCode: the auth code of the user's latest flow of that method, marked as issued. */
export async function issueAuthCode(sql: Sql, userId: string, method: string): Promise<string> {
	const { rows } = await sql.query<{ id: string; auth_code: string }>(
		`select id::text as id, auth_code from auth.flow_state
		  where user_id = $1 and authentication_method = $2
		  order by created_at desc, id desc limit 1`,
		[userId, method]
	);
	// verifyGet wraps issueAuthCode's 422 into a 400, its text formatted by HTTPError.Error().
	if (!rows[0])
		throw badRequest(
			ERROR_CODES.flowStateNotFound,
			'No associated flow state found. 422: No valid flow state found for user.'
		);
	await sql.query(
		`update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1`,
		[rows[0].id]
	);
	return rows[0].auth_code;
}

/** ParseAuthenticationMethod for the kinds a mailed link's `type` names. */
export function linkAuthMethod(type: string): AuthMethod {
	if (type.endsWith('signup')) return 'email/signup';
	switch (type) {
		case 'magiclink':
		case 'recovery':
		case 'invite':
		case 'email_change':
			return type;
		default:
			// A plain error, as GoTrue's: an unexpected 500.
			throw new Error(`unsupported authentication method ${JSON.stringify(type)}`);
	}
}

/** security.VerifyPKCEChallenge: null when the verifier matches, else GoTrue's reason. */
export function verifyChallenge(
	challenge: string,
	method: string,
	verifier: string
): string | null {
	const same = (a: string, b: string) =>
		a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
	switch (method.toLowerCase()) {
		case 's256':
			return same(challenge, createHash('sha256').update(verifier).digest('base64url'))
				? null
				: 'code challenge does not match previously saved code verifier';
		case 'plain':
			return same(challenge, verifier)
				? null
				: 'code challenge does not match previously saved code verifier';
		default:
			return 'code challenge method not supported';
	}
}

/** The pkce grant (`token.go` PKCE). */
export async function pkceGrant(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'PKCEGrantParams');
	const authCode = params.string('auth_code');
	const verifier = params.string('code_verifier');
	if (authCode === '' || verifier === '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'invalid request: both auth code and code verifier should be non-empty'
		);
	const reply = await ctx.db.transaction(async (tx) => {
		const { rows } = await tx.query<{
			id: string;
			user_id: string | null;
			code_challenge: string;
			code_challenge_method: string;
			authentication_method: string;
			created_at: Date;
			auth_code_issued_at: Date | null;
		}>(
			`select id::text as id, user_id::text as user_id, code_challenge,
			        code_challenge_method::text as code_challenge_method, authentication_method,
			        created_at, auth_code_issued_at
			   from auth.flow_state where auth_code = $1 limit 1 for update`,
			[authCode]
		);
		const flow = rows[0];
		if (!flow || !flow.user_id)
			throw notFound(
				ERROR_CODES.flowStateNotFound,
				'invalid flow state, no valid flow state found'
			);
		// FlowState.IsExpired: a magic link's code lives from when it was issued.
		const from =
			flow.auth_code_issued_at && flow.authentication_method === 'magiclink'
				? flow.auth_code_issued_at
				: flow.created_at;
		if (Date.now() > new Date(from).getTime() + ctx.settings.flowStateExpirySeconds * 1000)
			throw unprocessable(
				ERROR_CODES.flowStateExpired,
				'invalid flow state, flow state has expired'
			);
		const bad = verifyChallenge(flow.code_challenge, flow.code_challenge_method, verifier);
		if (bad) throw badRequest(ERROR_CODES.badCodeVerifier, bad);
		const session = await issueSession(
			tx,
			ctx.settings,
			flow.user_id,
			linkAuthMethod(flow.authentication_method),
			clientInfo(ctx.req)
		);
		await tx.query(`delete from auth.flow_state where id = $1`, [flow.id]);
		return session;
	});
	sendJson(ctx.res, 200, reply);
}
