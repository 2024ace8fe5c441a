/**
 * Who is calling: the API gateway's key check plus the JWT role resolution every Supabase
 * service performs. The role and claims it returns become the request's RoleContext.
 */
import type { IncomingMessage } from 'node:http';
import type { StackConfig } from './config.ts';
import type { RoleContext } from './db.ts';
import { JwtError, verifyJwt, type Claims } from './jwt.ts';
import { headerOf } from './http.ts';

export type IdentityFailure = 'no_api_key' | 'invalid_api_key' | 'jwt_expired' | 'jwt_invalid';

export class IdentityError extends Error {
	override name = 'IdentityError';
	readonly reason: IdentityFailure;
	constructor(reason: IdentityFailure, message: string) {
		super(message);
		this.reason = reason;
	}
}

export interface Identity {
	ctx: RoleContext;
	/** The bearer token as sent, when it was a JWT (a user session or a legacy key). */
	jwt: string | null;
	claims: Claims;
}

/** Maps the opaque keys to the role they stand for. */
function opaqueRole(config: StackConfig, key: string): 'anon' | 'service_role' | undefined {
	if (config.publishableKey && key === config.publishableKey) return 'anon';
	if (config.secretKey && key === config.secretKey) return 'service_role';
	return undefined;
}

function looksLikeJwt(token: string) {
	return token.split('.').length === 3;
}

/** Checks that an API key is one of this project's keys (a JWT signed with our secret, or opaque). */
export async function checkApiKey(config: StackConfig, key: string): Promise<Claims> {
	const role = opaqueRole(config, key);
	if (role) return { role };
	if (!looksLikeJwt(key)) throw new IdentityError('invalid_api_key', 'Invalid API key');
	try {
		return await verifyJwt(config.jwtSecret, key);
	} catch {
		throw new IdentityError('invalid_api_key', 'Invalid API key');
	}
}

/**
 * Verifies a bearer token (a user's access token or a key) and returns its claims. With
 * `anonRole`, a JWT that has no `role` claim stands for that role (PostgREST's
 * `db-anon-role`), and the role is added to its claims; otherwise such a JWT is refused.
 */
export async function claimsFromToken(
	config: StackConfig,
	token: string,
	opts: { anonRole?: string } = {}
): Promise<Claims> {
	const role = opaqueRole(config, token);
	if (role) return { role };
	try {
		const claims: Record<string, unknown> = await verifyJwt(config.jwtSecret, token, {
			allowNoRole: opts.anonRole !== undefined
		});
		if (!('role' in claims) && opts.anonRole !== undefined)
			return { ...claims, role: opts.anonRole };
		return claims as Claims;
	} catch (err) {
		if (err instanceof JwtError && err.reason === 'expired')
			throw new IdentityError('jwt_expired', 'JWT expired');
		throw new IdentityError('jwt_invalid', err instanceof Error ? err.message : 'invalid JWT');
	}
}

export function bearerOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
	const auth = headerOf(req, 'authorization');
	if (!auth) return undefined;
	const match = /^bearer\s+(.+)$/i.exec(auth.trim());
	return match ? match[1].trim() : undefined;
}

/**
 * Resolves the caller. An `apikey` header (or query parameter) must be one of the project's
 * keys; a request with neither a key nor a bearer token is `anon`, as behind the Supabase
 * CLI's gateway, unless the stack requires keys (`config.requireApiKey`, as the hosted
 * platform does). The bearer token, when present, decides the role and claims (`anonRole`:
 * see claimsFromToken).
 */
export async function identify(
	config: StackConfig,
	req: Pick<IncomingMessage, 'method' | 'headers'>,
	url: URL,
	/** `requireApiKey`: whether a request with neither key nor token is refused (default: the config's). */
	opts: { requireApiKey?: boolean; anonRole?: string } = {}
): Promise<Identity> {
	const apiKey = headerOf(req, 'apikey') ?? url.searchParams.get('apikey') ?? undefined;
	const bearer = bearerOf(req);
	let keyClaims: Claims | undefined;
	if (apiKey) keyClaims = await checkApiKey(config, apiKey);
	else if ((opts.requireApiKey ?? config.requireApiKey) && !bearer)
		throw new IdentityError('no_api_key', 'No API key found in request');
	const claims = bearer
		? await claimsFromToken(config, bearer, opts.anonRole ? { anonRole: opts.anonRole } : {})
		: (keyClaims ?? { role: 'anon' });
	const jwt =
		bearer && looksLikeJwt(bearer)
			? bearer
			: apiKey && looksLikeJwt(apiKey) && !bearer
				? apiKey
				: null;
	return {
		ctx: {
			role: claims.role,
			claims,
			method: req.method,
			path: url.pathname,
			headers: Object.fromEntries(
				Object.entries(req.headers)
					.filter(([k]) => k !== 'authorization' && k !== 'cookie')
					.map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])
			)
		},
		jwt,
		claims
	};
}
