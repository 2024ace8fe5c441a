/**
 * Keeps `realtime.messages` from growing for ever, as the platform's Realtime janitor does:
 * the table is partitioned by day (30_realtime.sql), each day's partition is made ahead of
 * time, and a partition whose day ended more than 72 hours ago is dropped whole. Dropping a
 * file costs the same whatever it holds and leaves nothing to vacuum, where deleting the rows
 * one by one cost PGlite's one thread a long statement and a vacuum after it.
 *
 * The platform has no default partition: a broadcast sent on a day without a partition is
 * lost. Here the default partition takes it, and the janitor moves such rows into their day's
 * partition when it makes it. Rows in the default partition (sent before a day's partition
 * existed, or carried over from a database made before partitioning) are deleted 72 hours
 * after they were sent, in batches found through the table's two time indexes, a few
 * milliseconds each, with waiting requests served between batches.
 */
import type { Database, Sql } from '../db.ts';

/** How long a database broadcast is kept (Supabase Realtime's janitor keeps 72 hours). */
export const MESSAGE_RETENTION_HOURS = 72;
/** How often the janitor runs while the stack is up. */
export const JANITOR_INTERVAL_MS = 60 * 60 * 1000;
/** Rows one delete statement takes at most. */
export const PRUNE_BATCH_ROWS = 2000;
/** Days before today and after it that have a partition (the platform keeps -1 to +1). */
export const PARTITION_DAYS_BEFORE = 1;
export const PARTITION_DAYS_AHEAD = 3;

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
 * One batch of one kind from the default partition: the newest-first order is what makes the
 * plan an index scan that stops after `$2` rows (the index entries of rows deleted by earlier
 * batches are skipped once marked dead), where a sequential scan would read past every
 * deleted row again. inserted_at is `timestamp without time zone` defaulting to now():
 * compared the same way.
 */
export const pruneBatchStatement = (kind: (typeof KINDS)[number]) =>
	`delete from realtime.messages_default
	  where ctid = any (array(
	    select ctid from realtime.messages_default
	     where ${kind}
	       and inserted_at < now()::timestamp - make_interval(hours => $1)
	     order by inserted_at desc
	     limit $2))`;

export const PRUNE_STATEMENTS = KINDS.map(pruneBatchStatement);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Making or dropping a partition locks `realtime.messages` for a moment. On PostgreSQL a
 * transaction that holds the table long would make that lock wait, and every insert queue
 * behind the waiting lock: the janitor gives up after a second instead and tries again at its
 * next run.
 */
const LOCK_TIMEOUT = `set local lock_timeout = '1s';`;

/** A day's partition: `messages_2026_12_05`, the platform's name. */
const PARTITION_NAME = /^messages_\d{4}_\d{2}_\d{2}$/;

/** Deletes rows of the default partition older than the retention; resolves to how many went. */
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

/** The day partitions of `realtime.messages`, oldest first. */
export async function dayPartitions(db: Sql): Promise<string[]> {
	const { rows } = await db.query<{ name: string }>(
		`select c.relname::text as name
		   from pg_catalog.pg_inherits as i
		   join pg_catalog.pg_class as c on c.oid = i.inhrelid
		  where i.inhparent = 'realtime.messages'::regclass
		  order by c.relname`
	);
	return rows.map((r) => r.name).filter((n) => PARTITION_NAME.test(n));
}

/**
 * Makes the partition of the day `day` (`YYYY-MM-DD`) unless it exists, moving rows of that
 * day out of the default partition first; resolves to whether it made one.
 */
