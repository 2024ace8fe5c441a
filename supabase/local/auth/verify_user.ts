/**
 * What a verified email link does to its user (`internal/models/user.go` Confirm, Recover,
 * ConfirmEmailChange, UpdateAppMetaDataProviders). Each ends with the user's one-time
 * tokens cleared, which is what makes a link single-use.
 */
import type { Sql } from '../db.ts';
import { clearOneTimeTokens } from './otp.ts';
import { confirmEmail, findUserById, insertIdentity, type User } from './users.ts';

/** A user with the token columns verification compares against. */
export interface TokenUser extends User {
	confirmation_token: string | null;
	recovery_token: string | null;
	email_change_token_current: string | null;
	email_change_token_new: string | null;
	email_change_confirm_status: number | null;
}

/** Loads a user with its stored token hashes. */
export async function loadTokenUser(sql: Sql, userId: string): Promise<TokenUser | null> {
	const user = await findUserById(sql, userId, true);
	if (!user) return null;
	const res = await sql.query<Omit<TokenUser, keyof User>>(
		`select confirmation_token, recovery_token, email_change_token_current, email_change_token_new,
		        email_change_confirm_status::int as email_change_confirm_status
		   from auth.users where id = $1`,
		[userId]
	);
	return { ...user, ...res.rows[0] };
}

/** User.Confirm: the address is confirmed and every pending token is spent. */
async function confirm(sql: Sql, userId: string): Promise<void> {
	await confirmEmail(sql, userId);
	await clearOneTimeTokens(sql, userId);
}

/**
 * signupVerify: an invited user without a password gets `sparePasswordHash` (of a password
 * nobody is told), the user is confirmed, and the email identity marked verified.
 */
export async function confirmUser(
	sql: Sql,
	user: TokenUser,
	sparePasswordHash: string | null
): Promise<void> {
	if (!user.encrypted_password && user.invited_at && sparePasswordHash)
		await sql.query(`update auth.users set encrypted_password = $2 where id = $1`, [
			user.id,
			sparePasswordHash
		]);
	await confirm(sql, user.id);
	await sql.query(
		`update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb,
		        updated_at = now()
		  where user_id = $1 and email is not null and email <> '' and email = $2`,
		[user.id, user.email ?? '']
	);
	await updateProviders(sql, user.id);
}

/** recoverVerify: the recovery token is spent; an unconfirmed user is confirmed by it. */
export async function recoverUser(sql: Sql, user: TokenUser): Promise<void> {
	await sql.query(`update auth.users set recovery_token = '' where id = $1`, [user.id]);
	await clearOneTimeTokens(sql, user.id);
	if (!user.confirmed_at) await confirm(sql, user.id);
	await updateProviders(sql, user.id);
}

/** emailChangeVerify + ConfirmEmailChange: the pending address becomes the user's address. */
export async function confirmEmailChange(sql: Sql, user: TokenUser): Promise<void> {
	const next = user.email_change ?? '';
	const touched = await sql.query(
		`update auth.identities
		    set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
		        updated_at = now()
		  where user_id = $1 and provider = 'email'`,
		[user.id, next]
	);
	if (touched.rowCount === 0)
		await insertIdentity(sql, user.id, 'email', {
			sub: user.id,
			email: next,
			email_verified: true,
			phone_verified: false
		});
	await sql.query(
		`update auth.users
		    set email = $2, email_change = '', email_change_token_current = '', email_change_token_new = '',
		        email_change_confirm_status = 0, is_anonymous = false, updated_at = now()
		  where id = $1`,
		[user.id, next]
	);
	await clearOneTimeTokens(sql, user.id);
	if (!user.confirmed_at) await confirm(sql, user.id);
	await updateProviders(sql, user.id);
}

/**
 * emailChangeVerify's first half under secure email change: the change is marked as singly
 * confirmed and the followed link's token (current or new address) is spent.
 */
export async function acceptFirstEmailChangeLink(
	sql: Sql,
	user: TokenUser,
	hash: string
): Promise<void> {
	const matches = (stored: string | null) =>
		!!stored && (stored === hash || stored === `pkce_${hash}`);
	const side = matches(user.email_change_token_current)
		? 'current'
		: matches(user.email_change_token_new)
			? 'new'
			: null;
	await sql.query(
		`update auth.users set email_change_confirm_status = 1,
		        email_change_token_current = case when $2 = 'current' then '' else email_change_token_current end,
		        email_change_token_new = case when $2 = 'new' then '' else email_change_token_new end
		  where id = $1`,
		[user.id, side ?? '']
	);
	if (side)
		await sql.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = $2`, [
			user.id,
			side === 'current' ? 'email_change_token_current' : 'email_change_token_new'
		]);
}

/** UpdateAppMetaDataProviders: `providers` lists the user's identity providers. */
async function updateProviders(sql: Sql, userId: string): Promise<void> {
	await sql.query(
		`update auth.users u
		    set raw_app_meta_data = coalesce(u.raw_app_meta_data, '{}'::jsonb)
		        || jsonb_build_object('providers', p.list)
		   from (select jsonb_agg(provider order by provider) as list
		           from (select distinct provider from auth.identities where user_id = $1) d) p
		  where u.id = $1 and p.list is not null`,
		[userId]
	);
}
