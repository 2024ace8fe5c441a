/**
 * PostgREST's in-database configuration: `pgrst.*` settings of the `authenticator` role, read
 * at start and again on `NOTIFY pgrst, 'reload config'` (cf. PostgREST Config/Database.hs).
 * Supabase turns features on this way, e.g.
 * `alter role authenticator set pgrst.db_plan_enabled to 'true'; notify pgrst, 'reload config';`
 */
import type { Sql } from '../db.ts';

export interface DbConfig {
	/** db-plan-enabled: answer `Accept: application/vnd.pgrst.plan` (false by default). */
	planEnabled: boolean;
	/** db-aggregates-enabled: aggregate functions in `select` (false by default). */
	aggregatesEnabled: boolean;
}

export const DEFAULT_DB_CONFIG: DbConfig = { planEnabled: false, aggregatesEnabled: false };

/**
 * A boolean setting as PostgREST coerces it: the letters of the value read as True/False in
 * any case, else a number read as true when positive; undefined when it is neither.
 */
export function coerceBool(value: string): boolean | undefined {
	const letters = value.replace(/[^\p{L}]/gu, '').toLowerCase();
	if (letters === 'true') return true;
	if (letters === 'false') return false;
	return /^\s*-?\d+\s*$/.test(value) ? Number(value) > 0 : undefined;
}

/**
 * The role's `pgrst.` settings, a setting for the role in the current database taking
 * precedence over one for the role in every database (a database-wide one counts for nothing).
 */
export async function readDbSettings(
	db: Sql,
	role = 'authenticator'
): Promise<Map<string, string>> {
	const { rows } = await db.query<{ key: string; value: string }>(
		`with role_setting as (
			select setdatabase as database, unnest(setconfig) as setting
			from pg_catalog.pg_db_role_setting
			where setrole = to_regrole($1)
				and setdatabase in (0, (select oid from pg_catalog.pg_database where datname = current_catalog))
		), kv as (
			select database, substr(setting, 1, strpos(setting, '=') - 1) as k,
				substr(setting, strpos(setting, '=') + 1) as v
			from role_setting
		)
		select distinct on (k) substr(k, 7) as key, v as value
		from kv where k like 'pgrst.%' and v is not null
		order by k, database desc nulls last`,
		[role]
	);
	return new Map(rows.map((r) => [r.key, r.value]));
}

export async function readDbConfig(db: Sql): Promise<DbConfig> {
	const settings = await readDbSettings(db);
	const flag = (name: string, fallback: boolean) => {
		const raw = settings.get(name);
		return (raw !== undefined ? coerceBool(raw) : undefined) ?? fallback;
	};
	return {
		planEnabled: flag('db_plan_enabled', DEFAULT_DB_CONFIG.planEnabled),
		aggregatesEnabled: flag('db_aggregates_enabled', DEFAULT_DB_CONFIG.aggregatesEnabled)
	};
}
