#!/usr/bin/env node
// Every benchmark of bench/README.md, or the ones named: prints a table and writes
// bench/results/latest.json and a dated copy beside it. Loopback only; each benchmark is
// bounded in time (BENCH_LIMIT_S, 20 minutes each by default) and stops what it started.
// Usage: npm run bench [-- --only <name>[,<name>…]] [-- --backend pglite|postgres]
//   names: snippet widget console video translation realtime pages messages throughput monitor
//          grown
//   --backend postgres runs the database-bound ones (messages throughput monitor grown) on real
//   PostgreSQL: DATABASE_URL if set, else an embedded PostgreSQL started for the run.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { createClient } from '@supabase/supabase-js';
import {
	SNIPPET_MAIN_THREAD_BUDGET_MS,
	widgetBench,
	WIDGET_BUDGET_GZIP_BYTES,
	WIDGET_OPEN_BUDGET_MS
} from './widget.js';
import {
	consoleBench,
	CONSOLE_COLD_START_BUDGET_MS,
	CONSOLE_OPEN_CONVERSATION_BUDGET_MS
} from './console.js';
import { videoBench, VIDEO_MERGE_BUDGET_MS } from './video.js';
import { translateBench, TRANSLATION_BUDGET_MS } from './translate.js';
import { messageLatencyBench, throughputBench } from './messages.js';
import { monitorBench } from './monitor.js';
import { grownBench } from './grown.js';
import { parseArgs } from './args.js';
import { yardstick } from './yardstick.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const PAYLOAD = { text: 'How can I help you today?', at: 0 };
const TIMEOUT_MS = 5000;

// The per-socket flood limit would close a benchmark that sends back to back.
process.env.PARLEY_REALTIME_MAX_EVENTS_PER_SECOND = '1000000';

const { loadConfig } = await import('../supabase/local/config.ts');
const { DEFAULT_ANON_KEY } = await import('../supabase/local/keys.ts');
const { buildPanel, buildSnippet, gzipBytes, wrapSnippet, SNIPPET_BUDGET_GZIP_BYTES } =
	await import('../src/embed/build.ts');
const { routeGzipBytes } = await import('./bundle.js');
const { openPglite } = await import('../supabase/local/db.ts');
const { startStack } = await import('../supabase/local/server.ts');

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	const round = (x) => Math.round(x * 1000) / 1000;
	return {
		p50: round(percentile(sorted, 50)),
		p99: round(percentile(sorted, 99)),
		min: round(sorted[0]),
		max: round(sorted[sorted.length - 1])
	};
}

/** Runs `once` WARMUP + ROUNDS times in sequence; returns the measured round trips in ms. */
async function measure(once) {
	const samples = [];
	for (let i = 0; i < WARMUP + ROUNDS; i++) {
		const start = performance.now();
		await once(i);
		if (i >= WARMUP) samples.push(performance.now() - start);
	}
	return samples;
}

function withTimeout(promise, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise(
			(_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS))
		)
	]).finally(() => clearTimeout(timer));
}

async function echoBench() {
	const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	wss.on('connection', (ws) =>
		ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
	);
	await new Promise((resolve) => wss.once('listening', resolve));
	const ws = new WebSocket(`ws://127.0.0.1:${wss.address().port}`);
	await new Promise((resolve, reject) => {
		ws.onopen = resolve;
		ws.onerror = reject;
	});
	let pending;
	ws.onmessage = () => pending?.();
	const samples = await measure((i) =>
		withTimeout(
			new Promise((resolve) => {
				pending = resolve;
				ws.send(JSON.stringify([null, null, 'realtime:bench', 'broadcast', { ...PAYLOAD, at: i }]));
			}),
			'echo'
		)
	);
	ws.close();
	await new Promise((resolve) => wss.close(resolve));
	return samples;
}

