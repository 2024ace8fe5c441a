/**
 * Sessions and refresh tokens (`internal/models/sessions.go`, `refresh_token.go`,
 * `amr.go`): a session owns a chain of refresh tokens, each naming its `parent`; exactly
 * one token per session is unrevoked at a time.
 */
import { randomInt } from 'node:crypto';
import type { Sql } from '../db.ts';
import { NIL_UUID } from './users.ts';

/** GoTrue issues 12-character refresh tokens (crypto.SecureAlphanumeric(12)). */
export const REFRESH_TOKEN_LENGTH = 12;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh random refresh token string. */
export function newRefreshTokenString(): string {
	let out = '';
	for (let i = 0; i < REFRESH_TOKEN_LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)];
	return out;
}

export type AuthMethod =
	| 'password'
	| 'anonymous'
	| 'token_refresh'
	| 'otp'
	| 'totp'
	| 'magiclink'
	| 'email/signup'
	| 'recovery'
	| 'email_change'
	| 'invite';

/** AMRClaim.IsAAL2Claim: the methods that are a second factor. */
export const AAL2_METHODS: readonly string[] = ['totp', 'mfa/phone', 'mfa/webauthn'];

/** Session.CalculateAALAndAMR's level: aal2 once any second-factor method is on the session. */
export function aalOf(amr: readonly AmrEntry[]): 'aal1' | 'aal2' {
	return amr.some((e) => AAL2_METHODS.includes(e.method)) ? 'aal2' : 'aal1';
}

export interface AmrEntry {
	method: string;
	timestamp: number;
}

export interface RefreshTokenRow {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	parent: string | null;
	session_id: string | null;
	updated_at: Date;
	/** null when the token's session is gone. */
	session_exists: boolean;
	not_after: Date | null;
}

export interface ClientInfo {
	userAgent: string | null;
	ip: string | null;
}

async function insertRefreshToken(
	sql: Sql,
	userId: string,
	sessionId: string,
	parent: string | null
): Promise<string> {
	const token = newRefreshTokenString();
	await sql.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		 values ($1, $2, $3, false, now(), now(), $4, $5)`,
		[NIL_UUID, token, userId, parent, sessionId]
	);
	return token;
}

/**
 * GrantAuthenticatedUser + AddClaimToSession: a new session with its first refresh token,
 * recording how the user authenticated, and the user's last_sign_in_at.
 */
export async function createSession(
	sql: Sql,
	userId: string,
	method: AuthMethod,
	client: ClientInfo
): Promise<{ sessionId: string; refreshToken: string }> {
	const res = await sql.query<{ id: string }>(
		`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		 values (gen_random_uuid(), $1, now(), now(), 'aal1', $2, $3::inet) returning id::text as id`,
		[userId, client.userAgent, client.ip]
	);
	const sessionId = res.rows[0].id;
	const refreshToken = await insertRefreshToken(sql, userId, sessionId, null);
	await addAmrClaim(sql, sessionId, method);
	await sql.query(
		`update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1`,
		[userId]
	);
	await sql.query(`update auth.identities set last_sign_in_at = now() where user_id = $1`, [
		userId
	]);
	return { sessionId, refreshToken };
}

/** models.AddClaimToSession: one row per (session, method), refreshed when used again. */
export async function addAmrClaim(sql: Sql, sessionId: string, method: AuthMethod): Promise<void> {
	await sql.query(
		`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
		 values (gen_random_uuid(), $1, now(), now(), $2)
		 on conflict (session_id, authentication_method) do update set updated_at = excluded.updated_at`,
		[sessionId, method]
	);
}

/** Session.CalculateAALAndAMR: the session's methods, newest first. */
export async function sessionAmr(sql: Sql, sessionId: string): Promise<AmrEntry[]> {
	const res = await sql.query<{ method: string; ts: string | number }>(
		`select authentication_method as method, floor(extract(epoch from updated_at))::int8::text as ts
		   from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
		[sessionId]
	);
	return res.rows.map((r) => ({ method: r.method, timestamp: Number(r.ts) }));
}

/** The stored `aal` of a session (Session.GetAAL), or null when the session is gone. */
export async function sessionAal(sql: Sql, sessionId: string): Promise<string | null> {
	const res = await sql.query<{ aal: string | null }>(
		`select aal::text as aal from auth.sessions where id = $1`,
		[sessionId]
	);
	return res.rows.length === 0 ? null : (res.rows[0].aal ?? '');
}

/** Whether a session row exists (the access-token check GoTrue makes on every authenticated call). */
export async function sessionExists(sql: Sql, sessionId: string): Promise<boolean> {
	const res = await sql.query(`select 1 from auth.sessions where id = $1`, [sessionId]);
	return res.rows.length > 0;
}

/** models.FindUserWithRefreshToken (the token part), locking the row for the swap. */
export async function findRefreshToken(sql: Sql, token: string): Promise<RefreshTokenRow | null> {
	const res = await sql.query<RefreshTokenRow>(
		`select rt.id::text as id, rt.token, rt.user_id, coalesce(rt.revoked, false) as revoked, rt.parent,
		        rt.session_id::text as session_id, rt.updated_at, s.id is not null as session_exists, s.not_after
		   from auth.refresh_tokens rt left join auth.sessions s on s.id = rt.session_id
		  where rt.token = $1
		  for update of rt`,
		[token]
	);
	return res.rows[0] ?? null;
}

/** Session.FindCurrentlyActiveRefreshToken: the newest unrevoked token of a session. */
export async function activeRefreshToken(
	sql: Sql,
	sessionId: string
): Promise<{ token: string; parent: string | null } | null> {
	const res = await sql.query<{ token: string; parent: string | null }>(
		`select token, parent from auth.refresh_tokens
		  where session_id = $1 and revoked = false order by id desc limit 1`,
		[sessionId]
	);
	return res.rows[0] ?? null;
}

/** models.GrantRefreshTokenSwap: revokes the token and issues its child. */
export async function swapRefreshToken(sql: Sql, old: RefreshTokenRow): Promise<string> {
	await sql.query(
		`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`,
		[old.id]
	);
	return insertRefreshToken(sql, old.user_id, old.session_id!, old.token);
}

/** models.RevokeTokenFamily: every live token of the session is revoked. */
export async function revokeTokenFamily(sql: Sql, sessionId: string): Promise<void> {
	await sql.query(
		`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false`,
		[sessionId]
	);
}

/** Session.UpdateOnlyRefreshInfo. */
export async function touchSession(sql: Sql, sessionId: string, client: ClientInfo): Promise<void> {
	await sql.query(
		`update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now(), user_agent = $2, ip = $3::inet
		  where id = $1`,
		[sessionId, client.userAgent, client.ip]
	);
}

export async function deleteRefreshToken(sql: Sql, id: string): Promise<void> {
	await sql.query(`delete from auth.refresh_tokens where id = $1`, [id]);
}

/** models.LogoutSession: ends one session (its refresh tokens go with it). */
export async function logoutSession(sql: Sql, sessionId: string): Promise<void> {
	await sql.query(`delete from auth.sessions where id = $1`, [sessionId]);
}

/** models.Logout: ends every session of the user. */
export async function logoutUser(sql: Sql, userId: string): Promise<void> {
	await sql.query(`delete from auth.sessions where user_id = $1`, [userId]);
	await sql.query(`delete from auth.refresh_tokens where user_id = $1`, [userId]);
}

/** models.LogoutAllExceptMe. */
export async function logoutOthers(sql: Sql, userId: string, keepSessionId: string): Promise<void> {
	await sql.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [
		userId,
		keepSessionId
	]);
}
