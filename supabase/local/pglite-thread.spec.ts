import { readdirSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from './db.ts';
import { DATABASE_THREAD_NAME, openPgliteThread } from './pglite-thread.ts';

/** Every database thread this file starts, so a test can end one as a crash would. */
const threads = vi.hoisted(() => [] as Worker[]);
vi.mock('node:worker_threads', async (original) => {
	const { withTrackedWorker } = await import('./tracked-worker.ts');
	return withTrackedWorker(await original<typeof import('node:worker_threads')>(), threads);
});

describe('openPgliteThread', () => {
	let db: Awaited<ReturnType<typeof openPgliteThread>>;
	beforeAll(async () => {
		db = await openPgliteThread({ dataDir: 'memory://' });
		await db.exec(`
			create table t (id int primary key, note text);
			create table d (id int primary key,
				parent int references t (id) deferrable initially deferred);
			create role reader;
			grant select on t to reader;
		`);
	}, 60_000);
	afterAll(() => db?.close());

	it('names its thread, so top -H and /proc tell its CPU time from the main thread', () => {
		const names = readdirSync('/proc/self/task').map((tid) =>
			readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()
		);
		expect(names.filter((name) => name === DATABASE_THREAD_NAME)).toHaveLength(1);
	});

	it('gives rows with their types as they are on the main thread', async () => {
		const { rows, fields, rowCount } = await db.query<Record<string, unknown>>(
			`select 1 as n, 'x'::text as s, '2026-12-05T10:00:00Z'::timestamptz as at,
				$1::bytea as bytes, '{"a":[1,2]}'::jsonb as doc, array[1,2] as list`,
			[new Uint8Array([1, 2, 255])]
		);
		expect(rows).toEqual([
			{
				n: 1,
				s: 'x',
				at: new Date('2026-12-05T10:00:00Z'),
				bytes: new Uint8Array([1, 2, 255]),
				doc: { a: [1, 2] },
				list: [1, 2]
			}
		]);
		expect(fields.map((f) => f.name)).toEqual(['n', 's', 'at', 'bytes', 'doc', 'list']);
		expect(rowCount).toBe(1); // a select counts its rows, as node-postgres counts them
		const raw = await db.query(`select '{"a": 1}'::jsonb as doc`, [], { jsonAsText: true });
		expect(raw.rows[0].doc).toBe('{"a": 1}');
	});

	it('throws a Postgres error with its SQLSTATE and fields, and goes on working', async () => {
		expect((await db.query(`insert into t values (1, 'one')`)).rowCount).toBe(1);
		const err = await db.query(`insert into t values (1, 'again')`).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(Error);
		expect(err).toMatchObject({
			code: '23505',
			message: 'duplicate key value violates unique constraint "t_pkey"',
			detail: 'Key (id)=(1) already exists.',
			constraint: 't_pkey'
		});
		expect((await db.query('select count(*)::int as n from t')).rows).toEqual([{ n: 1 }]);
	});

	it('refuses a parameter that cannot cross to the thread, and goes on working', async () => {
		await expect(db.query('select $1::text', [() => 'no'])).rejects.toThrow(/could not be cloned/);
		expect((await db.query('select 2 as n')).rows).toEqual([{ n: 2 }]);
	});

	it('commits a transaction, and rolls it back when its function throws', async () => {
		const value = await db.transaction(async (tx) => {
			await tx.query(`insert into t values (2, 'two')`);
			return (await tx.query<{ n: number }>('select count(*)::int as n from t')).rows[0].n;
		});
		expect(value).toBe(2);
		await expect(
			db.transaction(async (tx) => {
				await tx.query(`insert into t values (3, 'three')`);
				throw new Error('changed my mind');
			})
		).rejects.toThrow('changed my mind');
		const ids = await db.query<{ id: number }>('select id from t order by id');
		expect(ids.rows.map((r) => r.id)).toEqual([1, 2]);
	});

	it('fails the transaction whose commit fails, and keeps nothing of it', async () => {
		await expect(
			db.transaction((tx) => tx.query('insert into d values (1, 99)'))
		).rejects.toMatchObject({ code: '23503' });
		expect((await db.query('select count(*)::int as n from d')).rows).toEqual([{ n: 0 }]);
	});

	it('fails every statement of a transaction whose prelude fails', async () => {
		const statements: unknown[] = [];
		await expect(
			db.transaction(
				async (tx) => {
					statements.push(await tx.query('select 1').catch((e: unknown) => e));
					return 'done';
				},
				{ prelude: 'select no_such_column' }
			)
		).rejects.toMatchObject({ code: '42703' });
		expect(statements[0]).toMatchObject({ code: '42703' });
		expect((await db.query('select 3 as n')).rows).toEqual([{ n: 3 }]);
	});

	it('runs a role transaction with the request context, and rolls it back when asked', async () => {
		const seen = await db.asRole(
			{ role: 'reader', claims: { role: 'reader', sub: 'user-1' }, method: 'GET', path: '/x' },
			async (tx) =>
				(
					await tx.query<{ who: string; sub: string; method: string }>(
						`select current_user as who, current_setting('request.jwt.claim.sub') as sub,
							current_setting('request.method') as method`
					)
				).rows[0]
		);
		expect(seen).toEqual({ who: 'reader', sub: 'user-1', method: 'GET' });
		await expect(
			db.asRole({ role: 'reader', claims: { role: 'reader' } }, (tx) =>
				tx.query(`insert into t values (9, 'nine')`)
			)
		).rejects.toMatchObject({ code: '42501' });
		const kept = await db.asRole(
			{ role: 'postgres', claims: null },
			async (tx) => (await tx.query(`insert into t values (4, 'four')`)).rowCount,
			{ rollback: true }
		);
		expect(kept).toBe(1);
		expect((await db.query('select count(*)::int as n from t where id = 4')).rows).toEqual([
			{ n: 0 }
		]);
	});

	it('keeps statements from outside a transaction out of it until it ends', async () => {
		let release!: () => void;
		const held = new Promise<void>((done) => (release = done));
		const tx = db.transaction(async (sql) => {
			await sql.query(`insert into t values (5, 'five')`);
			await held;
			await sql.query(`insert into t values (6, 'six')`);
		});
		// Sent while the transaction is open: it waits, then sees both rows.
		const outside = db.query<{ n: number }>('select count(*)::int as n from t where id >= 5');
		await new Promise((done) => setTimeout(done, 50));
		release();
		await tx;
		expect((await outside).rows).toEqual([{ n: 2 }]);
	});

	it('delivers notifications after commit until the listener leaves', async () => {
		const heard: string[] = [];
		const stop = await db.listen('parley_test', (payload) => heard.push(payload));
		await db.transaction(async (tx) => {
			await tx.query(`select pg_notify('parley_test', 'first')`);
			expect(heard).toEqual([]);
		});
		await db.query(`select pg_notify('parley_test', 'second')`);
		await expect.poll(() => heard).toEqual(['first', 'second']);
		await stop();
		await db.query(`select pg_notify('parley_test', 'third')`);
		await db.query('select 1');
		expect(heard).toEqual(['first', 'second']);
	});

	it('keeps answering when a listener throws', async () => {
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		try {
			const heard: string[] = [];
			const stopBad = await db.listen('parley_bad', () => {
				throw new Error('listener bug');
			});
			const stopGood = await db.listen('parley_bad', (payload) => heard.push(payload));
			const { rows } = await db.query<{ n: number }>(
				`select 7 as n from pg_notify('parley_bad', 'x')`
			);
			expect(rows).toEqual([{ n: 7 }]);
			await expect.poll(() => heard).toEqual(['x']);
			expect(quiet).toHaveBeenCalledWith('a listener of parley_bad failed:', expect.any(Error));
			await stopBad();
			await stopGood();
		} finally {
			quiet.mockRestore();
		}
	});

	it('refuses a procedure the thread does not know, and goes on working', async () => {
		await expect(
			db.runProcedure('no.such' as Parameters<typeof db.runProcedure>[0], [])
		).rejects.toThrow('no procedure no.such on the database thread');
		expect((await db.query('select 4 as n')).rows).toEqual([{ n: 4 }]);
	});

	it('dumps a database another thread can start from', async () => {
		const copy: Database = await openPgliteThread({
			dataDir: 'memory://',
			loadDataDir: await db.dump()
		});
		try {
			const { rows } = await copy.query<{ id: number }>('select id from t order by id');
			expect(rows.map((r) => r.id)).toEqual([1, 2, 5, 6]);
		} finally {
			await copy.close();
		}
	}, 60_000);

	it('refuses statements once closed', async () => {
		const other = await openPgliteThread({ dataDir: 'memory://' });
		await other.close();
		await expect(other.query('select 1')).rejects.toThrow('the database thread is closed');
	}, 60_000);

	it("rejects the open of a database that cannot start, with PGlite's reason", async () => {
		await expect(openPgliteThread({ dataDir: 'memory://', sharedBuffers: 'lots' })).rejects.toThrow(
			/PGlite failed to initialize/
		);
	}, 60_000);

	it('tells its owner once when the thread dies, and fails every statement with why', async () => {
		const lost: Error[] = [];
		const other = await openPgliteThread({
			dataDir: 'memory://',
			onLost: (reason) => lost.push(reason)
		});
		expect((await other.query('select 1 as n')).rows).toEqual([{ n: 1 }]);
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		try {
			// A statement in flight when the thread ends is answered with the reason too.
			const inFlight = other.query('select pg_sleep(0.5)');
			await threads.at(-1)!.terminate();
			await expect(inFlight).rejects.toThrow('the database thread exited (code 1)');
			await expect(other.query('select 1')).rejects.toThrow('the database thread exited (code 1)');
			expect(lost.map((e) => e.message)).toEqual(['the database thread exited (code 1)']);
		} finally {
			errors.mockRestore();
		}
		await other.close();
		expect(lost).toHaveLength(1);
	}, 60_000);

	it('says nothing of a loss when it is closed on purpose', async () => {
		const onLost = vi.fn();
		const other = await openPgliteThread({ dataDir: 'memory://', onLost });
		await other.close();
		expect(onLost).not.toHaveBeenCalled();
	}, 60_000);
});
