/**
 * Keeps `realtime.messages` from growing for ever, as the platform's Realtime janitor does:
 * broadcasts sent from the database are kept 72 hours, then deleted.
 */
import type { Database } from '../db.ts';

/** How long a database broadcast is kept (Supabase Realtime's janitor keeps 72 hours). */
export const MESSAGE_RETENTION_HOURS = 72;
/** How often the janitor runs while the stack is up. */
export const JANITOR_INTERVAL_MS = 60 * 60 * 1000;

/** Deletes messages older than the retention; resolves to how many went. */
export async function pruneMessages(db: Database): Promise<number> {
	// inserted_at is `timestamp without time zone` defaulting to now(): compare the same way.
	const res = await db.query(
		`delete from realtime.messages
		  where inserted_at < now()::timestamp - make_interval(hours => $1)`,
		[MESSAGE_RETENTION_HOURS]
	);
	return res.rowCount;
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
