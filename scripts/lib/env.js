/** Reads `.env` (or the file PARLEY_ENV_FILE names; empty to skip) without overriding real env. */
import { existsSync } from 'node:fs';

/** Loads the project's env file into process.env, if there is one. */
export function loadEnvFile(env = process.env) {
	const file = env.PARLEY_ENV_FILE ?? '.env';
	if (!file || !existsSync(file)) return undefined;
	// process.loadEnvFile keeps variables that are already set, so the shell always wins.
	process.loadEnvFile(file);
	return file;
}
