/**
 * Database broadcasts (`realtime.send()` rows in realtime.messages) are kept as the platform's
 * Realtime janitor keeps them: the table is partitioned by day, each day's partition made
 * ahead of time and dropped once its day ended 72 hours ago; rows of the default partition go
 * 72 hours after they were sent. At start and every hour after.
 */
import { describe, expect, it } from 'vitest';
import {
	createDayPartition,
	dayPartitions,
	MESSAGE_RETENTION_HOURS,
	maintainMessages,
	PARTITION_DAYS_AHEAD,
	PARTITION_DAYS_BEFORE,
	PRUNE_BATCH_ROWS,
	PRUNE_STATEMENTS,
	pruneMessages
} from '../../supabase/local/realtime/janitor.ts';
import { REPLAY_SELECT } from '../../supabase/local/realtime/replay.ts';
import { seqScannedTables } from './helpers/plan.ts';
import type { TestStack } from './helpers/stack.ts';
import { useTestStack } from './helpers/use-stack.ts';

/** A row inserted `hours` ago: a private broadcast unless told otherwise. */
const messageAged = (
	topic: string,
	hours: number,
	{ extension = 'broadcast', isPrivate = 'true' }: { extension?: string; isPrivate?: string } = {}
) => `
	insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
	values ('${topic}', '${extension}', 'e', '{}', ${isPrivate},
	        now()::timestamp - interval '${hours} hours');`;

async function topics(t: TestStack): Promise<string[]> {
	const res = await t.db.query<{ topic: string }>(
		'select topic from realtime.messages order by topic'
	);
	return res.rows.map((r) => r.topic);
}

// Rows already in the database when the stack starts: one stale, one recent.
const stack = useTestStack({ sql: messageAged('stale-at-start', 100) + messageAged('recent', 1) });

describe('the realtime janitor', () => {
	it('deletes stale messages when the stack starts', async () => {
		expect(await topics(stack())).toEqual(['recent']);
	});

	it('keeps messages younger than 72 hours and deletes older ones', async () => {
		expect(MESSAGE_RETENTION_HOURS).toBe(72);
		await stack().db.exec(messageAged('just-kept', 71) + messageAged('just-gone', 73));
		expect(await pruneMessages(stack().db)).toBe(1);
		expect(await topics(stack())).toEqual(['just-kept', 'recent']);
	});

	it('deletes in batches, and every kind of row: public broadcasts, presence, no private flag', async () => {
		await stack().db.exec(
			[1, 2, 3].map((i) => messageAged(`old-private-${i}`, 80)).join('') +
				messageAged('old-public', 80, { isPrivate: 'false' }) +
				messageAged('old-unflagged', 80, { isPrivate: 'null' }) +
				messageAged('old-presence', 80, { extension: 'presence' }) +
				messageAged('new-public', 2, { isPrivate: 'false' })
		);
		expect(await pruneMessages(stack().db, { batchRows: 2 })).toBe(6);
		expect(await topics(stack())).toEqual(['just-kept', 'new-public', 'recent']);
		await stack().db.exec(`delete from realtime.messages where topic = 'new-public'`);
	});

	it('refuses a batch size that is not a positive integer', async () => {
		for (const batchRows of [0, -1, 1.5, Number.NaN])
			await expect(pruneMessages(stack().db, { batchRows })).rejects.toThrow(RangeError);
	});

	it('leaves messages that realtime.send() just wrote', async () => {
		await stack().db.exec(`select realtime.send('{"n":1}'::jsonb, 'hello', 'fresh-topic', true)`);
		expect(await pruneMessages(stack().db)).toBe(0);
		expect(await topics(stack())).toContain('fresh-topic');
	});
});

describe('statistics of realtime.messages', () => {
	it('are taken from a small sample and leave the payloads out', async () => {
		// 40 topics, each sent to 5 times: with the default target all 40 would be common values.
		await stack().db.exec(
			`select realtime.send(jsonb_build_object('n', g, 'text', repeat('x', 200)), 'e',
			                      'stats-' || (g % 40), true)
			   from generate_series(1, 200) g;
			 analyze realtime.messages;`
		);
		const { rows } = await stack().db.query<{ attname: string; common: number | null }>(
			`select attname::text, cardinality(most_common_vals::text::text[]) as common
			   from pg_catalog.pg_stats
			  where schemaname = 'realtime' and tablename = 'messages'`
		);
		const byColumn = new Map(rows.map((r) => [r.attname, r.common]));
		expect(byColumn.has('topic')).toBe(true);
		expect(byColumn.has('payload')).toBe(false);
		expect(byColumn.get('topic')).toBeLessThanOrEqual(10);
	});
});

