/**
 * Signed URL tokens as Storage makes them: HS256 JWTs signed with the project's JWT secret,
 * `{url: "bucket/path", scope: "download", iat, exp}` for downloads (plus `transformations`
 * and `format` for a transformed image) and `{owner, url, upsert, scope: "upload", iat, exp}` for
 * uploads. They carry no role, so they can't be used as API tokens.
 */
import { SignJWT, errors, jwtVerify } from 'jose';
import { ERRORS } from './errors.ts';

/**
 * What a signed URL token may be used for (Storage's `scope` claim, src/internal/auth/jwt.ts),
 * so a download token can't be replayed as an upload or the other way round.
 */
export const SCOPE_DOWNLOAD = 'download';
export const SCOPE_UPLOAD = 'upload';

/** Tokens from before scopes existed count as uploads exactly when they carry `upsert`. */
function hasScope(p: Record<string, unknown>, scope: string): boolean {
	if (p.scope !== undefined) return p.scope === scope;
	return scope === SCOPE_UPLOAD ? 'upsert' in p : !('upsert' in p);
}

/** How long a signed upload URL stays valid, in seconds (Storage's default). */
export const SIGNED_UPLOAD_EXPIRY_SECONDS = 2 * 60 * 60;

export interface DownloadToken {
	url: string;
	/** Signed image transformations (`height:100,width:100,resize:cover`), if any. */
	transformations?: string;
	iat: number;
	exp: number;
}

export interface UploadToken {
	owner: string | undefined;
	url: string;
	upsert: boolean;
	iat: number;
	exp: number;
}

const encoder = new TextEncoder();

/** Signs `payload` for `expiresInSeconds` (iat = now). */
export async function signToken(
	secret: string,
	payload: Record<string, string | boolean | undefined>,
	expiresInSeconds: number,
	nowMs = Date.now()
): Promise<string> {
	const iat = Math.floor(nowMs / 1000);
	const claims = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
	return new SignJWT({ ...claims, iat, exp: iat + expiresInSeconds })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.sign(encoder.encode(secret));
}

/** Verifies a token; failures become Storage's InvalidJWT with jsonwebtoken's wording. */
export async function verifyToken(secret: string, token: string): Promise<Record<string, unknown>> {
	try {
		const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'] });
		return payload as Record<string, unknown>;
	} catch (err) {
		if (err instanceof errors.JWTExpired) throw ERRORS.invalidJwt('jwt expired');
		if (token.split('.').length !== 3) throw ERRORS.invalidJwt('jwt malformed');
		throw ERRORS.invalidJwt('invalid signature');
	}
}

/** Checks a download token against the path it is used for. */
export async function verifyDownloadToken(
	secret: string,
	token: string,
	path: string
): Promise<DownloadToken> {
	const p = await verifyToken(secret, token);
	if (!hasScope(p, SCOPE_DOWNLOAD))
		throw ERRORS.invalidSignature(`Token is not scoped for ${SCOPE_DOWNLOAD}`);
	if (typeof p.url !== 'string' || p.url !== path) throw ERRORS.invalidSignature();
	if (typeof p.exp !== 'number') throw ERRORS.invalidJwt('jwt expired');
	return {
		url: p.url,
		...(typeof p.transformations === 'string' ? { transformations: p.transformations } : {}),
		iat: Number(p.iat ?? 0),
		exp: p.exp
	};
}

/** Checks an upload token against the path it is used for. */
export async function verifyUploadToken(
	secret: string,
	token: string,
	path: string
): Promise<UploadToken> {
	const p = await verifyToken(secret, token);
	if (!hasScope(p, SCOPE_UPLOAD))
		throw ERRORS.invalidSignature(`Token is not scoped for ${SCOPE_UPLOAD}`);
	if (typeof p.url !== 'string' || p.url !== path) throw ERRORS.invalidSignature();
	if (typeof p.exp !== 'number') throw ERRORS.invalidJwt('jwt expired');
	return {
		owner: typeof p.owner === 'string' ? p.owner : undefined,
		url: p.url,
		upsert: p.upsert === true,
		iat: Number(p.iat ?? 0),
		exp: p.exp
	};
}
