import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../db.ts';
import { BOOTSTRAP_DIR, migrate } from '../migrate.ts';
import { maintainMessages } from './janitor.ts';

/** realtime.messages as the stack made it before partitioning, with a policy and two rows. */
const BEFORE_PARTITIONING = `
	create schema if not exists realtime;
	create table realtime.messages (
	  topic text not null,
	  extension text not null,
	  payload jsonb,
	  event text,
	  private boolean default false,
	  updated_at timestamp without time zone not null default now(),
	  inserted_at timestamp without time zone not null default now(),
	  id uuid not null default gen_random_uuid(),
	  primary key (id, inserted_at)
	);
	alter table realtime.messages enable row level security;
	grant select, insert, update on realtime.messages to anon, authenticated;
	create policy "old readers" on realtime.messages for select to authenticated
	  using (topic like 'old:%' and extension = 'broadcast');
	insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
	values ('old:recent', 'broadcast', 'e', '{}', true, now()::timestamp - interval '1 minute'),
	       ('old:stale', 'broadcast', 'e', '{}', true, now()::timestamp - interval '100 hours');`;

describe('realtime.messages from before partitioning', () => {
	it('becomes the default partition of a partitioned table, keeping its rows and policies', async () => {
		const db = await openPglite({ dataDir: 'memory://' });
		try {
			await db.exec(await readFile(join(BOOTSTRAP_DIR, '00_roles.sql'), 'utf8'));
			await db.exec(BEFORE_PARTITIONING);
			await migrate(db, { seed: false });
			// Twice: the bootstrap runs at every start.
			await migrate(db, { seed: false });

			const kind = await db.query<{ relkind: string }>(
				`select relkind::text from pg_catalog.pg_class where oid = 'realtime.messages'::regclass`
			);
			expect(kind.rows[0].relkind).toBe('p');
			const where = async () =>
				(
					await db.query<{ topic: string; holder: string }>(
						`select topic, tableoid::regclass::text as holder from realtime.messages order by topic`
					)
				).rows;
			expect(await where()).toEqual([
				{ topic: 'old:recent', holder: 'realtime.messages_default' },
				{ topic: 'old:stale', holder: 'realtime.messages_default' }
			]);
			const policies = await db.query<{ table: string; qual: string; cmd: string }>(
				`select tablename::text as table, qual, cmd from pg_catalog.pg_policies
				  where schemaname = 'realtime' and policyname = 'old readers'`
			);
			expect(policies.rows).toHaveLength(1);
			expect(policies.rows[0]).toMatchObject({ table: 'messages', cmd: 'SELECT' });
			expect(policies.rows[0].qual).toContain('old:%');
			// The partition itself is closed to the API roles: only the parent is read and written.
			const direct = await db.query<{ granted: boolean }>(
				`select has_table_privilege('authenticated', 'realtime.messages_default', 'select')
				     or has_table_privilege('anon', 'realtime.messages_default', 'insert') as granted`
			);
			expect(direct.rows[0].granted).toBe(false);

			// The janitor deletes the stale row and moves today's into today's partition.
			const run = await maintainMessages(db);
			expect(run.deleted).toBe(1);
			const rows = await where();
			expect(rows).toHaveLength(1);
			expect(rows[0].topic).toBe('old:recent');
			expect(rows[0].holder).toMatch(/^realtime\.messages_\d{4}_\d{2}_\d{2}$/);

			// A broadcast still reaches the service's NOTIFY channel through the parent's trigger.
			const heard: string[] = [];
			const stop = await db.listen('realtime_messages', (p) => heard.push(p));
			await db.exec(`select realtime.send('{"n":1}'::jsonb, 'hello', 'old:new', true)`);
			await stop();
			expect(heard.some((p) => p.includes('old:new'))).toBe(true);
		} finally {
			await db.close();
		}
	}, 60_000);
});
