/**
 * Keeps `realtime.messages` from growing for ever, as the platform's Realtime janitor does:
 * broadcasts sent from the database are kept 72 hours, then deleted.
 *
 * On PGlite every statement runs on the server's one thread, and nothing else is served while
 * one runs: a single `delete … where inserted_at < …` read the whole table, 0.5 s for 450,000
 * rows (an hour at 50 messages/s). The janitor instead deletes in batches found through the
 * table's two time indexes (30_realtime.sql), a few milliseconds each, and lets waiting
 * requests run between batches.
 */
import type { Database } from '../db.ts';

/** How long a database broadcast is kept (Supabase Realtime's janitor keeps 72 hours). */
export const MESSAGE_RETENTION_HOURS = 72;
/** How often the janitor runs while the stack is up. */
export const JANITOR_INTERVAL_MS = 60 * 60 * 1000;
/** Rows one delete statement takes at most. */
export const PRUNE_BATCH_ROWS = 2000;

/**
 * The rows of `realtime.messages` in two kinds, each matching one partial index's predicate
 * word for word so the planner reads the index: private broadcasts (nearly every row) and the
 * rest. `private is true` leaves no row with a null `private` out of both.
 */
const KINDS = [
	`extension = 'broadcast' and private is true`,
	`not (extension = 'broadcast' and private is true)`
] as const;

/**
 * One batch of one kind: the oldest-first order is what makes the plan an index scan that
 * stops after `$2` rows (the index entries of rows deleted by earlier batches are skipped
 * once marked dead), where a sequential scan would read past every deleted row again.
 * inserted_at is `timestamp without time zone` defaulting to now(): compared the same way.
 */
export const pruneBatchStatement = (kind: (typeof KINDS)[number]) =>
	`delete from realtime.messages
	  where ctid = any (array(
	    select ctid from realtime.messages
	     where ${kind}
	       and inserted_at < now()::timestamp - make_interval(hours => $1)
	     order by inserted_at desc
	     limit $2))`;

export const PRUNE_STATEMENTS = KINDS.map(pruneBatchStatement);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deletes messages older than the retention; resolves to how many went. */
export async function pruneMessages(
	db: Database,
	{ batchRows = PRUNE_BATCH_ROWS }: { batchRows?: number } = {}
): Promise<number> {
	if (!Number.isInteger(batchRows) || batchRows < 1)
		throw new RangeError(`batchRows must be a positive integer, not ${batchRows}`);
	let deleted = 0;
	for (const statement of PRUNE_STATEMENTS) {
		for (;;) {
			const { rowCount } = await db.query(statement, [MESSAGE_RETENTION_HOURS, batchRows]);
			deleted += rowCount;
			if (rowCount < batchRows) break;
			// Requests that queued behind this batch go first.
			await nextTurn();
		}
	}
	return deleted;
}

/** Prunes now and then every interval; returns the function that stops it. */
export async function startJanitor(db: Database): Promise<() => void> {
	await pruneMessages(db);
	const timer = setInterval(() => {
		pruneMessages(db).catch((err: unknown) => {
			console.error('realtime: pruning old messages failed:', (err as Error).message);
		});
	}, JANITOR_INTERVAL_MS);
	timer.unref();
	return () => clearInterval(timer);
}
