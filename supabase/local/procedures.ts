/**
 * Work that runs beside the database. A transaction of several statements from the main thread
 * to PGlite on its own thread holds PGlite's one lock across every crossing between the two
 * threads; a procedure runs the whole transaction on the database's thread and crosses once
 * each way (pglite-thread.ts). On a database without a thread the procedure runs here.
 */
import type { Database } from './db.ts';

/** A database that runs procedures on its own thread. */
export interface ProcedureHost {
	runProcedure(name: ProcedureName, args: readonly unknown[]): Promise<unknown>;
}

/** The procedures a database thread knows, by name (pglite-thread-worker.ts holds the table). */
export const PROCEDURES = [
	'realtime.readPolicies',
	'realtime.canWrite',
	'auth.signupAnonymously'
] as const;
export type ProcedureName = (typeof PROCEDURES)[number];

function hostsProcedures(db: Database): db is Database & ProcedureHost {
	return typeof (db as Partial<ProcedureHost>).runProcedure === 'function';
}

/**
 * Runs `local(db, ...args)` beside `db`: on its thread under `name` when it has one (where the
 * thread runs the same function on its own connection), here otherwise. `args` must survive a
 * structured clone.
 */
export function nearDatabase<A extends unknown[], R>(
	db: Database,
	name: ProcedureName,
	local: (db: Database, ...args: A) => Promise<R>,
	...args: A
): Promise<R> {
	return hostsProcedures(db) ? (db.runProcedure(name, args) as Promise<R>) : local(db, ...args);
}
