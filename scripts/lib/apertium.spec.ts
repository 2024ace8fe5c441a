import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findApertium, startApertium, startTranslation, wantsApertium } from './apertium.js';

describe('wantsApertium', () => {
	it.each([
		[{}, true],
		[{ PARLEY_APERTIUM: 'auto' }, true],
		[{ PARLEY_APERTIUM: 'off' }, false],
		[{ PARLEY_APERTIUM: 'OFF' }, false],
		[{ APERTIUM_URL: 'http://apy.example:2737' }, false],
		[{ LIBRETRANSLATE_URL: 'https://lt.example' }, false],
		[{ LIBRETRANSLATE_URL: ' ', APERTIUM_URL: '' }, true]
	])('is %j → %s', (env, expected) => {
		expect(wantsApertium(env)).toBe(expected);
	});
});

describe('findApertium and startApertium', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'parley-apy-'));
		await mkdir(join(dir, 'modes'));
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	/** An apertium-apy whose `#!` names `python`, and the given mode files. */
	async function install(python: string, modes: string[]) {
		const bin = join(dir, 'apertium-apy');
		await writeFile(bin, `#!${python}\n# apertium-apy\n`);
		for (const m of modes) await writeFile(join(dir, 'modes', m), '');
		return { bin, modesDir: join(dir, 'modes') };
	}

	it('finds the interpreter from the #! line and the installed pairs', async () => {
		const paths = await install('/bin/sh', ['eng-spa.mode', 'spa-eng_US.mode', 'eng-morph.mode']);
		expect(findApertium(paths)).toEqual({
			python: '/bin/sh',
			modesDir: paths.modesDir,
			pairs: ['eng-spa', 'spa-eng_US']
		});
	});

	it('finds nothing without apertium-apy, its interpreter or any pair', async () => {
		expect(findApertium({ bin: join(dir, 'none'), modesDir: join(dir, 'modes') })).toBeNull();
		expect(findApertium(await install('/no/such/python3', ['eng-spa.mode']))).toBeNull();
		await rm(join(dir, 'modes', 'eng-spa.mode'));
		expect(findApertium(await install('/bin/sh', ['eng-morph.mode']))).toBeNull();
	});

	it('reports APy’s own words when it exits before it is ready', async () => {
		const script = join(dir, 'fake-python');
		await writeFile(script, '#!/bin/sh\necho "apy.py: APy needs a UTF-8 locale" >&2\nexit 1\n');
		await chmod(script, 0o755);
		await expect(
			startApertium({ found: { python: script, modesDir: dir, pairs: ['eng-spa'] } })
		).rejects.toThrow(/exited \(code 1\) before it was ready:\napy.py: APy needs a UTF-8 locale/);
	});

	it('gives up after the bounded wait and stops what it started', async () => {
		const script = join(dir, 'fake-python');
		const pidFile = join(dir, 'pid');
		await writeFile(script, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 30\n`);
		await chmod(script, 0o755);
		await expect(
			startApertium({
				found: { python: script, modesDir: dir, pairs: ['eng-spa'] },
				readyTimeoutMs: 500
			})
		).rejects.toThrow(/not ready within 500 ms/);
		const pid = Number(await readFile(pidFile, 'utf8'));
		expect(() => process.kill(pid, 0)).toThrow();
	});

	it('starts nothing when a provider is named', async () => {
		const lines: string[] = [];
		const env: NodeJS.ProcessEnv = { LIBRETRANSLATE_URL: 'https://lt.example' };
		const stop = await startTranslation(env, (l: string) => lines.push(l));
		await stop();
		expect(env.APERTIUM_URL).toBeUndefined();
		expect(lines).toEqual([]);
	});
});
