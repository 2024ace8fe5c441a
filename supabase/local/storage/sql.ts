/**
 * The SQL this service runs against `storage.buckets` and `storage.objects`. Every function
 * takes the `Sql` to run on: the database itself (superuser lookups, as Storage does them) or
 * an `asRole` transaction, where the caller's RLS policies decide.
 */
import type { Sql } from '../db.ts';

export interface BucketRow {
	id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	public: boolean;
	type: string;
	file_size_limit: number | null;
	allowed_mime_types: string[] | null;
	created_at: Date | string;
	updated_at: Date | string;
}

/** What Storage keeps in `objects.metadata`. */
export interface ObjectMetadata {
	eTag: string;
	size: number;
	mimetype: string;
	cacheControl: string;
	lastModified: string;
	contentLength: number;
	httpStatusCode: number;
}

export interface ObjectRow {
	id: string;
	bucket_id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	version: string | null;
	metadata: ObjectMetadata | null;
	user_metadata: Record<string, unknown> | null;
	created_at: Date | string;
	updated_at: Date | string;
	last_accessed_at: Date | string;
}

const BUCKET_COLUMNS =
	'id, name, owner, owner_id, public, type::text as type, file_size_limit, allowed_mime_types, created_at, updated_at';
const OBJECT_COLUMNS =
	'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';

function normalizeBucket(row: BucketRow): BucketRow {
	return {
		...row,
		file_size_limit: row.file_size_limit === null ? null : Number(row.file_size_limit)
	};
}

export async function findBucket(sql: Sql, id: string): Promise<BucketRow | undefined> {
	const { rows } = await sql.query<BucketRow>(
		`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`,
		[id]
	);
	return rows[0] && normalizeBucket(rows[0]);
}

export interface BucketListOptions {
	limit?: number;
	offset?: number;
	search?: string;
	sortColumn: 'id' | 'name' | 'created_at' | 'updated_at';
	sortOrder: 'asc' | 'desc';
}

export async function listBuckets(sql: Sql, o: BucketListOptions): Promise<BucketRow[]> {
	// sortColumn and sortOrder come from a closed set checked by the caller.
	const { rows } = await sql.query<BucketRow>(
		`select ${BUCKET_COLUMNS} from storage.buckets
		 where ($1::text is null or name ilike '%' || $1 || '%')
		 order by ${o.sortColumn} ${o.sortOrder}, id
		 limit $2 offset $3`,
		[o.search ?? null, o.limit ?? null, o.offset ?? 0]
	);
	return rows.map(normalizeBucket);
}

export interface BucketFields {
	public?: boolean;
	file_size_limit?: number | null;
	allowed_mime_types?: string[] | null;
}

export async function insertBucket(
	sql: Sql,
	b: { id: string; name: string; owner: string | null; owner_id: string | null } & BucketFields
): Promise<void> {
	await sql.query(
		`insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
		 values ($1, $2, $3, $4, $5, $6, $7)`,
		[
			b.id,
			b.name,
			b.owner,
			b.owner_id,
			b.public ?? false,
			b.file_size_limit ?? null,
			b.allowed_mime_types ?? null
		]
	);
}

/** Updates the given fields; resolves to the number of rows the caller could update. */
export async function updateBucket(sql: Sql, id: string, f: BucketFields): Promise<number> {
	const res = await sql.query(
		`update storage.buckets set
		   public = case when $2 then $3 else public end,
		   file_size_limit = case when $4 then $5::bigint else file_size_limit end,
		   allowed_mime_types = case when $6 then $7::text[] else allowed_mime_types end,
		   updated_at = now()
		 where id = $1`,
		[
			id,
			f.public !== undefined,
			f.public ?? null,
			f.file_size_limit !== undefined,
			f.file_size_limit ?? null,
			f.allowed_mime_types !== undefined,
			f.allowed_mime_types ?? null
		]
	);
	return res.rowCount;
}

export async function deleteBucket(sql: Sql, id: string): Promise<number> {
	return (await sql.query('delete from storage.buckets where id = $1', [id])).rowCount;
}

