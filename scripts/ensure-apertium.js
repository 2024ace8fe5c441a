#!/usr/bin/env node
// Translation tests run against real Apertium APy with its English↔Spanish pair, from Debian
// (`apertium-apy`, `apertium-eng-spa`). Installs them with apt when missing and we may (root,
// or password-less sudo); else says how. Only the translation tests need them (they fail with
// the same advice), so a missing Apertium warns here instead of stopping every other test.
import { spawnSync } from 'node:child_process';
import { findApertium } from './lib/apertium.js';

const PACKAGES = ['apertium-apy', 'apertium-eng-spa'];

/** Whether APy and the eng↔spa pair are installed. */
const has = () => {
	const found = findApertium();
	return !!found && found.pairs.includes('eng-spa') && found.pairs.includes('spa-eng');
};

function run(command, args) {
	return (
		spawnSync(command, args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		}).status === 0
	);
}

function install() {
	const apt = [
		['apt-get', ['update']],
		['apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES]]
	];
	if (process.getuid?.() === 0) {
		console.log("Installing Debian's apertium-apy and apertium-eng-spa (translation tests)…");
		return apt.every(([c, a]) => run(c, a));
	}
	if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) return false;
	console.log("Installing Debian's apertium-apy and apertium-eng-spa with sudo…");
	return apt.every(([c, a]) => run('sudo', ['-n', '-E', c, ...a]));
}

if (!has() && !(install() && has())) {
	console.warn(
		[
			'',
			'The translation tests (tests/contract/translate.test.ts) need Apertium APy with its',
			'English↔Spanish pair:',
			'',
			`    sudo apt-get update && sudo apt-get install -y ${PACKAGES.join(' ')}`,
			''
		].join('\n')
	);
}
