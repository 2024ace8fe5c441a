import { PGlite } from '@electric-sql/pglite';
import * as pgliteModule from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PreparedStatements } from './pglite-prepared.ts';
import { runTransaction, type PgliteTransaction } from './pglite-transaction.ts';
import { PgliteWire } from './pglite-wire.ts';

// Through the database layer on both backends: tests/contract/database.test.ts and the
// contract tests of every service.
describe('runTransaction on PGlite', () => {
	let pg: PGlite;
	let wire: PgliteWire;
	let prepared: PreparedStatements;
	const run = <T>(fn: (tx: PgliteTransaction) => Promise<T>) => runTransaction(pg, wire, fn);
	const settings =
		"select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)";
	const rows = async () =>
		(await pg.query<{ id: number; v: string }>('select id, v from t order by id')).rows;
	/** Calls into PGlite's WebAssembly from here on. */
	const countCalls = () => vi.spyOn(pg, 'execProtocolRawStream');

	beforeAll(async () => {
		pg = await PGlite.create('memory://');
		wire = new PgliteWire(pg, pgliteModule);
		await pg.exec(`create table t (id int primary key, v text);
			create role reader; grant select on t to reader;`);
		prepared = new PreparedStatements(pg);
	}, 60_000);
	afterAll(() => pg.close());
	beforeEach(async () => {
		vi.restoreAllMocks();
		await pg.exec('truncate t');
	});

	it('sends a request (begin, its settings, its statement, commit) in two calls', async () => {
		const insert = 'insert into t (id, v) values ($1, $2) returning id, v';
		// Prepared once, as a server that has run a while has them.
		await run(async (tx) => {
			await prepared.query(tx, settings, ['postgres', '{}'], undefined, true);
			await prepared.query(tx, insert, [0, 'warm']);
		});
		const calls = countCalls();
		const res = await run(async (tx) => {
			await prepared.query(tx, settings, ['reader', '{"sub":"x"}'], undefined, true);
			const role = await prepared.query<{ r: string; c: string }>(
				tx,
				"select current_user as r, current_setting('request.jwt.claims') as c",
				[]
			);
			return role.rows[0];
		});
		expect(res).toEqual({ r: 'reader', c: '{"sub":"x"}' });
		// One call for the begin, settings and statement (and the statement's preparation, the
		// first time), one for the commit.
		calls.mockClear();
		const inserted = await run(async (tx) => {
			await prepared.query(tx, settings, ['postgres', '{}'], undefined, true);
			return prepared.query(tx, insert, [1, 'one']);
		});
		expect(calls).toHaveBeenCalledTimes(2);
		expect(inserted.rows).toEqual([{ id: 1, v: 'one' }]);
		expect(inserted.affectedRows).toBe(1);
		expect(await rows()).toEqual([
			{ id: 0, v: 'warm' },
			{ id: 1, v: 'one' }
		]);
	});

	it('throws a deferred statement’s error from the next one, and writes nothing', async () => {
		const err = await run(async (tx) => {
			await prepared.query(tx, settings, ['no_such_role', '{}'], undefined, true);
			await tx.query('insert into t (id, v) values (1, $1)', ['x']);
		}).catch((e: unknown) => e);
		expect(err).toMatchObject({ code: '22023', message: 'role "no_such_role" does not exist' });
		expect(await rows()).toEqual([]);
		// The connection is usable, outside any transaction.
		expect((await pg.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
		expect(pg.isInTransaction()).toBe(false);
	});

	it('runs deferred statements left at the end before it commits', async () => {
		const err = await run(async (tx) => {
			await prepared.query(tx, settings, ['no_such_role', '{}'], undefined, true);
		}).catch((e: unknown) => e);
		expect(err).toMatchObject({ code: '22023' });
		expect(pg.isInTransaction()).toBe(false);
		await run(async (tx) => {
			await tx.exec("insert into t values (1, 'a')");
			await prepared.query(tx, 'insert into t (id, v) values ($1, $2)', [2, 'b'], undefined, true);
		});
		expect(await rows()).toEqual([
			{ id: 1, v: 'a' },
			{ id: 2, v: 'b' }
		]);
	});

	it('prepares a deferred statement afresh after it went missing', async () => {
		const request = () =>
			run(async (tx) => {
				await prepared.query(tx, settings, ['reader', '{}'], undefined, true);
				return (await prepared.query<{ r: string }>(tx, 'select current_user as r', [])).rows;
			});
		expect(await request()).toEqual([{ r: 'reader' }]);
		// Gone behind the cache's back (a DEALLOCATE, a DISCARD ALL).
		const [{ name }] = (
			await pg.query<{ name: string }>(
				'select name from pg_prepared_statements where statement = $1',
				[settings]
			)
		).rows;
		await pg.exec(`deallocate "${name}"`);
		await expect(request()).rejects.toMatchObject({ code: '26000' });
		expect(await request()).toEqual([{ r: 'reader' }]);
	});

	it('rolls back when its function throws', async () => {
		const err = await run(async (tx) => {
			await tx.exec("insert into t values (1, 'a')");
			throw new Error('changed my mind');
		}).catch((e: unknown) => e);
		expect((err as Error).message).toBe('changed my mind');
		expect(await rows()).toEqual([]);
		expect(pg.isInTransaction()).toBe(false);
	});

	it('refuses to commit a transaction that had an error (25P02)', async () => {
		const err = await run(async (tx) => {
			await tx.exec("insert into t values (1, 'a')");
			await tx.exec("insert into t values (1, 'again')").catch(() => undefined);
			// Postgres refuses anything more, as it would on a socket.
			await expect(tx.query('select 1', [])).rejects.toMatchObject({ code: '25P02' });
		}).catch((e: unknown) => e);
		expect(err).toMatchObject({ code: '25P02' });
		expect(await rows()).toEqual([]);
		expect(pg.isInTransaction()).toBe(false);
	});

	it('sends nothing for a transaction that ran nothing', async () => {
		const calls = countCalls();
		expect(await run(async () => 42)).toBe(42);
		expect(calls).not.toHaveBeenCalled();
	});

	it('writes parameters by their type, and counts the last command’s rows only', async () => {
		await pg.exec('create table if not exists typed (a text[], j jsonb, b bytea, d timestamptz)');
		await pg.exec('truncate typed');
		const res = await run(async (tx) => {
			await prepared.query(tx, "insert into t values (1, 'a'), (2, 'b')", [], undefined, true);
			await tx.query('insert into typed values ($1, $2, $3, $4)', [
				['x', 'y,z'],
				['x', { k: 1 }],
				new Uint8Array([1, 2]),
				new Date('2026-01-02T03:04:05Z')
			]);
			return tx.query("update t set v = 'c' where id = $1", [2]);
		});
		expect(res.affectedRows).toBe(1);
		const [row] = (await pg.query<Record<string, unknown>>('select * from typed')).rows;
		expect(row.a).toEqual(['x', 'y,z']);
		expect(row.j).toEqual(['x', { k: 1 }]);
		expect(row.b).toEqual(new Uint8Array([1, 2]));
		expect((row.d as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
	});

	it('delivers a notification once the commit is through, and none after a rollback', async () => {
		const heard: string[] = [];
		const unlisten = await wire.listen('news', (payload) => heard.push(payload));
		try {
			await run(async (tx) => {
				await tx.query("select pg_notify('news', $1)", ['kept']);
				expect(heard).toEqual([]);
			});
			await run(async (tx) => {
				await tx.query("select pg_notify('news', $1)", ['dropped']);
				throw new Error('no');
			}).catch(() => undefined);
			await vi.waitFor(() => expect(heard).toEqual(['kept']));
		} finally {
			await unlisten();
		}
	});

	it('gives a statement its own result, not one of those sent before it', async () => {
		const statement = () =>
			run(async (tx) => {
				await prepared.query(tx, settings, ['postgres', '{}'], undefined, true);
				// Nothing, as an empty statement answers: no rows, no fields.
				return prepared.query(tx, '', []);
			});
		await statement(); // prepared; the next one goes in one batch with the settings
		const res = await statement();
		expect(res.rows).toEqual([]);
		expect(res.fields).toEqual([]);
	});

	it('keeps statements in the order they were given', async () => {
		await run(async (tx) => {
			await prepared.query(tx, 'insert into t (id, v) values ($1, $2)', [1, 'a'], undefined, true);
			const [, second] = await Promise.all([
				tx.exec("update t set v = v || 'b'"),
				prepared.query<{ v: string }>(tx, 'select v from t where id = $1', [1])
			]);
			expect(second.rows).toEqual([{ v: 'ab' }]);
		});
	});
});
