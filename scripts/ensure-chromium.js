#!/usr/bin/env node
// The browser tests drive Debian's Chromium (Playwright's own download does not work here).
// Installs it with apt when missing and we may (root, or password-less sudo); else says how.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM_PATH || DEBIAN_CHROMIUM;

/** Runs a command with inherited output; true when it exits 0. */
function run(command, args) {
	return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

function install() {
	const apt = [
		['apt-get', ['update']],
		['apt-get', ['install', '-y', '--no-install-recommends', 'chromium']]
	];
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	Object.assign(process.env, env);
	if (process.getuid?.() === 0) {
		console.log("Installing Debian's chromium package…");
		return apt.every(([c, a]) => run(c, a));
	}
	const sudoWorks = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
	if (!sudoWorks) return false;
	console.log("Installing Debian's chromium package with sudo…");
	return apt.every(([c, a]) => run('sudo', ['-n', '-E', c, ...a]));
}

if (!existsSync(CHROMIUM_PATH)) {
	console.log(`Chromium not found at ${CHROMIUM_PATH}.`);
	// Installing Debian's package only helps when the tests look for Debian's binary.
	const installed = CHROMIUM_PATH === DEBIAN_CHROMIUM && install();
	if (!installed || !existsSync(CHROMIUM_PATH)) {
		console.error(
			[
				'',
				`The browser tests need Chromium at ${CHROMIUM_PATH}. Debian's is installed with:`,
				'',
				'    sudo apt-get update && sudo apt-get install -y chromium',
				'',
				'or point PARLEY_CHROMIUM_PATH at another Chromium binary.',
				''
			].join('\n')
		);
		process.exit(1);
	}
}
