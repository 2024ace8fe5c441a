#!/usr/bin/env node
// Builds the app when build/ is missing or older than its sources, so `npm start` always
// serves the current code without rebuilding on every start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUT = 'build/handler.js';
const INPUTS = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json',
	'tsconfig.json'
];

/** Newest modification time under a path, in milliseconds. */
function newestMtimeMs(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path))
		newest = Math.max(newest, newestMtimeMs(join(path, entry)));
	return newest;
}

const builtAtMs = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
const sourcesAtMs = Math.max(...INPUTS.map(newestMtimeMs));
if (builtAtMs > sourcesAtMs && process.env.PARLEY_FORCE_BUILD !== '1') process.exit(0);

console.log(builtAtMs ? 'Sources changed since the last build; rebuilding…' : 'Building the app…');
// process.execPath is the Node that runs npm scripts (Node 24 from the node devDependency).
const vite = join('node_modules', 'vite', 'bin', 'vite.js');
// A production build whatever NODE_ENV the caller has: Vite keeps an inherited one, and under
// vitest (NODE_ENV=test) the build carried Svelte's development checks and messages, 14 KB
// more of gzipped JavaScript in the widget alone.
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
	stdio: 'inherit',
	env: { ...process.env, NODE_ENV: 'production' }
});
process.exit(result.status ?? 1);
