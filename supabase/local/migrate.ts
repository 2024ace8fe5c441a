/** Brings a database up to date: the platform bootstrap, the project's migrations, then the seed. */
import { readdir, readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.ts';
import { PROJECT_SUPABASE_DIR } from './config.ts';

export { PROJECT_SUPABASE_DIR };

const here = dirname(fileURLToPath(import.meta.url));
/** The platform bootstrap scripts, in order: roles, auth, storage, realtime. */
export const BOOTSTRAP_DIR = join(here, 'sql');

const MIGRATION_NAME = /^(\d+)_(.+)\.sql$/;
/**
 * The search path migrations and seeds run with on Supabase (the `postgres` role's), so
 * `gen_salt()` or `uuid_generate_v4()` without a schema work here as they do there. The CLI
 * applies migrations over a plain connection, so `[api]` settings do not change it.
 */
export const MIGRATION_SEARCH_PATH = '"$user", public, extensions';
const withSearchPath = (text: string) =>
	`set local search_path to ${MIGRATION_SEARCH_PATH};\n${text}`;

export interface MigrateOptions {
	/** The folder holding `migrations/` and `seed.sql` (default: the project's `supabase/`). */
	supabaseDir?: string;
	/** Run `seed.sql` when the database had no migrations before (default true). */
	seed?: boolean;
	log?: (line: string) => void;
}

async function sqlFiles(dir: string): Promise<string[]> {
	try {
		return (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw err;
	}
}

/** Applies what is missing; each migration runs in its own transaction and is recorded. */
export async function migrate(
	db: Database,
	opts: MigrateOptions = {}
): Promise<{ applied: string[] }> {
	const dir = opts.supabaseDir ?? PROJECT_SUPABASE_DIR;
	const log = opts.log ?? (() => undefined);
	for (const file of await sqlFiles(BOOTSTRAP_DIR)) {
		const text = await readFile(join(BOOTSTRAP_DIR, file), 'utf8');
		await db.transaction((tx) => tx.exec(text));
	}
	const done = new Set(
		(
			await db.query<{ version: string }>(
				'select version from supabase_migrations.schema_migrations'
			)
		).rows.map((r) => r.version)
	);
	const wasFresh = done.size === 0;
	const applied: string[] = [];
	for (const file of await sqlFiles(join(dir, 'migrations'))) {
		const match = MIGRATION_NAME.exec(file);
		if (!match)
			throw new Error(`migration file name must look like <timestamp>_<name>.sql: ${file}`);
		const [, version, name] = match;
		if (done.has(version)) continue;
		const text = await readFile(join(dir, 'migrations', file), 'utf8');
		try {
			await db.transaction(async (tx) => {
				await tx.exec(withSearchPath(text));
				await tx.query(
					'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
					[version, name, [text]]
				);
			});
		} catch (err) {
			throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
		}
		applied.push(file);
		log(`applied migration ${file}`);
	}
	if (wasFresh && opts.seed !== false) {
		const seed = await readFile(join(dir, 'seed.sql'), 'utf8').catch(() => '');
		if (seed.trim()) {
			await db.transaction((tx) => tx.exec(withSearchPath(seed)));
			log('applied seed.sql');
		}
	}
	return { applied };
}
