/** What `npm start` and `npm run stack` print, and the shutdown every entry point shares. */
import type { Stack } from './server.ts';

/** Prints the stack's URL and keys the way `supabase start` does. */
export function printBanner(stack: Stack, extra: Record<string, string> = {}): void {
	const { config } = stack;
	const rows: [string, string][] = [
		...Object.entries(extra),
		['API URL', stack.url],
		[
			'Mail',
			stack.mail.settings.smtp
				? `SMTP ${stack.mail.settings.smtp.host}:${stack.mail.settings.smtp.port}`
				: `${stack.url}/mailpit/api/v1/messages (caught, Mailpit API)`
		],
		[
			'Database',
			config.databaseUrl
				? config.databaseUrl.replace(/:[^:@/]+@/, ':****@')
				: `PGlite in ${config.dataDir}`
		],
		['JWT secret', config.jwtSecret],
		['anon key', config.anonKey],
		['service_role key', config.serviceRoleKey],
		...(config.publishableKey
			? ([['Publishable key', config.publishableKey]] as [string, string][])
			: []),
		...(config.secretKey ? ([['Secret key', config.secretKey]] as [string, string][]) : [])
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	console.log('');
	for (const [k, v] of rows) console.log(`  ${k.padStart(width)}: ${v}`);
	console.log('');
}

/**
 * Ctrl-C handling for the stack and the app. A terminal's Ctrl-C reaches every process in the
 * foreground group, and npm forwards the signal to its script as well, so one keypress arrives
 * two or three times within milliseconds. Copies that close together count as one; a real
 * second Ctrl-C (after the grace period) still exits at once.
 */
const DUPLICATE_SIGNAL_WINDOW_MS = 1500;

/** Runs `stop` once on SIGINT/SIGTERM, then exits 0 (1 if stopping failed). */
export function stopOnSignals(
	stop: () => Promise<void>,
	{ log = (line: string) => console.log(line) }: { log?: (line: string) => void } = {}
): void {
	let firstSignalAtMs = 0;
	const onSignal = (signal: NodeJS.Signals) => {
		const nowMs = Date.now();
		if (firstSignalAtMs) {
			if (nowMs - firstSignalAtMs < DUPLICATE_SIGNAL_WINDOW_MS) return;
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
			(err: unknown) => {
				console.error('error while stopping:', err);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

/**
 * What `npm start` and `npm run stack` do when the embedded database's thread is lost: say so
 * and exit with status 1, so that whatever runs the server (systemd, a container runtime)
 * starts it again, instead of it serving pages whose every request fails. The data is as the
 * database last wrote it; PGlite recovers from its write-ahead log on the next start.
 */
export function exitOnDatabaseLoss(
	name: string,
	exit: (code: number) => void = (code) => process.exit(code)
): (reason: Error) => void {
	return (reason) => {
		console.error(
			`${name}: the database stopped (${reason.message}); exiting so that it can be started again.`
		);
		exit(1);
	};
}
