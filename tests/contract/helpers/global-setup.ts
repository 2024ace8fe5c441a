/**
 * Migrates one template database for the whole contract run; every test file then starts
 * its own stack from a copy of it (a PGlite dump, or `create database … template` on Postgres).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../../supabase/local/migrate.ts';
import { openPglite, openPostgres } from '../../../supabase/local/db.ts';
import { TEMPLATE_DB, adminUrl } from './postgres.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
		postgresUrl: string;
	}
}

export default async function setup(project: TestProject) {
	const postgresUrl = process.env.PARLEY_TEST_DATABASE_URL ?? '';
	const dir = await mkdtemp(join(tmpdir(), 'parley-contract-'));
	if (postgresUrl) {
		const admin = await openPostgres(adminUrl(postgresUrl), 1);
		await admin.exec(`drop database if exists ${TEMPLATE_DB} with (force)`);
		await admin.exec(`create database ${TEMPLATE_DB}`);
		await admin.close();
		const template = await openPostgres(adminUrl(postgresUrl, TEMPLATE_DB), 2);
		await migrate(template);
		await template.close();
		project.provide('pgliteTemplate', '');
	} else {
		const db = await openPglite({ dataDir: join(dir, 'template') });
		await migrate(db);
		const dump = await db.dump();
		await db.close();
		const file = join(dir, 'template.tar.gz');
		await writeFile(file, Buffer.from(await dump.arrayBuffer()));
		project.provide('pgliteTemplate', file);
	}
	project.provide('postgresUrl', postgresUrl);
	return async () => {
		await rm(dir, { recursive: true, force: true });
	};
}
