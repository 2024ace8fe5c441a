/**
 * The user model of Supabase Auth (`internal/models/user.go`, `identity.go`): rows of
 * `auth.users` / `auth.identities`, and the JSON GoTrue serialises them to.
 */
import type { Sql } from '../db.ts';
import type { JsonObject } from './request.ts';

/** The nil UUID GoTrue stores as every user's instance_id. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export interface UserRecord {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: Date | null;
	invited_at: Date | null;
	confirmation_sent_at: Date | null;
	recovery_sent_at: Date | null;
	email_change: string | null;
	email_change_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: JsonObject | null;
	raw_user_meta_data: JsonObject | null;
	created_at: Date;
	updated_at: Date;
	phone: string | null;
	phone_confirmed_at: Date | null;
	phone_change: string | null;
	phone_change_sent_at: Date | null;
	confirmed_at: Date | null;
	reauthentication_sent_at: Date | null;
	banned_until: Date | null;
	deleted_at: Date | null;
	is_anonymous: boolean;
	is_sso_user: boolean;
}

export interface IdentityRecord {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: JsonObject;
	provider: string;
	last_sign_in_at: Date | null;
	created_at: Date;
	updated_at: Date;
	email: string | null;
}

/** A row of `auth.mfa_factors` (models.Factor), without its secret. */
export interface FactorRecord {
	id: string;
	user_id: string;
	created_at: Date;
	updated_at: Date;
	status: 'verified' | 'unverified';
	friendly_name: string | null;
	factor_type: string;
	phone: string | null;
	last_challenged_at: Date | null;
}

export interface User extends UserRecord {
	identities: IdentityRecord[];
	factors: FactorRecord[];
}

export const FACTOR_COLUMNS = `id::text as id, user_id::text as user_id, created_at, updated_at, status::text as status,
  friendly_name, factor_type::text as factor_type, phone, last_challenged_at`;

/**
 * models.Factor's JSON: `friendly_name` is omitted when empty, `phone` is always there (a
 * NullString marshals as ""), `last_challenged_at` is null until the first challenge.
 */
export function factorJson(f: FactorRecord) {
	return {
		id: f.id,
		created_at: iso(f.created_at),
		updated_at: iso(f.updated_at),
		status: f.status,
		...(f.friendly_name ? { friendly_name: f.friendly_name } : {}),
		factor_type: f.factor_type,
		phone: f.phone ?? '',
		last_challenged_at: iso(f.last_challenged_at) ?? null
	};
}

const USER_COLUMNS = `id::text as id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
  confirmation_sent_at, recovery_sent_at, email_change, email_change_sent_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, phone, phone_confirmed_at, phone_change,
  phone_change_sent_at, confirmed_at, reauthentication_sent_at, banned_until, deleted_at, is_anonymous, is_sso_user`;

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : undefined);

/** A user as GoTrue's models.User marshals it: optional timestamps are omitted when unset. */
export function userJson(user: User) {
	const optional = (key: string, value: unknown) =>
		value === undefined || value === '' || value === null ? {} : { [key]: value };
	return {
		id: user.id,
		aud: user.aud ?? '',
		role: user.role ?? '',
		email: user.email ?? '',
		...optional('email_confirmed_at', iso(user.email_confirmed_at)),
		...optional('invited_at', iso(user.invited_at)),
		phone: user.phone ?? '',
		...optional('phone_confirmed_at', iso(user.phone_confirmed_at)),
		...optional('confirmation_sent_at', iso(user.confirmation_sent_at)),
		...optional('confirmed_at', iso(user.confirmed_at)),
		...optional('recovery_sent_at', iso(user.recovery_sent_at)),
		...optional('new_email', user.email_change),
		...optional('email_change_sent_at', iso(user.email_change_sent_at)),
		...optional('new_phone', user.phone_change),
		...optional('phone_change_sent_at', iso(user.phone_change_sent_at)),
		...optional('reauthentication_sent_at', iso(user.reauthentication_sent_at)),
		...optional('last_sign_in_at', iso(user.last_sign_in_at)),
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		// `factors,omitempty`: only users with a factor carry the key.
		...(user.factors.length > 0 ? { factors: user.factors.map(factorJson) } : {}),
		identities: user.identities.map(identityJson),
		created_at: iso(user.created_at),
		updated_at: iso(user.updated_at),
		...optional('banned_until', iso(user.banned_until)),
		...optional('deleted_at', iso(user.deleted_at)),
		is_anonymous: user.is_anonymous
	};
}

export type UserJson = ReturnType<typeof userJson>;

/** models.Identity's JSON: the row id is `identity_id`, the provider's id is `id`. */
export function identityJson(identity: IdentityRecord) {
	return {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id,
		identity_data: identity.identity_data,
		provider: identity.provider,
		...(identity.last_sign_in_at ? { last_sign_in_at: iso(identity.last_sign_in_at) } : {}),
		created_at: iso(identity.created_at),
		updated_at: iso(identity.updated_at),
		...(identity.email ? { email: identity.email } : {})
	};
}

export function isBanned(user: UserRecord, now = new Date()): boolean {
	return user.banned_until !== null && new Date(user.banned_until) > now;
}

