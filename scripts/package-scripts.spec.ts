// The npm scripts that run the embedded stack, run by a shell as npm runs them: the memory
// settings they carry reach the Node process (README, "One process for `npm start`").
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const { scripts } = JSON.parse(
	readFileSync(new URL('../package.json', import.meta.url), 'utf8')
) as { scripts: Record<string, string> };

/** The script with its file replaced by code that prints what the process was given. */
function probe(name: string): string {
	const script = scripts[name];
	const file = /\s(\S+\.(?:js|ts))$/.exec(script)?.[1];
	if (!file) throw new Error(`the ${name} script does not end with a file`);
	const report =
		'console.log(JSON.stringify({ tunables: process.env.GLIBC_TUNABLES ?? null, flags: process.execArgv.filter((a) => a.startsWith("--")) }))';
	return script.slice(0, -file.length) + `-e '${report}'`;
}

describe('npm start and npm run stack', () => {
	for (const name of ['start', 'stack']) {
		it(`${name}: glibc keeps its fixed trim threshold, Node gets the heap flags`, async () => {
			const { stdout } = await run('sh', ['-c', probe(name)], {
				env: { PATH: process.env.PATH, GLIBC_TUNABLES: 'glibc.malloc.arena_max=8' }
			});
			const seen = JSON.parse(stdout) as { tunables: string | null; flags: string[] };
			// The script's own setting wins over one inherited from the caller's environment.
			expect(seen.tunables).toBe('glibc.malloc.trim_threshold=131072');
			expect(seen.flags).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=50']);
		});
	}
});
