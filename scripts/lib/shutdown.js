/**
 * Ctrl-C handling for npm scripts. A terminal's Ctrl-C reaches every process in the foreground
 * group, and npm forwards the signal to its script as well, so one keypress arrives two or
 * three times within milliseconds. Copies that close together count as one; a real second
 * Ctrl-C (after the grace period) still exits at once.
 */
const DUPLICATE_WINDOW_MS = 1500;

/** Runs `stop` once on SIGINT/SIGTERM, then exits 0 (1 if stopping failed). */
export function stopOnSignals(stop, { log = (line) => console.log(line) } = {}) {
	let firstSignalAtMs = 0;
	const onSignal = (signal) => {
		const nowMs = Date.now();
		if (firstSignalAtMs) {
			if (nowMs - firstSignalAtMs < DUPLICATE_WINDOW_MS) return;
			log(`${signal} again: exiting without waiting.`);
			process.exit(130);
		}
		firstSignalAtMs = nowMs;
		log(`\n${signal}: stopping, finishing requests in flight and closing the database…`);
		stop().then(
			() => {
				log('Stopped.');
				process.exit(0);
			},
			(err) => {
				console.error('error while stopping:', err);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}
