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
 * Verifies an HS256 token. Only HS256 is accepted, so `alg: none` and algorithm
 * confusion are refused; a token without `role` is refused too, unless `allowNoRole` is
 * set: then a token that has no `role` claim at all comes back without one.
 */
export async function verifyJwt(
	secret: string,
	token: string,
	opts: { allowNoRole?: boolean } = {}
): Promise<Claims> {
	try {
		const { payload } = await jwtVerify(token, keyFor(secret), { algorithms: ['HS256'] });
		const absent = !('role' in payload);
		if ((typeof payload.role !== 'string' || payload.role === '') && !(absent && opts.allowNoRole))
			throw new JwtError('invalid', 'JWT has no role claim');
		return payload as Claims;
	} catch (err) {
		if (err instanceof JwtError) throw err;
		if (err instanceof errors.JWTExpired) throw new JwtError('expired', 'JWT expired');
		throw new JwtError('invalid', err instanceof errors.JOSEError ? err.message : 'invalid JWT');
	}
}
