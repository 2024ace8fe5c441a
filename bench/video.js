// Merging a virtual background into the video, as a call does it: the built app (as `npm start`
// runs it) serves the segmentation runtime and the model; Debian's Chromium, with every
// request to anything but 127.0.0.1 refused, starts the app's own segmentation worker (the
// built file) and sends it 640×480 camera-like frames one at a time.
//   video_merge_frame_ms           segmentation plus compositing of one frame in the worker
//                                  (person mask, feathered, over an image or the blurred frame),
//                                  as the worker measures it; p50 and p95. Budget 16 at p95.
//   video_merge_segment_ms         of which segmentation (the frame to the model's input, and
//                                  the selfie segmentation model in TensorFlow Lite's runtime).
//   video_merge_roundtrip_ms       the same frame from the page's ImageBitmap to the merged one
//                                  back on the page (transfers and scheduling included).
//   video_merge_load_ms            opening the worker with a cold cache: download of the
//                                  runtime (2.6 MB, compressed) and model, compile, model loaded.
//   video_segment_main_thread_ms   segmentation alone on the page's main thread, the fallback
//                                  where no worker can run, for comparison.
// Needs `npm run build` first. Usage: node bench/video.js, or through bench/run.js.
// BENCH_VIDEO_ROUNDS (150) frames are measured after BENCH_VIDEO_WARMUP (15).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startApp } from './app.js';

export const VIDEO_MERGE_BUDGET_MS = 16;
const ROUNDS = Number(process.env.BENCH_VIDEO_ROUNDS ?? 150);
const WARMUP = Number(process.env.BENCH_VIDEO_WARMUP ?? 15);
const CHROMIUM = process.env.PARLEY_CHROMIUM_PATH || '/usr/bin/chromium';
/** The ports this bench may start the app on. */
const PORTS = { from: 43950, to: 43960 };
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The built segmentation worker's path on the app, or null without a build. */
function workerPath() {
	const dir = join(root, 'build', 'client', '_app', 'immutable', 'workers');
	try {
		const file = readdirSync(dir).find((f) => /^segment-worker-.*\.js$/.test(f));
		return file ? `/_app/immutable/workers/${file}` : null;
	} catch {
		return null;
	}
}

/** Nearest-rank percentiles of samples, rounded to 0.1 ms. */
function percentiles(samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	const round = (x) => Math.round(x * 10) / 10;
	return { p50: round(at(0.5)), p95: round(at(0.95)) };
}

/**
 * In the page: opens the worker, then merges `rounds` frames after `warmup`, over an image for
 * the first half and blur for the second; then segments the same frames on the main thread.
 */
