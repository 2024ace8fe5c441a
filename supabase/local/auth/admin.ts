/**
 * The admin user API (`internal/api/admin.go`), for callers holding an admin role
 * (the service role key): create, list, read, update and delete users.
 */
import { randomBytes } from 'node:crypto';
import { sendJson } from '../http.ts';
import { requestAud, requireAdmin } from './auth.ts';
import type { AuthContext } from './context.ts';
import { DurationError, parseGoDuration } from './duration.ts';
import { ERROR_CODES, badRequest, internalError, notFound, unprocessable } from './errors.ts';
import { checkPasswordStrength, hashPassword, validateEmail } from './password.ts';
import { readParams, readRequestBody, parseParams, type Params } from './request.ts';
import { logoutUser } from './sessions.ts';
import {
	confirmEmail,
	findUserById,
	insertIdentity,
	insertUser,
	isDuplicatedEmail,
	mergeMetadata,
	updateIdentityData,
	userJson,
	type User
} from './users.ts';

export const DEFAULT_PER_PAGE = 50;
const DUPLICATE_EMAIL_MSG = 'A user with this email address has already been registered';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ban_duration: "none" lifts a ban; anything else is a Go duration from now. */
function banUntil(params: Params): Date | null | undefined {
	const raw = params.string('ban_duration');
	if (raw === '') return undefined;
	if (raw === 'none') return null;
	try {
		return new Date(Date.now() + parseGoDuration(raw));
	} catch (err) {
		if (err instanceof DurationError)
			throw badRequest(
				ERROR_CODES.validationFailed,
				`invalid format for ban duration: ${err.message}`
			);
		throw err;
	}
}

/** loadUser: the `{user_id}` path segment must be a UUID of an existing user. */
async function loadUser(ctx: AuthContext, id: string): Promise<User> {
	if (!UUID.test(id)) throw notFound(ERROR_CODES.validationFailed, 'user_id must be an UUID');
	const user = await findUserById(ctx.db, id);
	if (!user) throw notFound(ERROR_CODES.userNotFound, 'User not found');
	return user;
}

/** adminUserCreate. */
export async function createUser(ctx: AuthContext): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'AdminUserParams');
	const aud = params.string('aud') || requestAud(ctx.req, ctx.settings);
	let email = params.string('email');
	const phone = params.string('phone');
	if (email === '' && phone === '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Cannot create a user without either an email or phone'
		);
	if (phone !== '')
		throw badRequest(ERROR_CODES.phoneProviderDisabled, 'Phone signups are disabled');
	email = validateEmail(email);
	if (await isDuplicatedEmail(ctx.db, email, aud))
		throw unprocessable(ERROR_CODES.emailExists, DUPLICATE_EMAIL_MSG);
	const password = params.optionalString('password');
	if (password !== null && params.string('password_hash') !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only a password or a password hash should be provided'
		);
	if (password) checkPasswordStrength(password, ctx.settings.passwordMinLength);
	const id = params.string('id');
	if (id !== '' && !UUID.test(id))
		throw badRequest(ERROR_CODES.validationFailed, 'ID must conform to the uuid v4 format');
	if (id === '00000000-0000-0000-0000-000000000000')
		throw badRequest(ERROR_CODES.validationFailed, 'ID cannot be a nil uuid');
	const banned = banUntil(params);
	const userMetadata = params.object('user_metadata') ?? {};
	const appMetadata = params.object('app_metadata');
	const role = params.string('role') || ctx.settings.defaultRole;
	const emailConfirm = params.boolean('email_confirm');
	const passwordHash = params.string('password_hash');
	// Without a password the user gets a random one it can never sign in with.
	const hash = passwordHash || (await hashPassword(password || randomBytes(32).toString('hex')));

	const created = await ctx.db.transaction(async (tx) => {
		if (await isDuplicatedEmail(tx, email, aud))
			throw unprocessable(ERROR_CODES.emailExists, DUPLICATE_EMAIL_MSG);
		const base = { provider: 'email', providers: ['email'] };
		const userId = await insertUser(tx, {
			id: id || undefined,
			aud,
			role,
			email,
			phone: null,
			encryptedPassword: hash,
			emailConfirmed: false,
			appMetadata: appMetadata ? mergeMetadata(base, appMetadata) : base,
			userMetadata,
			isAnonymous: false,
			bannedUntil: banned ?? null
		});
		await insertIdentity(tx, userId, 'email', {
			sub: userId,
			email,
			email_verified: false,
			phone_verified: false
		});
		if (emailConfirm) await confirmEmail(tx, userId);
		return findUserById(tx, userId);
	});
	if (!created) throw internalError('Database error creating new user');
	sendJson(ctx.res, 200, userJson(created));
}