export async function countObjects(sql: Sql, bucket: string): Promise<number> {
	const { rows } = await sql.query<{ n: number | string }>(
		'select count(*) as n from storage.objects where bucket_id = $1',
		[bucket]
	);
	return Number(rows[0]?.n ?? 0);
}

export async function findObject(
	sql: Sql,
	bucket: string,
	name: string
): Promise<ObjectRow | undefined> {
	const { rows } = await sql.query<ObjectRow>(
		`select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`,
		[bucket, name]
	);
	return rows[0];
}

export async function findObjectNames(
	sql: Sql,
	bucket: string,
	names: string[]
): Promise<Set<string>> {
	const { rows } = await sql.query<{ name: string }>(
		'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
		[bucket, names]
	);
	return new Set(rows.map((r) => r.name));
}

export interface NewObject {
	bucket: string;
	name: string;
	owner: string | null;
	ownerId: string | null;
	version: string;
	metadata: ObjectMetadata;
	userMetadata: Record<string, unknown> | null;
}

/** Inserts a new object row; a duplicate name fails with 23505. */
export async function insertObject(sql: Sql, o: NewObject): Promise<{ id: string }> {
	const { rows } = await sql.query<{ id: string }>(
		`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
		 values ($1, $2, $3, $4, $5, $6, $7) returning id`,
		[
			o.bucket,
			o.name,
			o.owner,
			o.ownerId,
			o.version,
			JSON.stringify(o.metadata),
			o.userMetadata && JSON.stringify(o.userMetadata)
		]
	);
	return rows[0];
}

/**
 * Inserts or replaces an object row, returning its id and the version it replaced (if any).
 * The previous version is read under a row lock first (run this inside a transaction), so
 * concurrent upserts each learn the version they themselves replaced.
 */
export async function upsertObject(
	sql: Sql,
	o: NewObject
): Promise<{ id: string; previous: string | null }> {
	const prev = await sql.query<{ version: string | null }>(
		'select version from storage.objects where bucket_id = $1 and name = $2 for update',
		[o.bucket, o.name]
	);
	const { rows } = await sql.query<{ id: string }>(
		`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
		 values ($1, $2, $3, $4, $5, $6, $7)
		 on conflict (bucket_id, name) do update set
		   owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version,
		   metadata = excluded.metadata, user_metadata = excluded.user_metadata,
		   last_accessed_at = now()
		 returning id`,
		[
			o.bucket,
			o.name,
			o.owner,
			o.ownerId,
			o.version,
			JSON.stringify(o.metadata),
			o.userMetadata && JSON.stringify(o.userMetadata)
		]
	);
	return { id: rows[0].id, previous: prev.rows[0]?.version ?? null };
}

/** Deletes rows by name; returns what was deleted (RLS may hide some). */
export async function deleteObjects(
	sql: Sql,
	bucket: string,
	names: string[]
): Promise<ObjectRow[]> {
	const { rows } = await sql.query<ObjectRow>(
		`delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`,
		[bucket, names]
	);
	return rows;
}

export async function deleteAllObjects(sql: Sql, bucket: string): Promise<ObjectRow[]> {
	const { rows } = await sql.query<ObjectRow>(
		`delete from storage.objects where bucket_id = $1 returning ${OBJECT_COLUMNS}`,
		[bucket]
	);
	return rows;
}

/** Renames an object (possibly into another bucket); 0 rows when the caller can't see it. */
export async function moveObject(
	sql: Sql,
	from: { bucket: string; name: string },
	to: { bucket: string; name: string },
	owner: { owner: string | null; ownerId: string | null }
): Promise<{ id: string } | undefined> {
	const { rows } = await sql.query<{ id: string }>(
		`update storage.objects set bucket_id = $3, name = $4, owner = $5, owner_id = $6
		 where bucket_id = $1 and name = $2 returning id`,
		[from.bucket, from.name, to.bucket, to.name, owner.owner, owner.ownerId]
	);
	return rows[0];
}

export async function liveVersions(sql: Sql): Promise<Set<string>> {
	const { rows } = await sql.query<{ version: string }>(
		'select version from storage.objects where version is not null'
	);
	return new Set(rows.map((r) => r.version));
}
