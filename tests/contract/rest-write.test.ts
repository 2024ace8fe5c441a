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

const json = { 'content-type': 'application/json' };

describe('/rest/v1 writes through supabase-js', () => {
	it('inserts one row or many, with return=minimal by default and representation on select()', async () => {
		const admin = t.admin();
		const minimal = await admin.from('items').insert({ id: 1, name: 'one' });
		expect(minimal).toMatchObject({ error: null, data: null, status: 201 });
		const rep = await admin
			.from('items')
			.insert([
				{ id: 2, name: 'two' },
				{ id: 3, name: 'three', note: 'n' }
			])
			.select('id, qty, note');
		expect(rep.status).toBe(201);
		// supabase-js sends `columns=` for arrays: an absent key is null, not the default.
		expect(rep.data).toEqual([
			{ id: 2, qty: 1, note: null },
			{ id: 3, qty: 1, note: 'n' }
		]);
		const nulls = await admin.from('items').insert([
			{ id: 4, name: 'four' },
			{ id: 5, name: 'five', qty: 2 }
		]);
		expect(nulls.error?.code).toBe('23502');
	});

	it('fills absent keys with defaults under missing=default and with null otherwise', async () => {
		const admin = t.admin();
		const withDefaults = await admin
			.from('items')
			.insert(
				[
					{ id: 10, name: 'a' },
					{ id: 11, name: 'b', qty: 3 }
				],
				{ defaultToNull: false }
			)
			.select();
		expect(withDefaults.data).toEqual([
			{ id: 10, name: 'a', qty: 1, note: 'none' },
			{ id: 11, name: 'b', qty: 3, note: 'none' }
		]);
		const raw = await rest(t, '/items?columns=id,name,note', {
			method: 'POST',
			headers: { ...json, apikey: t.serviceRoleKey, prefer: 'return=representation' },
			body: JSON.stringify([{ id: 12, name: 'c', ignored: true }])
		});
		expect(raw.status).toBe(201);
		expect(raw.json).toEqual([{ id: 12, name: 'c', qty: 1, note: null }]);
	});

	it('upserts with merge-duplicates and ignore-duplicates, on the primary key or on_conflict', async () => {
		const admin = t.admin();
		await admin.from('items').insert({ id: 20, name: 'old', qty: 1 });
		const merged = await admin
			.from('items')
			.upsert({ id: 20, name: 'new', qty: 2 })
			.select('id, name, qty');
		expect(merged.data).toEqual([{ id: 20, name: 'new', qty: 2 }]);
		const ignored = await admin
			.from('items')
			.upsert({ id: 20, name: 'ignored' }, { ignoreDuplicates: true })
			.select();
		expect(ignored.data).toEqual([]);
		await t.db.exec('create unique index items_name_key on public.items (name)');
		const byName = await admin
			.from('items')
			.upsert({ id: 21, name: 'new', qty: 5 }, { onConflict: 'name' })
			.select('id, name, qty');
		expect(byName.data).toEqual([{ id: 21, name: 'new', qty: 5 }]);
		const applied = await rest(t, '/items', {
			method: 'POST',
			headers: {
				...json,
				apikey: t.serviceRoleKey,
				prefer: 'resolution=merge-duplicates,return=minimal'
			},
			body: JSON.stringify({ id: 21, name: 'newer' })
		});
		// It only updated: 200, not 201 (Response.hs isInsertIfGTZero under merge-duplicates).
		expect(applied.status).toBe(200);
		expect(applied.headers.get('preference-applied')).toBe(
			'resolution=merge-duplicates, return=minimal'
		);
	});

	it('updates and deletes the filtered rows and reports counts', async () => {
		const admin = t.admin();
		await admin.from('items').insert([
			{ id: 30, name: 'u1' },
			{ id: 31, name: 'u2' },
			{ id: 32, name: 'u3' }
		]);
		const upd = await admin
			.from('items')
			.update({ qty: 7 }, { count: 'exact' })
			.in('id', [30, 31])
			.select('id, qty')
			.order('id');
		expect(upd).toMatchObject({
			status: 200,
			count: 2,
			data: [
				{ id: 30, qty: 7 },
				{ id: 31, qty: 7 }
			]
		});
		const minimal = await admin.from('items').update({ qty: 8 }).eq('id', 32);
		expect(minimal.status).toBe(204);
		const del = await admin.from('items').delete().eq('id', 32).select('id, qty');
		expect(del.data).toEqual([{ id: 32, qty: 8 }]);
		const none = await admin.from('items').delete({ count: 'exact' }).eq('id', 999);
		expect(none).toMatchObject({ status: 204, count: 0, error: null });
		const single = await admin
			.from('items')
			.update({ qty: 9 })
			.in('id', [30, 31])
			.select()
			.single();
		expect(single.status).toBe(406);
		expect(single.error?.code).toBe('PGRST116');
		const after = await admin.from('items').select('qty').in('id', [30, 31]);
		expect(after.data).toEqual([{ qty: 7 }, { qty: 7 }]);
	});

	it('embeds related rows in the representation of a write', async () => {
		const { data, error } = await t
			.admin()
			.from('cities')
			.insert({ name: 'Osaka', country_id: 3 })
			.select('name, countries(name)')
			.single();
		expect(error).toBeNull();
		expect(data).toEqual({ name: 'Osaka', countries: { name: 'Japan' } });
	});

	it('maps constraint violations to PostgREST statuses', async () => {
		const admin = t.admin();
		const dup = await admin.from('countries').insert({ id: 1, name: 'Again' });
		expect(dup.status).toBe(409);
		expect(dup.error).toEqual({
			code: '23505',
			message: 'duplicate key value violates unique constraint "countries_pkey"',
			details: 'Key (id)=(1) already exists.',
			hint: null
		});
		const fk = await admin.from('cities').insert({ name: 'Ghost', country_id: 404 });
		expect(fk.status).toBe(409);
		expect(fk.error?.code).toBe('23503');
		const check = await admin.from('items').insert({ id: 40, name: 'neg', qty: -1 });
		expect(check.status).toBe(400);
		expect(check.error?.code).toBe('23514');
		const notNull = await admin.from('items').insert({ id: 41 });
		expect(notNull.status).toBe(400);
		expect(notNull.error?.code).toBe('23502');
	});

	it('rejects bad payloads with PGRST102 and PGRST204 and writes nothing', async () => {
		const bad = await rest(t, '/items', {
			method: 'POST',
			headers: { ...json, apikey: t.serviceRoleKey },
			body: '{"id": 50,'
		});
		expect(bad.status).toBe(400);
		expect(bad.json).toEqual({
			code: 'PGRST102',
			message: 'Empty or invalid json',
			details: null,
			hint: null
		});
		const keys = await rest(t, '/items', {
			method: 'POST',
			headers: { ...json, apikey: t.serviceRoleKey },
			body: JSON.stringify([{ id: 51, name: 'a' }, { id: 52 }])
		});
		expect(keys.json).toEqual({
			code: 'PGRST102',
			message: 'All object keys must match',
			details: null,
			hint: null
		});
		const col = await t.admin().from('items').insert({ id: 53, name: 'x', colour: 'red' });
		expect(col.status).toBe(400);
		expect(col.error).toEqual({
			code: 'PGRST204',
			message: "Could not find the 'colour' column of 'items' in the schema cache",
			details: null,
			hint: null
		});
		const partial = await t
			.admin()
			.from('items')
			.insert([
				{ id: 54, name: 'ok', qty: 1 },
				{ id: 55, name: 'bad', qty: -5 }
			]);
		expect(partial.error?.code).toBe('23514');
		expect((await t.admin().from('items').select('id').in('id', [54, 55])).data).toEqual([]);
	});

	it('refuses oversized bodies with 413', async () => {
		const big = JSON.stringify({ id: 60, name: 'x'.repeat(3 * 1024 * 1024) });
		const res = await rest(t, '/items', {
			method: 'POST',
			headers: { ...json, apikey: t.serviceRoleKey },
			body: big
		});
		expect(res.status).toBe(413);
	});

	it('rolls back with tx=rollback and enforces max-affected with handling=strict', async () => {
		const admin = t.admin();
		const rolled = await admin.from('items').insert({ id: 70, name: 'ghost' }).select().rollback();
		expect(rolled.data).toEqual([{ id: 70, name: 'ghost', qty: 1, note: 'none' }]);
		expect((await admin.from('items').select('id').eq('id', 70)).data).toEqual([]);
		await admin.from('items').insert([
			{ id: 71, name: 'm1' },
			{ id: 72, name: 'm2' }
		]);
		// What postgrest-js's maxAffected(1) sends (typed for PostgREST 13+ only).
		const capped = await rest(t, '/items?id=in.(71,72)', {
			method: 'DELETE',
			headers: { apikey: t.serviceRoleKey, prefer: 'handling=strict, max-affected=1' }
		});
		expect(capped.status).toBe(400);
		expect(capped.json).toEqual({
			code: 'PGRST124',
			message: 'Query result exceeds max-affected preference constraint',
			details: 'The query affects 2 rows',
			hint: null
		});
		expect((await admin.from('items').select('id').in('id', [71, 72])).data).toHaveLength(2);
	});
});

