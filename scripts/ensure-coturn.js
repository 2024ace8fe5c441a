#!/usr/bin/env node
// The call specs relay a call through a TURN server they start themselves: Debian's coturn
// (`turnserver`). Installs it with apt when missing and we may (root, or password-less sudo);
// else says how. Only those specs need it, so a missing coturn warns instead of failing.
import { spawnSync } from 'node:child_process';

const has = () =>
	spawnSync('sh', ['-c', 'command -v turnserver'], { stdio: 'ignore' }).status === 0;

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
		['apt-get', ['install', '-y', '--no-install-recommends', 'coturn']]
	];
	if (process.getuid?.() === 0) {
		console.log("Installing Debian's coturn package (TURN server for the call specs)…");
		return apt.every(([c, a]) => run(c, a));
	}
	if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) return false;
	console.log("Installing Debian's coturn package with sudo…");
	return apt.every(([c, a]) => run('sudo', ['-n', '-E', c, ...a]));
}

if (!has() && !(install() && has())) {
	console.warn(
		[
			'',
			'The call specs (tests/browser/calls*.spec.ts) need a TURN server, turnserver from coturn:',
			'',
			'    sudo apt-get update && sudo apt-get install -y coturn',
			''
		].join('\n')
	);
}