export async function createDayPartition(db: Database, day: string): Promise<boolean> {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
	const { rows } = await db.query<{ from: string; to: string; name: string; exists: boolean }>(
		`select $1::date::timestamp::text as from, ($1::date + 1)::timestamp::text as to,
		        'messages_' || to_char($1::date, 'YYYY_MM_DD') as name,
		        pg_catalog.to_regclass('realtime.messages_' || to_char($1::date, 'YYYY_MM_DD'))
		          is not null as exists`,
		[day]
	);
	const { from, to, name, exists } = rows[0];
	if (exists) return false;
	const bounds = `for values from ('${from}') to ('${to}')`;
	const inRange = `inserted_at >= $1::timestamp and inserted_at < $2::timestamp`;
	const held = await db.query<{ held: boolean }>(
		`select exists (select 1 from realtime.messages_default where ${KINDS[0]} and ${inRange})
		     or exists (select 1 from realtime.messages_default where ${KINDS[1]} and ${inRange})
		     as held`,
		[from, to]
	);
	await db.transaction(async (tx) => {
		await tx.exec(LOCK_TIMEOUT);
		if (!held.rows[0].held)
			await tx.exec(`create table realtime.${name} partition of realtime.messages ${bounds}`);
		else {
			// Attaching a partition checks that the default partition holds none of its rows.
			await tx.exec(`create table realtime.${name} (like realtime.messages including defaults)`);
			await tx.query(
				`with moved as (delete from realtime.messages_default where ${inRange} returning *)
				 insert into realtime.${name} select * from moved`,
				[from, to]
			);
			await tx.exec(`alter table realtime.messages attach partition realtime.${name} ${bounds}`);
		}
		// A new partition does not take the parent's statistics targets (30_realtime.sql).
		const targets = await tx.query<{ column: string; target: number }>(
			`select attname::text as column, attstattarget::int as target
			   from pg_catalog.pg_attribute
			  where attrelid = 'realtime.messages'::regclass and attnum > 0 and not attisdropped
			    and attstattarget is not null and attstattarget >= 0`
		);
		if (targets.rows.length)
			await tx.exec(
				`alter table realtime.${name} ` +
					targets.rows
						.map((t) => `alter column "${t.column}" set statistics ${t.target}`)
						.join(', ')
			);
	});
	return true;
}

/** Makes the partitions from PARTITION_DAYS_BEFORE to PARTITION_DAYS_AHEAD; resolves to those made. */
export async function ensurePartitions(db: Database): Promise<string[]> {
	const { rows } = await db.query<{ day: string }>(
		`select d::date::text as day
		   from generate_series(now()::timestamp::date - $1::int, now()::timestamp::date + $2::int,
		                        interval '1 day') as d`,
		[PARTITION_DAYS_BEFORE, PARTITION_DAYS_AHEAD]
	);
	const made: string[] = [];
	for (const { day } of rows) if (await createDayPartition(db, day)) made.push(day);
	return made;
}

/**
 * Drops the day partitions whose day is before the day 72 hours ago, as the platform's
 * janitor does: a broadcast is kept 72 to 96 hours. Resolves to the partitions dropped.
 */
export async function dropExpiredPartitions(db: Database): Promise<string[]> {
	const { rows } = await db.query<{ cutoff: string }>(
		`select to_char((now()::timestamp - make_interval(hours => $1))::date, 'YYYY_MM_DD') as cutoff`,
		[MESSAGE_RETENTION_HOURS]
	);
	const cutoff = `messages_${rows[0].cutoff}`;
	const dropped: string[] = [];
	for (const name of await dayPartitions(db)) {
		if (name >= cutoff) continue;
		await db.transaction((tx) => tx.exec(`${LOCK_TIMEOUT} drop table if exists realtime.${name}`));
		dropped.push(name);
		await nextTurn();
	}
	return dropped;
}

/** One run of the janitor: old partitions dropped, old default rows deleted, new partitions made. */
export async function maintainMessages(
	db: Database
): Promise<{ dropped: string[]; deleted: number; made: string[] }> {
	const dropped = await dropExpiredPartitions(db);
	const deleted = await pruneMessages(db);
	const made = await ensurePartitions(db);
	return { dropped, deleted, made };
}

/** Runs the janitor now and then every interval; returns the function that stops it. */
export async function startJanitor(db: Database): Promise<() => void> {
	await maintainMessages(db);
	const timer = setInterval(() => {
		maintainMessages(db).catch((err: unknown) => {
			console.error('realtime: maintaining realtime.messages failed:', (err as Error).message);
		});
	}, JANITOR_INTERVAL_MS);
	timer.unref();
	return () => clearInterval(timer);
}
