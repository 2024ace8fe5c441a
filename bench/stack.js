// Starts what a load benchmark talks to, in processes of its own (so the load generator's
// work is not counted as the server's): the local stack alone (`npm run stack`), or the built
// app with its stack in one process (`npm start`), over PGlite on disk in a temporary data
// directory or over real PostgreSQL (DATABASE_URL, else an embedded one started here).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../scripts/lib/postgres.js';

const { DATABASE_THREAD_NAME } = await import('../supabase/local/pglite-thread.ts');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function until(url, ms, child) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
		try {
			if ((await fetch(url)).status < 500) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`timed out waiting for ${url}`);
}

/**
 * Resident memory in MB of a set of processes (Linux /proc): each one's anonymous and file
 * pages in full, and its share of shared memory in proportion (`Pss_Shmem`), so PostgreSQL's
 * shared buffers, mapped by every backend, count once and not once per backend.
 */
export async function rssMb(pids) {
	let kb = 0;
	for (const pid of pids) {
		const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
		const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
		const field = (text, name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
		const shmem = field(status, 'RssShmem');
		kb += field(status, 'VmRSS') - shmem + (rollup ? field(rollup, 'Pss_Shmem') : shmem);
	}
	return Math.round(kb / 1024);
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU time in ms (user and system, all threads) each of a set of processes has used so far,
 * from /proc/<pid>/stat, by pid; a process that is gone is left out.
 */
export async function cpuMs(pids) {
	const byPid = new Map();
	for (const pid of pids) {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
		if (!stat) continue;
		// Fields after the command name (which may hold spaces), from field 3 on.
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		byPid.set(pid, ((Number(rest[11]) + Number(rest[12])) * 1000) / USER_HZ);
	}
	return byPid;
}

/**
 * The CPU time used between two `cpuMs` readings: by the processes of the second, less what
 * each had used at the first (a process started in between counts whole, one that ended in
 * between is not seen; PostgreSQL's backends come and go).
 */
export function cpuSpent(before, after) {
	let ms = 0;
	for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
	return ms;
}

/**
 * The threads of `pids` that are called `name`, as `<pid>/task/<tid>`, which `cpuMs` reads as
 * it reads a pid (/proc/<tid>/stat alone would give the whole process's time).
 */
async function threadsNamed(pids, name) {
	const out = [];
	for (const pid of pids)
		for (const tid of await readdir(`/proc/${pid}/task`).catch(() => []))
			if ((await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '')).trim() === name)
				out.push(`${pid}/task/${tid}`);
	return out;
}

/** The pids of a process and everything under it. */
async function tree(pid) {
	const out = [pid];
	const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
	for (const c of children.split(/\s+/).filter(Boolean)) out.push(...(await tree(Number(c))));
	return out;
}

/**
 * What is still running when the bench exits early (a benchmark over its time limit is not
 * waited for): killed and removed on the way out, so nothing outlives the bench.
 */
const leftovers = new Set();
process.on('exit', () => {
	for (const { child, pgDataDir, dirs } of leftovers) {
		if (child.exitCode === null) child.kill('SIGKILL');
		if (pgDataDir) {
			try {
				const pid = Number(readFileSync(join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
				// Immediate shutdown: the postmaster ends its backends and exits.
				if (pid) process.kill(pid, 'SIGQUIT');
			} catch {
				// not running
			}
		}
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	}
});

/**
 * The environment and Node flags of a package.json script of the form
 * `[NAME=value …] node [--flag …] <file>`: what `npm start` runs is what the benchmarks
 * measure.
 */
export function scriptCommand(name) {
	const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const words = String(scripts?.[name] ?? '').split(/\s+/);
	const env = {};
	while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
		const [key, value] = words.shift().split(/=(.*)/s, 2);
		env[key] = value;
	}
	if (words[0] !== 'node')
		throw new Error(`package.json's ${name} script does not start with node`);
	return { env, flags: words.slice(1).filter((w) => w.startsWith('--')) };
}

/** Whether `npm run build` has been run (the app server needs it). */
export const hasBuild = () => existsSync(join(root, 'build', 'handler.js'));

/**
 * Starts the stack (with the app when `app` and a build exist) on `port` (the stack on
 * `port + 1` with the app). Resolves to `{ url, app, backend, pids(), databasePids(),
 * startPeakMb(), stop() }`;
 * with `watchStartUp` it samples the start-up's peak memory (watchStart).
 */
export async function startServer({
	backend = 'pglite',
	app = false,
	port,
	env = {},
	watchStartUp = false
}) {
	const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
	let pg;
	let databaseUrl = '';
	if (backend === 'postgres') {
		if (process.env.DATABASE_URL) databaseUrl = process.env.DATABASE_URL;
		else {
			pg = await startEmbeddedPostgres({ flags: ['max_connections=300'] });
			databaseUrl = pg.url;
		}
	}
	const withApp = app && hasBuild();
	const command = scriptCommand(withApp ? 'start' : 'stack');
	const stackPort = withApp ? port + 1 : port;
	const child = spawn(
		process.execPath,
		[
			// BENCH_SERVER_PROFILE=<dir>: a V8 CPU profile of the server, written when it stops.
			...(process.env.BENCH_SERVER_PROFILE
				? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
				: []),
			// The flags `npm start` (or `npm run stack`) gives Node, so what runs is what is measured.
			...command.flags,
			// BENCH_SERVER_NODE_FLAGS="--flag …": extra Node or V8 flags for the server, to compare.
			...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
			withApp ? 'scripts/start.js' : 'supabase/local/cli.ts'
		],
		{
			cwd: root,
			env: {
				...process.env,
				...command.env,
				PARLEY_ENV_FILE: '',
				PARLEY_LOCAL_STACK: 'on',
				PARLEY_DATA_DIR: dataDir,
				PORT: String(port),
				HOST: '127.0.0.1',
				PARLEY_STACK_PORT: String(stackPort),
				PARLEY_STACK_HOST: '127.0.0.1',
				DATABASE_URL: databaseUrl,
				...env
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	const url = `http://127.0.0.1:${stackPort}`;
	const leftover = {
		child,
		pgDataDir: pg?.dataDir,
		dirs: pg ? [dataDir, dirname(pg.dataDir)] : [dataDir]
	};
	leftovers.add(leftover);
	const stop = async () => {
		leftovers.delete(leftover);
		if (child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGINT');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		await pg?.stop();
		await rm(dataDir, { recursive: true, force: true });
	};
	const pids = async () => {
		const all = await tree(child.pid);
		if (pg) all.push(...(await postgresPids(pg.dataDir)));
		return all;
	};
	// Off unless asked for: sampling ten times a second costs the load generator's CPU.
	const start = watchStartUp ? watchStart(pids) : { ready() {}, end() {}, peak: null };
	try {
		await until(`${url}/auth/v1/health`, 180_000, child);
		if (withApp) await until(`http://127.0.0.1:${port}/`, 60_000, child);
	} catch (err) {
		start.end();
		await stop();
		throw err;
	}
	start.ready();
	return {
		url,
		app: withApp ? `http://127.0.0.1:${port}` : null,
		backend,
		/** The server's processes: the stack (and app) process and PostgreSQL's, when it is ours. */
		pids,
		/**
		 * Where the database work runs, for `cpuMs`: PostgreSQL's processes, or the stack's
		 * PGlite thread (by its name; none when PGlite runs on the main thread).
		 */
		databasePids: async () =>
			pg ? postgresPids(pg.dataDir) : threadsNamed(await tree(child.pid), DATABASE_THREAD_NAME),
		/** With `watchStartUp`: peak resident MB from the spawn to START_WATCH_MS after ready. */
		startPeakMb: () => start.peak,
		stop: async () => {
			start.end();
			await stop();
		}
	};
}

/** How long after the server answers its start-up is still watched: V8 compiles PGlite then. */
export const START_WATCH_MS = 10_000;
const START_SAMPLE_MS = 100;

/**
 * Samples the resident memory of `pids()` every 100 ms from now until START_WATCH_MS after
 * `ready()` (or `end()`): the start-up peak, which the second-by-second samples of a run
 * would mostly miss.
 */
function watchStart(pids) {
	let peak = 0;
	let stopAt = Infinity;
	let done;
	const finished = new Promise((resolve) => (done = resolve));
	const timer = setInterval(async () => {
		peak = Math.max(peak, await rssMb(await pids()));
		if (Date.now() >= stopAt) end();
	}, START_SAMPLE_MS);
	function end() {
		clearInterval(timer);
		done(peak);
	}
	return {
		ready: () => (stopAt = Date.now() + START_WATCH_MS),
		end,
		peak: finished
	};
}

/** The embedded PostgreSQL's processes: its postmaster (from its pid file) and children. */
async function postgresPids(dataDir) {
	const pid = Number(
		(await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]
	);
	return pid ? tree(pid) : [];
}
