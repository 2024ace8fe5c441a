/**
 * Email OTPs and their one-time tokens (`internal/crypto` GenerateOtp / GenerateTokenHash,
 * `internal/models/one_time_token.go`). A link carries the hash, a code is the OTP itself;
 * only the hash is ever stored: in the user's token column and in `auth.one_time_tokens`.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Sql } from '../db.ts';

/** The token kinds of `auth.one_time_token_type` that email links use. */
export type OneTimeTokenType =
	| 'confirmation_token'
	| 'reauthentication_token'
	| 'recovery_token'
	| 'email_change_token_current'
	| 'email_change_token_new';

/** A random code of `digits` decimal digits, zero-padded (crypto.GenerateOtp). */
export function generateOtp(digits: number): string {
	let out = '';
	for (let i = 0; i < digits; i++) out += String(randomInt(10));
	return out;
}

/** crypto.GenerateTokenHash: lower-case hex sha224 of the address followed by the OTP. */
export function tokenHash(emailOrPhone: string, otp: string): string {
	return createHash('sha224')
		.update(emailOrPhone + otp)
		.digest('hex');
}

/** isOtpExpired: a token sent at `sentAt` is dead once `expirySeconds` have passed. */
export function isOtpExpired(
	sentAt: Date | null,
	expirySeconds: number,
	now = new Date()
): boolean {
	if (!sentAt) return true;
	return now.getTime() > new Date(sentAt).getTime() + expirySeconds * 1000;
}

/** isOtpValid: the hash matches a live token (a `pkce_`-prefixed stored token matches too). */
export function isOtpValid(
	actual: string,
	expected: string | null,
	sentAt: Date | null,
	expirySeconds: number
): boolean {
	if (!expected || !sentAt) return false;
	return (
		!isOtpExpired(sentAt, expirySeconds) && (actual === expected || `pkce_${actual}` === expected)
	);
}

/** CreateOneTimeToken: replaces the user's token of that type. */
export async function createOneTimeToken(
	sql: Sql,
	userId: string,
	relatesTo: string,
	hash: string,
	type: OneTimeTokenType
): Promise<void> {
	await sql.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = $2`, [
		userId,
		type
	]);
	await sql.query(
		`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
		 values (gen_random_uuid(), $1, $2, $3, $4, now(), now())`,
		[userId, type, hash, relatesTo.toLowerCase()]
	);
}

/** ClearAllOneTimeTokensForUser: what confirming or recovering a user does. */
export async function clearOneTimeTokens(sql: Sql, userId: string): Promise<void> {
	await sql.query(`delete from auth.one_time_tokens where user_id = $1`, [userId]);
}

/** FindUserAndOneTimeToken: the user id owning a token hash of one of the given types. */
export async function findOneTimeTokenUser(
	sql: Sql,
	hash: string,
	types: OneTimeTokenType[]
): Promise<string | null> {
	const res = await sql.query<{ user_id: string }>(
		`select user_id::text as user_id from auth.one_time_tokens
		  where token_hash = $1 and token_type::text = any($2::text[]) limit 1`,
		[hash, types]
	);
	return res.rows[0]?.user_id ?? null;
}
