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
//   console_first_pull  an agent's console pulling the site's latest 300 conversations with
//                       their messages and translations (10,000 conversations and 100,000
//                       messages stored), as src/lib/sync/engine.ts does on a new device
//   console_open_conversation  one conversation's latest 200 messages
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
/** Conversations of the demo site (10 messages each), at most VISITORS. */
const CONVERSATIONS = Math.min(VISITORS, Number(process.env.BENCH_GROWN_CONVERSATIONS ?? 10_000));
/** The seed's demo operator, owner of the demo site. */
const OWNER = 'd0000000-0000-4000-8000-000000000001';
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
	// The first 10,000 of them in a conversation each, 10 messages each, over the last week.
	const conversation = (n) => `('00000000-0000-4000-a000-' || lpad((${n})::text, 12, '0'))::uuid`;
	await db.exec(
		`insert into public.conversations (id, site_id, visitor_id, updated_at, last_message_at)
		 select ${conversation('g')}, '${SITE}', ${id}, now() - make_interval(mins => g),
		        now() - make_interval(mins => g)
		   from generate_series(1, ${CONVERSATIONS}) g`
	);
	await db.exec(
		`insert into public.messages (id, conversation_id, sender_id, sender_kind, body, created_at)
		 select gen_random_uuid(), ${conversation(`g % ${CONVERSATIONS} + 1`)},
		        ('00000000-0000-4000-9000-' || lpad((g % ${CONVERSATIONS} + 1)::text, 12, '0'))::uuid,
		        'visitor', 'message ' || g, now() - make_interval(secs => g * 6)
		   from generate_series(1, ${CONVERSATIONS * 10}) g`
	);
	await db.exec('set session_replication_role = origin');
	for (const table of [
		'realtime.messages',
		'auth.users',
		'public.visitors',
		'public.conversations',
		'public.messages'
	])
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

		// An agent's console signing in on a new device, as src/lib/sync/engine.ts pulls: the
		// site's latest 300 conversations, then their messages and translations 50 at a time;
		// then one conversation opened. Each request its own transaction as the owner, as the
		// REST API runs it (without the HTTP and JSON around it).
		const owner = { role: 'authenticated', claims: { role: 'authenticated', sub: OWNER } };
		const asOwner = async (sql, params) => {
			const start = performance.now();
			await db.asRole(owner, (tx) => tx.query(sql, params));
			return performance.now() - start;
		};
		const pulls = [];
		for (let round = 0; round < 4; round++) {
			let spent = await asOwner(
				`select * from public.conversations where site_id = $1 order by updated_at desc limit 300`,
				[SITE]
			);
			const { rows: latest } = await db.query(
				`select id::text as id from public.conversations where site_id = $1
				  order by updated_at desc limit 300`,
				[SITE]
			);
			for (let i = 0; i < latest.length; i += 50) {
				const ids = latest.slice(i, i + 50).map((r) => r.id);
				spent += await asOwner(
					`select * from public.messages where conversation_id = any ($1::uuid[])
					  order by created_at desc limit 1000`,
					[ids]
				);
				spent += await asOwner(
					`select * from public.message_translations where conversation_id = any ($1::uuid[])
					  order by created_at desc limit 1000`,
					[ids]
				);
			}
			pulls.push(spent);
		}
		const opens = [];
		for (let i = 0; i < 25; i++)
			opens.push(
				await asOwner(
					`select * from public.messages where conversation_id = $1
					  order by created_at desc limit 200`,
					[`00000000-0000-4000-a000-${String(i * 37 + 1).padStart(12, '0')}`]
				)
			);

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
			visitor_cleanup_p50: round(median(cleanups.slice(1))),
			conversations: CONVERSATIONS,
			console_first_pull_p50: round(median(pulls.slice(1))),
			console_open_conversation_p50: round(median(opens.slice(5)))
		};
		console.log(
			`a grown database, ${backend} (filled in ${fillS.toFixed(1)} s): ` +
				`${BROADCASTS} broadcasts, ${VISITORS} visitors\n` +
				`  private join's authorisation     p50 ${figures.join_authorisation_p50} ms\n` +
				`  janitor: ${run.dropped.length} partitions dropped, ${run.deleted} rows deleted: ` +
				`${prune.total} ms in all, longest statement ${prune.longest_statement} ms\n` +
				`  cleanup_idle_visitors()          p50 ${figures.visitor_cleanup_p50} ms\n` +
				`  a console's first pull           p50 ${figures.console_first_pull_p50} ms ` +
				`(${CONVERSATIONS} conversations, ${CONVERSATIONS * 10} messages)\n` +
				`  opening a conversation           p50 ${figures.console_open_conversation_p50} ms\n`
		);
		return { [backend === 'pglite' ? 'grown_database_ms' : 'grown_database_postgres_ms']: figures };
	} finally {
		await stop();
		await rm(dataDir, { recursive: true, force: true });
	}
}
