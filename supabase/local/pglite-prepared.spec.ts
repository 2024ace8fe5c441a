import { PGlite } from '@electric-sql/pglite';
import * as pgliteModule from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreparedStatements } from './pglite-prepared.ts';
import { runTransaction } from './pglite-transaction.ts';
import { PgliteWire } from './pglite-wire.ts';

// Through the database layer, on PGlite and on PostgreSQL alike:
// tests/contract/prepared-statements.test.ts.
describe('PreparedStatements', () => {
	let pg: PGlite;
	let wire: PgliteWire;
	beforeAll(async () => {
		pg = await PGlite.create('memory://');
		wire = new PgliteWire(pg, pgliteModule);
	}, 60_000);
	afterAll(() => pg.close());

	const prepared = async () =>
		(
			await pg.query<{ name: string }>(
				"select name from pg_prepared_statements where name like 'parley_%' order by name"
			)
		).rows.map((r) => r.name);

	it('keeps at most its limit, closing the least recently used', async () => {
		const cache = new PreparedStatements(pg, 2);
		const run = (text: string) => runTransaction(pg, wire, (tx) => cache.query(tx, text, []));
		await run('select 1 as n');
		await run('select 2 as n');
		await run('select 1 as n'); // now the most recently used
		const third = await run('select 3 as n');
		expect(third.rows).toEqual([{ n: 3 }]);
		expect(cache.size).toBe(2);
		// `select 2` went; it is closed when the next statement is prepared.
		await run('select 4 as n');
		const names = await prepared();
		expect(names).toHaveLength(2);
		expect((await run('select 1 as n')).rows).toEqual([{ n: 1 }]);
	});

	it('refuses a limit below one and a closed transaction', async () => {
		expect(() => new PreparedStatements(pg, 0)).toThrow(RangeError);
		const cache = new PreparedStatements(pg);
		let held: Parameters<Parameters<typeof runTransaction>[2]>[0] | undefined;
		await runTransaction(pg, wire, async (tx) => {
			held = tx;
		});
		await expect(cache.query(held!, 'select 1', [])).rejects.toThrow(/closed/);
	});
});
