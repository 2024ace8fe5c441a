/**
 * The schema cache: tables, columns, keys, foreign keys and functions of one exposed schema,
 * read from pg_catalog. Cached per schema; dropped on `NOTIFY pgrst, 'reload schema'` and
 * reloaded once whenever a lookup misses, so tables created after start are found.
 */
import type { Database } from '../db.ts';

export interface Column {
	name: string;
	/** `format_type` output, safe to paste into SQL as a type. */
	type: string;
	notNull: boolean;
	hasDefault: boolean;
}

export interface ForeignKey {
	name: string;
	table: string;
	columns: string[];
	refTable: string;
	refColumns: string[];
}

export interface Table {
	schema: string;
	name: string;
	kind: 'table' | 'view';
	columns: Map<string, Column>;
	pk: string[];
	uniques: string[][];
	/** Foreign keys declared on this table. */
	fksOut: ForeignKey[];
	/** Foreign keys of other tables (in the schema) that reference this one. */
	fksIn: ForeignKey[];
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
where n.nspname = $1 and con.contype in ('p', 'u', 'f') and (con.contype <> 'f' or fn.nspname = $1)
order by con.conname`;

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
	type: 'p' | 'u' | 'f';
	table: string;
	ref_table: string | null;
	columns: string | null;
	ref_columns: string | null;
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

/** Reads one schema's cache from the catalogue (as the superuser, outside any request). */
export async function loadSchema(db: Database, schema: string): Promise<SchemaCache> {
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
			fksOut: [],
			fksIn: []
		});
	}
	for (const row of (await db.query<ConstraintRow>(CONSTRAINTS_SQL, [schema])).rows) {
		const table = tables.get(row.table);
		const columns = JSON.parse(row.columns ?? '[]') as string[];
		if (!table) continue;
		if (row.type === 'p') {
			table.pk = columns;
			table.uniques.push(columns);
		} else if (row.type === 'u') table.uniques.push(columns);
		else if (row.ref_table) {
			const fk: ForeignKey = {
				name: row.name,
				table: row.table,
				columns,
				refTable: row.ref_table,
				refColumns: JSON.parse(row.ref_columns ?? '[]') as string[]
			};
			table.fksOut.push(fk);
			tables.get(row.ref_table)?.fksIn.push(fk);
		}
	}
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
	return { schema, tables, functions };
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
	readonly #cache = new Map<string, Promise<SchemaCache>>();
	readonly #fingerprints = new Map<string, string>();
	constructor(db: Database) {
		this.#db = db;
	}
	get(schema: string, reload = false): Promise<SchemaCache> {
		let entry = this.#cache.get(schema);
		if (!entry || reload) {
			const loading = Promise.all([loadSchema(this.#db, schema), this.#fingerprint(schema)]).then(
				([cache, f]) => {
					this.#fingerprints.set(schema, f);
					return cache;
				}
			);
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
