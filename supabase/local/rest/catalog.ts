/**
 * The schema cache: tables, columns, keys, relationships and functions of one exposed schema,
 * read from pg_catalog. Cached per schema; dropped on `NOTIFY pgrst, 'reload schema'` and
 * reloaded once whenever a lookup misses, so tables created after start are found.
 */
import type { Database } from '../db.ts';
import {
	buildRelationships,
	viewPrimaryKey,
	type ComputedRow,
	type FkRow,
	type QI,
	type Relationship,
	type ViewKeyDep
} from './relationships.ts';
import { arrayLiteral } from './sql/fragments.ts';
import { VIEW_KEY_DEPS_SQL } from './view-keys.ts';

export interface Column {
	name: string;
	/** `format_type` output, safe to paste into SQL as a type. */
	type: string;
	notNull: boolean;
	hasDefault: boolean;
}

export interface Table {
	schema: string;
	name: string;
	kind: 'table' | 'view';
	columns: Map<string, Column>;
	pk: string[];
	uniques: string[][];
	/** Functions taking this table's row as their only argument: computed fields, usable as columns. */
	computed: Set<string>;
}

export interface FunctionArg {
	name: string;
	type: string;
	mode: 'i' | 'o' | 'b' | 'v' | 't';
}

export interface DbFunction {
	schema: string;
	name: string;
	args: FunctionArg[];
	/** How many of the trailing input arguments have defaults. */
	defaults: number;
	setOf: boolean;
	returns: 'void' | 'scalar' | 'row';
	returnType: string;
	/** pg_proc.provolatile: immutable, stable or volatile. */
	volatility: 'i' | 's' | 'v';
}

export interface SchemaCache {
	schema: string;
	tables: Map<string, Table>;
	/** The relationships starting at each table or view, in PostgREST's order. */
	relationships: Map<string, Relationship[]>;
	functions: Map<string, DbFunction[]>;
}

const TABLES_SQL = `
select c.relname as name, case when c.relkind in ('r', 'p', 'f') then 'table' else 'view' end as kind,
  (select coalesce(json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'notNull', a.attnotnull, 'hasDefault', a.atthasdef or a.attidentity <> '' or a.attgenerated <> '')
      order by a.attnum), '[]')::text
   from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = $1 and c.relkind in ('r', 'v', 'm', 'f', 'p')`;

const CONSTRAINTS_SQL = `
select con.conname as name, con.contype as type, c.relname as table, fc.relname as ref_table,
  (select json_agg(a.attname order by k.ord)::text from unnest(con.conkey) with ordinality k(num, ord)
     join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num) as columns,
  (select json_agg(a.attname order by k.ord)::text from unnest(con.confkey) with ordinality k(num, ord)
     join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num) as ref_columns
from pg_constraint con
join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
left join pg_class fc on fc.oid = con.confrelid left join pg_namespace fn on fn.oid = fc.relnamespace
where n.nspname = $1 and con.contype in ('p', 'u')
order by con.conname`;

/**
 * Foreign keys (SchemaCache.hs allM2OandO2ORels): of every schema when $1 is null (views may
 * be built on tables elsewhere), else only those within schema $1.
 */
const FOREIGN_KEYS_SQL = `
with pks_uniques_cols as (
  select conrelid, array_agg(key order by key) as cols
  from pg_constraint, lateral unnest(conkey) as _(key)
  where contype in ('p', 'u') and connamespace <> 'pg_catalog'::regnamespace
    and ($1::text is null or connamespace = (select oid from pg_namespace where nspname = $1))
  group by oid, conrelid
)
select ns1.nspname as table_schema, tab.relname as table_name,
  ns2.nspname as foreign_table_schema, other.relname as foreign_table_name,
  traint.conrelid = traint.confrelid as is_self, traint.conname as constraint_name,
  column_info.cols_and_fcols::text as cols_and_fcols,
  (column_info.cols in (select cols from pks_uniques_cols where conrelid = traint.conrelid)) as one_to_one
from pg_constraint traint
join lateral (
  select json_agg(json_build_array(cols.attname, refs.attname) order by ord) as cols_and_fcols,
    array_agg(cols.attnum order by cols.attnum) as cols
  from unnest(traint.conkey, traint.confkey) with ordinality as _(col, ref, ord)
  join pg_attribute cols on cols.attrelid = traint.conrelid and cols.attnum = col
  join pg_attribute refs on refs.attrelid = traint.confrelid and refs.attnum = ref
) as column_info on true
join pg_namespace ns1 on ns1.oid = traint.connamespace
join pg_class tab on tab.oid = traint.conrelid
join pg_class other on other.oid = traint.confrelid
join pg_namespace ns2 on ns2.oid = other.relnamespace
where traint.contype = 'f' and traint.conparentid = 0
  and ($1::text is null or (ns1.nspname = $1 and ns2.nspname = $1))
order by traint.conrelid, traint.conname`;

