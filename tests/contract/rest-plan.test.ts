/**
 * `Accept: application/vnd.pgrst.plan` (supabase-js `.explain()`): PostgREST's EXPLAIN of the
 * query a request would run. Off by default (db-plan-enabled = false, as on Supabase); turned on
 * by the authenticator role's `pgrst.db_plan_enabled` setting and `NOTIFY pgrst, 'reload config'`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from './helpers/stack.ts';
import { rest } from './helpers/rest-fixture.ts';
import { startTestStack } from './helpers/stack.ts';

const FIXTURE = `
create table public.plan_items (id int primary key, name text not null, qty int);
insert into public.plan_items values (1, 'one', 1), (2, 'two', 2), (3, 'three', 3);
create function public.plan_items_above(min int) returns setof public.plan_items
  language sql stable as $$ select * from public.plan_items where qty > min $$;
create function public.plan_add(a int, b int) returns int
  language sql immutable as $$ select a + b $$;
`;

/** The setting Supabase documents, for this test's database only (roles are cluster-wide). */
const setPlanEnabled = (value: string | null) =>
	value === null
		? `do $$ begin execute format('alter role authenticator in database %I reset pgrst.db_plan_enabled', current_database()); end $$`
		: `do $$ begin execute format('alter role authenticator in database %I set pgrst.db_plan_enabled to %L', current_database(), '${value}'); end $$`;

let t: TestStack;
const service = () => ({ apikey: t.serviceRoleKey, authorization: `Bearer ${t.serviceRoleKey}` });
const PLAN = 'application/vnd.pgrst.plan';
const TEXT_FOR_JSON = 'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8';

async function names() {
	return (
		await t.db.query<{ name: string }>('select name from public.plan_items order by id')
	).rows.map((r) => r.name);
}

/** Waits until the REST service has reloaded its configuration (NOTIFY is asynchronous). */
async function untilStatus(status: number) {
	for (let i = 0; i < 100; i++) {
		const res = await rest(t, '/plan_items', { headers: { accept: PLAN } });
		if (res.status === status) return res;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`plan requests never answered ${status}`);
}

beforeAll(async () => {
	t = await startTestStack({ sql: FIXTURE });
});
afterAll(async () => {
	await t?.stop();
});

describe('while db-plan-enabled is off (the default, as on Supabase)', () => {
	it('refuses the plan media type with PostgREST’s 406 PGRST107', async () => {
		const res = await rest(t, '/plan_items?id=eq.1', { headers: { accept: PLAN } });
		expect(res.status).toBe(406);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.json).toEqual({
			code: 'PGRST107',
			message:
				'None of these media types are available: application/vnd.pgrst.plan+text; for="application/json"',
			details: null,
			hint: null
		});
	});

	it('answers supabase-js .explain() on a read, a write and a call with that error', async () => {
		const read = await t.client().from('plan_items').select('id').explain({ analyze: true });
		expect(read.status).toBe(406);
		expect(read.error).toMatchObject({
			code: 'PGRST107',
			message:
				'None of these media types are available: application/vnd.pgrst.plan+text; for="application/json"; options=analyze'
		});
		const write = await t
			.admin()
			.from('plan_items')
			.insert({ id: 9, name: 'nine' })
			.explain({ analyze: true, format: 'json' });
		expect(write.status).toBe(406);
		expect(write.error?.code).toBe('PGRST107');
		expect(await names()).toEqual(['one', 'two', 'three']);
		const call = await t.client().rpc('plan_add', { a: 1, b: 2 }).explain();
		expect(call.status).toBe(406);
		expect(call.error?.code).toBe('PGRST107');
	});

	it('still answers another acceptable media type listed after it', async () => {
		const res = await rest(t, '/plan_items?id=eq.1&select=name', {
			headers: { accept: `${PLAN}, application/json` }
		});
		expect(res.status).toBe(200);
		expect(res.json).toEqual([{ name: 'one' }]);
	});

	it('stays off when the setting changes until PostgREST is told to reload its config', async () => {
		await t.db.exec(setPlanEnabled('true'));
		await t.db.exec(`notify pgrst, 'reload schema'`);
		await new Promise((r) => setTimeout(r, 200));
		expect((await rest(t, '/plan_items', { headers: { accept: PLAN } })).status).toBe(406);
		await t.db.exec(`notify pgrst, 'reload config'`);
		await untilStatus(200);
	});
});

