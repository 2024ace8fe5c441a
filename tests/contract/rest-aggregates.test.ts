/**
 * Aggregate functions in `select` (PostgREST 12+): off by default with PGRST123, as on
 * Supabase; on once the authenticator role's `pgrst.db_aggregates_enabled` says so and
 * PostgREST is told to `reload config`. Expected answers follow PostgREST's docs and its
 * AggregateFunctionsSpec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rest } from './helpers/rest-fixture.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';

const FIXTURE = `
create table public.agg_customers (id int primary key, name text not null, city text);
create table public.agg_orders (
  id int primary key,
  customer_id int references public.agg_customers(id),
  amount int,
  category text,
  note text,
  details jsonb
);
create table public.agg_items (id int primary key, order_id int references public.agg_orders(id), qty int);
insert into public.agg_customers values (1, 'Ann', 'Paris'), (2, 'Bob', 'Lyon'), (3, 'Cid', null);
insert into public.agg_orders values
  (1, 1, 10, 'a', 'x', '{"tax": 1}'),
  (2, 1, 20, 'b', null, '{"tax": 2}'),
  (3, 2, 30, 'a', 'y', '{"tax": 3}'),
  (4, 2, 40, 'a', null, '{"tax": 4}'),
  (5, null, 5, 'b', 'z', null);
insert into public.agg_items values (1, 1, 2), (2, 1, 3), (3, 3, 1);
grant select on public.agg_customers, public.agg_orders, public.agg_items to anon, authenticated, service_role;
`;

/** PostgREST reads `pgrst.*` of the authenticator role; per database so parallel files on one cluster keep theirs. */
const setAggregates = (value: 'true' | 'false') => `
do $$ begin
  execute format('alter role authenticator in database %I set pgrst.db_aggregates_enabled = %L',
    current_database(), '${value}');
end $$;
notify pgrst, 'reload config';`;

const NOT_ALLOWED = {
	code: 'PGRST123',
	message: 'Use of aggregate functions is not allowed',
	details: null,
	hint: null
};

let t: TestStack;
const orders = () => t.client().from('agg_orders');
const customers = () => t.client().from('agg_customers');

