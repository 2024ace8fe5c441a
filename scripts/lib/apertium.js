/**
 * Apertium APy for `npm start`, `npm run dev` and the tests: found where Debian installs it
 * (`apt-get install apertium-apy apertium-eng-spa`), started on a free port of 127.0.0.1 and
 * stopped with Parley. APy itself has no option for the address and binds every interface,
 * so it runs through `apertium-loopback.py`, which gives tornado's bind() the loopback address
 * and ends APy when the Node process that started it is gone.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Debian's paths. */
export const APERTIUM_APY_BIN = '/usr/bin/apertium-apy';
export const APERTIUM_MODES_DIR = '/usr/share/apertium/modes';
/** How long APy may take to answer /listPairs after it starts (about 0.5 s on 2 cores). */
export const APERTIUM_READY_TIMEOUT_MS = 15_000;
/** Idle pipelines are shut down after this long (each pair's pipeline holds ~100–200 MB). */
const APERTIUM_MAX_IDLE_SECONDS = 600;

/** Runs APy bound to loopback (see the file). */
const LOOPBACK_SHIM = fileURLToPath(new URL('./apertium-loopback.py', import.meta.url));

/**
 * What is needed to run APy here: the interpreter from apertium-apy's `#!` line (not whatever
 * python3 comes first in PATH, which may lack tornado) and the modes directory with at least
 * one pair. Null when apertium-apy or every pair is missing.
 */
export function findApertium({ bin = APERTIUM_APY_BIN, modesDir = APERTIUM_MODES_DIR } = {}) {
	if (!existsSync(bin) || !existsSync(modesDir)) return null;
	const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0];
	const python = /^#!\s*(\S+)/.exec(shebang)?.[1];
	if (!python || !existsSync(python)) return null;
	const pairs = readdirSync(modesDir).filter((f) =>
		/^[a-z]{2,3}(_\w+)?-[a-z]{2,3}(_\w+)?\.mode$/.test(f)
	);
	return pairs.length ? { python, modesDir, pairs: pairs.map((f) => f.slice(0, -5)) } : null;
}

/** Whether `npm start` should start APy: no provider named, and not turned off. */
export function wantsApertium(env = process.env) {
	const mode = (env.PARLEY_APERTIUM ?? 'auto').toLowerCase();
	if (mode === 'off') return false;
	return !env.LIBRETRANSLATE_URL?.trim() && !env.APERTIUM_URL?.trim();
}

/** A free TCP port on 127.0.0.1. */
export function freeLoopbackPort() {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address();
			probe.close(() => done(port));
		});
	});
}

/**
 * Starts APy on 127.0.0.1 and waits (bounded) until it lists its pairs. Resolves to
 * `{ url, pid, stop }`; rejects with APy's last output when it exits or is not ready in time.
 */
export async function startApertium({
	found = findApertium(),
	port,
	readyTimeoutMs = APERTIUM_READY_TIMEOUT_MS
} = {}) {
	if (!found) throw new Error('apertium-apy or its language pairs are not installed');
	port ??= await freeLoopbackPort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(
		found.python,
		[
			LOOPBACK_SHIM,
			'--port',
			String(port),
			'--max-idle-secs',
			String(APERTIUM_MAX_IDLE_SECONDS),
			found.modesDir
		],
		{
			// Its own process group: stop() ends APy and its pipelines together, and a Ctrl-C
			// meant for Parley reaches APy only through stop().
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, LC_ALL: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1' }
		}
	);
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk).slice(-4000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise((done) =>
		child.once('exit', (code, signal) => done({ code, signal }))
	);
	const killGroup = () => {
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			// Already gone.
		}
	};
	process.once('exit', killGroup);
	void exited.then(() => process.off('exit', killGroup));
	const stop = async () => {
		process.off('exit', killGroup);
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup();
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}, 3000);
		await exited;
		clearTimeout(timer);
	};

	const deadline = Date.now() + readyTimeoutMs;
	let gone = null;
	exited.then((how) => (gone = how));
	while (Date.now() < deadline) {
		if (gone)
			throw new Error(
				`apertium-apy exited (${gone.signal ?? `code ${gone.code}`}) before it was ready:\n${output.trim()}`
			);
		try {
			const res = await fetch(`${url}/listPairs`, { signal: AbortSignal.timeout(1000) });
			if (res.ok) {
				await res.body?.cancel();
				return { url, pid: child.pid, stop };
			}
		} catch {
			// Not listening yet.
		}
		await new Promise((done) => setTimeout(done, 100));
	}
	await stop();
	throw new Error(`apertium-apy was not ready within ${readyTimeoutMs} ms:\n${output.trim()}`);
}

/**
 * For `npm start` and `npm run dev`: starts APy when it is installed and no provider is named,
 * and sets APERTIUM_URL for the app. Resolves to a stop function (a no-op when nothing runs).
 * Never fails Parley: without APy the app runs without translation and says so.
 */
export async function startTranslation(env = process.env, log = (line) => console.log(line)) {
	const none = async () => {};
	if (!wantsApertium(env)) return none;
	const found = findApertium();
	if (!found) {
		log(
			'Translation is off: install Apertium to turn it on (sudo apt-get install apertium-apy apertium-eng-spa) or set LIBRETRANSLATE_URL.'
		);
		return none;
	}
	try {
		const apy = await startApertium({ found });
		env.APERTIUM_URL = apy.url;
		log(`Translation: Apertium APy at ${apy.url} (${found.pairs.join(', ')})`);
		return apy.stop;
	} catch (err) {
		log(`Translation is off: ${err.message}`);
		return none;
	}
}
