// Starts the built app and its local stack for a bench, as the browser tests do
// (tests/browser/serve.js), on a free port pair of its own.
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function until(url, ms = 120_000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`timed out waiting for ${url}`);
}

/** Whether nothing listens on 127.0.0.1:`port`. */
const isFree = (port) =>
	new Promise((resolve) => {
		const probe = createNetServer()
			.once('error', () => resolve(false))
			.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});

/**
 * Two free neighbouring ports for the app and its stack in [from, to), by default from 43900
 * up: above the browser tests' 43210 to 43899, so a bench and test runs on the same machine do
 * not collide.
 */
export async function freePorts(from = 43900, to = 44000) {
	const pairs = Math.floor((to - from) / 2);
	for (let port = from + Math.floor(Math.random() * pairs) * 2, tried = 0; tried < pairs; tried++) {
		if ((await isFree(port)) && (await isFree(port + 1))) return port;
		port = port + 2 + 1 < to ? port + 2 : from;
	}
	throw new Error(`no free port pair between ${from} and ${to - 1}`);
}

/**
 * Starts the built app with its stack on free ports (within `ports`, if given); returns its
 * origin and a stop().
 */
export async function startApp(ports = { from: 43900, to: 44000 }) {
	const port = await freePorts(ports.from, ports.to);
	const child = spawn(process.execPath, ['tests/browser/serve.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			PARLEY_STACK_PORT: String(port + 1),
			PARLEY_STACK_HOST: '127.0.0.1'
		},
		stdio: 'ignore'
	});
	const origin = `http://127.0.0.1:${port}`;
	await until(origin + '/');
	return {
		origin,
		stack: `http://127.0.0.1:${port + 1}`,
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', resolve);
				child.kill('SIGINT');
			})
	};
}
