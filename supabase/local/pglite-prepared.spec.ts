import { PGlite } from '@electric-sql/pglite';
import * as pgliteModule from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './db.ts';
import { PreparedStatements } from './pglite-prepared.ts';

const PREPARED = { prepared: true } as const;

describe('prepared statements through the database layer', () => {
	let db: Database;
	beforeAll(async () => {
		db = await openPglite({ dataDir: 'memory://' });
		await db.exec(`
			create table t (id int primary key, name text, tags text[], doc jsonb, owner text);
			insert into t values (1, 'one', '{a,b}', '{"k": 1}', 'ann'), (2, 'two', '{}', null, 'bob');
			create role reader_a; create role reader_b;
			grant select on t to reader_a, reader_b;
			alter table t enable row level security;
			create policy a_sees_ann on t for select to reader_a using (owner = 'ann');
			create policy b_sees_bob on t for select to reader_b using (owner = 'bob');
		`);
	}, 60_000);
	afterAll(() => db.close());

	const statements = async () =>
		Number(
			(
				await db.query<{ n: string }>(
					"select count(*) as n from pg_prepared_statements where name like 'parley_%'"
				)
			).rows[0].n
		);

	it('answers as the unprepared query does, and prepares a text once', async () => {
		const text =
			'select id, name, tags, doc from t where id = any($1::int[]) and name <> $2 order by id';
		const params = [[1, 2], 'none'];
		const plain = await db.transaction((tx) => tx.query(text, params));
		const before = await statements();
		const first = await db.transaction((tx) => tx.query(text, params, PREPARED));
		const again = await db.transaction((tx) => tx.query(text, [[2], 'none'], PREPARED));
		expect(first).toEqual(plain);
		expect(first.rows[0]).toEqual({ id: 1, name: 'one', tags: ['a', 'b'], doc: { k: 1 } });
		expect(again.rows).toEqual([{ id: 2, name: 'two', tags: [], doc: null }]);
		expect(await statements()).toBe(before + 1);
	});

	it('serializes parameters by the types Postgres inferred, and gives json as text when asked', async () => {
		const text = 'select $1::jsonb as doc, $2::boolean as flag, $3::int + 1 as n';
		const value = { nested: [1, 'x'] };
		const parsed = await db.transaction((tx) => tx.query(text, [value, true, 41], PREPARED));
		expect(parsed.rows[0]).toEqual({ doc: value, flag: true, n: 42 });
		const raw = await db.transaction((tx) =>
			tx.query(text, [value, false, 1], { ...PREPARED, jsonAsText: true })
		);
		expect(raw.rows[0]).toEqual({ doc: '{"nested": [1, "x"]}', flag: false, n: 2 });
	});

	it('counts the rows a command touched', async () => {
		const text = 'update t set name = name where id = any($1::int[])';
		const res = await db.transaction((tx) => tx.query(text, [[1, 2, 3]], PREPARED));
		expect(res.rowCount).toBe(2);
		expect(res.rows).toEqual([]);
	});

	it('plans for the role that runs it: row level security holds', async () => {
		const text = 'select id from t order by id';
		const as = (role: string) =>
			db.transaction(async (tx) => (await tx.query(text, [], PREPARED)).rows, {
				prelude: `set local role ${role}`
			});
		// Enough runs for Postgres to consider a generic plan, alternating roles.
		for (let i = 0; i < 8; i++) {
			expect(await as('reader_a')).toEqual([{ id: 1 }]);
			expect(await as('reader_b')).toEqual([{ id: 2 }]);
		}
	});

	it('throws a statement’s error with its SQLSTATE and leaves the next transaction working', async () => {
		const insert = 'insert into t (id, name) values ($1, $2)';
		await expect(
			db.transaction((tx) => tx.query(insert, [1, 'again'], PREPARED))
		).rejects.toMatchObject({ code: '23505' });
		await expect(db.transaction((tx) => tx.query('selec 1', [], PREPARED))).rejects.toMatchObject({
			code: '42601'
		});
		const ok = await db.transaction(async (tx) => {
			await tx.query(insert, [3, 'three'], PREPARED);
			return tx.query('select name from t where id = $1', [3], PREPARED);
		});
		expect(ok.rows).toEqual([{ name: 'three' }]);
		await db.exec('delete from t where id = 3');
	});

	it('follows schema changes, and prepares afresh a statement whose columns changed', async () => {
		await db.exec(
			`create function label(n int) returns text language sql as $$ select 'v1:' || n $$`
		);
		const call = 'select label($1::int) as l';
		expect((await db.transaction((tx) => tx.query(call, [1], PREPARED))).rows).toEqual([
			{ l: 'v1:1' }
		]);
		await db.exec(
			`create or replace function label(n int) returns text language sql as $$ select 'v2:' || n $$`
		);
		expect((await db.transaction((tx) => tx.query(call, [1], PREPARED))).rows).toEqual([
			{ l: 'v2:1' }
		]);

		await db.exec('create table wide (a int)');
		await db.exec('insert into wide values (1)');
		const star = 'select * from wide';
		expect((await db.transaction((tx) => tx.query(star, [], PREPARED))).rows).toEqual([{ a: 1 }]);
		await db.exec('alter table wide add column b int default 2');
		// Postgres refuses a prepared statement whose result columns changed…
		await expect(db.transaction((tx) => tx.query(star, [], PREPARED))).rejects.toMatchObject({
			code: '0A000'
		});
		// …and the next run prepares it again.
		expect((await db.transaction((tx) => tx.query(star, [], PREPARED))).rows).toEqual([
			{ a: 1, b: 2 }
		]);
	});

	it('delivers what a prepared statement notifies once its transaction commits', async () => {
		const got: string[] = [];
		const stop = await db.listen('prepared_test', (p) => got.push(p));
		try {
			await db.transaction((tx) =>
				tx.query("select pg_notify('prepared_test', $1)", ['hello'], PREPARED)
			);
			for (let i = 0; i < 50 && !got.length; i++) await new Promise((r) => setTimeout(r, 10));
			expect(got).toEqual(['hello']);
		} finally {
			await stop();
		}
	});
});