/** adminUsers: offset pagination with `x-total-count` and a `link` header. */
export async function listUsers(ctx: AuthContext): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const aud = requestAud(ctx.req, ctx.settings);
	const q = ctx.url.searchParams;
	const parse = (name: string, fallback: number) => {
		const raw = q.get(name) ?? '';
		if (raw === '') return fallback;
		if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
			throw badRequest(
				ERROR_CODES.validationFailed,
				`Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`
			);
		return Number(raw);
	};
	const page = parse('page', 1);
	const perPage = parse('per_page', DEFAULT_PER_PAGE);
	if (perPage === 0)
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Bad Pagination Parameters: per_page must be greater than 0'
		);
	const filter = q.get('filter') ?? '';
	const like = `%${filter.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const where = `instance_id = '00000000-0000-0000-0000-000000000000' and aud = $1
	  and ($2 = '' or email ilike $3 or raw_user_meta_data->>'full_name' ilike $3)`;
	const count = await ctx.db.query<{ n: string }>(
		`select count(*)::text as n from auth.users where ${where}`,
		[aud, filter, like]
	);
	const total = Number(count.rows[0].n);
	const offset = Math.max(0, page - 1) * perPage;
	const ids = await ctx.db.query<{ id: string }>(
		`select id::text as id from auth.users where ${where} order by created_at desc, id desc limit $4 offset $5`,
		[aud, filter, like, perPage, offset]
	);
	const users: ReturnType<typeof userJson>[] = [];
	for (const { id } of ids.rows) {
		const user = await findUserById(ctx.db, id);
		if (user) users.push(userJson(user));
	}
	sendJson(ctx.res, 200, { users, aud }, paginationHeaders(ctx.url, page, perPage, total));
}

/** addPaginationHeaders: `rel="next"` while pages remain, always `rel="last"`; query keys sorted as Go encodes them. */
export function paginationHeaders(
	url: URL,
	page: number,
	perPage: number,
	total: number
): Record<string, string> {
	const totalPages = Math.floor(total / perPage) + (total % perPage > 0 ? 1 : 0);
	const link = (p: number) => {
		const query = new URLSearchParams(url.searchParams);
		query.set('page', String(p));
		query.sort();
		return `</admin/users?${query.toString()}>`;
	};
	let header = '';
	if (totalPages > page) header += `${link(page + 1)}; rel="next", `;
	header += `${link(totalPages)}; rel="last"`;
	return { link: header, 'x-total-count': String(total) };
}

/** adminUserGet. */
export async function getUserById(ctx: AuthContext, id: string): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	sendJson(ctx.res, 200, userJson(await loadUser(ctx, id)));
}

/** adminUserUpdate. */
export async function updateUserById(ctx: AuthContext, id: string): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const user = await loadUser(ctx, id);
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'AdminUserParams');
	let email = params.string('email');
	if (email !== '') email = validateEmail(email);
	if (params.string('phone') !== '')
		throw badRequest(ERROR_CODES.phoneProviderDisabled, 'Phone signups are disabled');
	const banned = banUntil(params);
	const password = params.optionalString('password');
	if (password !== null) checkPasswordStrength(password, ctx.settings.passwordMinLength);
	const hash = password !== null ? await hashPassword(password) : null;
	const role = params.string('role');
	const emailConfirm = params.boolean('email_confirm');
	const appMetadata = params.object('app_metadata');
	const userMetadata = params.object('user_metadata');
	const aud = requestAud(ctx.req, ctx.settings);
	if (
		email !== '' &&
		email !== user.email &&
		(await isDuplicatedEmail(ctx.db, email, aud, user.id))
	)
		throw unprocessable(ERROR_CODES.emailExists, DUPLICATE_EMAIL_MSG);

	const updated = await ctx.db.transaction(async (tx) => {
		const current = await findUserById(tx, user.id, true);
		if (!current) throw notFound(ERROR_CODES.userNotFound, 'User not found');
		if (role !== '')
			await tx.query(`update auth.users set role = $2, updated_at = now() where id = $1`, [
				user.id,
				role
			]);
		if (emailConfirm) await confirmEmail(tx, user.id);
		if (hash !== null) {
			await tx.query(
				`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`,
				[user.id, hash]
			);
			// UpdatePassword without a session: every session of the user ends.
			await logoutUser(tx, user.id);
		}
		if (email !== '') {
			const touched = await updateIdentityData(tx, user.id, 'email', {
				email,
				email_verified: emailConfirm
			});
			if (touched === 0)
				await insertIdentity(tx, user.id, 'email', {
					sub: user.id,
					email,
					email_verified: emailConfirm,
					phone_verified: false
				});
			await tx.query(
				`update auth.users set email = $2, is_anonymous = case when $3 then false else is_anonymous end,
				        email_change = '', updated_at = now() where id = $1`,
				[user.id, email, emailConfirm]
			);
		}
		const fresh = (await findUserById(tx, user.id))!;
		if (appMetadata !== null)
			await tx.query(
				`update auth.users set raw_app_meta_data = $2, updated_at = now() where id = $1`,
				[user.id, JSON.stringify(mergeMetadata(fresh.raw_app_meta_data, appMetadata))]
			);
		if (userMetadata !== null)
			await tx.query(
				`update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1`,
				[user.id, JSON.stringify(mergeMetadata(fresh.raw_user_meta_data, userMetadata))]
			);
		if (banned !== undefined)
			await tx.query(`update auth.users set banned_until = $2, updated_at = now() where id = $1`, [
				user.id,
				banned
			]);
		return findUserById(tx, user.id);
	});
	if (!updated) throw internalError('Error updating user');
	sendJson(ctx.res, 200, userJson(updated));
}

/** adminUserDelete: a hard delete, or with `should_soft_delete` an anonymised tombstone. */
export async function deleteUser(ctx: AuthContext, id: string): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const user = await loadUser(ctx, id);
	const body = await readRequestBody(ctx.req, ctx.config.maxBodyBytes);
	const soft =
		body.length > 0
			? parseParams(body, 'adminUserDeleteParams').boolean('should_soft_delete')
			: false;
	await ctx.db.transaction(async (tx) => {
		if (!soft) {
			await tx.query(`delete from auth.refresh_tokens where user_id = $1`, [user.id]);
			await tx.query(`delete from auth.users where id = $1`, [user.id]);
			return;
		}
		if (user.deleted_at) return;
		// SoftDeleteUser: contact details are replaced by hashes so the address can be reused.
		await tx.query(
			`update auth.users
			    set email = case when email is null or email = '' then email
			                     else encode(sha256(convert_to(id::text || email, 'UTF8')), 'hex') end,
			        phone = case when phone is null or phone = '' then phone
			                     else encode(sha256(convert_to(id::text || phone, 'UTF8')), 'hex') end,
			        encrypted_password = '', confirmation_token = '', recovery_token = '', email_change = '',
			        email_change_token_new = '', raw_app_meta_data = '{}'::jsonb, raw_user_meta_data = '{}'::jsonb,
			        deleted_at = now(), updated_at = now()
			  where id = $1`,
			[user.id]
		);
		await tx.query(
			`update auth.identities
			    set provider_id = encode(sha256(convert_to(id::text || provider_id, 'UTF8')), 'hex'),
			        identity_data = '{}'::jsonb, updated_at = now()
			  where user_id = $1`,
			[user.id]
		);
		await logoutUser(tx, user.id);
	});
	sendJson(ctx.res, 200, {});
}
