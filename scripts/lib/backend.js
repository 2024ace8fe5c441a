/**
 * Decides where the app's Supabase lives: the local stack, started in this process, or a real
 * Supabase project named by PUBLIC_SUPABASE_URL. Sets PUBLIC_SUPABASE_URL and
 * PUBLIC_SUPABASE_ANON_KEY for the app either way.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, isLoopback, loadConfig } from '../../supabase/local/config.ts';
import { exitOnDatabaseLoss } from '../../supabase/local/banner.ts';
import { startStack } from '../../supabase/local/server.ts';

/** Thrown for configuration a person must fix; the message says how. */
export class BackendConfigError extends Error {
	name = 'BackendConfigError';
}

/** Whether to start the local stack: PARLEY_LOCAL_STACK=on|off, else off for a non-local URL. */
export function wantsLocalStack(env = process.env) {
	const mode = (env.PARLEY_LOCAL_STACK ?? 'auto').toLowerCase();
	if (mode === 'on') return true;
	if (mode === 'off') return false;
	if (mode !== 'auto')
		throw new BackendConfigError(`PARLEY_LOCAL_STACK must be on, off or auto, got "${mode}"`);
	const url = env.PUBLIC_SUPABASE_URL;
	if (!url) return true;
	let host;
	try {
		host = new URL(url).hostname;
	} catch {
		throw new BackendConfigError(`PUBLIC_SUPABASE_URL is not a URL: "${url}"`);
	}
	return isLoopback(host);
}

/**
 * Starts the backend the environment asks for. Resolves to `{ stack, supabaseUrl, close }`;
 * `stack` is undefined when a real Supabase project is used.
 */
export async function startBackend(env = process.env, log = (line) => console.log(line)) {
	if (!wantsLocalStack(env)) {
		if (!env.PUBLIC_SUPABASE_URL || !env.PUBLIC_SUPABASE_ANON_KEY)
			throw new BackendConfigError(
				'Without the local stack, set PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY ' +
					'to your Supabase project (Project Settings → API).'
			);
		return { stack: undefined, supabaseUrl: env.PUBLIC_SUPABASE_URL, close: async () => {} };
	}
	let config;
	try {
		config = await loadConfig(env);
	} catch (err) {
		if (err instanceof ConfigError) throw new BackendConfigError(err.message);
		throw err;
	}
	// PGlite is single-process: a second server on the same files would corrupt them.
	const unlock = config.databaseUrl ? async () => {} : await lockDataDir(config.dataDir);
	let stack;
	try {
		stack = await startStack(config, { log, onDatabaseLost: exitOnDatabaseLoss('parley') });
	} catch (err) {
		await unlock();
		if (err && err.code === 'EADDRINUSE')
			throw new BackendConfigError(
				`Port ${config.port} on ${config.host} is in use (another Parley or Supabase running?). ` +
					'Stop it, or set PARLEY_STACK_PORT to a free port.'
			);
		throw err;
	}
	env.PUBLIC_SUPABASE_URL ||= stack.url;
	env.PUBLIC_SUPABASE_ANON_KEY ||= config.anonKey;
	// Server routes that need a secret (pairing) act with the service role; never sent to browsers.
	env.SUPABASE_SERVICE_ROLE_KEY ||= config.serviceRoleKey;
	return {
		stack,
		supabaseUrl: env.PUBLIC_SUPABASE_URL,
		close: async () => {
			await stack.close();
			await unlock();
		}
	};
}

/** True when a process with this id is running. */
function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** Claims the data directory for this process; resolves to the function that releases it. */
export async function lockDataDir(dataDir) {
	await mkdir(dataDir, { recursive: true });
	const file = join(dataDir, 'parley.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			await writeFile(file, String(process.pid), { flag: 'wx' });
			return () => rm(file, { force: true });
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			const owner = Number(await readFile(file, 'utf8').catch(() => ''));
			if (owner && owner !== process.pid && isRunning(owner))
				throw new BackendConfigError(
					`${dataDir} is in use by another Parley process (pid ${owner}). Stop it first, ` +
						'or set PARLEY_DATA_DIR to another directory.'
				);
			// Left behind by a process that did not stop cleanly: take it over.
			await rm(file, { force: true });
		}
	}
	throw new BackendConfigError(`could not lock ${dataDir}`);
}
