/**
 * Folder-style listing, with the semantics of Storage's `storage.search` (v1) and
 * `list_objects` (v2): entries one level below a prefix, folders as entries without an id.
 * Runs in the caller's role, so RLS hides what the caller may not see (folders included).
 */
import type { Sql } from '../db.ts';
import type { ObjectMetadata } from './sql.ts';

/** Most entries one list call returns (Storage caps its search the same way). */
export const MAX_LIST_LIMIT = 1500;

export type SortColumn = 'name' | 'updated_at' | 'created_at' | 'last_accessed_at';

export interface SearchOptions {
	/** A folder path; a trailing `/` is added when missing, as Storage does. */
	prefix: string;
	search: string;
	limit: number;
	offset: number;
	sortColumn: SortColumn;
	sortOrder: 'asc' | 'desc';
}

export interface SearchEntry {
	name: string;
	id: string | null;
	updated_at: Date | string | null;
	created_at: Date | string | null;
	last_accessed_at: Date | string | null;
	metadata: ObjectMetadata | null;
}

/** Lists files and folders directly under `prefix` whose name starts with `search`. */
export async function searchObjects(
	sql: Sql,
	bucket: string,
	o: SearchOptions
): Promise<SearchEntry[]> {
	const prefix = o.prefix.length > 0 && !o.prefix.endsWith('/') ? `${o.prefix}/` : o.prefix;
	const byName = o.sortColumn === 'name';
	const dir = o.sortOrder === 'desc' ? 'desc' : 'asc';
	// Column and direction come from closed sets; everything else is a parameter.
	const order = byName
		? `lower(sort_key) collate "C" ${dir}`
		: `is_folder desc, case when is_folder then lower(name) end ${dir}, ${o.sortColumn} ${dir}, name`;
	const { rows } = await sql.query<SearchEntry>(
		`with matched as (
		   select id, updated_at, created_at, last_accessed_at, metadata,
		          substr(name, char_length($2) + 1) as rest
		   from storage.objects
		   where bucket_id = $1 and starts_with(lower(name), lower($2 || $3))
		 ), classified as (
		   select *, strpos(substr(rest, char_length($3) + 1), '/') as slash from matched where rest <> ''
		 ), entries as (
		   select left(rest, char_length($3) + slash - 1) as name, null::uuid as id,
		          null::timestamptz as updated_at, null::timestamptz as created_at,
		          null::timestamptz as last_accessed_at, null::jsonb as metadata, true as is_folder
		   from classified where slash > 0
		   group by 1
		   union all
		   select rest, id, updated_at, created_at, last_accessed_at, metadata, false
		   from classified where slash = 0
		 )
		 select name, id, updated_at, created_at, last_accessed_at, metadata
		 from (select *, case when is_folder then name || '/' else name end as sort_key from entries) e
		 order by ${order}
		 limit $4 offset $5`,
		[bucket, prefix, o.search, Math.min(o.limit, MAX_LIST_LIMIT), o.offset]
	);
	return rows;
}

/** Most entries one list-v2 page holds (Storage's cap on `limit`). */
export const MAX_LIST_V2_LIMIT = 1000;

/** Where a list-v2 page starts, as Storage's continuation token carries it. */
export interface ContinuationToken {
	/** The last entry's name (a folder's with its trailing `/`). */
	startAfter: string;
	sortOrder?: string;
	sortColumn?: string;
	/** The last entry's sort column value (ISO), when sorting by a timestamp. */
	sortColumnAfter?: string;
}

const TOKEN_PARTS: [string, keyof ContinuationToken][] = [
	['l', 'startAfter'],
	['o', 'sortOrder'],
	['c', 'sortColumn'],
	['a', 'sortColumnAfter']
];

/** Storage's token format: `k:value` lines, base64. */
export function encodeContinuationToken(token: ContinuationToken): string {
	const lines = TOKEN_PARTS.filter(([, f]) => token[f]).map(([k, f]) => `${k}:${token[f]}`);
	return Buffer.from(lines.join('\n')).toString('base64');
}

/** Reads a token; null when it is not one (Storage answers "Invalid Parameter continuation token"). */
export function decodeContinuationToken(raw: string): ContinuationToken | null {
	const result: ContinuationToken = { startAfter: '', sortOrder: 'asc' };
	for (const part of Buffer.from(raw, 'base64').toString().split('\n')) {
		const m = /^(\S):(.*)/.exec(part);
		const field = m && TOKEN_PARTS.find(([k]) => k === m[1])?.[1];
		if (!m || !field) return null;
		result[field] = m[2];
	}
	return result;
}

export interface ListV2Options {
	prefix: string;
	/** Entries per page, 1..1000 (default 1000). */
	limit: number | undefined;
	cursor: ContinuationToken | undefined;
	withDelimiter: boolean;
	sortColumn: 'name' | 'updated_at' | 'created_at' | undefined;
	sortOrder: 'asc' | 'desc' | undefined;
}

type Timestamp = Date | string | null;

export interface ListV2Entry {
	key?: string;
	name: string;
	id: string | null;
	updated_at: Timestamp;
	created_at: Timestamp;
	last_accessed_at: Timestamp;
	metadata: ObjectMetadata | null;
}

export interface ListV2Result {
	hasNext: boolean;
	nextCursor?: string;
	nextCursorKey?: string;
	folders: ListV2Entry[];
	objects: ListV2Entry[];
}

interface V2Row {
	name: string;
	is_folder: boolean;
	id: string | null;
	updated_at: Date | string | null;
	created_at: Date | string | null;
	last_accessed_at: Date | string | null;
	metadata: ObjectMetadata | null;
	/** The timestamp column sorted on, cut to milliseconds, as ISO text (null when sorting by name). */
	sort_value: string | null;
}

