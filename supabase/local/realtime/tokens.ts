/**
 * Checks the token a channel runs under, the way Realtime's `confirm_token` does: an HS256
 * JWT with `role` and `exp`, or an opaque `sb_…` key standing in for its role.
 */
import { decodeJwt } from 'jose';
import type { StackConfig } from '../config.ts';
import { JwtError, verifyJwt, type Claims } from '../jwt.ts';
import { checkApiKey } from '../identity.ts';

export type TokenFailure = 'expired' | 'missing_claims' | 'malformed' | 'signature';

export class TokenError extends Error {
	override name = 'TokenError';
	readonly reason: TokenFailure;
	/** For `expired`: how long ago, in whole seconds. */
	readonly secondsAgo: number;
	constructor(reason: TokenFailure, secondsAgo = 0) {
		super(reason);
		this.reason = reason;
		this.secondsAgo = secondsAgo;
	}
}

export interface ChannelToken {
	token: string;
	claims: Claims;
	/** Expiry in ms since the epoch, or null for opaque keys. */
	expiresAtMs: number | null;
}

/** Verifies a channel's access token; throws TokenError with Realtime's failure kinds. */
export async function confirmToken(config: StackConfig, token: string): Promise<ChannelToken> {
	if (token.startsWith('sb_')) {
		try {
			return { token, claims: await checkApiKey(config, token), expiresAtMs: null };
		} catch {
			throw new TokenError('signature');
		}
	}
	let unverified: Record<string, unknown>;
	try {
		unverified = decodeJwt(token);
	} catch {
		throw new TokenError('malformed');
	}
	if (typeof unverified.role !== 'string' || typeof unverified.exp !== 'number')
		throw new TokenError('missing_claims');
	try {
		const claims = await verifyJwt(config.jwtSecret, token);
		return { token, claims, expiresAtMs: (claims.exp as number) * 1000 };
	} catch (err) {
		if (err instanceof JwtError && err.reason === 'expired') {
			const ago = Math.max(0, Math.floor(Date.now() / 1000) - (unverified.exp as number));
			throw new TokenError('expired', ago);
		}
		throw new TokenError('signature');
	}
}
