/** What `npm start` and `npm run stack` print, and the shutdown every entry point shares. */
import type { Stack } from './server.ts';

/** Prints the stack's URL and keys the way `supabase start` does. */
export function printBanner(stack: Stack, extra: Record<string, string> = {}): void {
	const { config } = stack;
	const rows: [string, string][] = [
		...Object.entries(extra),
		['API URL', stack.url],
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

/** Runs `stop` once on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>): void {
	let stopping = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (stopping) process.exit(130);
		stopping = true;
		console.log(`\n${signal}: stopping, finishing requests in flight and closing the database…`);
		stop().then(
			() => process.exit(0),
			(err) => {
				console.error('error while stopping:', err);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}