/** The NOTIFY arrives asynchronously: waits until the setting shows in replies. */
async function untilAggregates(enabled: boolean) {
	for (let i = 0; i < 100; i++) {
		const res = await rest(t, '/agg_orders?select=count()');
		if ((res.status === 200) === enabled) return;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error(`aggregates never became ${enabled ? 'enabled' : 'disabled'}`);
}

beforeAll(async () => {
	t = await startTestStack({ sql: FIXTURE });
});
afterAll(async () => {
	await t?.stop();
});

describe('aggregates while db-aggregates-enabled is off (the default)', () => {
	it('refuses every form with PGRST123', async () => {
		for (const select of [
			'amount.sum()',
			'count()',
			'total:amount.sum(),category',
			'amount.avg()::int',
			'nope.max()'
		]) {
			const { data, error, status } = await orders().select(select);
			expect(status, select).toBe(400);
			expect(data).toBeNull();
			expect(error).toMatchObject(NOT_ALLOWED);
		}
		const embedded = await rest(t, '/agg_customers?select=name,agg_orders(amount.sum())');
		expect(embedded.status).toBe(400);
		expect(embedded.json).toEqual(NOT_ALLOWED);
		const spread = await rest(t, '/agg_orders?select=...agg_customers(id.count())');
		expect(spread.json).toEqual(NOT_ALLOWED);
		const toMany = await rest(t, '/agg_orders?select=category,...agg_items(count())');
		expect(toMany.json).toEqual(NOT_ALLOWED);
	});

	it('still reads a column named like an aggregate without parentheses', async () => {
		const { data, error } = await orders().select('category').eq('id', 1);
		expect(error).toBeNull();
		expect(data).toEqual([{ category: 'a' }]);
	});
});

describe('aggregates once the authenticator role enables them', () => {
	beforeAll(async () => {
		await t.db.exec(setAggregates('true'));
		await untilAggregates(true);
	});

	it('sums, averages, counts and takes min and max over all rows', async () => {
		expect((await orders().select('amount.sum()')).data).toEqual([{ sum: 105 }]);
		expect((await orders().select('amount.min()')).data).toEqual([{ min: 5 }]);
		expect((await orders().select('amount.max()')).data).toEqual([{ max: 40 }]);
		expect((await orders().select('count()')).data).toEqual([{ count: 5 }]);
		// A column's count leaves out its nulls; count() counts rows.
		expect((await orders().select('note.count()')).data).toEqual([{ count: 3 }]);
		// avg is numeric: PostgREST sends Postgres's digits.
		const avg = await rest(t, '/agg_orders?select=amount.avg()');
		expect(avg.status).toBe(200);
		expect(avg.text).toBe('[{"avg":21.0000000000000000}]');
		const sum = await rest(t, '/agg_orders?select=amount.sum()');
		expect(sum.headers.get('content-type')).toBe('application/json; charset=utf-8');
	});

	it('renames aggregates and groups by the other selected columns', async () => {
		const { data, error } = await orders()
			.select('category,total:amount.sum(),n:count(),top:amount.max()')
			.order('category');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ category: 'a', total: 80, n: 3, top: 40 },
			{ category: 'b', total: 25, n: 2, top: 20 }
		]);
		const aliased = await orders().select('kind:category,amount.sum()').order('category');
		expect(aliased.data).toEqual([
			{ kind: 'a', sum: 80 },
			{ kind: 'b', sum: 25 }
		]);
	});

	it('casts the column and the result', async () => {
		expect((await orders().select('amount.sum()::text')).data).toEqual([{ sum: '105' }]);
		expect((await orders().select('n:count()::text')).data).toEqual([{ n: '5' }]);
		expect((await orders().select('amount.avg()::int')).data).toEqual([{ avg: 21 }]);
		expect((await orders().select('details->>tax::int.sum()')).data).toEqual([{ sum: 10 }]);
		expect((await orders().select('s:details->>tax::int.sum()::text')).data).toEqual([{ s: '10' }]);
	});

	it('aggregates the filtered rows, then orders and pages the groups', async () => {
		const { data } = await orders()
			.select('category,amount.sum()')
			.gt('amount', 10)
			.order('category', { ascending: false })
			.limit(1);
		expect(data).toEqual([{ category: 'b', sum: 20 }]);
	});

	// PostgREST counts the rows before grouping: two groups of five rows read as a partial range.
	it('counts the aggregated rows for Prefer: count=exact', async () => {
		const res = await rest(t, '/agg_orders?select=category,amount.sum()&order=category', {
			headers: { prefer: 'count=exact' }
		});
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe('0-1/5');
	});

	it('aggregates inside an embedded resource, per parent row', async () => {
		const { data, error } = await customers()
			.select('name,agg_orders(amount.sum(),n:count())')
			.order('id');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'Ann', agg_orders: [{ sum: 30, n: 2 }] },
			{ name: 'Bob', agg_orders: [{ sum: 70, n: 2 }] },
			{ name: 'Cid', agg_orders: [{ sum: null, n: 0 }] }
		]);
		const grouped = await customers().select('name,agg_orders(category,amount.sum())').eq('id', 2);
		expect(grouped.data).toEqual([{ name: 'Bob', agg_orders: [{ category: 'a', sum: 70 }] }]);
	});

	it('groups by an embedded resource', async () => {
		const { data, error } = await orders().select('total:amount.sum(),agg_customers(name)');
		expect(error).toBeNull();
		const rows = data as unknown as { total: number; agg_customers: { name: string } | null }[];
		expect(rows.sort((a, b) => a.total - b.total)).toEqual([
			{ total: 5, agg_customers: null },
			{ total: 30, agg_customers: { name: 'Ann' } },
			{ total: 70, agg_customers: { name: 'Bob' } }
		]);
	});

	it('groups by the columns of a to-one spread', async () => {
		const { data, error } = await orders().select('total:amount.sum(),...agg_customers(name)');
		expect(error).toBeNull();
		const rows = data as { total: number; name: string | null }[];
		expect(rows.sort((a, b) => a.total - b.total)).toEqual([
			{ total: 5, name: null },
			{ total: 30, name: 'Ann' },
			{ total: 70, name: 'Bob' }
		]);
	});

	it('applies the aggregates of a to-one spread at the top level', async () => {
		const counted = await rest(
			t,
			'/agg_orders?select=category,...agg_customers(count())&order=category'
		);
		expect(counted.status).toBe(200);
		expect(counted.json).toEqual([
			{ category: 'a', count: 3 },
			{ category: 'b', count: 1 }
		]);
		const named = await rest(
			t,
			'/agg_orders?select=category,...agg_customers(customers:id.count(),last:name.max())&order=category'
		);
		expect(named.json).toEqual([
			{ category: 'a', customers: 3, last: 'Bob' },
			{ category: 'b', customers: 1, last: 'Ann' }
		]);
		const nested = await rest(
			t,
			'/agg_items?select=...agg_orders(...agg_customers(name),amount.sum())'
		);
		const rows = nested.json as { name: string; sum: number }[];
		expect(nested.status).toBe(200);
		expect(rows.sort((a, b) => a.sum - b.sum)).toEqual([
			{ name: 'Ann', sum: 20 },
			{ name: 'Bob', sum: 30 }
		]);
	});

	it('refuses aggregates in a to-many spread with PGRST127', async () => {
		const res = await rest(t, '/agg_orders?select=category,...agg_items(count())');
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			code: 'PGRST127',
			message: 'Feature not implemented',
			details: 'Aggregates are not implemented for one-to-many or many-to-many spreads.',
			hint: null
		});
	});

	it('answers an unknown column under an aggregate with Postgres 42703', async () => {
		const { error, status } = await orders().select('nope.sum()');
		expect(status).toBe(400);
		expect(error).toMatchObject({
			code: '42703',
			message: 'column agg_orders.nope does not exist',
			details: null,
			hint: null
		});
	});

	it('refuses them again once the setting is reset and the config reloaded', async () => {
		await t.db.exec(setAggregates('false'));
		await untilAggregates(false);
		const { error, status } = await orders().select('amount.sum()');
		expect(status).toBe(400);
		expect(error).toMatchObject(NOT_ALLOWED);
	});
});