async function inPage({ worker, paths, rounds, warmup, messages: M, runtimes, simdProbe }) {
	const W = 640;
	const H = 480;
	const canvas = new OffscreenCanvas(W, H);
	const ctx = canvas.getContext('2d');
	/** A camera-like frame: a lit wall, a head-and-shoulders shape moving, a timestamp. */
	const frame = (i) => {
		const wall = ctx.createLinearGradient(0, 0, W, H);
		wall.addColorStop(0, '#c8c2b8');
		wall.addColorStop(1, '#8f8578');
		ctx.fillStyle = wall;
		ctx.fillRect(0, 0, W, H);
		const x = W / 2 + Math.sin(i / 8) * 60;
		ctx.fillStyle = '#2f3b52';
		ctx.beginPath();
		ctx.ellipse(x, H, 170, 150, 0, Math.PI, 0);
		ctx.fill();
		ctx.fillStyle = '#d9a27e';
		ctx.beginPath();
		ctx.ellipse(x, H * 0.45, 70, 90, 0, 0, Math.PI * 2);
		ctx.fill();
		ctx.fillStyle = '#222';
		ctx.font = '20px sans-serif';
		ctx.fillText(`frame ${i}`, 16, 32);
		return createImageBitmap(canvas);
	};
	const w = new Worker(worker, { type: 'module' });
	const next = () =>
		new Promise((resolve, reject) => {
			w.onmessage = ({ data }) =>
				data.type === M.failed ? reject(new Error(data.message)) : resolve(data);
			w.onerror = (e) => reject(new Error(e.message));
		});
	let start = performance.now();
	w.postMessage({ type: M.open, urls: paths });
	await next();
	const loadMs = performance.now() - start;
	const img = new Image();
	img.src = '/backgrounds/dawn.svg';
	await img.decode();
	const image = await createImageBitmap(img);
	w.postMessage({ type: M.background, background: { kind: 'image', image } }, [image]);
	const merge = [];
	const segment = [];
	const roundtrip = [];
	let mask = '';
	for (let i = 0; i < warmup + rounds; i++) {
		if (i === warmup + Math.floor(rounds / 2))
			w.postMessage({ type: M.background, background: { kind: 'blur' } });
		const bitmap = await frame(i);
		start = performance.now();
		w.postMessage({ type: M.frame, id: i, frame: bitmap }, [bitmap]);
		const merged = await next();
		const took = performance.now() - start;
		merged.image.close();
		mask = `${merged.maskWidth}x${merged.maskHeight}`;
		if (i >= warmup) {
			merge.push(merged.ms);
			segment.push(merged.segmentMs);
			roundtrip.push(took);
		}
	}
	w.postMessage({ type: M.close });

	// The main-thread fallback's segmentation, on the same frames: the same runtime and model,
	// the frame squeezed to the model's input and read as pixels, as segmenter.ts does it.
	const simd = WebAssembly.validate(new Uint8Array(simdProbe));
	const runtime = simd ? runtimes.simd : runtimes.plain;
	const { default: factory } = await import(`${paths.wasmBase}/${runtime.loader}`);
	const tflite = await factory({
		locateFile: (path) => `${paths.wasmBase}/${path}`,
		print: () => {},
		printErr: () => {}
	});
	const model = new Uint8Array(await (await fetch(paths.model)).arrayBuffer());
	tflite.HEAPU8.set(model, tflite._getModelBufferMemoryOffset());
	tflite._loadModel(model.length);
	const iw = tflite._getInputWidth();
	const ih = tflite._getInputHeight();
	const small = new OffscreenCanvas(iw, ih);
	const smallCtx = small.getContext('2d', { willReadFrequently: true });
	const main = [];
	for (let i = 0; i < warmup + rounds; i++) {
		const bitmap = await frame(i);
		start = performance.now();
		smallCtx.drawImage(bitmap, 0, 0, iw, ih);
		const rgba = smallCtx.getImageData(0, 0, iw, ih).data;
		const input = tflite.HEAPF32;
		for (let p = 0, q = tflite._getInputMemoryOffset() / 4; p < rgba.length; p += 4, q += 3) {
			input[q] = rgba[p] / 255;
			input[q + 1] = rgba[p + 1] / 255;
			input[q + 2] = rgba[p + 2] / 255;
		}
		tflite._runInference();
		if (i >= warmup) main.push(performance.now() - start);
		bitmap.close();
		// Let the page breathe between frames, as a call's timer does.
		await new Promise((r) => setTimeout(r, 5));
	}
	return { loadMs, merge, segment, roundtrip, main, mask };
}

/** Runs the bench; null without a build. */
export async function videoBench() {
	const worker = workerPath();
	if (!worker) return null;
	const app = await startApp(PORTS);
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu']
	});
	try {
		const context = await browser.newContext();
		const blocked = [];
		await context.route('**/*', (route) => {
			const url = route.request().url();
			if (/^(data|blob):/.test(url) || new URL(url).hostname === '127.0.0.1')
				return route.fallback();
			blocked.push(url);
			return route.abort('blockedbyclient');
		});
		const page = await context.newPage();
		await page.goto(app.origin + '/');
		const { segmentationUrls } = await import('../src/lib/calls/segmentation/assets.ts');
		const { SEGMENTATION_MESSAGES } = await import('../src/lib/calls/segmentation/protocol.ts');
		const { RUNTIMES } = await import('../src/lib/calls/segmentation/assets.ts');
		const { SIMD_PROBE } = await import('../src/lib/calls/segmentation/segmenter.ts');
		const run = await page.evaluate(inPage, {
			worker,
			messages: SEGMENTATION_MESSAGES,
			runtimes: RUNTIMES,
			simdProbe: [...SIMD_PROBE],
			paths: segmentationUrls(app.origin),
			rounds: ROUNDS,
			warmup: WARMUP
		});
		if (blocked.length) throw new Error(`requests to other hosts: ${blocked.join(', ')}`);
		// The mask is the landscape model's output, stretched over the frame where applied.
		if (run.mask !== '256x144') throw new Error(`the mask is ${run.mask}, not 256x144`);
		return {
			video_merge_frame_ms: percentiles(run.merge),
			video_merge_segment_ms: percentiles(run.segment),
			video_merge_roundtrip_ms: percentiles(run.roundtrip),
			video_merge_load_ms: Math.round(run.loadMs),
			video_segment_main_thread_ms: percentiles(run.main)
		};
	} finally {
		await browser.close();
		await app.stop();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const result = await videoBench();
	if (!result) console.log('no build found: run `npm run build` first');
	else console.log(JSON.stringify(result, null, 2));
}
