// Messages through the whole path, as the product sends and receives them: the sender's
// supabase-js upsert into public.messages over REST (RLS, the triggers: rate limit, the
// conversation's preview and unread counters, push outbox, realtime.send to
// conversation:<id> and site:<id>), then the stack's delivery over realtime to the other
// side's private conversation:<id> channel. See bench/README.md for how it is simulated.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { freePorts } from './app.js';
import { cpuMs, cpuSpent, startServer } from './stack.js';
import { closeAll, join, makeSite, pool, visitor, watchChannel } from './world.js';

const MESSAGE_COLUMNS =
	'id,conversation_id,sender_id,sender_kind,kind,body,attachment,created_at,delivered_at,read_at,internal,to_agent_id';
const LEVELS = (process.env.BENCH_MESSAGE_LEVELS ?? '1,100,1000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_MESSAGE_SECONDS ?? 30);
const PERIOD_MS = 5000;
/** Conversations one agent's console has open at once (its share of the load). */
const PER_AGENT = Number(process.env.BENCH_CONVERSATIONS_PER_AGENT ?? 10);
const THROUGHPUT_CONVERSATIONS = Number(process.env.BENCH_THROUGHPUT_CONVERSATIONS ?? 1000);
const THROUGHPUT_STEPS = (
	process.env.BENCH_THROUGHPUT_STEPS ?? '100,200,400,550,700,850,1000,1400,2000,2800,3500'
)
	.split(',')
	.map(Number);
const STEP_SECONDS = Number(process.env.BENCH_THROUGHPUT_STEP_SECONDS ?? 8);
/**
 * How the consoles follow the site channel: `socket` (a socket each that counts the frames
 * without decoding them, see watchChannel) or `supabase-js` (the consoles' own clients, which
 * decode every frame on this machine, as the figures before 2026-12-06 were taken).
 */
const SITE_WATCHERS = process.env.BENCH_SITE_WATCHERS ?? 'socket';
if (!['socket', 'supabase-js'].includes(SITE_WATCHERS))
	throw new Error(`BENCH_SITE_WATCHERS must be socket or supabase-js, not ${SITE_WATCHERS}`);
const P99_LIMIT_MS = 100;
/**
 * Messages sent through the whole path on a fresh server before any level is measured: V8
 * compiles the stack's JavaScript and PGlite's WebAssembly with its optimizing tiers only
 * once a path has run often, and a server in use has run it thousands of times. Without this
 * the level of 1 (one message every 5 s) measured the compilers, not the path.
 */
const WARMUP_MESSAGES = Number(process.env.BENCH_MESSAGE_WARMUP ?? 400);
const WARMUP_CONVERSATIONS = 20;
export const LATENCY_BUDGETS = { pglite: { p50_1: 5, p99_1000: 50 }, postgres: { p99_1000: 30 } };
export const THROUGHPUT_BUDGETS = { pglite: 1000, postgres: 3000 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x) => Math.round(x * 100) / 100;

function percentile(sorted, p) {
	if (!sorted.length) return null;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(samples) {
	const s = [...samples].sort((a, b) => a - b);
	return {
		p50: round(percentile(s, 50)),
		p95: round(percentile(s, 95)),
		p99: round(percentile(s, 99)),
		max: round(s[s.length - 1] ?? NaN)
	};
}

/**
 * `conversations` visitors with a conversation each, their widgets joined to it, and agents
 * whose consoles are joined to the site channel and to their share of the conversations.
 */
async function makeWorld(url, conversations) {
	const agentCount = Math.max(1, Math.ceil(conversations / PER_AGENT));
	const site = await makeSite(url, { agents: agentCount });
	const world = { site, conversations: [], watchers: [], onMessage: () => {} };
	// Each console also follows the site channel, where every message's conversation event goes.
	world.watchers = await pool(site.agents, 8, async (agent) => {
		if (SITE_WATCHERS === 'socket')
			return watchChannel(url, agent.token, `site:${site.id}`, 'conversation');
		const watcher = { count: 0, errors: 0, close() {} };
		await join(
			agent.client
				.channel(`site:${site.id}`, { config: { private: true } })
				.on('broadcast', { event: 'conversation' }, () => watcher.count++)
		);
		return watcher;
	});
	world.conversations = await pool(Array.from({ length: conversations }), 16, async (_, i) => {
		const v = await visitor(url, site);
		const { data, error } = await v.client.rpc('start_conversation', {});
		if (error) throw new Error(`start_conversation: ${error.message}`);
		const id = data.conversation_id;
		const agent = site.agents[i % agentCount];
		const conv = { id, visitor: v, agent, turn: 0 };
		const listen = (client, side) =>
			join(
				client
					.channel(`conversation:${id}`, {
						config: { private: true, broadcast: { self: false } }
					})
					.on('broadcast', { event: 'message' }, ({ payload }) => world.onMessage(side, payload))
			);
		await listen(v.client, 'visitor');
		await listen(agent.client, 'agent');
		return conv;
	});
	world.close = () => {
		for (const w of world.watchers) w.close();
		return closeAll([
			...world.conversations.map((c) => c.visitor.client),
			...site.agents.map((a) => a.client),
			site.owner.client
		]);
	};
	return world;
}

/**
 * Every conversation sends one message every `periodMs`, visitor and agent in turn, for
 * `seconds` after `warmupSeconds`; each conversation starts at its own offset within the period.
 * Resolves to the latencies (send → the other side's channel) of messages sent after warm-up.
 */
async function drive(world, { periodMs, seconds, warmupSeconds }) {
	const pending = new Map();
	const samples = [];
	const rest = [];
	let sent = 0;
	let sentAll = 0;
	let failed = 0;
	let failedAll = 0;
	let firstError = null;
	const heardBefore = world.watchers.map((w) => w.count);
	const begin = performance.now();
	const countFrom = begin + warmupSeconds * 1000;
	const end = countFrom + seconds * 1000;
	world.onMessage = (side, payload) => {
		const p = pending.get(payload?.id);
		if (!p || p.side === side) return;
		pending.delete(payload.id);
		if (p.counted) samples.push(performance.now() - p.at);
	};
	const elu = performance.eventLoopUtilization();
	const n = world.conversations.length;
	await Promise.all(
		world.conversations.map(async (c, i) => {
			let next = begin + (i / n) * periodMs + Math.random() * Math.min(50, periodMs / 10);
			for (;;) {
				const wait = next - performance.now();
				if (wait > 0) await sleep(wait);
				if (performance.now() >= end) return;
				next += periodMs;
				const side = c.turn++ % 2 === 0 ? 'visitor' : 'agent';
				const who = side === 'visitor' ? c.visitor : c.agent;
				const id = randomUUID();
				const at = performance.now();
				const counted = at >= countFrom;
				pending.set(id, { at, side, counted });
				sentAll++;
				if (counted) sent++;
				// What sendMessage (src/lib/conversations/api.ts) sends: an idempotent upsert.
				void who.client
					.from('messages')
					.upsert(
						{
							id,
							conversation_id: c.id,
							sender_id: who.id,
							sender_kind: side,
							body: `Message ${c.turn} of conversation ${i}`
						},
						{ onConflict: 'id', ignoreDuplicates: true }
					)
					.select(MESSAGE_COLUMNS)
					.then(({ error }) => {
						if (counted) rest.push(performance.now() - at);
						if (error) {
							pending.delete(id);
							failedAll++;
							if (counted) failed++;
							firstError ??= `${error.code}: ${error.message}`;
						}
					});
			}
		})
	);
	// Deliveries still on their way get a moment before they count as lost.
	const drainEnd = performance.now() + 5000;
	while ([...pending.values()].some((p) => p.counted) && performance.now() < drainEnd)
		await sleep(50);
	const lost = [...pending.values()].filter((p) => p.counted).length;
	world.onMessage = () => {};
	// Every stored message changed its conversation, and every console hears that on site:<id>.
	const stored = sentAll - failedAll;
	const unheard = () =>
		world.watchers.reduce((sum, w, i) => sum + Math.max(0, stored - (w.count - heardBefore[i])), 0);
	while (unheard() > 0 && performance.now() < drainEnd + 2000) await sleep(50);
	const busy = performance.eventLoopUtilization(elu).utilization;
	return {
		samples,
		sent,
		sentAll,
		failed,
		lost,
		stored,
		siteUnheard: unheard(),
		siteErrors: world.watchers.reduce((sum, w) => sum + w.errors, 0),
		firstError,
		rest,
		seconds: (end - countFrom) / 1000,
		generatorBusy: Math.round(busy * 100) / 100
	};
}

/** What the consoles missed of the site channel's conversation events, for the log. */
const siteHeard = (r, world) =>
	`${r.siteUnheard} of ${r.stored * world.watchers.length} site events unheard` +
	(r.siteErrors ? `, ${r.siteErrors} channel errors` : '');

/** Ports 43960–43999 (the video bench uses 43950–43959). */
const benchPort = () => freePorts(43960, 44000);

const suffix = (backend) => (backend === 'postgres' ? '_postgres' : '');

/** Sends WARMUP_MESSAGES through the whole path at 100/s on their own world; nothing is kept. */
async function warmUp(url) {
	if (WARMUP_MESSAGES <= 0) return;
	const world = await makeWorld(url, WARMUP_CONVERSATIONS);
	try {
		const rate = 100;
		const r = await drive(world, {
			periodMs: (WARMUP_CONVERSATIONS / rate) * 1000,
			seconds: WARMUP_MESSAGES / rate,
			warmupSeconds: 0
		});
		if (r.failed || r.lost)
			throw new Error(`warm-up: ${r.failed} refused, ${r.lost} lost (${r.firstError})`);
	} finally {
		await world.close();
	}
}

/** message_latency_ms (or _postgres_ms): p50/p95/p99 at 1, 100 and 1,000 conversations. */
export async function messageLatencyBench(backend) {
	const server = await startServer({ backend, port: await benchPort() });
	const figures = {};
	try {
		await warmUp(server.url);
		for (const n of LEVELS) {
			const started = performance.now();
			const world = await makeWorld(server.url, n);
			const setupS = Math.round((performance.now() - started) / 100) / 10;
			try {
				const r = await drive(world, { periodMs: PERIOD_MS, seconds: SECONDS, warmupSeconds: 5 });
				figures[String(n)] = {
					...stats(r.samples),
					messages: r.samples.length,
					lost: r.lost,
					failed: r.failed,
					site_unheard: r.siteUnheard,
					rest_p50: stats(r.rest).p50
				};
				console.log(
					`messages, ${backend}, ${n} conversations (${world.site.agents.length} agents, set up in ${setupS} s): ` +
						`p50 ${figures[n].p50} ms, p95 ${figures[n].p95}, p99 ${figures[n].p99}, max ${figures[n].max} ` +
						`over ${r.samples.length} messages (${r.lost} lost, ${r.failed} refused${r.firstError ? `: ${r.firstError}` : ''}, ` +
						`${siteHeard(r, world)}); ` +
						`REST answer p50 ${figures[n].rest_p50} ms; load generator busy ${r.generatorBusy}`
				);
			} finally {
				await world.close();
			}
		}
	} finally {
		await server.stop();
	}
	const b = LATENCY_BUDGETS[backend];
	console.log(
		`budgets: ${b.p50_1 ? `p50 ≤ ${b.p50_1} ms at 1; ` : ''}p99 ≤ ${b.p99_1000} ms at 1,000\n`
	);
	return { [`message_latency${suffix(backend)}_ms`]: figures };
}

/** message_throughput_max (or _postgres): the highest offered rate with p99 ≤ 100 ms. */
export async function throughputBench(backend) {
	const server = await startServer({ backend, port: await benchPort() });
	const steps = [];
	let best = 0;
	try {
		const world = await makeWorld(server.url, THROUGHPUT_CONVERSATIONS);
		try {
			for (const rate of THROUGHPUT_STEPS) {
				const periodMs = (THROUGHPUT_CONVERSATIONS / rate) * 1000;
				const cpuBefore = await cpuMs(await server.pids());
				const databaseBefore = await cpuMs(await server.databasePids());
				const generatorBefore = process.cpuUsage();
				const r = await drive(world, { periodMs, seconds: STEP_SECONDS, warmupSeconds: 2 });
				// The server's CPU per message (stack, app, database): steadier than latency on a
				// shared machine, so it shows what a change to the path costs or saves.
				const generator = process.cpuUsage(generatorBefore);
				const cpuPerMessage =
					Math.round((cpuSpent(cpuBefore, await cpuMs(await server.pids())) / r.sentAll) * 100) /
					100;
				// Of which the database's: PostgreSQL's processes or PGlite's thread.
				const databaseCpuPerMessage =
					Math.round(
						(cpuSpent(databaseBefore, await cpuMs(await server.databasePids())) / r.sentAll) * 100
					) / 100;
				// The load generator's own CPU (this process, all its threads) in the same window.
				const generatorCpuPerMessage =
					Math.round(((generator.user + generator.system) / 1000 / r.sentAll) * 100) / 100;
				const s = stats(r.samples);
				const achieved = Math.round(r.samples.length / r.seconds);
				const held =
					s.p99 !== null &&
					s.p99 <= P99_LIMIT_MS &&
					r.lost + r.failed <= r.sent * 0.001 &&
					r.siteUnheard + r.siteErrors <= r.stored * world.watchers.length * 0.001 &&
					achieved >= rate * 0.95;
				steps.push({
					offered: rate,
					achieved,
					...s,
					lost: r.lost,
					failed: r.failed,
					site_unheard: r.siteUnheard,
					server_cpu_ms_per_message: cpuPerMessage,
					database_cpu_ms_per_message: databaseCpuPerMessage,
					generator_cpu_ms_per_message: generatorCpuPerMessage
				});
				console.log(
					`throughput, ${backend}: offered ${rate}/s, delivered ${achieved}/s, p50 ${s.p50} ms, ` +
						`p99 ${s.p99}, ${r.lost} lost, ${r.failed} refused${r.firstError ? ` (${r.firstError})` : ''}, ` +
						`${siteHeard(r, world)}; ` +
						`server CPU ${cpuPerMessage} ms per message (database ${databaseCpuPerMessage}), ` +
						`generator ${generatorCpuPerMessage} (busy ${r.generatorBusy})` +
						(held ? '' : ' — not sustained')
				);
				if (!held) break;
				best = achieved;
				// Let queues empty before the next step.
				await sleep(1000);
			}
		} finally {
			await world.close();
		}
	} finally {
		await server.stop();
	}
	console.log(
		`message_throughput_max${suffix(backend)}: ${best}/s (budget ${THROUGHPUT_BUDGETS[backend]})\n`
	);
	return {
		[`message_throughput_max${suffix(backend)}`]: best,
		[`message_throughput_steps${suffix(backend)}`]: steps
	};
}
