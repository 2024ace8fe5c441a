/**
 * Autovacuum for PGlite. PGlite runs Postgres in single-user mode, where no autovacuum worker
 * exists: without this, every update (a conversation's preview on each message, a visitor's
 * row on each heartbeat) leaves its old row and its old index entries behind for good, and the
 * planner never gets statistics for tables that grow. Once a minute this finds the tables
 * Postgres's autovacuum would take, by its default thresholds, and vacuums or analyzes them
 * one statement at a time, so a request waits at most for one table. A real PostgreSQL runs
 * its own autovacuum; the stack starts this for PGlite only.
 */
import type { Database } from './db.ts';

/** How often the stack looks for tables that are due. */
export const VACUUM_INTERVAL_MS = 60_000;

/** One table's due work. */
export interface DueTable {
	/** The table's name, quoted for SQL (`"public"."visitors"`). */
	name: string;
	vacuum: boolean;
	analyze: boolean;
}

/**
 * The tables autovacuum would take now, by its defaults: vacuum when the dead rows pass
 * 50 + 20 % of the live ones, or the rows inserted since the last vacuum pass 1,000 + 20 %
 * (so the visibility map keeps up); analyze when the rows changed since the last analyze pass
 * 50 + 10 %.
 */
export async function dueTables(db: Database): Promise<DueTable[]> {
	const { rows } = await db.query<DueTable>(
		`select format('%I.%I', schemaname, relname) as name,
		        n_dead_tup > 50 + 0.2 * n_live_tup
		          or n_ins_since_vacuum > 1000 + 0.2 * n_live_tup as vacuum,
		        n_mod_since_analyze > 50 + 0.1 * n_live_tup as analyze
		   from pg_catalog.pg_stat_all_tables
		  where schemaname not in ('pg_catalog', 'information_schema', 'pg_toast')
		    and (n_dead_tup > 50 + 0.2 * n_live_tup
		         or n_ins_since_vacuum > 1000 + 0.2 * n_live_tup
		         or n_mod_since_analyze > 50 + 0.1 * n_live_tup)
		  order by n_dead_tup desc`
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