describe('/rest/v1 rpc through supabase-js', () => {
	it('calls scalar, set-returning, table and void functions by POST and GET', async () => {
		const c = t.client();
		expect(await c.rpc('add', { a: 2, b: 3 })).toMatchObject({ data: 5, status: 200, error: null });
		expect((await c.rpc('add', { a: 2, b: 3 }, { get: true })).data).toBe(5);
		const set = await c.rpc('countries_by_codes', { codes: ['JP', 'FR'] }).select('name');
		expect(set.data).toEqual([{ name: 'France' }, { name: 'Japan' }]);
		const filtered = await c
			.rpc('countries_by_codes', { codes: ['JP', 'FR', 'DE'] }, { get: true })
			.select('code')
			.gt('population', 70000000);
		expect(filtered.data).toEqual([{ code: 'DE' }, { code: 'JP' }]);
		const table = await c.rpc('city_stats', { min_pop: 3000000 });
		expect(table.data).toEqual([
			{ city: 'Tokyo', pop: 14000000 },
			{ city: 'Berlin', pop: 3600000 }
		]);
		const defaults = await c.rpc('city_stats').limit(1).single();
		expect(defaults.data).toEqual({ city: 'Tokyo', pop: 14000000 });
		const counted = await c.rpc('city_stats', {}, { count: 'exact', head: true });
		expect(counted.count).toBe(7);
		expect(await c.rpc('noop')).toMatchObject({ status: 204, data: null, error: null });
		expect((await c.rpc('echo_body', { any: ['thing', 1] })).data).toEqual({ any: ['thing', 1] });
	});

	it('answers PGRST202 for unknown functions and arguments, with hints', async () => {
		const c = t.client();
		const missing = await c.rpc('adds', { a: 1, b: 2 });
		expect(missing.status).toBe(404);
		expect(missing.error).toEqual({
			code: 'PGRST202',
			message: 'Could not find the function public.adds(a, b) in the schema cache',
			details:
				'Searched for the function public.adds with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.add'
		});
		const args = await c.rpc('add', { a: 1, c: 2 });
		expect(args.error?.code).toBe('PGRST202');
		expect(args.error?.hint).toBe('Perhaps you meant to call the function public.add(a, b)');
	});

	it('maps raised exceptions, including RAISE SQLSTATE PGRST', async () => {
		const c = t.client();
		const raised = await c.rpc('fail_loudly');
		expect(raised.status).toBe(400);
		expect(raised.error).toEqual({
			code: 'P0001',
			message: 'custom failure',
			details: 'it failed',
			hint: 'try again'
		});
		const res = await rest(t, '/rpc/teapot', { method: 'POST', headers: json, body: '{}' });
		expect(res.status).toBe(418);
		expect(res.headers.get('x-tea')).toBe('earl grey');
		expect(res.json).toEqual({
			code: 'TEA01',
			message: 'I am a teapot',
			details: null,
			hint: null
		});
		const method = await rest(t, '/rpc/add', { method: 'PATCH', headers: json, body: '{}' });
		expect(method.status).toBe(405);
		expect((method.json as { code: string }).code).toBe('PGRST101');
	});
});
