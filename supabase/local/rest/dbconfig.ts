/**
 * PostgREST's in-database configuration: `pgrst.*` settings of the authenticator role
 * (`alter role authenticator set pgrst.db_aggregates_enabled = 'true'`), read at start and
 * again on `NOTIFY pgrst, 'reload config'` (cf. PostgREST Config/Database.hs). A setting
 * for the current database wins over one for all databases.
 */
import type { Database } from '../db.ts';

export interface DbConfig {
	/** `db-aggregates-enabled`, off by default as in PostgREST and on Supabase. */
	aggregates: boolean;
}

const SETTINGS_SQL = `
select substr(s.setting, 1, strpos(s.setting, '=') - 1) as k,
       substr(s.setting, strpos(s.setting, '=') + 1) as v
from pg_catalog.pg_db_role_setting d
cross join lateral unnest(d.setconfig) as s(setting)
where d.setrole = (select oid from pg_catalog.pg_roles where rolname = 'authenticator')
  and d.setdatabase in (0, (select oid from pg_catalog.pg_database where datname = current_database()))
order by d.setdatabase`;

/** PostgREST's boolean coercion: true/on/yes-like words by their letters, else a positive number. */
export function coerceBool(value: string): boolean | undefined {
	const word = value.replace(/[^A-Za-z]/g, '').toLowerCase();
	if (word === 'true') return true;
	if (word === 'false') return false;
	return /^[+-]?\d+$/.test(value.trim()) ? Number(value) > 0 : undefined;
}

export async function loadDbConfig(db: Database): Promise<DbConfig> {
	const settings = new Map<string, string>();
	// Ordered by database oid, so the current database's value overwrites the global one.
	for (const row of (await db.query<{ k: string; v: string }>(SETTINGS_SQL)).rows)
		settings.set(row.k, row.v);
	const raw = settings.get('pgrst.db_aggregates_enabled');
	return { aggregates: (raw !== undefined && coerceBool(raw)) || false };
}

/** The current configuration; `reload()` re-reads it (a failed read keeps the last one). */
export class DbConfigCache {
	readonly #db: Database;
	#current: Promise<DbConfig>;
	constructor(db: Database) {
		this.#db = db;
		this.#current = loadDbConfig(db).catch(() => ({ aggregates: false }));
	}
	get(): Promise<DbConfig> {
		return this.#current;
	}
	reload(): void {
		const previous = this.#current;
		this.#current = loadDbConfig(this.#db).catch(() => previous);
	}
}