async function realtimeBench() {
	const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
	const config = await loadConfig({}, { host: '127.0.0.1', port: 0, dataDir });
	const db = await openPglite({ dataDir: 'memory://' });
	const stack = await startStack(config, { db, seed: false });
	const supabase = createClient(stack.url, config.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	let pending;
	const channel = supabase
		.channel('bench', { config: { broadcast: { self: true } } })
		.on('broadcast', { event: 'msg' }, () => pending?.());
	await withTimeout(
		new Promise((resolve, reject) =>
			channel.subscribe((status, err) => {
				if (status === 'SUBSCRIBED') resolve();
				else if (status !== 'CLOSED') reject(err ?? new Error(status));
			})
		),
		'subscribe'
	);
	try {
		return await measure((i) =>
			withTimeout(
				new Promise((resolve) => {
					pending = resolve;
					void channel.send({ type: 'broadcast', event: 'msg', payload: { ...PAYLOAD, at: i } });
				}),
				'broadcast'
			)
		);
	} finally {
		await supabase.removeAllChannels();
		await stack.close();
		await rm(dataDir, { recursive: true, force: true });
	}
}

/**
 * The snippet as a host page downloads it from a local deployment, gzipped; and the panel
 * module it loads when the visitor first opens the chat (served as it is, no config).
 */
async function snippetBench() {
	const { code } = await buildSnippet();
	const served = wrapSnippet(code, { url: 'http://127.0.0.1:54321', key: DEFAULT_ANON_KEY });
	return {
		code: gzipBytes(code),
		served: gzipBytes(served),
		panel: gzipBytes((await buildPanel()).code)
	};
}

const { run, backend } = parseArgs(process.argv.slice(2));
const LIMIT_MS = Number(process.env.BENCH_LIMIT_S ?? 1200) * 1000;
const ratio = (a, b) => Math.round((a / b) * 10) / 10;
const root = join(here, '..');
const result = {};
const failed = [];

/** Benchmarks by name: each returns the figures it adds to latest.json and prints its lines. */
const benches = {
	async snippet() {
		const snippet = await snippetBench();
		console.log(
			`snippet: ${snippet.served} bytes gzipped as served (${snippet.code} without its config), ` +
				`budget ${SNIPPET_BUDGET_GZIP_BYTES}; panel on demand: ${snippet.panel} bytes gzipped\n`
		);
		return { snippet_gzip_bytes: snippet.served, snippet_panel_gzip_bytes: snippet.panel };
	},
	async widget() {
		const widget = await widgetBench();
		console.log(
			`widget: ${widget.widget_js_gzip_bytes} bytes of JavaScript gzipped before it is interactive, ` +
				`budget ${WIDGET_BUDGET_GZIP_BYTES}; launcher click to composer ready ` +
				`p50 ${widget.widget_open_ms.p50} ms (max ${widget.widget_open_ms.max}), budget ${WIDGET_OPEN_BUDGET_MS} ` +
				`(as Playwright sees it: p50 ${widget.widget_open_wall_ms.p50} ms, max ${widget.widget_open_wall_ms.max})\n`
		);
		console.log(
			`snippet on the host page's main thread while it starts: p50 ${widget.snippet_main_thread_ms.p50} ms ` +
				`(max ${widget.snippet_main_thread_ms.max}), budget ${SNIPPET_MAIN_THREAD_BUDGET_MS}\n`
		);
		return {
			snippet_main_thread_ms: widget.snippet_main_thread_ms,
			widget_js_gzip_bytes: widget.widget_js_gzip_bytes,
			widget_open_ms: widget.widget_open_ms,
			widget_open_wall_ms: widget.widget_open_wall_ms
		};
	},
	async console() {
		const consoleRun = await consoleBench();
		console.log(
			`console with ${consoleRun.stored.conversations} conversations and ${consoleRun.stored.messages} messages on the device: ` +
				`cold start p50 ${consoleRun.console_cold_start_ms.p50} ms (max ${consoleRun.console_cold_start_ms.max}), budget ${CONSOLE_COLD_START_BUDGET_MS}; ` +
				`open a conversation p50 ${consoleRun.console_open_conversation_ms.p50} ms (max ${consoleRun.console_open_conversation_ms.max}), budget ${CONSOLE_OPEN_CONVERSATION_BUDGET_MS}\n`
		);
		return {
			console_cold_start_ms: consoleRun.console_cold_start_ms,
			console_open_conversation_ms: consoleRun.console_open_conversation_ms
		};
	},
	async video() {
		const video = await videoBench();
		if (!video) {
			console.log('no build found: run `npm run build` first to measure virtual backgrounds\n');
			return {};
		}
		console.log(
			`virtual background, 640×480: segmentation plus compositing p50 ${video.video_merge_frame_ms.p50} ms, ` +
				`p95 ${video.video_merge_frame_ms.p95} (budget ${VIDEO_MERGE_BUDGET_MS}), of which segmentation ` +
				`p50 ${video.video_merge_segment_ms.p50}; round trip from the page p50 ${video.video_merge_roundtrip_ms.p50}; ` +
				`first load ${video.video_merge_load_ms} ms; segmentation on the main thread instead ` +
				`p50 ${video.video_segment_main_thread_ms.p50}, p95 ${video.video_segment_main_thread_ms.p95}\n`
		);
		return {
			video_merge_frame_ms: video.video_merge_frame_ms,
			video_merge_load_ms: video.video_merge_load_ms,
			video_merge_roundtrip_ms: video.video_merge_roundtrip_ms,
			video_merge_segment_ms: video.video_merge_segment_ms,
			video_segment_main_thread_ms: video.video_segment_main_thread_ms
		};
	},
	async translation() {
		const translation = await translateBench();
		if (!translation) {
			console.log(
				'apertium-apy with apertium-eng-spa is not installed: translation_ms not measured\n'
			);
			return {};
		}
		console.log(
			`translation of a message through /api/translate with Apertium: p50 ${translation.translation_ms.p50} ms, ` +
				`p95 ${translation.translation_ms.p95} (budget ${TRANSLATION_BUDGET_MS}); Apertium alone ` +
				`p50 ${translation.translation_apertium_ms.p50}, p95 ${translation.translation_apertium_ms.p95}; ` +
				`${translation.translation_failures} of ${translation.translation_rounds + translation.translation_failures} not translated\n`
		);
		return {
			translation_apertium_ms: translation.translation_apertium_ms,
			translation_ms: translation.translation_ms
		};
	},
	async realtime() {
		// The floor and the stack's round trip in the same run, so their ratio means something.
		const echo = summary(await echoBench());
		const realtime = summary(await realtimeBench());
		console.log(
			`\nRound trips on loopback: ${ROUNDS} after ${WARMUP} warm-up, Node ${process.version}\n`
		);
		console.log('path                                   p50 ms    p99 ms    min ms    max ms');
		for (const [name, s] of [
			['ws echo (floor)', echo],
			['realtime broadcast, self:true', realtime]
		])
			console.log(
				`${name.padEnd(36)} ${[s.p50, s.p99, s.min, s.max].map((x) => x.toFixed(3).padStart(9)).join(' ')}`
			);
		console.log(
			`\nrealtime / echo: p50 ×${ratio(realtime.p50, echo.p50)}, p99 ×${ratio(realtime.p99, echo.p99)}\n`
		);
		return {
			realtime_rtt_ms: { p50: realtime.p50, p99: realtime.p99 },
			ws_echo_rtt_ms: { p50: echo.p50, p99: echo.p99 }
		};
	},
	async pages() {
		// What the console and the site page cost to load, so later changes see what they add.
		const pages = {
			console_js_gzip_bytes: await routeGzipBytes(root, '/app'),
			admin_js_gzip_bytes: await routeGzipBytes(root, '/(admin)/sites/[id]')
		};
		if (Object.values(pages).some((p) => p === null)) {
			console.log('no build found: run `npm run build` first to measure page weight\n');
			return { console_js_gzip_bytes: null, admin_js_gzip_bytes: null };
		}
		console.log('page (JS + CSS before interactive)    JS gzip   CSS gzip      total  files');
		for (const [name, p] of Object.entries(pages))
			console.log(
				`${name.padEnd(36)} ${[p.js, p.css, p.js + p.css].map((x) => String(x).padStart(9)).join('  ')}  ${String(p.files).padStart(5)}`
			);
		console.log('');
		const weight = (p) => ({ js: p.js, css: p.css, total: p.js + p.css });
		return {
			admin_js_gzip_bytes: weight(pages.admin_js_gzip_bytes),
			console_js_gzip_bytes: weight(pages.console_js_gzip_bytes)
		};
	},
	messages: () => messageLatencyBench(backend),
	throughput: () => throughputBench(backend),
	monitor: () => monitorBench(backend),
	grown: () => grownBench(backend)
};

/** Runs one benchmark within the time limit; a failure or timeout is reported, not fatal. */
async function runBench(name) {
	const started = performance.now();
	let timer;
	try {
		const figures = await Promise.race([
			benches[name](),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`took more than ${LIMIT_MS / 1000} s (BENCH_LIMIT_S)`)),
					LIMIT_MS
				);
			})
		]);
		Object.assign(result, figures);
	} catch (err) {
		failed.push(name);
		console.error(`bench ${name} failed: ${err?.stack ?? err}\n`);
	} finally {
		clearTimeout(timer);
		console.log(`(${name}: ${Math.round((performance.now() - started) / 1000)} s)\n`);
	}
}

