/**
 * Access tokens and session replies (`internal/tokens/service.go` GenerateAccessToken,
 * IssueRefreshToken): HS256 JWTs carrying Supabase's claims, signed with jose.
 */
import type { Sql } from '../db.ts';
import { signJwt, type Claims } from '../jwt.ts';
import type { AuthSettings } from './settings.ts';
import { aalOf, createSession, sessionAmr, type AuthMethod, type ClientInfo } from './sessions.ts';
import { findUserById, userJson, type User, type UserJson } from './users.ts';
import { internalError } from './errors.ts';

export interface SessionReply {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: UserJson;
	weak_password?: { message: string; reasons: string[] };
}

/** Builds and signs the access token of a session, with GoTrue's claim set and order. */
export async function generateAccessToken(
	sql: Sql,
	settings: AuthSettings,
	user: User,
	sessionId: string
): Promise<{ token: string; expiresAt: number }> {
	const amr = await sessionAmr(sql, sessionId);
	const iat = Math.floor(Date.now() / 1000);
	const exp = iat + settings.jwtExpirySeconds;
	const claims: Claims = {
		iss: settings.issuer(),
		sub: user.id,
		aud: user.aud ?? settings.audience,
		exp,
		iat,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role ?? '',
		aal: aalOf(amr),
		amr,
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	};
	return { token: await signJwt(settings.jwtSecret, claims), expiresAt: exp };
}

/** The token reply every grant sends. */
export function sessionReply(
	user: User,
	accessToken: string,
	expiresAt: number,
	refreshToken: string
): SessionReply {
	return {
		access_token: accessToken,
		token_type: 'bearer',
		expires_in: Math.max(0, expiresAt - Math.floor(Date.now() / 1000)),
		expires_at: expiresAt,
		refresh_token: refreshToken,
		user: userJson(user)
	};
}

/**
 * IssueRefreshToken: opens a session for the user inside the caller's transaction and
 * returns the full session reply (the user is re-read so last_sign_in_at is current).
 */
export async function issueSession(
	sql: Sql,
	settings: AuthSettings,
	userId: string,
	method: AuthMethod,
	client: ClientInfo
): Promise<SessionReply> {
	const { sessionId, refreshToken } = await createSession(sql, userId, method, client);
	const user = await findUserById(sql, userId);
	if (!user) throw internalError('Database error granting user');
	const { token, expiresAt } = await generateAccessToken(sql, settings, user, sessionId);
	return sessionReply(user, token, expiresAt, refreshToken);
}
