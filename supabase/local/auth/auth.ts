/**
 * Who is calling (`internal/api/auth.go`): the gateway's API-key check, then GoTrue's
 * bearer-token parsing, `requireAuthentication` (user and session must still exist) and
 * `requireAdminCredentials`.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { jwtVerify, errors as joseErrors, decodeProtectedHeader } from 'jose';
import type { StackConfig } from '../config.ts';
import type { Database } from '../db.ts';
import { headerOf } from '../http.ts';
import { checkApiKey, IdentityError } from '../identity.ts';
import type { JsonObject } from './request.ts';
import { AuthError, ERROR_CODES, badRequest, forbidden, unauthorized } from './errors.ts';
import { sessionExists, type ClientInfo } from './sessions.ts';
import { findUserById, type User } from './users.ts';
import type { AuthSettings } from './settings.ts';

/** What the gateway answers before a request reaches GoTrue. */
export class GatewayError extends Error {
	override name = 'GatewayError';
	readonly status: number;
	readonly body: { message: string; hint?: string };
	constructor(status: number, body: { message: string; hint?: string }) {
		super(body.message);
		this.status = status;
		this.body = body;
	}
}

/**
 * The gateway's key check: a key that is sent must be one of the project's; a missing one is
 * refused only when the stack requires keys (see StackConfig.requireApiKey).
 */
export async function requireApiKey(
	config: StackConfig,
	req: IncomingMessage,
	url: URL
): Promise<void> {
	const key = headerOf(req, 'apikey') ?? url.searchParams.get('apikey') ?? undefined;
	// Behind the CLI's gateway a keyless request reaches GoTrue, which has no key check.
	if (!key && !config.requireApiKey) return;
	if (!key)
		throw new GatewayError(401, {
			message: 'No API key found in request',
			hint: 'No `apikey` request header or url param was found.'
		});
	try {
		await checkApiKey(config, key);
	} catch (err) {
		if (err instanceof IdentityError)
			throw new GatewayError(401, {
				message: 'Invalid API key',
				hint: 'Double check your Supabase `anon` or `service_role` API key.'
			});
		throw err;
	}
}

const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** extractBearerToken. */
export function bearerToken(req: IncomingMessage): string {
	const match = BEARER.exec(headerOf(req, 'authorization') ?? '');
	if (!match)
		throw unauthorized(ERROR_CODES.noAuthorization, 'This endpoint requires a Bearer token');
	return match[1];
}

/** The claims of a verified token, as golang-jwt would parse them. */
export type TokenClaims = JsonObject & {
	sub?: unknown;
	role?: unknown;
	session_id?: unknown;
	aud?: unknown;
};

function badJwt(detail: string): AuthError {
	return forbidden(
		ERROR_CODES.badJwt,
		`invalid JWT: unable to parse or verify signature, ${detail}`
	);
}

/**
 * parseJWTClaims: HS256 only, signature and `exp` checked. The opaque secret and
 * publishable keys stand for the service and anon roles, as the gateway translates them.
 */
export async function parseJwtClaims(config: StackConfig, token: string): Promise<TokenClaims> {
	if (config.secretKey && token === config.secretKey) return { role: 'service_role' };
	if (config.publishableKey && token === config.publishableKey) return { role: 'anon' };
	let alg: unknown;
	try {
		alg = decodeProtectedHeader(token).alg;
	} catch {
		throw badJwt('token is malformed: could not base64 decode header');
	}
	if (alg !== 'HS256')
		throw badJwt(`token signature is invalid: signing method ${String(alg)} is invalid`);
	try {
		const { payload } = await jwtVerify(token, new TextEncoder().encode(config.jwtSecret), {
			algorithms: ['HS256']
		});
		return payload as TokenClaims;
	} catch (err) {
		if (err instanceof joseErrors.JWTExpired)
			throw badJwt('token has invalid claims: token is expired');
		if (err instanceof joseErrors.JWSSignatureVerificationFailed)
			throw badJwt('token signature is invalid: signature is invalid');
		if (err instanceof joseErrors.JWTClaimValidationFailed)
			throw badJwt('token has invalid claims: token is not valid yet');
		throw badJwt('token is malformed: could not JSON decode claim');
	}
}

export interface Authenticated {
	claims: TokenClaims;
	user: User;
	/** null when the token carries no session_id (GoTrue then treats logout as global). */
	sessionId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL = '00000000-0000-0000-0000-000000000000';

/** requireAuthentication + maybeLoadUserOrSession. */
export async function requireAuthentication(
	config: StackConfig,
	db: Database,
	req: IncomingMessage
): Promise<Authenticated> {
	const claims = await parseJwtClaims(config, bearerToken(req));
	const sub = typeof claims.sub === 'string' ? claims.sub : '';
	if (sub === '') throw forbidden(ERROR_CODES.badJwt, 'invalid claim: missing sub claim');
	if (!UUID.test(sub))
		throw badRequest(ERROR_CODES.badJwt, 'invalid claim: sub claim must be a UUID');
	const user = await findUserById(db, sub);
	if (!user) throw forbidden(ERROR_CODES.userNotFound, 'User from sub claim in JWT does not exist');
	const sid = typeof claims.session_id === 'string' ? claims.session_id : '';
	let sessionId: string | null = null;
	if (sid !== '' && sid !== NIL) {
		if (!UUID.test(sid))
			throw forbidden(ERROR_CODES.badJwt, 'invalid claim: session_id claim must be a UUID');
		if (!(await sessionExists(db, sid)))
			throw forbidden(
				ERROR_CODES.sessionNotFound,
				'Session from session_id claim in JWT does not exist'
			);
		sessionId = sid;
	}
	return { claims, user, sessionId };
}

/** requireAdminCredentials: a verified token whose role is an admin role. */
export async function requireAdmin(
	config: StackConfig,
	settings: AuthSettings,
	req: IncomingMessage
): Promise<TokenClaims> {
	const claims = await parseJwtClaims(config, bearerToken(req));
	if (typeof claims.role === 'string' && settings.adminRoles.includes(claims.role)) return claims;
	throw forbidden(ERROR_CODES.notAdmin, 'User not allowed');
}

/** requestAud: the X-JWT-AUD header, else the configured audience. */
export function requestAud(req: IncomingMessage, settings: AuthSettings): string {
	return headerOf(req, 'x-jwt-aud') || settings.audience;
}

/** The `aud` of token claims as a list. */
export function audiences(claims: TokenClaims): string[] {
	if (typeof claims.aud === 'string') return [claims.aud];
	if (Array.isArray(claims.aud))
		return claims.aud.filter((a): a is string => typeof a === 'string');
	return [];
}

/** User agent and IP recorded on sessions (GrantParams.FillGrantParams). */
export function clientInfo(req: IncomingMessage): ClientInfo {
	const forwarded = headerOf(req, 'x-forwarded-for')?.split(',')[0]?.trim();
	const candidate = forwarded || req.socket.remoteAddress || null;
	const ip = candidate && isIP(candidate) ? candidate : null;
	return { userAgent: headerOf(req, 'user-agent') ?? null, ip };
}
