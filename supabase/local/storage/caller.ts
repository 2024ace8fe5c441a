/**
 * Who is calling, as Storage's JWT plugin decides it: the gateway in front of Storage has no
 * key check, so only the bearer token matters (or, with the opaque sb_… keys, the apikey
 * the gateway would swap in). Routes that allow it fall back to `anon` without a valid token.
 */
import type { IncomingMessage } from 'node:http';
import type { StackConfig } from '../config.ts';
import type { RoleContext } from '../db.ts';
import { headerOf } from '../http.ts';
import { bearerOf, claimsFromToken, IdentityError } from '../identity.ts';
import type { Claims } from '../jwt.ts';
import { ERRORS } from './errors.ts';

export interface Caller {
	ctx: RoleContext;
	/** False when the request carried no valid token (only allowed on some routes). */
	authenticated: boolean;
	/** The `sub` claim: becomes the object's owner. */
	sub: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The uuid `owner` column value for a subject, when it is a uuid. */
export function ownerUuid(sub: string | undefined): string | null {
	return sub && UUID.test(sub) ? sub : null;
}

function requestContext(req: IncomingMessage, url: URL, claims: Claims): RoleContext {
	return {
		role: claims.role,
		claims,
		method: req.method,
		path: url.pathname,
		headers: Object.fromEntries(
			Object.entries(req.headers)
				.filter(([k]) => k !== 'authorization' && k !== 'cookie')
				.map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])
		)
	};
}

/** The message jsonwebtoken gives for each failure, which Storage passes through. */
function jwtFailureMessage(err: unknown, token: string): string {
	if (err instanceof IdentityError && err.reason === 'jwt_expired') return 'jwt expired';
	if (token.split('.').length !== 3) return 'jwt malformed';
	return 'invalid signature';
}

/** Resolves the caller; throws AccessDenied for a missing or bad token unless `allowAnonymous`. */
export async function resolveCaller(
	config: StackConfig,
	req: IncomingMessage,
	url: URL,
	opts: { allowAnonymous: boolean }
): Promise<Caller> {
	const token = bearerOf(req) ?? headerOf(req, 'apikey') ?? '';
	const anonymous = (): Caller => ({
		ctx: requestContext(req, url, { role: 'anon' }),
		authenticated: false,
		sub: undefined
	});
	if (!token) {
		if (opts.allowAnonymous) return anonymous();
		throw ERRORS.accessDenied('jwt must be provided');
	}
	try {
		const claims = await claimsFromToken(config, token);
		return {
			ctx: requestContext(req, url, claims),
			authenticated: true,
			sub: typeof claims.sub === 'string' ? claims.sub : undefined
		};
	} catch (err) {
		if (opts.allowAnonymous) return anonymous();
		throw ERRORS.accessDenied(jwtFailureMessage(err, token));
	}
}
