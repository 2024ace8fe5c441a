import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it, vi } from 'vitest';
import { openPglite, PGLITE_SHARED_BUFFERS } from './db.ts';

describe('openPglite', () => {
	it('starts Postgres with our shared_buffers, or the size it is given', async () => {
		for (const [given, want] of [
			[undefined, PGLITE_SHARED_BUFFERS],
			['16MB', '16MB']
		] as const) {
			const db = await openPglite({
				dataDir: 'memory://',
				...(given ? { sharedBuffers: given } : {})
			});
			try {
				const { rows } = await db.query<{ size: string }>(
					"select current_setting('shared_buffers') as size"
				);
				expect(rows[0].size).toBe(want);
				// PGlite's own start parameters are still there: one user, no parallel workers.
				const workers = await db.query<{ n: string }>(
					"select current_setting('max_worker_processes') as n"
				);
				expect(workers.rows[0].n).toBe('0');
			} finally {
				await db.close();
			}
		}
	}, 60_000);

	it('starts a new WAL segment without writing its 16 MB of zeros first', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'parley-wal-'));
		const db = await openPglite({ dataDir: dir });
		try {
			const wal = join(dir, 'pg_wal');
			const segments = async () =>
				(await readdir(wal)).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort();
			const before = await segments();
			await db.query('select pg_switch_wal()');
			await db.exec('create table t (x int); insert into t values (1)');
			const added = (await segments()).filter((name) => !before.includes(name));
			expect(added).toHaveLength(1);
			const file = await stat(join(wal, added[0]));
			expect(file.size).toBe(16 * 1024 * 1024);
			// Zero-filled, the file would take its whole size on disk; created at its size, it
			// takes only the pages written so far.
			expect(file.blocks * 512).toBeLessThan(file.size / 4);
		} finally {
			await db.close();
			await rm(dir, { recursive: true, force: true });
		}
	}, 60_000);

	it('runs a request as a role in two calls into PGlite: its statement with its settings, then commit', async () => {
		const db = await openPglite({ dataDir: 'memory://' });
		try {
			await db.exec(
				'create role authenticated; create table notes (id int primary key, body text)'
			);
			await db.exec('grant insert, select on notes to authenticated');
			const ctx = {
				role: 'authenticated',
				claims: { sub: '6a3c1f64-1b0e-4a56-9a67-7d5f1a1f2b3c', role: 'authenticated' },
				method: 'POST',
				path: '/rest/v1/notes'
			};
			const insert = (id: number) =>
				db.asRole(ctx, (tx) =>
					tx.query<{ id: number; who: string; sub: string }>(
						`insert into notes values ($1, 'hi')
						 returning id, current_user as who, current_setting('request.jwt.claim.sub') as sub`,
						[id],
						{ prepared: true }
					)
				);
			await insert(1); // prepares both statements
			const calls = vi.spyOn(PGlite.prototype, 'execProtocolRawStream');
			try {
				const res = await insert(2);
				expect(res.rows).toEqual([
					{ id: 2, who: 'authenticated', sub: '6a3c1f64-1b0e-4a56-9a67-7d5f1a1f2b3c' }
				]);
				expect(res.rowCount).toBe(1);
				expect(calls).toHaveBeenCalledTimes(2);
			} finally {
				calls.mockRestore();
			}
			// Settings are transaction-local: outside, the connection is itself again.
			const { rows } = await db.query<{ who: string }>('select current_user as who');
			expect(rows[0].who).toBe('postgres');
		} finally {
			await db.close();
		}
	});

	it('counts rows as node-postgres does: a select its rows, a write the rows it changed', async () => {
		const db = await openPglite({ dataDir: 'memory://' });
		try {
			await db.exec(
				'create table notes (id int primary key); insert into notes values (1), (2), (3)'
			);
			const counts = async (sql: { query: typeof db.query }) => [
				(await sql.query('select id from notes where id > $1', [1])).rowCount,
				(await sql.query('select id from notes where id > $1', [3])).rowCount,
				(await sql.query('update notes set id = id + 10 where id > $1', [1])).rowCount,
				(await sql.query('update notes set id = id where id < $1', [0])).rowCount,
				(await sql.query('delete from notes where id > $1 returning id', [11])).rowCount
			];
			expect(await counts(db)).toEqual([2, 0, 2, 0, 2]);
			await db.exec('truncate notes; insert into notes values (1), (2), (3)');
			expect(await db.transaction((tx) => counts(tx))).toEqual([2, 0, 2, 0, 2]);
			await db.exec('truncate notes; insert into notes values (1), (2), (3)');
			const prepared = await db.transaction(async (tx) => [
				(await tx.query('select id from notes where id > $1', [1], { prepared: true })).rowCount,
				(await tx.query('update notes set id = id where id > $1', [2], { prepared: true })).rowCount
			]);
			expect(prepared).toEqual([2, 1]);
		} finally {
			await db.close();
		}
	});
});