describe('with pgrst.db_plan_enabled on', () => {
	beforeAll(async () => {
		await t.db.exec(setPlanEnabled('true'));
		await t.db.exec(`notify pgrst, 'reload config'`);
		await untilStatus(200);
	});

	it('answers the text plan, with PostgREST’s headers only', async () => {
		const res = await rest(t, '/plan_items?select=id,name&order=id', {
			headers: { accept: PLAN, prefer: 'count=exact' }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(TEXT_FOR_JSON);
		expect(res.headers.get('content-range')).toBeNull();
		expect(res.headers.get('preference-applied')).toBeNull();
		expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(res.text)));
		expect(res.text).toMatch(/^Aggregate {2}\(cost=[\d.]+ rows=\d+ width=\d+\)\n/);
		expect(res.text.endsWith('\n')).toBe(true);
		expect(res.text).toContain('plan_items');
	});

	it('gives supabase-js .explain() the text plan as a string', async () => {
		const { data, error, status } = await t.client().from('plan_items').select('*').explain();
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(typeof data).toBe('string');
		expect(data as unknown as string).toMatch(/^Aggregate/);
	});

	it('gives .explain({ format: "json" }) EXPLAIN (FORMAT JSON)’s array', async () => {
		const res = await t.client().from('plan_items').select('id').explain({ format: 'json' });
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		const plan = res.data as unknown as { Plan: Record<string, unknown> }[];
		expect(Array.isArray(plan)).toBe(true);
		expect(plan).toHaveLength(1);
		expect(plan[0].Plan['Node Type']).toBe('Aggregate');
		expect(typeof plan[0].Plan['Total Cost']).toBe('number');

		const raw = await rest(t, '/plan_items?select=id', {
			headers: { accept: 'application/vnd.pgrst.plan+json' }
		});
		expect(raw.headers.get('content-type')).toBe(
			'application/vnd.pgrst.plan+json; for="application/json"; charset=utf-8'
		);
		// Postgres's own text of the plan (its layout and number formats), then a newline.
		expect(raw.text).toMatch(/^\[\n {2}\{\n {4}"Plan": \{\n/);
		expect(raw.text).toMatch(/"Startup Cost": \d+\.\d\d,/);
		expect(raw.text.endsWith(']\n')).toBe(true);
	});

	it('passes the analyze, verbose and buffers options to EXPLAIN', async () => {
		const res = await rest(t, '/plan_items?select=id,name', {
			headers: {
				accept:
					'application/vnd.pgrst.plan+json; for="application/json"; options=buffers|verbose|analyze;'
			}
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.pgrst.plan+json; for="application/json"; options=analyze|verbose|buffers; charset=utf-8'
		);
		const [{ Plan: plan, ...top }] = res.json as { Plan: Record<string, unknown> }[];
		expect(plan['Actual Loops']).toBe(1);
		expect(plan).toHaveProperty('Actual Total Time');
		expect(plan).toHaveProperty('Output');
		expect(JSON.stringify(res.json)).toContain('"Shared Hit Blocks"');
		expect(top).toHaveProperty('Execution Time');

		const text = await t
			.client()
			.from('plan_items')
			.select('name')
			.explain({ analyze: true, verbose: true });
		expect(text.error).toBeNull();
		const lines = text.data as unknown as string;
		expect(lines).toMatch(/\(actual time=/);
		expect(lines).toMatch(/Output: /);
		expect(lines).toMatch(/Execution Time: /);
	});

	it('ignores an unknown option, as PostgREST does', async () => {
		const res = await rest(t, '/plan_items', {
			headers: { accept: 'application/vnd.pgrst.plan; options=costs|analyze' }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; options=analyze; charset=utf-8'
		);
		expect(res.text).toMatch(/actual time=/);
	});

	it('explains a filtered read with its filter', async () => {
		const { data, error } = await t
			.client()
			.from('plan_items')
			.select('name')
			.eq('id', 2)
			.explain({ verbose: true });
		expect(error).toBeNull();
		expect(data as unknown as string).toMatch(/(Index Cond|Filter): \(plan_items\.id = /);
	});

	it('explains the plan for another media type named in `for`', async () => {
		const res = await rest(t, '/plan_items?id=eq.1', {
			headers: { accept: 'application/vnd.pgrst.plan; for="application/vnd.pgrst.object"' }
		});
		expect(res.status).toBe(200);
		expect(res.text).toMatch(/^Aggregate/);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.pgrst.plan+text; for="application/vnd.pgrst.object+json"; charset=utf-8'
		);
		const csv = await rest(t, '/plan_items', {
			headers: { accept: 'application/vnd.pgrst.plan+json; for="text/csv"' }
		});
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe(
			'application/vnd.pgrst.plan+json; for="text/csv"; charset=utf-8'
		);
		const xml = await rest(t, '/plan_items', {
			headers: { accept: 'application/vnd.pgrst.plan; for="text/xml"' }
		});
		expect(xml.status).toBe(406);
		expect(xml.json).toMatchObject({
			code: 'PGRST107',
			message:
				'None of these media types are available: application/vnd.pgrst.plan+text; for="text/xml"'
		});
	});

	it('explains an insert without running it: 200, not 201, and no row written', async () => {
		const res = await t
			.admin()
			.from('plan_items')
			.insert({ id: 10, name: 'ten' })
			.select()
			.explain({ format: 'json' });
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		expect(JSON.stringify(res.data)).toContain('"Node Type":"ModifyTable"');
		expect(await names()).toEqual(['one', 'two', 'three']);

		const patch = await rest(t, '/plan_items?id=eq.1', {
			method: 'PATCH',
			headers: { ...service(), 'content-type': 'application/json', accept: PLAN },
			body: JSON.stringify({ name: 'uno' })
		});
		expect(patch.status).toBe(200);
		expect(patch.text).toMatch(/Update on plan_items/);
		const del = await rest(t, '/plan_items?id=eq.1', {
			method: 'DELETE',
			headers: { ...service(), accept: PLAN, prefer: 'return=representation' }
		});
		expect(del.status).toBe(200);
		expect(del.text).toMatch(/Delete on plan_items/);
		const put = await rest(t, '/plan_items?id=eq.1', {
			method: 'PUT',
			headers: { ...service(), 'content-type': 'application/json', accept: PLAN },
			body: JSON.stringify({ id: 1, name: 'uno' })
		});
		expect(put.status).toBe(200);
		expect(put.text).toMatch(/Insert on plan_items/);
		expect(await names()).toEqual(['one', 'two', 'three']);
	});

	it('runs an analyzed insert, which Prefer: tx=rollback keeps from being committed', async () => {
		const rolledBack = await rest(t, '/plan_items', {
			method: 'POST',
			headers: {
				...service(),
				'content-type': 'application/json',
				accept: 'application/vnd.pgrst.plan; options=analyze',
				prefer: 'tx=rollback'
			},
			body: JSON.stringify({ id: 11, name: 'eleven' })
		});
		expect(rolledBack.status).toBe(200);
		expect(rolledBack.text).toMatch(
			/Insert on plan_items .*\(actual time=[\d.]+ rows=[\d.]+ loops=1\)/
		);
		expect(await names()).toEqual(['one', 'two', 'three']);

		// As in PostgREST (and EXPLAIN ANALYZE itself), an analyzed write is otherwise committed.
		const committed = await t
			.admin()
			.from('plan_items')
			.insert({ id: 12, name: 'twelve' })
			.explain({ analyze: true });
		expect(committed.error).toBeNull();
		expect(committed.status).toBe(200);
		expect(await names()).toEqual(['one', 'two', 'three', 'twelve']);
		await t.db.exec('delete from public.plan_items where id = 12');
	});

	it('explains a function call', async () => {
		const rows = await t
			.client()
			.rpc('plan_items_above', { min: 1 })
			.select('name')
			.explain({ format: 'json' });
		expect(rows.error).toBeNull();
		expect(rows.status).toBe(200);
		expect((rows.data as unknown as { Plan: Record<string, unknown> }[])[0].Plan).toHaveProperty(
			'Node Type'
		);

		const scalar = await rest(t, '/rpc/plan_add?a=1&b=2', { headers: { accept: PLAN } });
		expect(scalar.status).toBe(200);
		expect(scalar.headers.get('content-type')).toBe(TEXT_FOR_JSON);
		expect(scalar.text).toMatch(/cost=/);
	});

	it('is off again once the setting is reset and the config reloaded', async () => {
		await t.db.exec(setPlanEnabled(null));
		await t.db.exec(`notify pgrst, 'reload config'`);
		const res = await untilStatus(406);
		expect(res.json).toMatchObject({ code: 'PGRST107' });
	});
});
