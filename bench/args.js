// The bench's command line: which benchmarks to run and on which database.

/** Every benchmark, in the order a full run takes them. */
export const NAMES = [
	'snippet',
	'widget',
	'console',
	'video',
	'translation',
	'realtime',
	'pages',
	'messages',
	'throughput',
	'monitor',
	'grown'
];

/** The ones whose figures depend on the database behind the stack. */
export const DB_BOUND = ['messages', 'throughput', 'monitor', 'grown'];

/**
 * `--only a,b` (repeatable) and `--backend pglite|postgres`. Without --only a run takes every
 * benchmark, or with --backend postgres every database-bound one.
 */
export function parseArgs(argv) {
	const only = [];
	let backend = 'pglite';
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--only') only.push(...String(value() ?? '').split(','));
		else if (flag === '--backend') backend = String(value());
		else throw new Error(`unknown argument ${arg} (use --only <name> or --backend postgres)`);
	}
	if (!['pglite', 'postgres'].includes(backend))
		throw new Error(`--backend must be pglite or postgres, got ${backend}`);
	const names = only.map((n) => n.trim()).filter(Boolean);
	for (const n of names)
		if (!NAMES.includes(n)) throw new Error(`no benchmark named ${n}; one of ${NAMES.join(', ')}`);
	const run = names.length
		? NAMES.filter((n) => names.includes(n))
		: backend === 'postgres'
			? DB_BOUND
			: NAMES;
	return { run, backend };
}
