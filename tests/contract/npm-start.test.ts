/**
 * `npm start` (scripts/start.js) with its own local stack: Ctrl-C stops it cleanly. The app's
 * timers (the push sender, the visitor cleanup) stop before the stack closes, so none of them
 * reaches for a stack that is shutting down and logs a failure on the way out.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/ports.js';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let dataDir = '';

beforeAll(() => {
	const built = spawnSync(process.execPath, ['scripts/ensure-build.js'], { stdio: 'inherit' });
	if (built.status !== 0) throw new Error('npm run build failed');
}, 600_000);

afterAll(async () => {
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
	it('stops on Ctrl-C with nothing failing on the way out, its timers stopped before the stack closes', async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'parley-start-'));
		const [port, stackPort] = [await freePort(), await freePort()];
		const child = spawn(process.execPath, ['scripts/start.js'], {
			env: {
				...process.env,
				PARLEY_ENV_FILE: '',
				PARLEY_LOCAL_STACK: 'on',
				PUBLIC_SUPABASE_URL: '',
				PUBLIC_SUPABASE_ANON_KEY: '',
				DATABASE_URL: '',
				HOST: '127.0.0.1',
				PORT: String(port),
				PARLEY_STACK_HOST: '127.0.0.1',
				PARLEY_STACK_PORT: String(stackPort),
				PARLEY_DATA_DIR: dataDir,
				PARLEY_APERTIUM: 'off',
				// The sender runs every 200 ms, so it would run while the stack is closing.
				PARLEY_PUSH_INTERVAL_MS: '200'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
		try {
			for (let i = 0; i < 600 && !out.includes('Parley is running'); i++) await sleep(100);
			expect(out).toContain('Parley is running');
			await sleep(500);

			// A request to the stack whose body is still coming holds its close open (it waits for
			// requests in flight), long enough for several of the sender's runs.
			const held = request(`http://127.0.0.1:${stackPort}/rest/v1/rpc/nothing_here`, {
				method: 'POST',
				headers: {
					apikey: DEFAULT_ANON_KEY,
					'content-type': 'application/json',
					'content-length': '20'
				}
			});
			const answered = new Promise<number>((resolve) => {
				held.on('response', (res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				});
				held.on('error', () => resolve(0));
			});
			held.write('{"a":');
			await sleep(200);

			child.kill('SIGINT');
			await sleep(1_000);
			held.end('1' + ' '.repeat(13) + '}');
			expect(await answered).toBeGreaterThan(0);
			expect(await exited).toBe(0);
			expect(out).toContain('Stopped.');
			expect(err).not.toMatch(/push sender|visitor cleanup|error/i);
		} finally {
			if (child.exitCode === null) {
				child.kill('SIGKILL');
				await exited;
			}
		}
	}, 120_000);
});