const iso = (v: Date | string | null): string | undefined =>
	v === null ? undefined : new Date(v).toISOString();

/**
 * Storage's `listObjectsV2`: keys under a raw (case-sensitive) prefix, flat or one level deep
 * (`withDelimiter`), by name or by a timestamp then name, one page after a keyset cursor, so
 * rows added or removed between pages are neither repeated nor skipped.
 *
 * Deliberate deviation: with a delimiter and name order, a page that ends on a folder resumes
 * after the folder's `name/` rather than Storage's `name/` seek, so a file `name.txt` sorting
 * before the folder is never lost (Storage's plpgsql skips such names after a file cursor).
 */
export async function listObjectsV2(
	sql: Sql,
	bucket: string,
	o: ListV2Options
): Promise<ListV2Result> {
	const limit = Math.min(o.limit || MAX_LIST_V2_LIMIT, MAX_LIST_V2_LIMIT);
	const cursor = o.cursor;
	const order = (cursor?.sortOrder || o.sortOrder) === 'desc' ? 'desc' : 'asc';
	const requested = cursor?.sortColumn || o.sortColumn;
	const timeColumn =
		requested === 'updated_at' || requested === 'created_at' ? requested : undefined;
	const op = order === 'asc' ? '>' : '<';
	const after = cursor?.startAfter ?? '';
	const afterValue = cursor?.sortColumnAfter ?? '';

	// Folders are keyed `name/` in name order (where their objects sort) and `name` in time
	// order (Storage's `search_by_timestamp`), where they carry their oldest object's created_at.
	const folderName = timeColumn ? "rtrim(folder, '/')" : 'folder';
	const entries = `
	  with matched as (
	    select id, name, updated_at, created_at, last_accessed_at, metadata,
	           case when $3 then strpos(substr(name, char_length($2) + 1), '/') else 0 end as slash
	    from storage.objects
	    where bucket_id = $1 and starts_with(name, $2)
	  ), entries as (
	    select ${folderName} as name, true as is_folder, null::uuid as id,
	           min(created_at) as updated_at, min(created_at) as created_at,
	           null::timestamptz as last_accessed_at, null::jsonb as metadata
	    from (select left(name, char_length($2) + slash) as folder, created_at
	          from matched where slash > 0) f
	    group by folder
	    union all
	    select name, false, id, updated_at, created_at, last_accessed_at, metadata
	    from matched where slash = 0
	  )`;
	const params: unknown[] = [bucket, o.prefix, o.withDelimiter, Boolean(timeColumn), limit + 1];
	const param = (v: unknown) => `$${params.push(v)}`;
	const timeExpr = timeColumn && `date_trunc('milliseconds', ${timeColumn})`;
	const where = !after
		? 'true'
		: timeExpr
			? `row(${timeExpr}, name collate "C") ${op} row(coalesce(nullif(${param(afterValue)}, '')::timestamptz, 'epoch'::timestamptz), ${param(after)}::text)`
			: `name collate "C" ${op} ${param(after)}`;
	const orderBy = timeExpr
		? `coalesce(${timeExpr}, 'epoch'::timestamptz) ${order}, name collate "C" ${order}`
		: `name collate "C" ${order}`;
	const sortValue = timeExpr
		? `to_char(${timeExpr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
		: 'null::text';
	const { rows } = await sql.query<V2Row>(
		`${entries}
		 select name, is_folder, id,
		        case when is_folder and not $4 then null else updated_at end as updated_at,
		        case when is_folder and not $4 then null else created_at end as created_at,
		        last_accessed_at, metadata, ${sortValue} as sort_value
		 from entries
		 where ${where}
		 order by ${orderBy}
		 limit $5`,
		params
	);
	const hasNext = rows.length > limit;
	const page = rows.slice(0, limit);
	const levels = o.prefix ? o.prefix.split('/').length : 1;
	const entry = (r: V2Row): ListV2Entry => {
		const name = r.is_folder ? r.name.replace(/\/$/, '') : r.name;
		const fields = {
			id: r.id,
			updated_at: r.updated_at,
			created_at: r.created_at,
			last_accessed_at: r.last_accessed_at,
			metadata: r.metadata
		};
		// Flat listings come from a plain select (no `key`); delimited ones from `search_v2`.
		return o.withDelimiter
			? {
					key: name.split('/')[levels - 1] ?? '',
					name: r.is_folder ? `${name}/` : name,
					...fields
				}
			: { id: r.id, name: r.name, metadata: r.metadata, ...pick(fields) };
	};
	const result: ListV2Result = {
		hasNext,
		folders: page.filter((r) => r.is_folder).map(entry),
		objects: page.filter((r) => !r.is_folder).map(entry)
	};
	if (hasNext) {
		const last = page[page.length - 1];
		result.nextCursor = encodeContinuationToken({
			startAfter: last.name,
			sortOrder: cursor?.sortOrder || o.sortOrder,
			sortColumn: requested,
			sortColumnAfter: timeColumn ? (last.sort_value ?? iso(last[timeColumn])) : undefined
		});
		result.nextCursorKey = last.is_folder ? last.name.replace(/\/$/, '') : last.name;
	}
	return result;
}

function pick(f: { updated_at: Timestamp; created_at: Timestamp; last_accessed_at: Timestamp }) {
	return {
		updated_at: f.updated_at,
		created_at: f.created_at,
		last_accessed_at: f.last_accessed_at
	};
}
