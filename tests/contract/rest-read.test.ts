import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from './helpers/stack.ts';
import { rest, startRestStack } from './helpers/rest-fixture.ts';

let t: TestStack;
beforeAll(async () => {
	t = await startRestStack();
});
afterAll(async () => {
	await t?.stop();
});

describe('/rest/v1 reads through supabase-js', () => {
	it('selects columns with aliases, JSON paths and casts', async () => {
		const { data, error, status } = await t
			.client()
			.from('countries')
			.select(
				'id, label:name, continent:meta->>continent, lang:meta->lang->main, pop:population::text, meta->lang->>main'
			)
			.in('id', [1, 4])
			.order('id');
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toEqual([
			{ id: 1, label: 'France', continent: 'Europe', lang: 'fr', pop: '68000000', main: 'fr' },
			{ id: 4, label: 'Iceland', continent: null, lang: null, pop: null, main: null }
		]);
	});

	it('applies every comparison operator supabase-js sends', async () => {
		const c = t.client();
		const names = async (q: PromiseLike<{ data: { name: string }[] | null; error: unknown }>) => {
			const { data, error } = await q;
			expect(error).toBeNull();
			return data!.map((r) => r.name);
		};
		const base = () => c.from('countries').select('name').order('id');
		expect(await names(base().eq('code', 'FR'))).toEqual(['France']);
		expect(await names(base().neq('code', 'FR'))).toEqual(['Germany', 'Japan', 'Iceland']);
		expect(await names(base().gt('population', 84000000))).toEqual(['Japan']);
		expect(await names(base().gte('population', 84000000))).toEqual(['Germany', 'Japan']);
		expect(await names(base().lt('population', 68000000))).toEqual(['Chad']);
		expect(await names(base().lte('population', 68000000))).toEqual(['France', 'Chad']);
		expect(await names(base().like('name', '%an%'))).toEqual([
			'France',
			'Germany',
			'Japan',
			'Iceland'
		]);
		expect(await names(base().like('name', '*ra*'))).toEqual(['France']);
		expect(await names(base().ilike('name', 'j%'))).toEqual(['Japan']);
		expect(await names(base().likeAnyOf('name', ['F%', 'J%']))).toEqual(['France', 'Japan']);
		expect(await names(base().likeAllOf('name', ['%a%', '%n%']))).toEqual([
			'France',
			'Germany',
			'Japan',
			'Iceland'
		]);
		expect(await names(base().ilikeAnyOf('name', ['f%', 'c%']))).toEqual(['France', 'Chad']);
		expect(await names(base().match({ code: 'DE', name: 'Germany' }))).toEqual(['Germany']);
		expect(await names(base().filter('name', 'match', '^[FG]'))).toEqual(['France', 'Germany']);
		expect(await names(base().filter('name', 'imatch', '^j'))).toEqual(['Japan']);
		expect(await names(base().is('code', null))).toEqual(['Chad']);
		expect(await names(base().not('code', 'is', null))).toEqual([
			'France',
			'Germany',
			'Japan',
			'Iceland'
		]);
		expect(await names(base().isDistinct('code', 'FR'))).toEqual([
			'Germany',
			'Japan',
			'Iceland',
			'Chad'
		]);
		expect(await names(base().in('name', ['France', 'Chad', 'Atlantis']))).toEqual([
			'France',
			'Chad'
		]);
		expect(await names(base().not('id', 'in', '(1,2,3)'))).toEqual(['Iceland', 'Chad']);
		expect(await names(base().contains('tags', ['eu']))).toEqual(['France', 'Germany']);
		expect(await names(base().containedBy('tags', ['eu', 'euro', 'x']))).toEqual([
			'France',
			'Germany',
			'Iceland'
		]);
		expect(await names(base().overlaps('tags', ['g7', 'euro']))).toEqual([
			'France',
			'Germany',
			'Japan'
		]);
		expect(await names(base().contains('meta', { continent: 'Asia' }))).toEqual(['Japan']);
		expect(await names(base().eq('meta->lang->>main', 'de'))).toEqual(['Germany']);
		expect(await names(base().textSearch('name', 'france'))).toEqual(['France']);
		expect(
			await names(base().textSearch('name', 'germany', { type: 'websearch', config: 'english' }))
		).toEqual(['Germany']);
		expect(await names(base().textSearch('name', 'japan', { type: 'plain' }))).toEqual(['Japan']);
		expect(await names(base().textSearch('name', 'iceland', { type: 'phrase' }))).toEqual([
			'Iceland'
		]);
	});

	it('matches `in` values that carry PostgREST reserved characters', async () => {
		await t.db.exec(`insert into public.airports values ('A,B', 'Comma (town)'), ('Q"T', 'Quote')`);
		const { data, error } = await t
			.client()
			.from('airports')
			.select('code')
			.in('code', ['A,B', 'Q"T', 'CDG'])
			.order('code');
		expect(error).toBeNull();
		expect(data).toEqual([{ code: 'A,B' }, { code: 'CDG' }, { code: 'Q"T' }]);
		const { data: d2 } = await t
			.client()
			.from('airports')
			.select('code')
			.eq('city', 'Comma (town)');
		expect(d2).toEqual([{ code: 'A,B' }]);
	});

	it('combines or/and trees, nested and negated', async () => {
		const { data, error } = await t
			.client()
			.from('countries')
			.select('name')
			.or('code.eq.FR,and(population.gt.100000000,code.not.is.null),name.in.("Chad","Nope")')
			.order('id');
		expect(error).toBeNull();
		expect(data).toEqual([{ name: 'France' }, { name: 'Japan' }, { name: 'Chad' }]);
		const { data: d2 } = await t
			.client()
			.from('countries')
			.select('name')
			.not('name', 'in', '(France,Germany)')
			.or('tags.cs.{g7},code.is.null')
			.order('id');
		expect(d2).toEqual([{ name: 'Japan' }, { name: 'Chad' }]);
	});

	it('orders with nulls first or last, and pages with limit, offset and range', async () => {
		const c = t.client();
		const { data: a } = await c
			.from('countries')
			.select('name')
			.order('population', { ascending: false, nullsFirst: false });
		expect(a!.map((r) => r.name)).toEqual(['Japan', 'Germany', 'France', 'Chad', 'Iceland']);
		const { data: b } = await c
			.from('countries')
			.select('name')
			.order('population', { nullsFirst: true });
		expect(b!.map((r) => r.name)).toEqual(['Iceland', 'Chad', 'France', 'Germany', 'Japan']);
		const {
			data: d,
			count,
			status
		} = await c.from('countries').select('name', { count: 'exact' }).order('id').range(1, 2);
		expect(d).toEqual([{ name: 'Germany' }, { name: 'Japan' }]);
		expect(count).toBe(5);
		expect(status).toBe(206);
		const { data: e } = await c
			.from('countries')
			.select('name')
			.order('code', { ascending: false })
			.order('id')
			.limit(2);
		expect(e).toEqual([{ name: 'Chad' }, { name: 'Japan' }]);
	});

	it('answers Content-Range and counts the way PostgREST does', async () => {
		const all = await rest(t, '/countries?select=id', { headers: { prefer: 'count=exact' } });
		expect(all.status).toBe(200);
		expect(all.headers.get('content-range')).toBe('0-4/5');
		expect(all.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(all.headers.get('preference-applied')).toBe('count=exact');
		const none = await rest(t, '/countries?select=id&id=eq.99', {
			headers: { prefer: 'count=exact' }
		});
		expect(none.headers.get('content-range')).toBe('*/0');
		expect(none.json).toEqual([]);
		const nocount = await rest(t, '/countries?select=id&limit=2');
		expect(nocount.headers.get('content-range')).toBe('0-1/*');
		const empty = await rest(t, '/countries?id=eq.99');
		expect(empty.headers.get('content-range')).toBe('*/*');
		const ranged = await rest(t, '/countries?select=id&order=id', {
			headers: { range: '2-3', prefer: 'count=exact' }
		});
		expect(ranged.status).toBe(206);
		expect(ranged.headers.get('content-range')).toBe('2-3/5');
		expect(ranged.json).toEqual([{ id: 3 }, { id: 4 }]);
		const beyond = await rest(t, '/countries?offset=10', { headers: { prefer: 'count=exact' } });
		expect(beyond.status).toBe(416);
		expect(beyond.json).toEqual({
			code: 'PGRST103',
			message: 'Requested range not satisfiable',
			details: 'An offset of 10 was requested, but there are only 5 rows.',
			hint: null
		});
		const planned = await t
			.client()
			.from('countries')
			.select('id', { count: 'planned', head: true });
		expect(planned.error).toBeNull();
		expect(typeof planned.count).toBe('number');
		const estimated = await t
			.client()
			.from('countries')
			.select('id', { count: 'estimated', head: true });
		expect(estimated.count).toBe(5);
		const head = await rest(t, '/countries', {
			method: 'HEAD',
			headers: { prefer: 'count=exact' }
		});
		expect(head.status).toBe(200);
		expect(head.text).toBe('');
		expect(head.headers.get('content-range')).toBe('0-4/5');
	});

	it('embeds many-to-one, one-to-many and many-to-many resources with filters, order and limits', async () => {
		const c = t.client();
		const { data, error } = await c
			.from('countries')
			.select('name, cities(name, population), capital:cities!inner(name)')
			.eq('capital.is_capital', true)
			.order('population', { referencedTable: 'cities', ascending: false })
			.limit(2, { referencedTable: 'cities' })
			.in('id', [1, 2, 4])
			.order('id');
		expect(error).toBeNull();
		expect(data).toEqual([
			{
				name: 'France',
				cities: [
					{ name: 'Paris', population: 2100000 },
					{ name: 'Marseille', population: 870000 }
				],
				capital: [{ name: 'Paris' }]
			},
			{
				name: 'Germany',
				cities: [
					{ name: 'Berlin', population: 3600000 },
					{ name: 'Hamburg', population: 1800000 }
				],
				capital: [{ name: 'Berlin' }]
			}
		]);
		const { data: m2o } = await c
			.from('cities')
			.select('name, countries(code)')
			.in('name', ['Tokyo', 'Nowhere'])
			.order('name');
		expect(m2o).toEqual([
			{ name: 'Nowhere', countries: null },
			{ name: 'Tokyo', countries: { code: 'JP' } }
		]);
		const { data: byCol } = await c
			.from('cities')
			.select('name, country:country_id(name)')
			.eq('name', 'Lyon')
			.single();
		expect(byCol).toEqual({ name: 'Lyon', country: { name: 'France' } });
		const { data: m2m } = await c.from('actors').select('name, films(title)').eq('id', 1);
		expect(m2m).toEqual([{ name: 'De Niro', films: [{ title: 'Heat' }, { title: 'Ronin' }] }]);
		const { data: filtered } = await c
			.from('countries')
			.select('name, cities!inner(name)')
			.eq('cities.name', 'Tokyo');
		expect(filtered).toEqual([{ name: 'Japan', cities: [{ name: 'Tokyo' }] }]);
		const { data: nonNull } = await c
			.from('countries')
			.select('name, cities(name)')
			.not('cities', 'is', null)
			.eq('cities.name', 'Lyon');
		expect(nonNull).toEqual([{ name: 'France', cities: [{ name: 'Lyon' }] }]);
		const { data: orderedByParent } = await c
			.from('cities')
			.select('name, countries(name)')
			.not('country_id', 'is', null)
			.order('countries(name)', { ascending: false })
			.order('name')
			.limit(3);
		expect(orderedByParent!.map((r) => r.name)).toEqual(['Tokyo', 'Berlin', 'Hamburg']);
		const { data: spread } = await c
			.from('cities')
			.select('name, ...countries(country:name)')
			.eq('name', 'Berlin');
		expect(spread).toEqual([{ name: 'Berlin', country: 'Germany' }]);
		const { data: or } = await c
			.from('countries')
			.select('name, cities(name)')
			.or('name.eq.Paris,name.eq.Berlin', { referencedTable: 'cities' })
			.in('id', [1, 2])
			.order('id');
		expect(or).toEqual([
			{ name: 'France', cities: [{ name: 'Paris' }] },
			{ name: 'Germany', cities: [{ name: 'Berlin' }] }
		]);
	});

	it('returns one object for single() and maybeSingle(), and PGRST116 otherwise', async () => {
		const c = t.client();
		expect((await c.from('countries').select('name').eq('id', 3).single()).data).toEqual({
			name: 'Japan'
		});
		const many = await c.from('countries').select('name').single();
		expect(many.status).toBe(406);
		expect(many.error).toEqual({
			code: 'PGRST116',
			message: 'Cannot coerce the result to a single JSON object',
			details: 'The result contains 5 rows',
			hint: null
		});
		const none = await c.from('countries').select('name').eq('id', 99).single();
		expect(none.error?.details).toBe('The result contains 0 rows');
		expect((await c.from('countries').select('name').eq('id', 99).maybeSingle()).data).toBeNull();
		const obj = await rest(t, '/countries?select=name&id=eq.1', {
			headers: { accept: 'application/vnd.pgrst.object+json' }
		});
		expect(obj.text).toBe('{"name":"France"}');
	});

	it('switches schema with Accept-Profile and refuses schemas that are not exposed', async () => {
		const { error, status } = await t.client().schema('auth').from('users').select('*');
		expect(status).toBe(406);
		expect(error).toEqual({
			code: 'PGRST106',
			message: 'Invalid schema: auth',
			details: null,
			hint: 'Only the following schemas are exposed: public, graphql_public'
		});
		const ok = await rest(t, '/countries?select=id&id=eq.1', {
			headers: { 'accept-profile': 'public' }
		});
		expect(ok.json).toEqual([{ id: 1 }]);
	});

	it('answers schema-cache errors with PostgREST codes and hints', async () => {
		const c = t.client();
		const table = await c.from('countrys').select('*');
		expect(table.status).toBe(404);
		expect(table.error).toEqual({
			code: 'PGRST205',
			message: "Could not find the table 'public.countrys' in the schema cache",
			details: null,
			hint: "Perhaps you meant the table 'public.countries'"
		});
		const rel = await c.from('countries').select('*, films(*)');
		expect(rel.status).toBe(400);
		expect(rel.error).toMatchObject({
			code: 'PGRST200',
			message: "Could not find a relationship between 'countries' and 'films' in the schema cache",
			details:
				"Searched for a foreign key relationship between 'countries' and 'films' in the schema 'public', but no matches were found."
		});
		const amb = await c.from('flights').select('*, airports(*)');
		expect(amb.status).toBe(300);
		expect(amb.error?.code).toBe('PGRST201');
		expect(amb.error?.hint).toBe(
			"Try changing 'airports' to one of the following: 'airports!flights_destination_fkey', 'airports!flights_origin_fkey'. Find the desired relationship in the 'details' key."
		);
		const hinted = await c
			.from('flights')
			.select('id, from:airports!origin(city), to:airports!flights_destination_fkey(city)');
		expect(hinted.data).toEqual([{ id: 1, from: { city: 'Paris' }, to: { city: 'Tokyo' } }]);
		const col = await c.from('countries').select('nope');
		expect(col.status).toBe(400);
		expect(col.error).toEqual({
			code: '42703',
			message: 'column countries.nope does not exist',
			details: null,
			hint: null
		});
		const notEmbedded = await rest(t, '/countries?cities.name=eq.Paris');
		expect(notEmbedded.status).toBe(400);
		expect(notEmbedded.json).toEqual({
			code: 'PGRST108',
			message: "'cities' is not an embedded resource in this request",
			details: null,
			hint: "Verify that 'cities' is included in the 'select' query parameter."
		});
		const relatedOrder = await rest(t, '/countries?select=*,cities(name)&order=cities(name)');
		expect(relatedOrder.status).toBe(400);
		expect((relatedOrder.json as { code: string }).code).toBe('PGRST118');
	});

	it('finds tables created after start and after NOTIFY pgrst', async () => {
		await t.db.exec(
			`create table public.late (id int primary key, label text); insert into public.late values (1, 'x');`
		);
		expect((await t.client().from('late').select('*')).data).toEqual([{ id: 1, label: 'x' }]);
		await t.db.exec(
			`alter table public.late add column extra int default 7; notify pgrst, 'reload schema';`
		);
		expect((await t.client().from('late').select('extra')).data).toEqual([{ extra: 7 }]);
		// Columns added without a reload: the first plan misses them and the cache reloads; the
		// second plan is made from the request as it came, its filters included.
		await t.db.exec(
			`alter table public.late add column more int default 3; insert into public.late (id, label) values (2, 'y');`
		);
		expect((await t.client().from('late').select('id, more').eq('id', 2)).data).toEqual([
			{ id: 2, more: 3 }
		]);
		await t.db.exec(`alter table public.late add column most int default 5;`);
		const patched = await t
			.client()
			.from('late')
			.update({ label: 'z' })
			.eq('id', 1)
			.select('id, most');
		expect(patched.data).toEqual([{ id: 1, most: 5 }]);
		expect((await t.client().from('late').select('id, label').order('id')).data).toEqual([
			{ id: 1, label: 'z' },
			{ id: 2, label: 'y' }
		]);
	});

	it('answers grammar errors with PGRST100 and bad values with the Postgres error', async () => {
		const bad = await rest(t, '/countries?select=id,name(');
		expect(bad.status).toBe(400);
		expect((bad.json as { code: string }).code).toBe('PGRST100');
		const op = await rest(t, '/countries?id=foo.1');
		expect(op.status).toBe(400);
		expect((op.json as { code: string; message: string }).message).toBe(
			'"failed to parse filter (foo.1)" (line 1, column 1)'
		);
		const order = await rest(t, '/countries?order=id.sideways');
		expect((order.json as { code: string }).code).toBe('PGRST100');
		const value = await rest(t, '/countries?id=eq.abc');
		expect(value.status).toBe(400);
		expect(value.json).toEqual({
			code: '22P02',
			message: 'invalid input syntax for type bigint: "abc"',
			details: null,
			hint: null
		});
		const agg = await rest(t, '/countries?select=population.sum()');
		expect(agg.json).toEqual({
			code: 'PGRST123',
			message: 'Use of aggregate functions is not allowed',
			details: null,
			hint: null
		});
		const media = await rest(t, '/countries', { headers: { accept: 'application/xml' } });
		expect(media.status).toBe(406);
		expect((media.json as { code: string }).code).toBe('PGRST107');
	});

	it('treats identifiers and values as data, never as SQL', async () => {
		const inj = await rest(
			t,
			`/countries?select=${encodeURIComponent('id);drop table countries;--')}`
		);
		expect(inj.status).toBe(400);
		const quoted = await rest(
			t,
			`/countries?select=${encodeURIComponent('"id\\";drop table countries;--"')}`
		);
		expect(quoted.status).toBe(400);
		expect((quoted.json as { code: string }).code).toBe('42703');
		const value = await t
			.client()
			.from('countries')
			.select('id')
			.eq('name', "x'); drop table countries; --");
		expect(value.data).toEqual([]);
		expect(
			(await t.client().from('countries').select('id', { count: 'exact', head: true })).count
		).toBe(5);
	});

	it('serves CSV and stripped nulls when asked', async () => {
		const { data } = await t
			.client()
			.from('countries')
			.select('id,code')
			.in('id', [4, 5])
			.order('id')
			.csv();
		expect(data).toBe('id,code\n4,IS\n5,');
		const stripped = await rest(t, '/countries?select=id,code&id=eq.5', {
			headers: { accept: 'application/vnd.pgrst.array+json;nulls=stripped' }
		});
		expect(stripped.json).toEqual([{ id: 5 }]);
	});
});