/**
 * Functions of one argument, the row of a table or view of the schema (SchemaCache.hs
 * allComputedRels): returning another relation's rows they are computed relationships
 * (to-one unless `setof` with more than one row), any other result makes a computed field.
 */
const ROW_FUNCTIONS_SQL = `
select (parse_ident(p.pronamespace::regnamespace::text))[1] as schema, p.proname as name,
  arg_rel.relname as table_name, ret_ns.nspname as ftable_schema, ret_rel.relname as ftable_name,
  not p.proretset or p.prorows = 1 as single_row
from pg_proc p
join pg_class arg_rel on arg_rel.reltype = p.proargtypes[0] and arg_rel.relkind in ('v', 'r', 'm', 'f', 'p')
join pg_namespace arg_ns on arg_ns.oid = arg_rel.relnamespace
left join pg_class ret_rel on ret_rel.reltype = p.prorettype and ret_rel.relkind in ('v', 'r', 'm', 'f', 'p')
left join pg_namespace ret_ns on ret_ns.oid = ret_rel.relnamespace
where p.pronargs = 1 and p.prokind = 'f' and arg_ns.nspname = $1`;

const FUNCTIONS_SQL = `
select p.proname as name, p.proretset as set_of, p.pronargdefaults as defaults, p.provolatile::text as volatility,
  format_type(p.prorettype, null) as return_type,
  case when p.prorettype = 'void'::regtype then 'void'
       when rt.typrelid <> 0 or p.prorettype = 'record'::regtype then 'row' else 'scalar' end as returns,
  (select coalesce(json_agg(json_build_object(
      'name', coalesce(p.proargnames[i], ''),
      'type', format_type(coalesce(p.proallargtypes[i], p.proargtypes[i - 1]), null),
      'mode', coalesce(p.proargmodes[i], 'i')) order by i), '[]')::text
   from generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) i) as args
from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type rt on rt.oid = p.prorettype
where n.nspname = $1 and p.prokind = 'f'`;

interface TableRow {
	name: string;
	kind: 'table' | 'view';
	columns: string;
}
interface ConstraintRow {
	name: string;
	type: 'p' | 'u';
	table: string;
	columns: string | null;
}
interface ForeignKeyRow {
	table_schema: string;
	table_name: string;
	foreign_table_schema: string;
	foreign_table_name: string;
	is_self: boolean;
	constraint_name: string;
	cols_and_fcols: string;
	one_to_one: boolean;
}
interface ViewKeyDepRow {
	table_schema: string;
	table_name: string;
	view_schema: string;
	view_name: string;
	constraint_name: string;
	constraint_type: ViewKeyDep['type'];
	column_dependencies: string;
}
interface RowFunctionRow {
	schema: string;
	name: string;
	table_name: string;
	ftable_schema: string | null;
	ftable_name: string | null;
	single_row: boolean;
}
interface FunctionRow {
	name: string;
	set_of: boolean;
	defaults: number;
	return_type: string;
	returns: DbFunction['returns'];
	volatility: DbFunction['volatility'];
	args: string;
}

/**
 * Reads one schema's cache from the catalogue (as the superuser, outside any request);
 * `extraSearchPath` holds the schemas whose views are followed to the tables they show.
 */
