import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendConfigError, lockDataDir, wantsLocalStack } from './backend.js';

describe('wantsLocalStack', () => {
	const cases: [string, NodeJS.ProcessEnv, boolean][] = [
		['no Supabase URL given', {}, true],
		['a loopback Supabase URL', { PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321' }, true],
		['localhost', { PUBLIC_SUPABASE_URL: 'http://localhost:54321' }, true],
		['a hosted project', { PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' }, false],
		[
			'PARLEY_LOCAL_STACK=on even with a hosted URL',
			{ PUBLIC_SUPABASE_URL: 'https://abc.supabase.co', PARLEY_LOCAL_STACK: 'on' },
			true
		],
		['PARLEY_LOCAL_STACK=off', { PARLEY_LOCAL_STACK: 'off' }, false]
	];
	for (const [name, env, expected] of cases) {
		it(`is ${expected} for ${name}`, () => {
			expect(wantsLocalStack(env)).toBe(expected);
		});
	}

	it('rejects an unknown PARLEY_LOCAL_STACK value', () => {
		expect(() => wantsLocalStack({ PARLEY_LOCAL_STACK: 'maybe' })).toThrow(BackendConfigError);
	});

	it('rejects a Supabase URL that is not a URL', () => {
		expect(() => wantsLocalStack({ PUBLIC_SUPABASE_URL: 'abc.supabase.co' })).toThrow(
			BackendConfigError
		);
	});
});

describe('lockDataDir', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'parley-lock-'));
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('writes this process id and removes the lock on release', async () => {
		const release = await lockDataDir(dir);
		expect(await readFile(join(dir, 'parley.lock'), 'utf8')).toBe(String(process.pid));
		await release();
		await expect(readFile(join(dir, 'parley.lock'))).rejects.toThrow(/ENOENT/);
	});

	it('refuses a directory another running process holds', async () => {
		await writeFile(join(dir, 'parley.lock'), String(process.ppid));
		await expect(lockDataDir(dir)).rejects.toThrow(/in use by another Parley process/);
	});

	it('takes over a lock left by a process that no longer runs', async () => {
		// Far above Linux's default pid_max (4194304), so no process can have it.
		await writeFile(join(dir, 'parley.lock'), '99999999');
		const release = await lockDataDir(dir);
		expect(await readFile(join(dir, 'parley.lock'), 'utf8')).toBe(String(process.pid));
		await release();
	});
});