describe('reading realtime.messages when it holds many rows', () => {
	it("finds the janitor's batches and a replay through indexes, not by reading the table", async () => {
		// 20,000 rows over the last 80 hours (none within seconds of 72), a fiftieth of them public
		// broadcasts.
		await stack().db.exec(
			`insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
			 select 'many-' || (g % 500), 'broadcast', 'e', '{}', g % 50 <> 0,
			        now()::timestamp - make_interval(secs => g * 14.4 - 7)
			   from generate_series(1, 20000) g;
			 analyze realtime.messages;`
		);
		// A partition of a few rows is read whole, rightly: today's, minutes after midnight, holds
		// the rows of those minutes only. The ones that must not be read whole hold thousands.
		const largeScanned = async (text: string, params: unknown[]) => {
			const large: string[] = [];
			for (const table of await seqScannedTables(stack().db, text, params)) {
				const { rows } = await stack().db.query<{ n: number }>(
					`select count(*)::int as n from ${table}`
				);
				if (rows[0].n >= 1000) large.push(table);
			}
			return large;
		};
		try {
			for (const statement of PRUNE_STATEMENTS)
				expect(await largeScanned(statement, [MESSAGE_RETENTION_HOURS, PRUNE_BATCH_ROWS])).toEqual(
					[]
				);
			expect(await largeScanned(REPLAY_SELECT, ['many-7', Date.now() - 3_600_000, 25])).toEqual([]);
			// And the batches take every stale row: 80 - 72 hours of the 80.
			expect(await pruneMessages(stack().db)).toBe(2000);
		} finally {
			await stack().db.exec(`delete from realtime.messages where topic like 'many-%'`);
		}
	});
});

/** The day `days` from today (negative: before), as the database counts days. */
async function dayFromToday(t: TestStack, days: number): Promise<string> {
	const { rows } = await t.db.query<{ day: string }>(
		'select (now()::timestamp::date + $1::int)::text as day',
		[days]
	);
	return rows[0].day;
}

const partitionName = (day: string) => `messages_${day.replaceAll('-', '_')}`;

/** The partition holding the row of `topic`. */
async function holderOf(t: TestStack, topic: string): Promise<string | undefined> {
	const { rows } = await t.db.query<{ holder: string }>(
		`select tableoid::regclass::text as holder from realtime.messages where topic = $1`,
		[topic]
	);
	return rows[0]?.holder;
}

describe('partitions of realtime.messages', () => {
	it("has a partition for each day from yesterday to three days ahead, and today's takes a broadcast", async () => {
		const t = stack();
		const names = await dayPartitions(t.db);
		for (let d = -PARTITION_DAYS_BEFORE; d <= PARTITION_DAYS_AHEAD; d++)
			expect(names).toContain(partitionName(await dayFromToday(t, d)));
		// Read and written through the parent only: the API roles cannot reach a partition.
		const direct = await t.db.query<{ granted: boolean }>(
			`select has_table_privilege('anon', $1, 'select')
			     or has_table_privilege('authenticated', $1, 'insert') as granted`,
			[`realtime.${partitionName(await dayFromToday(t, 0))}`]
		);
		expect(direct.rows[0].granted).toBe(false);
		await t.db.exec(`select realtime.send('{"n":1}'::jsonb, 'hello', 'today-topic', true)`);
		expect(await holderOf(t, 'today-topic')).toBe(
			`realtime.${partitionName(await dayFromToday(t, 0))}`
		);
	});

	it('keeps a broadcast of a day with no partition in the default one, and moves it when the day gets one', async () => {
		const t = stack();
		const day = await dayFromToday(t, 10);
		await t.db.exec(
			`insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
			 values ('far-ahead', 'broadcast', 'e', '{}', true, '${day} 12:00')`
		);
		expect(await holderOf(t, 'far-ahead')).toBe('realtime.messages_default');
		expect(await createDayPartition(t.db, day)).toBe(true);
		expect(await holderOf(t, 'far-ahead')).toBe(`realtime.${partitionName(day)}`);
		expect(await createDayPartition(t.db, day)).toBe(false);
		// The new partition has the parent's indexes and statistics targets.
		const { rows } = await t.db.query<{ indexes: number; payload: number }>(
			`select (select count(*)::int from pg_catalog.pg_index where indrelid = $1::regclass) as indexes,
			        (select attstattarget::int from pg_catalog.pg_attribute
			          where attrelid = $1::regclass and attname = 'payload') as payload`,
			[`realtime.${partitionName(day)}`]
		);
		expect(rows[0]).toEqual({ indexes: 3, payload: 0 });
		await expect(createDayPartition(t.db, "2026-01-01'; drop table x; --")).rejects.toThrow(
			RangeError
		);
		await t.db.exec(`drop table realtime.${partitionName(day)}`);
	});

	it("drops a day's partition once the day ended 72 hours ago, as the platform does", async () => {
		const t = stack();
		const gone = await dayFromToday(t, -5);
		const kept = await dayFromToday(t, -3);
		for (const day of [gone, kept]) {
			await createDayPartition(t.db, day);
			await t.db.exec(
				`insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
				 values ('day-${day}', 'broadcast', 'e', '{}', true, '${day} 00:30')`
			);
		}
		const run = await maintainMessages(t.db);
		expect(run.dropped).toEqual([partitionName(gone)]);
		expect(await dayPartitions(t.db)).not.toContain(partitionName(gone));
		// The day 72 hours ago keeps its partition, and its rows, until it too is over.
		expect(await holderOf(t, `day-${kept}`)).toBe(`realtime.${partitionName(kept)}`);
		expect(await holderOf(t, `day-${gone}`)).toBeUndefined();
		await t.db.exec(`drop table realtime.${partitionName(kept)}`);
	});
});