export async function loadSchema(
	db: Database,
	schema: string,
	extraSearchPath: readonly string[] = []
): Promise<SchemaCache> {
	const tables = new Map<string, Table>();
	for (const row of (await db.query<TableRow>(TABLES_SQL, [schema])).rows) {
		const columns = new Map<string, Column>();
		for (const c of JSON.parse(row.columns) as Column[]) columns.set(c.name, c);
		tables.set(row.name, {
			schema,
			name: row.name,
			kind: row.kind,
			columns,
			pk: [],
			uniques: [],
			computed: new Set()
		});
	}
	for (const row of (await db.query<ConstraintRow>(CONSTRAINTS_SQL, [schema])).rows) {
		const table = tables.get(row.table);
		const columns = JSON.parse(row.columns ?? '[]') as string[];
		if (!table) continue;
		if (row.type === 'p') table.pk = columns;
		table.uniques.push(columns);
	}
	// Without views in the schema no key reaches it through one: both queries can be narrower.
	const hasViews = [...tables.values()].some((t) => t.kind === 'view');
	const depRows = hasViews
		? (
				await db.query<ViewKeyDepRow>(VIEW_KEY_DEPS_SQL, [
					schema,
					arrayLiteral([...extraSearchPath])
				])
			).rows
		: [];
	const deps: ViewKeyDep[] = depRows.map((r) => ({
		table: { schema: r.table_schema, name: r.table_name },
		view: { schema: r.view_schema, name: r.view_name },
		cons: r.constraint_name,
		type: r.constraint_type,
		columns: JSON.parse(r.column_dependencies) as [string, string[]][]
	}));
	for (const table of tables.values())
		if (table.kind === 'view') {
			table.pk = viewPrimaryKey(deps, table);
			if (table.pk.length) table.uniques.push(table.pk);
		}
	const fkRows = (await db.query<ForeignKeyRow>(FOREIGN_KEYS_SQL, [hasViews ? null : schema])).rows;
	const fks: FkRow[] = fkRows.map((r) => ({
		table: { schema: r.table_schema, name: r.table_name },
		foreignTable: { schema: r.foreign_table_schema, name: r.foreign_table_name },
		isSelf: r.is_self,
		cons: r.constraint_name,
		columns: JSON.parse(r.cols_and_fcols) as [string, string][],
		oneToOne: r.one_to_one
	}));
	const computed: ComputedRow[] = [];
	for (const r of (await db.query<RowFunctionRow>(ROW_FUNCTIONS_SQL, [schema])).rows) {
		tables.get(r.table_name)?.computed.add(r.name);
		if (r.ftable_schema !== null && r.ftable_name !== null)
			computed.push({
				fn: { schema: r.schema, name: r.name },
				table: { schema, name: r.table_name },
				foreignTable: { schema: r.ftable_schema, name: r.ftable_name },
				toOne: r.single_row
			});
	}
	// A junction, a view's inherited key included, counts only in this schema (removeInternal).
	const pkOf = (t: QI) => (t.schema === schema ? (tables.get(t.name)?.pk ?? []) : []);
	const relationships = buildRelationships(schema, fks, deps, computed, pkOf);
	const functions = new Map<string, DbFunction[]>();
	for (const row of (await db.query<FunctionRow>(FUNCTIONS_SQL, [schema])).rows) {
		const fn: DbFunction = {
			schema,
			name: row.name,
			args: JSON.parse(row.args) as FunctionArg[],
			defaults: Number(row.defaults),
			setOf: row.set_of,
			returns: row.returns,
			returnType: row.return_type,
			volatility: row.volatility
		};
		const list = functions.get(row.name) ?? [];
		list.push(fn);
		functions.set(row.name, list);
	}
	return { schema, tables, relationships, functions };
}

/** A cheap summary of a schema's catalogue that changes when tables, columns, keys or functions do. */
const FINGERPRINT_SQL = `
select concat_ws(':',
  (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1),
  (select coalesce(sum(c.oid::int8), 0) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1),
  (select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and a.attnum > 0 and not a.attisdropped),
  (select count(*) from pg_constraint con join pg_namespace n on n.oid = con.connamespace where n.nspname = $1),
  (select coalesce(sum(p.oid::int8), 0) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1)
) as f`;

/** Caches schema loads; `get(schema, true)` forces a reload. */
export class Catalog {
	readonly #db: Database;
	readonly #extraSearchPath: readonly string[];
	readonly #cache = new Map<string, Promise<SchemaCache>>();
	readonly #fingerprints = new Map<string, string>();
	constructor(db: Database, extraSearchPath: readonly string[] = []) {
		this.#db = db;
		this.#extraSearchPath = extraSearchPath;
	}
	get(schema: string, reload = false): Promise<SchemaCache> {
		let entry = this.#cache.get(schema);
		if (!entry || reload) {
			const loading = Promise.all([
				loadSchema(this.#db, schema, this.#extraSearchPath),
				this.#fingerprint(schema)
			]).then(([cache, f]) => {
				this.#fingerprints.set(schema, f);
				return cache;
			});
			entry = loading;
			this.#cache.set(schema, entry);
			entry.catch(() => {
				if (this.#cache.get(schema) === loading) this.#cache.delete(schema);
			});
		}
		return entry;
	}
	/** Whether the schema changed since it was cached: decides if a failed lookup is worth a reload. */
	async changed(schema: string): Promise<boolean> {
		const known = this.#fingerprints.get(schema);
		return known === undefined || known !== (await this.#fingerprint(schema));
	}
	clear(): void {
		this.#cache.clear();
		this.#fingerprints.clear();
	}
	async #fingerprint(schema: string): Promise<string> {
		return (await this.#db.query<{ f: string }>(FINGERPRINT_SQL, [schema])).rows[0].f;
	}
}

/** True when the columns are covered by the table's primary key or a unique constraint. */
export function isUnique(table: Table, columns: string[]): boolean {
	return table.uniques.some((u) => u.length > 0 && u.every((c) => columns.includes(c)));
}
