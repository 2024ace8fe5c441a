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

export interface ListV2Options {
	prefix: string;
	limit: number;
	cursor: string | undefined;
	withDelimiter: boolean;
	sortColumn: 'name' | 'updated_at' | 'created_at';
	sortOrder: 'asc' | 'desc';
}

export interface ListV2Result {
	hasNext: boolean;
	nextCursor?: string;
	folders: { key: string; name: string }[];
	objects: {
		id: string;
		key: string;
		name: string;
		updated_at: Date | string;
		created_at: Date | string;
		last_accessed_at: Date | string;
		metadata: ObjectMetadata | null;
	}[];
}

interface V2Row {
	name: string;
	is_folder: boolean;
	id: string | null;
	updated_at: Date | string;
	created_at: Date | string;
	last_accessed_at: Date | string;
	metadata: ObjectMetadata | null;
}

/** Lists keys under a raw prefix in name order, paging with an opaque cursor (the last name). */
export async function listObjectsV2(
	sql: Sql,
	bucket: string,
	o: ListV2Options
): Promise<ListV2Result> {
	const after = o.cursor ? Buffer.from(o.cursor, 'base64url').toString('utf8') : '';
	const dir = o.sortOrder === 'desc' ? 'desc' : 'asc';
	const cmp = dir === 'desc' ? '<' : '>';
	const limit = Math.min(Math.max(o.limit, 1), MAX_LIST_LIMIT);
	const { rows } = await sql.query<V2Row>(
		`with matched as (
		   select id, name, updated_at, created_at, last_accessed_at, metadata,
		          case when $4 then strpos(substr(name, char_length($2) + 1), '/') else 0 end as slash
		   from storage.objects
		   where bucket_id = $1 and starts_with(name, $2)
		 ), entries as (
		   select left(name, char_length($2) + slash) as name, true as is_folder, null::uuid as id,
		          null::timestamptz as updated_at, null::timestamptz as created_at,
		          null::timestamptz as last_accessed_at, null::jsonb as metadata
		   from matched where slash > 0 group by 1
		   union all
		   select name, false, id, updated_at, created_at, last_accessed_at, metadata from matched where slash = 0
		 )
		 select * from entries
		 where $3 = '' or name collate "C" ${cmp} $3
		 order by name collate "C" ${dir}
		 limit $5`,
		[bucket, o.prefix, after, o.withDelimiter, limit + 1]
	);
	const page = rows.slice(0, limit);
	const hasNext = rows.length > limit;
	const lastSegment = (name: string) => name.replace(/\/$/, '').split('/').pop() ?? name;
	return {
		hasNext,
		...(hasNext
			? { nextCursor: Buffer.from(page[page.length - 1].name).toString('base64url') }
			: {}),
		folders: page
			.filter((r) => r.is_folder)
			.map((r) => ({ key: lastSegment(r.name), name: r.name })),
		objects: page
			.filter((r) => !r.is_folder)
			.map((r) => ({
				id: r.id as string,
				key: lastSegment(r.name),
				name: r.name,
				updated_at: r.updated_at,
				created_at: r.created_at,
				last_accessed_at: r.last_accessed_at,
				metadata: r.metadata
			}))
	};
}
