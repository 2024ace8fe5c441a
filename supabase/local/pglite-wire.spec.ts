import { PGlite } from '@electric-sql/pglite';
import * as pgliteModule from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontend, PgliteWire, readBackend, resultOf } from './pglite-wire.ts';

const { serialize } = pgliteModule.protocol;
const bytes = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('the wire protocol with PGlite', () => {
	let pg: PGlite;
	let wire: PgliteWire;
	beforeAll(async () => {
		pg = await PGlite.create('memory://');
		wire = new PgliteWire(pg, pgliteModule);
		await pg.exec(`create table w (id int primary key, v text, j jsonb, b bytea, at timestamptz);
			insert into w values (1, 'één ☃ 😀', '{"k":[1,"x"]}', '\\x00ff', '2026-01-02T03:04:05Z'),
			                     (2, '', null, null, null);`);
	}, 60_000);
	afterAll(() => pg.close());

	it('writes the messages PGlite writes', () => {
		expect(bytes(frontend.query('select 1 -- ☃'))).toBe(bytes(serialize.query('select 1 -- ☃')));
		expect(bytes(frontend.parse('s1', 'select $1::text'))).toBe(
			bytes(serialize.parse({ name: 's1', text: 'select $1::text', types: [] }))
		);
		expect(bytes(frontend.parse('', 'select 1'))).toBe(
			bytes(serialize.parse({ text: 'select 1', types: [] }))
		);
		expect(bytes(frontend.describe('S', 's1'))).toBe(
			bytes(serialize.describe({ type: 'S', name: 's1' }))
		);
		expect(bytes(frontend.describe('P'))).toBe(bytes(serialize.describe({ type: 'P' })));
		expect(bytes(frontend.execute())).toBe(bytes(serialize.execute({})));
		expect(bytes(frontend.close('s1'))).toBe(bytes(serialize.close({ type: 'S', name: 's1' })));
		expect(bytes(frontend.sync())).toBe(bytes(serialize.sync()));
	});

	it('refuses a NUL inside a string, which would end it early', () => {
		expect(() => frontend.query('select 1\0; drop table w')).toThrow(TypeError);
		expect(() => frontend.parse('a\0', 'select 1')).toThrow(TypeError);
	});

	it('binds text values, empty strings and nulls as Postgres reads them', async () => {
		const values = ['één ☃ 😀', '', null, 'x'.repeat(70_000)];
		const messages = await wire.exchange(
			Buffer.concat([
				frontend.parse('', 'select $1::text as a, $2::text as b, $3::text as c, length($4) as n'),
				frontend.bind('', values),
				frontend.describe('P'),
				frontend.execute(),
				frontend.sync()
			])
		);
		expect(resultOf(messages, pg.parsers).rows).toEqual([
			{ a: 'één ☃ 😀', b: '', c: null, n: 70_000 }
		]);
	});

	it('reads what PGlite reads, and makes the same results of it', async () => {
		const request = Buffer.concat([
			frontend.query('begin'),
			frontend.parse('', 'select * from w order by id'),
			frontend.bind('', []),
			frontend.describe('P'),
			frontend.execute(),
			frontend.parse('', 'update w set v = v where id > $1'),
			frontend.describe('S'),
			frontend.bind('', ['0']),
			frontend.execute(),
			frontend.sync(),
			frontend.query('commit')
		]);
		const theirs = await pg.execProtocol(request);
		const ours = readBackend(Buffer.from(theirs.data));
		expect(ours.error).toBeUndefined();
		const names = theirs.messages.map((m) => m.name).filter((n) => n !== 'notice');
		expect(ours.messages.map((m) => m.name)).toEqual(names);
		const picked = theirs.messages.flatMap((m): unknown[] => {
			const r = m as unknown as Record<string, unknown>;
			if (m.name === 'dataRow') return [r.fields];
			if (m.name === 'commandComplete') return [r.text];
			if (m.name === 'parameterDescription') return [r.dataTypeIDs];
			if (m.name === 'rowDescription')
				return [
					(r.fields as { name: string; dataTypeID: number }[]).map((f) => [f.name, f.dataTypeID])
				];
			return [];
		});
		expect(
			ours.messages.flatMap((m): unknown[] => {
				if (m.name === 'dataRow') return [m.fields];
				if (m.name === 'commandComplete') return [m.text];
				if (m.name === 'parameterDescription') return [m.dataTypeIDs];
				if (m.name === 'rowDescription') return [m.fields.map((f) => [f.name, f.dataTypeID])];
				return [];
			})
		).toEqual(picked);
		// The select's rows, parsed by type, and the update's count, as PGlite's parseResults.
		const [select, update] = pgliteModule.parse
			.parseResults(theirs.messages, pg.parsers)
			.filter((r) => r.fields.length > 0 || r.affectedRows);
		const cut = ours.messages.findIndex((m) => m.name === 'parameterDescription');
		const end = ours.messages.findIndex((m) => m.name === 'commandComplete' && m.text === 'COMMIT');
		const mine = resultOf(ours.messages.slice(0, cut), pg.parsers);
		expect(mine.rows).toEqual(select.rows);
		expect(mine.fields).toEqual(select.fields);
		expect(mine.rows[0]).toMatchObject({ j: { k: [1, 'x'] }, b: new Uint8Array([0, 255]) });
		expect(resultOf(ours.messages.slice(cut, end), pg.parsers)).toMatchObject({
			command: 'UPDATE',
			affectedRows: update.affectedRows
		});
		expect(update.affectedRows).toBe(2);
	});

	it('throws the first error as PGlite does, with every field', async () => {
		const request = Buffer.concat([
			frontend.parse('', "insert into w (id, v) values (1, 'again')"),
			frontend.bind('', []),
			frontend.execute(),
			frontend.sync(),
			frontend.query('select 1/0')
		]);
		const theirs = await pg.execProtocolStream(request).catch((e: unknown) => e as Error);
		const ours = (await wire.exchange(request).then(
			() => new Error('no error'),
			(e: unknown) => e
		)) as Error;
		expect(ours).toBeInstanceOf(pgliteModule.messages.DatabaseError);
		expect(ours.message).toBe('duplicate key value violates unique constraint "w_pkey"');
		expect({ ...ours }).toEqual({ ...theirs });
		expect(ours).toMatchObject({ code: '23505', constraint: 'w_pkey', table: 'w' });
		// Usable afterwards, outside any transaction.
		expect(pg.isInTransaction()).toBe(false);
		const ok = await wire.exchange(frontend.query('select 2 as n'));
		expect(resultOf(ok, pg.parsers).rows).toEqual([{ n: 2 }]);
	});

	it('hands notifications to those who listen, once, and stops when told', async () => {
		const heard: string[] = [];
		const unlisten = await wire.listen('News', (payload) => heard.push(payload));
		await wire.exchange(frontend.query("select pg_notify('news', 'by the wire')"));
		await pg.query("select pg_notify('news', 'by PGlite')");
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(heard.sort()).toEqual(['by PGlite', 'by the wire']);
		await unlisten();
		await wire.exchange(frontend.query("select pg_notify('news', 'unheard')"));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(heard).toHaveLength(2);
	});

	it('refuses a reply cut short', () => {
		const whole = Buffer.from(frontend.query('select 1')); // any framed message will do
		expect(() => readBackend(whole.subarray(0, whole.length - 2))).toThrow(/cut short/);
		expect(() => readBackend(Buffer.from([0x5a, 0, 0]))).toThrow(/cut short/);
	});
});
