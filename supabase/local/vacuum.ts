/**
 * Autovacuum for PGlite. PGlite runs Postgres in single-user mode, where no autovacuum worker
 * exists: without this, every update (a conversation's preview on each message, a visitor's
 * row on each heartbeat) leaves its old row and its old index entries behind for good, and the
 * planner never gets statistics for tables that grow. Once a minute this finds the tables due
 * by autovacuum's default thresholds (see `dueTables` for where it differs) and vacuums or
 * analyzes them one statement at a time, so a request waits at most for one table. A real
 * PostgreSQL runs its own autovacuum; the stack starts this for PGlite only.
 */
import type { Database } from './db.ts';

/** How often the stack looks for tables that are due. */
export const VACUUM_INTERVAL_MS = 60_000;

/** One table's due work. */
export interface DueTable {
	/** The table's name, schema-qualified and quoted where SQL needs it (`public.visitors`). */
	name: string;
	vacuum: boolean;
	analyze: boolean;
}

/** A table is analyzed at most this often (an analyze reads a sample of 30,000 rows). */
export const ANALYZE_EVERY_MINUTES = 10;

/**
 * The tables due now, by autovacuum's default thresholds: vacuum when the dead rows pass 50 +
 * 20 % of the live ones; analyze when the rows changed since the last analyze pass 50 + 10 %,
 * and not more often than every ANALYZE_EVERY_MINUTES. Autovacuum also vacuums tables that
 * only grow, to keep their visibility maps current; here that would stop every request for
 * the time it takes to read the new pages of `realtime.messages` and `public.messages` each
 * minute under load, for index-only scans nothing here relies on, so it is left out.
 */
export async function dueTables(db: Database): Promise<DueTable[]> {
	const { rows } = await db.query<DueTable>(
		`with t as (
		   select format('%I.%I', schemaname, relname) as name,
		          n_dead_tup > 50 + 0.2 * n_live_tup as vacuum,
		          n_mod_since_analyze > 50 + 0.1 * n_live_tup
		            and coalesce(greatest(last_analyze, last_autoanalyze), '-infinity')
		                < now() - make_interval(mins => $1) as analyze,
		          n_dead_tup
		     from pg_catalog.pg_stat_all_tables
		    where schemaname not in ('pg_catalog', 'information_schema', 'pg_toast'))
		 select name, "vacuum", "analyze" from t where "vacuum" or "analyze" order by n_dead_tup desc`,
		[ANALYZE_EVERY_MINUTES]
	);
	return rows;
}

/** Vacuums and analyzes what is due; resolves to the tables it took. */
export async function vacuumDue(db: Database): Promise<string[]> {
	const done: string[] = [];
	for (const t of await dueTables(db)) {
		// VACUUM cannot run inside a transaction: each is a statement of its own.
		await db.exec(
			t.vacuum ? `vacuum${t.analyze ? ' (analyze)' : ''} ${t.name}` : `analyze ${t.name}`
		);
		done.push(t.name);
	}
	return done;
}

/**
 * Runs `vacuumDue` every interval until stopped; a pass still running when the next is due is
 * not doubled. The returned function stops it and waits for a pass in progress.
 */
export function startVacuum(
	db: Database,
	{ intervalMs = VACUUM_INTERVAL_MS } = {}
): () => Promise<void> {
	let running: Promise<unknown> | null = null;
	const timer = setInterval(() => {
		if (running) return;
		running = vacuumDue(db)
			.catch((err: unknown) => {
				console.error('database: vacuuming failed:', (err as Error).message);
			})
			.finally(() => (running = null));
	}, intervalMs);
	timer.unref();
	return async () => {
		clearInterval(timer);
		await running;
	};
}
