// Live monitoring under load: simulated visitors on one site, each doing what the snippet
// does (src/embed/index.ts) with its own socket, and one agent's console watching the site's
// live list. Measures page view → the agent's `visitor` event, and the server's memory.
import { performance } from 'node:perf_hooks';
import { freePorts } from './app.js';
import { rssMb, START_WATCH_MS, startServer } from './stack.js';
import { join, makeSite, ORIGIN } from './world.js';

const { DEFAULT_ANON_KEY } = await import('../supabase/local/keys.ts');

const VISITORS = Number(process.env.BENCH_MONITOR_VISITORS ?? 2000);
/** New visitors per second while they arrive. */
const ARRIVALS_PER_SECOND = Number(process.env.BENCH_MONITOR_ARRIVALS ?? 40);
const SECONDS = Number(process.env.BENCH_MONITOR_SECONDS ?? 60);
const HEARTBEAT_INTERVAL_MS = 10_000;
/** A page view every third beat: every 30 s. */
const PAGE_VIEW_EVERY = 3;
export const MONITOR_BUDGET_P95_MS = 1000;
export const STACK_RSS_BUDGET_MB = 600;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) =>
	sorted.length
		? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
		: null;

/** One visitor's page: anonymous sign-in, page views, heartbeats and its visitor:<id> socket. */
class SimulatedVisitor {
	constructor(url, siteKey, index, onPageView) {
		this.url = url;
		this.siteKey = siteKey;
		this.index = index;
		this.onPageView = onPageView;
		this.page = 0;
		this.beats = 0;
		this.errors = 0;
	}

	async call(path, body, token = DEFAULT_ANON_KEY) {
		const res = await fetch(this.url + path, {
			method: 'POST',
			headers: {
				apikey: DEFAULT_ANON_KEY,
				authorization: 'Bearer ' + token,
				'content-type': 'application/json',
				origin: ORIGIN
			},
			body: JSON.stringify(body)
		});
		if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
		return res.json();
	}

	async pageView() {
		const page_url = `${ORIGIN}/v${this.index}/page-${++this.page}`;
		this.onPageView(page_url, performance.now());
		await this.call(
			'/rest/v1/rpc/record_page_view',
			{ site_key: this.siteKey, page_url, page_title: `Page ${this.page}` },
			this.token
		);
	}

	async start() {
		const session = await this.call('/auth/v1/signup', {});
		this.token = session.access_token;
		this.id = session.user.id;
		await this.pageView();
		this.socket();
		this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
	}

	socket() {
		const ws = new WebSocket(
			`${this.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${DEFAULT_ANON_KEY}&vsn=1.0.0`
		);
		this.ws = ws;
		const push = (topic, event, payload) =>
			ws.readyState === 1 &&
			ws.send(JSON.stringify({ topic, event, payload, ref: event, join_ref: 'phx_join' }));
		this.push = push;
		ws.onopen = () =>
			push('realtime:visitor:' + this.id, 'phx_join', {
				config: { private: true },
				access_token: this.token
			});
		ws.onmessage = (m) => {
			const { event, payload, ref } = JSON.parse(m.data);
			if (event === 'phx_reply' && ref === 'phx_join') this.joined = payload.status === 'ok';
		};
		ws.onerror = () => this.errors++;
	}

	async beat() {
		this.push?.('phoenix', 'heartbeat', {});
		try {
			if (++this.beats % PAGE_VIEW_EVERY === 0) await this.pageView();
			else await this.call('/rest/v1/rpc/visitor_heartbeat', {}, this.token);
		} catch {
			this.errors++;
		}
	}

	stop() {
		clearInterval(this.timer);
		this.ws?.close();
	}
}

/**
 * monitor_update_ms, monitor_visitors, stack_rss_mb and stack_rss_start_mb (or their _postgres
 * twins).
 */
export async function monitorBench(backend) {
	const server = await startServer({
		backend,
		app: true,
		port: await freePorts(43960, 44000),
		watchStartUp: true
	});
	const visitors = [];
	const sent = new Map();
	const samples = [];
	let measuring = false;
	let peakRss = 0;
	let agent;
	const rssTimer = setInterval(async () => {
		peakRss = Math.max(peakRss, await rssMb(await server.pids()));
	}, 1000);
	try {
		const site = await makeSite(server.url, { agents: 1 });
		agent = site.agents[0];
		// The console's site feed (src/lib/monitoring/site-feed.ts): private, with presence.
		await join(
			agent.client
				.channel(`site:${site.id}`, {
					config: { private: true, presence: { key: agent.id, enabled: true } }
				})
				.on('broadcast', { event: 'visitor' }, ({ payload }) => {
					const at = sent.get(payload?.current_url);
					if (at === undefined) return;
					sent.delete(payload.current_url);
					if (measuring) samples.push(performance.now() - at);
				})
		);
		const started = performance.now();
		for (let i = 0; i < VISITORS; i++) {
			const v = new SimulatedVisitor(server.url, site.key, i, (url, at) => sent.set(url, at));
			visitors.push(v);
			v.start().catch(() => v.errors++);
			await sleep(1000 / ARRIVALS_PER_SECOND);
		}
		const arrivedS = Math.round((performance.now() - started) / 1000);
		// Let the last arrivals settle, then measure a whole number of page-view rounds.
		await sleep(3000);
		measuring = true;
		await sleep(SECONDS * 1000);
		measuring = false;
		// Counted, not listed: one answer holds at most 1,000 rows (Supabase's max_rows).
		const { count: liveCount } = await agent.client.rpc(
			'live_visitors',
			{ site_id: site.id },
			{ count: 'exact', head: true }
		);
		const live = { length: liveCount };
		const sorted = samples.sort((a, b) => a - b);
		const r = (x) => (x === null ? null : Math.round(x));
		const figures = {
			p50: r(percentile(sorted, 50)),
			p95: r(percentile(sorted, 95)),
			max: r(sorted[sorted.length - 1] ?? null),
			page_views: sorted.length
		};
		const joined = visitors.filter((v) => v.joined).length;
		const errors = visitors.reduce((n, v) => n + v.errors, 0);
		const suffix = backend === 'postgres' ? '_postgres' : '';
		console.log(
			`monitoring, ${backend}${server.app ? ', app server and stack' : ', stack only (no build)'}: ` +
				`${VISITORS} visitors arrived in ${arrivedS} s, ${joined} sockets joined, ${live.length ?? '?'} in the live list, ` +
				`${errors} failed requests; page view → agent p50 ${figures.p50} ms, p95 ${figures.p95} ` +
				`(budget ${MONITOR_BUDGET_P95_MS}), max ${figures.max}, over ${figures.page_views} page views in ${SECONDS} s; ` +
				`peak resident memory ${peakRss} MB (budget ${STACK_RSS_BUDGET_MB})\n`
		);
		const startPeak = await server.startPeakMb();
		console.log(
			`start-up: peak resident memory ${startPeak} MB from the server's spawn to ` +
				`${START_WATCH_MS / 1000} s after it answered (sampled every 0.1 s; report)\n`
		);
		return {
			[`stack_rss_start${suffix}_mb`]: startPeak,
			[`monitor_update${suffix}_ms`]: figures,
			[`monitor_visitors${suffix}`]: liveCount ?? 0,
			[`stack_rss${suffix}_mb`]: peakRss
		};
	} finally {
		clearInterval(rssTimer);
		for (const v of visitors) v.stop();
		if (agent) {
			await agent.client.removeAllChannels();
			agent.client.realtime.disconnect();
		}
		await server.stop();
	}
}
