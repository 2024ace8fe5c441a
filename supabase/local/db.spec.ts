import { describe, expect, it } from 'vitest';
import { openPglite, PGLITE_SHARED_BUFFERS } from './db.ts';

describe('openPglite', () => {
	it('starts Postgres with our shared_buffers, or the size it is given', async () => {
		for (const [given, want] of [
			[undefined, PGLITE_SHARED_BUFFERS],
			['16MB', '16MB']
		] as const) {
			const db = await openPglite({
				dataDir: 'memory://',
				...(given ? { sharedBuffers: given } : {})
			});
			try {
				const { rows } = await db.query<{ size: string }>(
					"select current_setting('shared_buffers') as size"
				);
				expect(rows[0].size).toBe(want);
				// PGlite's own start parameters are still there: one user, no parallel workers.
				const workers = await db.query<{ n: string }>(
					"select current_setting('max_worker_processes') as n"
				);
				expect(workers.rows[0].n).toBe('0');
			} finally {
				await db.close();
			}
		}
	}, 60_000);
});
