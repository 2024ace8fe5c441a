/**
 * The database layer keeps a request's statement prepared, as PostgREST does on each of its
 * connections, on both backends: on PGlite (pglite-prepared.ts) and on PostgreSQL's pooled
 * connections (pg-prepared.ts). A prepared statement answers as the plain one does, under the
 * row level security of the role that runs it, follows schema changes, survives errors, and
 * the number kept stays within the limit. One connection here, so every transaction shows
 * what the same connection keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../../supabase/local/db.ts';
import { openTestDatabase } from './helpers/stack.ts';

const PREPARED = { prepared: true } as const;
const LIMIT = 3;

let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
	({ db, drop } = await openTestDatabase({ poolSize: 1, preparedMax: LIMIT }));
	await db.exec(`
		create schema prep;
		create table prep.t (id int primary key, name text, tags text[], doc jsonb, owner text);
		insert into prep.t values (1, 'one', '{a,b}', '{"k": 1}', 'ann'), (2, 'two', '{}', null, 'bob');
		grant usage on schema prep to anon, authenticated;
		grant select on prep.t to anon, authenticated;
		alter table prep.t enable row level security;
		create policy anon_sees_ann on prep.t for select to anon using (owner = 'ann');
		create policy authenticated_sees_bob on prep.t for select to authenticated using (owner = 'bob');
	`);
}, 60_000);

afterAll(async () => {
	await db?.close();
	await drop?.();
});

/** The texts of the statements this connection keeps prepared, in a transaction of their own. */
const kept = () =>
	db.transaction(async (tx) =>
		(
			await tx.query<{ statement: string }>(
				"select statement from pg_prepared_statements where name like 'parley\\_%' order by statement"
			)
		).rows.map((r) => r.statement)
	);

const run = (text: string, params: unknown[] = []) =>
	db.transaction((tx: Sql) => tx.query(text, params, PREPARED));

describe('prepared statements', () => {
	it('answer as the plain statement does, and a text is prepared once', async () => {
		const text =
			'select id, name, tags, doc from prep.t where id = any($1::int[]) and name <> $2 order by id';
		const plain = await db.transaction((tx) => tx.query(text, [[1, 2], 'none']));
		const first = await run(text, [[1, 2], 'none']);
		const again = await run(text, [[2], 'none']);
		expect(first.rows).toEqual(plain.rows);
		expect(first.rows[0]).toEqual({ id: 1, name: 'one', tags: ['a', 'b'], doc: { k: 1 } });
		expect(again.rows).toEqual([{ id: 2, name: 'two', tags: [], doc: null }]);
		expect((await kept()).filter((s) => s === text)).toHaveLength(1);
	});

	it('give json as text when asked, and count the rows a command touched', async () => {
		const text = 'select $1::jsonb as doc, $2::boolean as flag, $3::int + 1 as n';
		const value = { nested: [1, 'x'] };
		expect((await run(text, [value, true, 41])).rows[0]).toEqual({ doc: value, flag: true, n: 42 });
		const raw = await db.transaction((tx) =>
			tx.query(text, [value, false, 1], { ...PREPARED, jsonAsText: true })
		);
		expect(raw.rows[0]).toEqual({ doc: '{"nested": [1, "x"]}', flag: false, n: 2 });
		const update = await run('update prep.t set name = name where id = any($1::int[])', [
			[1, 2, 3]
		]);
		expect(update.rowCount).toBe(2);
	});

	it('are planned for the role that runs them: row level security holds', async () => {
		const text = 'select id from prep.t order by id';
		const as = (role: string) =>
			db.transaction(async (tx) => (await tx.query(text, [], PREPARED)).rows, {
				prelude: `set local role ${role}`
			});
		// Enough runs for Postgres to consider a generic plan, the roles taking turns.
		for (let i = 0; i < 8; i++) {
			expect(await as('anon')).toEqual([{ id: 1 }]);
			expect(await as('authenticated')).toEqual([{ id: 2 }]);
		}
	});

	it('throw a statement’s error with its SQLSTATE, and the next transaction works', async () => {
		const insert = 'insert into prep.t (id, name) values ($1, $2)';
		await expect(run(insert, [1, 'again'])).rejects.toMatchObject({ code: '23505' });
		await expect(run('selec 1')).rejects.toMatchObject({ code: '42601' });
		const ok = await db.transaction(async (tx) => {
			await tx.query(insert, [3, 'three'], PREPARED);
			return tx.query('select name from prep.t where id = $1', [3], PREPARED);
		});
		expect(ok.rows).toEqual([{ name: 'three' }]);
		await db.exec('delete from prep.t where id = 3');
	});

	it('follow schema changes, and one whose columns changed is prepared afresh', async () => {
		await db.exec(
			`create function prep.label(n int) returns text language sql as $$ select 'v1:' || n $$`
		);
		const call = 'select prep.label($1::int) as l';
		expect((await run(call, [1])).rows).toEqual([{ l: 'v1:1' }]);
		await db.exec(
			`create or replace function prep.label(n int) returns text language sql as $$ select 'v2:' || n $$`
		);
		expect((await run(call, [1])).rows).toEqual([{ l: 'v2:1' }]);

		await db.exec('create table prep.wide (a int); insert into prep.wide values (1)');
		const star = 'select * from prep.wide';
		expect((await run(star)).rows).toEqual([{ a: 1 }]);
		await db.exec('alter table prep.wide add column b int default 2');
		// Postgres refuses a prepared statement whose result columns changed…
		await expect(run(star)).rejects.toMatchObject({ code: '0A000' });
		// …and the next run prepares it again.
		expect((await run(star)).rows).toEqual([{ a: 1, b: 2 }]);
	});

	it('deliver what they notify once their transaction commits', async () => {
		const got: string[] = [];
		const stop = await db.listen('prepared_test', (p) => got.push(p));
		try {
			await run("select pg_notify('prepared_test', $1)", ['hello']);
			for (let i = 0; i < 100 && !got.length; i++) await new Promise((r) => setTimeout(r, 10));
			expect(got).toEqual(['hello']);
		} finally {
			await stop();
		}
	});

	it(`are kept ${LIMIT} at most per connection, the least recently used closed`, async () => {
		const texts = ['select 1 as n', 'select 2 as n', 'select 3 as n', 'select 4 as n'];
		const [one, two, three, four] = texts;
		await run(one);
		await run(two);
		await run(three);
		await run(one); // now the most recently used
		await run(four); // the limit reached: `two` goes
		await run(one);
		expect(await kept()).toEqual([one, three, four]);
		expect((await run(two)).rows).toEqual([{ n: 2 }]);
		await run(one);
		expect(await kept()).toEqual([one, two, four]);
	});
});
