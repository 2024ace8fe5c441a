/**
 * Starts a private local stack for one test file: its own database copied from the migrated
 * template, its own port on 127.0.0.1, its own data directory. Use `createClient` to get an
 * unmodified supabase-js client pointed at it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createClient as createSupabaseClient, type SupabaseClient } from '@supabase/supabase-js';
import { loadConfig, type StackConfig } from '../../../supabase/local/config.ts';
import { openPglite, openPostgres, type Database } from '../../../supabase/local/db.ts';
import { openPgliteThread } from '../../../supabase/local/pglite-thread.ts';
import { startStack, type Stack } from '../../../supabase/local/server.ts';
import { TEMPLATE_DB, adminUrl } from './postgres.ts';

export interface TestStack {
	stack: Stack;
	url: string;
	anonKey: string;
	serviceRoleKey: string;
	db: Database;
	/** A fresh supabase-js client (no session persistence) with the anon key, or the key given. */
	client(key?: string): SupabaseClient;
	/** A supabase-js client with the service role key. */
	admin(): SupabaseClient;
	stop(): Promise<void>;
}

export interface TestStackOptions {
	/** SQL run as superuser after the migrations, e.g. a fixture schema. */
	sql?: string;
	/** Overrides for the stack's configuration. */
	config?: Partial<StackConfig>;
}

/**
 * Opens a database for one test file: a PGlite copy of the template, or a new Postgres database
 * (with `poolSize` connections, 5 by default).
 */
export async function openTestDatabase(
	opts: { poolSize?: number; preparedMax?: number } = {}
): Promise<{ db: Database; drop(): Promise<void> }> {
	const postgresUrl = inject('postgresUrl');
	if (postgresUrl) {
		const name = `parley_t_${randomBytes(6).toString('hex')}`;
		const admin = await openPostgres(adminUrl(postgresUrl), 1);
		await admin.exec(`create database ${name} template ${TEMPLATE_DB}`);
		const db = await openPostgres(adminUrl(postgresUrl, name), opts.poolSize ?? 5, {
			preparedMax: opts.preparedMax
		});
		return {
			db,
			async drop() {
				await admin.exec(`drop database if exists ${name} with (force)`);
				await admin.close();
			}
		};
	}
	const dump = await readFile(inject('pgliteTemplate'));
	// PGlite on a thread of its own, as `npm start` runs it (the REST engine beside it);
	// PARLEY_TEST_PGLITE_THREAD=off runs both on the test's thread, as PARLEY_PGLITE_THREAD=off does.
	const open = process.env.PARLEY_TEST_PGLITE_THREAD === 'off' ? openPglite : openPgliteThread;
	const db = await open({
		dataDir: 'memory://',
		loadDataDir: new Blob([dump]),
		preparedMax: opts.preparedMax
	});
	return { db, drop: async () => undefined };
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
	const dataDir = await mkdtemp(join(tmpdir(), 'parley-stack-'));
	const { db, drop } = await openTestDatabase();
	if (opts.sql) await db.exec(opts.sql);
	const config = await loadConfig({}, { port: 0, host: '127.0.0.1', dataDir, ...opts.config });
	// Migrations already ran on the template; run the idempotent bootstrap + any new ones anyway
	// so a test never sees a stale schema.
	const stack = await startStack(config, { db, seed: false });
	const make = (key: string) =>
		createSupabaseClient(stack.url, key, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
		});
	return {
		stack,
		url: stack.url,
		anonKey: config.anonKey,
		serviceRoleKey: config.serviceRoleKey,
		db,
		client: (key = config.anonKey) => make(key),
		admin: () => make(config.serviceRoleKey),
		async stop() {
			await stack.close();
			await drop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
