// A database that has run for days: what the statements whose cost could grow with a table
// cost once the tables are big, on the stack's own database (migrations and seed), without
// HTTP in front. The other benchmarks start from an empty database, where such a cost cannot
// show (bench/README.md, "A stack that has run for days").
//   join_authorisation  a private channel's join check (supabase/local/realtime/authorization.ts)
//                       with 200,000 broadcasts stored in realtime.messages
//   prune               the realtime janitor's run: the day partitions past retention dropped
//                       (the rows are spread over 8 days' partitions, as a stack that ran all
//                       week has them), in all and its longest statement (on PGlite, the
//                       longest time in which no other request is served)
//   visitor_cleanup     cleanup_idle_visitors() with 200,000 visitors, none past retention
// With --backend postgres it always starts an embedded PostgreSQL of its own, DATABASE_URL or
// not: it writes 400,000 made-up rows.
import { performance } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../scripts/lib/postgres.js';

const { openPglite, openPostgres } = await import('../supabase/local/db.ts');
const { migrate } = await import('../supabase/local/migrate.ts');
const { loadConfig } = await import('../supabase/local/config.ts');
const { readPolicies } = await import('../supabase/local/realtime/authorization.ts');
const { createDayPartition, maintainMessages } =
	await import('../supabase/local/realtime/janitor.ts');

const BROADCASTS = Number(process.env.BENCH_GROWN_BROADCASTS ?? 200_000);
const VISITORS = Number(process.env.BENCH_GROWN_VISITORS ?? 200_000);
/** The seed's demo site (supabase/seed.sql). */
const SITE = 'd0000000-0000-4000-8000-0000000000a1';
const round = (x) => Math.round(x * 100) / 100;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function open(backend) {
	if (backend === 'pglite') {
		const db = await openPglite({ dataDir: 'memory://' });
		return { db, stop: () => db.close() };
	}
	const pg = await startEmbeddedPostgres();
	const db = await openPostgres(pg.url, 2);
	return {
		db,
		stop: async () => {
			await db.close();
			await pg.stop();
		}
	};
}

/** Times every statement sent through db.query; `longest` is the slowest since the last reset. */
function timed(db) {
	const query = db.query.bind(db);
	const t = { longest: 0 };
	db.query = async (...args) => {
		const start = performance.now();
		try {
			return await query(...args);
		} finally {
			t.longest = Math.max(t.longest, performance.now() - start);
		}
	};
	return t;
}

async function fill(db) {
	// The day partitions a stack that ran all week has.
	const { rows } = await db.query(
		`select (now()::timestamp::date - g)::text as day from generate_series(0, 7) g`
	);
	for (const { day } of rows) await createDayPartition(db, day);
	// Made-up rows, so without their triggers (the broadcasts' NOTIFY above all).
	await db.exec('set session_replication_role = replica');
	// Broadcasts spread evenly over the last 144 hours: half of them past the 72-hour retention.
	await db.exec(
		`insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
		 select 'conversation:' || (g % 2000), 'broadcast', 'message',
		        jsonb_build_object('id', gen_random_uuid(), 'body', repeat('x', 200)), g % 50 <> 0,
		        now()::timestamp - make_interval(secs => 144 * 3600.0 * g / ${BROADCASTS} - 60)
		   from generate_series(1, ${BROADCASTS}) g`
	);
	// Anonymous visitors of the demo site seen over the last 14 days (its retention is 30).
	const id = `('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid`;
	await db.exec(
		`insert into auth.users (id, instance_id, aud, role, is_anonymous, created_at)
		 select ${id}, '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated',
		        true, now() - make_interval(mins => g % 20000)
		   from generate_series(1, ${VISITORS}) g`
	);
	await db.exec(
		`insert into public.visitors (id, site_id, created_at, last_seen_at, current_url)
		 select ${id}, '${SITE}', now() - make_interval(mins => g % 20000),
		        now() - make_interval(mins => g % 20000), 'http://localhost:5173/'
		   from generate_series(1, ${VISITORS}) g`
	);
	await db.exec('set session_replication_role = origin');
	for (const table of ['realtime.messages', 'auth.users', 'public.visitors'])
		await db.exec(`vacuum analyze ${table}`);
}

export async function grownBench(backend = 'pglite') {
	const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
	const config = await loadConfig({}, { host: '127.0.0.1', port: 0, dataDir });
	const { db, stop } = await open(backend);
	try {
		await migrate(db, { supabaseDir: config.supabaseDir, seed: true, log: () => undefined });
		const filling = performance.now();
		await fill(db);
		const fillS = (performance.now() - filling) / 1000;
		const t = timed(db);

		const ctx = {
			role: 'authenticated',
			claims: { role: 'authenticated', sub: '00000000-0000-4000-9000-000000000001' }
		};
		const joins = [];
		for (let i = 0; i < 25; i++) {
			const start = performance.now();
			await readPolicies(db, ctx, `conversation:${i}`);
			joins.push(performance.now() - start);
		}

		const cleanups = [];
		for (let i = 0; i < 5; i++) {
			const start = performance.now();
			await db.query('select public.cleanup_idle_visitors(1000)');
			cleanups.push(performance.now() - start);
		}

		t.longest = 0;
		const pruning = performance.now();
		const run = await maintainMessages(db);
		const prune = {
			partitions_dropped: run.dropped.length,
			rows_deleted: run.deleted,
			total: round(performance.now() - pruning),
			longest_statement: round(t.longest)
		};

		const figures = {
			broadcasts: BROADCASTS,
			visitors: VISITORS,
			join_authorisation_p50: round(median(joins.slice(5))),
			prune,
			visitor_cleanup_p50: round(median(cleanups.slice(1)))
		};
		console.log(
			`a grown database, ${backend} (filled in ${fillS.toFixed(1)} s): ` +
				`${BROADCASTS} broadcasts, ${VISITORS} visitors\n` +
				`  private join's authorisation     p50 ${figures.join_authorisation_p50} ms\n` +
				`  janitor: ${run.dropped.length} partitions dropped, ${run.deleted} rows deleted: ` +
				`${prune.total} ms in all, longest statement ${prune.longest_statement} ms\n` +
				`  cleanup_idle_visitors()          p50 ${figures.visitor_cleanup_p50} ms\n`
		);
		return { [backend === 'pglite' ? 'grown_database_ms' : 'grown_database_postgres_ms']: figures };
	} finally {
		await stop();
		await rm(dataDir, { recursive: true, force: true });
	}
}