describe('PreparedStatements', () => {
	let pg: PGlite;
	beforeAll(async () => {
		pg = await PGlite.create('memory://');
	}, 60_000);
	afterAll(() => pg.close());

	const prepared = async () =>
		(
			await pg.query<{ name: string }>(
				"select name from pg_prepared_statements where name like 'parley_%' order by name"
			)
		).rows.map((r) => r.name);

	it('keeps at most its limit, closing the least recently used', async () => {
		const cache = new PreparedStatements(pg, pgliteModule, 2);
		const run = (text: string) => pg.transaction((tx) => cache.query(tx, text, []));
		await run('select 1 as n');
		await run('select 2 as n');
		await run('select 1 as n'); // now the most recently used
		const third = await run('select 3 as n');
		expect(third.rows).toEqual([{ n: 3 }]);
		expect(cache.size).toBe(2);
		// `select 2` went; it is closed when the next statement is prepared.
		await run('select 4 as n');
		const names = await prepared();
		expect(names).toHaveLength(2);
		expect((await run('select 1 as n')).rows).toEqual([{ n: 1 }]);
	});

	it('refuses a limit below one and a closed transaction', async () => {
		expect(() => new PreparedStatements(pg, pgliteModule, 0)).toThrow(RangeError);
		const cache = new PreparedStatements(pg, pgliteModule);
		let held: Parameters<Parameters<PGlite['transaction']>[0]>[0] | undefined;
		await pg.transaction(async (tx) => {
			held = tx;
		});
		await expect(cache.query(held!, 'select 1', [])).rejects.toThrow(/closed/);
	});
});