async function withIdentities(sql: Sql, row: UserRecord | undefined): Promise<User | null> {
	if (!row) return null;
	const ids = await sql.query<IdentityRecord>(
		`select id::text as id, provider_id, user_id::text as user_id, identity_data, provider, last_sign_in_at,
		        created_at, updated_at, email
		   from auth.identities where user_id = $1 order by created_at, id`,
		[row.id]
	);
	const factors = await sql.query<FactorRecord>(
		`select ${FACTOR_COLUMNS} from auth.mfa_factors where user_id = $1 order by created_at, id`,
		[row.id]
	);
	return { ...row, identities: ids.rows, factors: factors.rows };
}

/** models.FindUserByID, with identities and factors loaded as GoTrue's eager load does. */
export async function findUserById(sql: Sql, id: string, forUpdate = false): Promise<User | null> {
	const res = await sql.query<UserRecord>(
		`select ${USER_COLUMNS} from auth.users where id = $1${forUpdate ? ' for update' : ''}`,
		[id]
	);
	return withIdentities(sql, res.rows[0]);
}

/** models.FindUserByEmailAndAudience: non-SSO users only, email compared lower-cased. */
export async function findUserByEmail(sql: Sql, email: string, aud: string): Promise<User | null> {
	const res = await sql.query<UserRecord>(
		`select ${USER_COLUMNS} from auth.users
		  where instance_id = $3 and lower(email) = lower($1) and aud = $2 and is_sso_user = false limit 1`,
		[email, aud, NIL_UUID]
	);
	return withIdentities(sql, res.rows[0]);
}

/** models.IsDuplicatedEmail: another user (or identity) already holds this address. */
export async function isDuplicatedEmail(
	sql: Sql,
	email: string,
	aud: string,
	exceptUserId?: string
): Promise<boolean> {
	const res = await sql.query(
		`select 1 from auth.users u
		  where lower(u.email) = lower($1) and u.aud = $2 and u.is_sso_user = false and ($3::uuid is null or u.id <> $3::uuid)
		 union all
		 select 1 from auth.identities i join auth.users u on u.id = i.user_id
		  where i.email = lower($1) and u.aud = $2 and u.is_sso_user = false and ($3::uuid is null or u.id <> $3::uuid)
		 limit 1`,
		[email, aud, exceptUserId ?? null]
	);
	return res.rows.length > 0;
}

export interface NewUser {
	id?: string;
	aud: string;
	role: string;
	email: string | null;
	phone: string | null;
	encryptedPassword: string | null;
	emailConfirmed: boolean;
	appMetadata: JsonObject;
	userMetadata: JsonObject;
	isAnonymous: boolean;
	bannedUntil?: Date | null;
}

/** Inserts a user row and returns its id. */
export async function insertUser(sql: Sql, u: NewUser): Promise<string> {
	const res = await sql.query<{ id: string }>(
		`insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password, email_confirmed_at,
		                         raw_app_meta_data, raw_user_meta_data, is_anonymous, banned_until,
		                         created_at, updated_at, is_super_admin, is_sso_user)
		 values ($1, coalesce($2::uuid, gen_random_uuid()), $3, $4, $5, $6, $7,
		         case when $8 then now() end, $9, $10, $11, $12, now(), now(), false, false)
		 returning id::text as id`,
		[
			NIL_UUID,
			u.id ?? null,
			u.aud,
			u.role,
			u.email,
			u.phone,
			u.encryptedPassword,
			u.emailConfirmed,
			JSON.stringify(u.appMetadata),
			JSON.stringify(u.userMetadata),
			u.isAnonymous,
			u.bannedUntil ?? null
		]
	);
	return res.rows[0].id;
}

/** Creates an identity (models.NewIdentity: provider_id is the `sub` of the identity data). */
export async function insertIdentity(
	sql: Sql,
	userId: string,
	provider: string,
	data: JsonObject
): Promise<void> {
	await sql.query(
		`insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		 values (gen_random_uuid(), $1, $2, $3, $4, now(), now(), now())`,
		[String(data.sub ?? userId), userId, JSON.stringify(data), provider]
	);
}

/** Merges keys into identity_data of the user's identity for a provider. */
export async function updateIdentityData(
	sql: Sql,
	userId: string,
	provider: string,
	updates: JsonObject
): Promise<number> {
	const res = await sql.query(
		`update auth.identities set identity_data = identity_data || $3::jsonb, updated_at = now()
		  where user_id = $1 and provider = $2`,
		[userId, provider, JSON.stringify(updates)]
	);
	return res.rowCount;
}

/**
 * GoTrue's UpdateUserMetaData / UpdateAppMetaData: keys are merged into the stored map
 * and a null value removes its key.
 */
export function mergeMetadata(current: JsonObject | null, updates: JsonObject): JsonObject {
	const merged: JsonObject = { ...(current ?? {}) };
	for (const [key, value] of Object.entries(updates)) {
		if (value === null) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

/** Confirms a user's email (models.User.Confirm), which also sets user_metadata.email_verified. */
export async function confirmEmail(sql: Sql, userId: string): Promise<void> {
	await sql.query(
		`update auth.users
		    set email_confirmed_at = now(), confirmation_token = '', updated_at = now(),
		        raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb
		  where id = $1`,
		[userId]
	);
}
