/**
 * Database broadcasts (`realtime.send()` rows in realtime.messages) are kept 72 hours, as the
 * platform's Realtime janitor keeps them, then deleted: at start and every hour after.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGE_RETENTION_HOURS, pruneMessages } from '../../supabase/local/realtime/janitor.ts';
import type { TestStack } from './helpers/stack.ts';
import { useTestStack } from './helpers/use-stack.ts';

/** A broadcast row inserted `hours` ago. */
const messageAged = (topic: string, hours: number) => `
	insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
	values ('${topic}', 'broadcast', 'e', '{}', true, now()::timestamp - interval '${hours} hours');`;

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
