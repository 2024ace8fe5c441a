import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './db.ts';
import { dueTables, startVacuum, vacuumDue } from './vacuum.ts';

interface TableStats {
	n_dead_tup: number;
	last_vacuum: string | null;
	last_analyze: string | null;
	pages: number;
}

describe('vacuum for PGlite', () => {
	let db: Database;
	const stats = async (table: string) => {
		// Statistics reach the shared counters at most once a second unless flushed.
		await db.query('select pg_stat_force_next_flush()');
		await db.query('select 1');
		const { rows } = await db.query<TableStats>(
			`select n_dead_tup::int, last_vacuum::text, last_analyze::text,
			        pg_relation_size(relid)::int / 8192 as pages
			   from pg_stat_user_tables where relname = $1`,
			[table]
		);
		return rows[0];
	};

	beforeAll(async () => {
		db = await openPglite({ dataDir: 'memory://' });
		await db.exec(`
			create table public.counters (id int primary key, n int not null, at timestamptz);
			create index counters_at_idx on public.counters (at);
			create table public.quiet (id int primary key);
			insert into public.quiet values (1), (2), (3);`);
	}, 60_000);
	afterAll(() => db?.close());

	it('vacuums a table whose updates left dead rows, and analyzes it', async () => {
		await db.exec('insert into public.counters select g, 0, now() from generate_series(1, 300) g');
		// An indexed column changes, so none of these updates is HOT: each leaves a dead row.
		for (let i = 1; i <= 4; i++)
			await db.query(
				'update public.counters set n = $1::int, at = now() + make_interval(secs => $1::int)',
				[i]
			);
		const before = await stats('counters');
		expect(before.n_dead_tup).toBeGreaterThanOrEqual(1200);
		expect(before.last_vacuum).toBeNull();

		const due = await dueTables(db);
		expect(due).toContainEqual({ name: 'public.counters', vacuum: true, analyze: true });
		// Three rows inserted once are below every threshold.
		expect(due.map((t) => t.name)).not.toContain('public.quiet');

		expect(await vacuumDue(db)).toContain('public.counters');
		const after = await stats('counters');
		expect(after.n_dead_tup).toBe(0);
		expect(after.last_vacuum).not.toBeNull();
		expect(after.last_analyze).not.toBeNull();
		// The space is reused: more updates do not grow the table past what it was.
		await db.query("update public.counters set n = n + 1, at = at + interval '1 day'");
		expect((await stats('counters')).pages).toBeLessThanOrEqual(before.pages);

		// Nothing is due right after.
		await vacuumDue(db);
		expect((await dueTables(db)).map((t) => t.name)).not.toContain('public.counters');
	}, 60_000);

	it('analyzes a table that only grows without vacuuming it, and not again within minutes', async () => {
		await db.exec(`create table public.grows (id int primary key);
			insert into public.grows select generate_series(1, 5000);`);
		await db.query('select pg_stat_force_next_flush()');
		const due = await dueTables(db);
		expect(due).toContainEqual({ name: 'public.grows', vacuum: false, analyze: true });
		await vacuumDue(db);
		expect((await stats('grows')).last_analyze).not.toBeNull();
		expect((await stats('grows')).last_vacuum).toBeNull();
		await db.exec('insert into public.grows select generate_series(5001, 20000)');
		await db.query('select pg_stat_force_next_flush()');
		expect((await dueTables(db)).map((t) => t.name)).not.toContain('public.grows');
	}, 60_000);

	it('runs on a timer and waits for a pass in progress when stopped', async () => {
		for (let i = 0; i < 2; i++)
			await db.query("update public.counters set at = at + interval '1 hour'");
		await db.query('select pg_stat_force_next_flush()');
		const stop = startVacuum(db, { intervalMs: 20 });
		const deadline = Date.now() + 10_000;
		while ((await stats('counters')).n_dead_tup > 0 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 25));
		await stop();
		expect((await stats('counters')).n_dead_tup).toBe(0);
	}, 60_000);
});
