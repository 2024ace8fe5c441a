// How fast this machine's CPU is at the moment of a run: a fixed single-threaded workload
// (JSON, sorting, hashing: what the stack's request path does most), timed several times.
// Figures of two runs compare only when their yardsticks match; on a shared virtual machine
// the same code has measured 1.6 times slower from one hour to the next.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const rows = Array.from({ length: 2000 }, (_, i) => ({
	id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
	body: `message ${i} `.repeat(8),
	at: new Date(1_700_000_000_000 + i * 1000).toISOString(),
	unread: i % 7
}));
const block = Buffer.alloc(1 << 20, 7);

/** One round of the workload; returns a value so nothing is optimized away. */
function round() {
	let n = 0;
	for (let k = 0; k < 6; k++) n += JSON.parse(JSON.stringify(rows)).length;
	const numbers = Array.from({ length: 100_000 }, (_, i) => (i * 2_654_435_761) % 1_000_003);
	numbers.sort((a, b) => a - b);
	const hash = createHash('sha256');
	for (let k = 0; k < 16; k++) hash.update(block);
	return n + numbers[500] + hash.digest()[0];
}

/** Median and fastest of `times` rounds, in ms, after one round of warm-up. */
export function yardstick(times = 7) {
	let sink = round();
	const took = [];
	for (let i = 0; i < times; i++) {
		const t = performance.now();
		sink += round();
		took.push(performance.now() - t);
	}
	took.sort((a, b) => a - b);
	if (sink === -1) console.log(sink);
	const r = (x) => Math.round(x * 10) / 10;
	return { p50: r(took[Math.floor(times / 2)]), min: r(took[0]) };
}