console.log(`benchmarks: ${run.join(', ')}; database: ${backend}\n`);
// The machine's speed before and after, so runs at different hours can be told apart.
const speedBefore = yardstick();
console.log(`machine yardstick: p50 ${speedBefore.p50} ms (fastest ${speedBefore.min})\n`);
for (const name of run) await runBench(name);
const speedAfter = yardstick();
console.log(
	`machine yardstick after the run: p50 ${speedAfter.p50} ms (fastest ${speedAfter.min})`
);

const sorted = Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
const now = new Date();
const out = {
	...sorted,
	_run: {
		at: now.toISOString(),
		benchmarks: run,
		backend,
		failed,
		machine: {
			cpus: cpus().length,
			cpu: cpus()[0]?.model ?? 'unknown',
			memory_gb: Math.round(totalmem() / 2 ** 30),
			load_average_1m: Math.round(loadavg()[0] * 100) / 100,
			yardstick_ms: { before: speedBefore, after: speedAfter },
			node: process.version,
			platform: `${process.platform} ${process.arch}`
		}
	}
};
await mkdir(join(here, 'results'), { recursive: true });
const text = JSON.stringify(out, null, 2) + '\n';
const dated = `${now.toISOString().replace(/:/g, '-').replace(/\..*/, '')}.json`;
await writeFile(join(here, 'results', 'latest.json'), text);
await writeFile(join(here, 'results', dated), text);
console.log(
	`wrote ${join('bench', 'results', 'latest.json')} and ${join('bench', 'results', dated)}`
);
// Clients and servers of the benchmarks are closed; whatever a timed-out one left behind is not
// worth waiting for.
process.exit(failed.length ? 1 : 0);
