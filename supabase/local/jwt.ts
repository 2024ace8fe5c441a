/** HS256 JWTs as Supabase issues and checks them, on jose. */
import { SignJWT, jwtVerify, errors } from 'jose';

export type Role = 'anon' | 'authenticated' | 'service_role';

/** The claims Supabase puts into access tokens (and API keys, which carry only `role`). */
export interface Claims {
	iss?: string;
	sub?: string;
	aud?: string | string[];
	exp?: number;
	iat?: number;
	role: string;
	email?: string;
	phone?: string;
	session_id?: string;
	is_anonymous?: boolean;
	aal?: string;
	amr?: { method: string; timestamp: number }[];
	app_metadata?: Record<string, unknown>;
	user_metadata?: Record<string, unknown>;
	[key: string]: unknown;
}

export type VerifyFailure = 'expired' | 'invalid';

export class JwtError extends Error {
	override name = 'JwtError';
	readonly reason: VerifyFailure;
	constructor(reason: VerifyFailure, message: string) {
		super(message);
		this.reason = reason;
	}
}

const encoder = new TextEncoder();
const keyCache = new Map<string, Uint8Array>();
function keyFor(secret: string): Uint8Array {
	let key = keyCache.get(secret);
	if (!key) keyCache.set(secret, (key = encoder.encode(secret)));
	return key;
}

/** Signs claims with HS256. `exp`/`iat` are taken from the claims as given. */
export async function signJwt(secret: string, claims: Claims): Promise<string> {
	return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyFor(secret));
}

/** An API key: a long-lived JWT that carries only a role, like the CLI's. */
export async function signKey(secret: string, role: Role): Promise<string> {
	const iat = Math.floor(Date.now() / 1000);
	return signJwt(secret, { iss: 'supabase-demo', role, iat, exp: iat + 10 * 365 * 24 * 3600 });
}

/**
 * Tokens already verified, per secret: a client sends the same key and access token with
 * every request (a REST request carries both), and checking the HMAC again each time went
 * through WebCrypto's job queue for about a tenth of the stack's time under load. An entry is
 * the token's claims, frozen; it still expires at its `exp`, and the oldest entries are
 * dropped past VERIFIED_MAX. Only tokens that passed every check are kept.
 */
const VERIFIED_MAX = 10_000;
const verified = new Map<string, Map<string, Claims>>();

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

/** jose's `exp` rule: expired when `exp` is at or before the current second. */
function isExpired(claims: Claims): boolean {
	return typeof claims.exp === 'number' && claims.exp <= Math.floor(Date.now() / 1000);
}

/**
 * Verifies an HS256 token. Only HS256 is accepted, so `alg: none` and algorithm
 * confusion are refused; a token without `role` is refused too, unless `allowNoRole` is
 * set: then a token that has no `role` claim at all comes back without one. The claims come
 * back frozen (they may be shared with later calls for the same token).
 */
export async function verifyJwt(
	secret: string,
	token: string,
	opts: { allowNoRole?: boolean } = {}
): Promise<Claims> {
	let known = verified.get(secret);
	let payload = known?.get(token);
	if (payload && isExpired(payload)) {
		known!.delete(token);
		throw new JwtError('expired', 'JWT expired');
	}
	if (!payload) {
		try {
			payload = deepFreeze(
				(await jwtVerify(token, keyFor(secret), { algorithms: ['HS256'] })).payload as Claims
			);
		} catch (err) {
			if (err instanceof errors.JWTExpired) throw new JwtError('expired', 'JWT expired');
			throw new JwtError('invalid', err instanceof errors.JOSEError ? err.message : 'invalid JWT');
		}
		if (!known) verified.set(secret, (known = new Map()));
		if (known.size >= VERIFIED_MAX) known.delete(known.keys().next().value!);
		known.set(token, payload);
	}
	const absent = !('role' in payload);
	if ((typeof payload.role !== 'string' || payload.role === '') && !(absent && opts.allowNoRole))
		throw new JwtError('invalid', 'JWT has no role claim');
	return payload;
}
