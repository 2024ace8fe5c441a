/**
 * The long tail of embedding and rpc, each against PostgREST 13's documented or coded answer:
 * per-embedding filters and paging (docs references/api/resource_embedding.rst), self
 * relationships and hints (Plan.hs findRel), PGRST200/201 (Error.hs), to-many spreads
 * (QueryBuilder.hs ToManySpread), overloaded functions and PGRST203 (Plan.hs findProc), counts
 * on rpc and upsert (Response.hs, Statements.hs) and Content-Profile (Response.hs profileHeader).
 */
import { describe, expect, it } from 'vitest';
import { rest } from './helpers/rest-fixture.ts';
import { startTestStack } from './helpers/stack.ts';
import { useTestStack } from './helpers/use-stack.ts';
import { DEFAULT_API_CONFIG } from '../../supabase/local/config.ts';

const SQL = `
create table public.rooms (id int primary key, name text not null);
create table public.posts (
  id int primary key, room_id int not null references public.rooms(id), body text not null,
  author_id int
);
create table public.employees (
  id int primary key, name text not null,
  supervisor_id int references public.employees(id),
  mentor_id int references public.employees(id)
);
alter table public.posts add constraint posts_author_fkey
  foreign key (author_id) references public.employees(id);
insert into public.rooms values (1, 'general'), (2, 'random'), (3, 'empty');
insert into public.employees values (1, 'Taylor', null, null), (2, 'Johnson', 1, null), (3, 'Miller', 1, 2);
insert into public.posts values
  (1, 1, 'hello', 1), (2, 1, 'hi', 2), (3, 1, 'welcome', 3), (4, 2, 'lol', 2), (5, 1, 'bye', 1);

-- The docs' two keys to one table (resource_embedding.rst "Multiple Many-To-One").
create table public.addresses (id int primary key, name text);
create table public.orders (id int primary key, name text,
  billing_address_id int, shipping_address_id int,
  constraint billing foreign key (billing_address_id) references public.addresses(id),
  constraint shipping foreign key (shipping_address_id) references public.addresses(id));
insert into public.addresses values (1, 'home'), (2, 'office');
insert into public.orders values (1, 'filter', 1, 2), (2, 'coffee', 2, 2);

create table public.tags (id int primary key, label text not null);
insert into public.tags values (1, 'old');

create function public.room_posts(room int) returns setof public.posts
  stable language sql as $$ select * from public.posts where room_id = room $$;
create function public.add(a int, b int) returns int immutable language sql as $$ select a + b $$;
create function public.ping() returns void language sql as $$ select $$;
create function public.series(n int) returns setof int immutable language sql as $$ select generate_series(1, n) $$;
-- Overloads: the same parameter name with two types.
create function public.ov(a int) returns text immutable language sql as $$ select 'int' $$;
create function public.ov(a text) returns text immutable language sql as $$ select 'text' $$;
-- A named parameter and a single unnamed json one.
create function public.named_or_body(a int) returns text immutable language sql as $$ select 'named ' || a $$;
create function public.named_or_body(json) returns json immutable language sql as $$ select $1 $$;
-- Defaults that overlap.
create function public.dflt(a int) returns text immutable language sql as $$ select 'one' $$;
create function public.dflt(a int, b int default 10) returns text immutable language sql as $$ select 'two ' || b $$;
create function public.opt(a int default 1, b int default 2) returns int immutable language sql as $$ select a * 10 + b $$;
`;

const stack = useTestStack({ sql: SQL });
const service = () => ({
	apikey: stack().serviceRoleKey,
	authorization: `Bearer ${stack().serviceRoleKey}`
});

describe('filters, order, limit and offset on an embedded resource', () => {
	it('applies posts.room_id, posts.order and posts.limit inside the embedding', async () => {
		const { data, error } = await stack()
			.client()
			.from('rooms')
			.select('name, posts(id)')
			.lte('id', 2)
			.lt('posts.id', 5)
			.order('id')
			.order('id', { referencedTable: 'posts', ascending: false })
			.limit(2, { referencedTable: 'posts' });
		expect(error).toBeNull();
		// Embedded filters never drop parent rows (no !inner): random keeps an empty array.
		expect(data).toEqual([
			{ name: 'general', posts: [{ id: 3 }, { id: 2 }] },
			{ name: 'random', posts: [{ id: 4 }] }
		]);
		const offset = await rest(
			stack(),
			'/rooms?select=name,posts(id)&id=eq.1&posts.order=id&posts.limit=2&posts.offset=1'
		);
		expect(offset.json).toEqual([{ name: 'general', posts: [{ id: 2 }, { id: 3 }] }]);
		const channelFilter = await rest(
			stack(),
			'/rooms?select=id,posts(body)&posts.room_id=eq.2&order=id'
		);
		expect(channelFilter.json).toEqual([
			{ id: 1, posts: [] },
			{ id: 2, posts: [{ body: 'lol' }] },
			{ id: 3, posts: [] }
		]);
	});

	it('addresses an aliased embedding by its alias or its relation name, the first one that has it', async () => {
		const byAlias = await stack()
			.client()
			.from('rooms')
			.select('name, msgs:posts(id)')
			.eq('id', 2)
			.eq('msgs.id', 4);
		expect(byAlias.error).toBeNull();
		expect(byAlias.data).toEqual([{ name: 'random', msgs: [{ id: 4 }] }]);
		// PostgREST 13 also takes the relation's own name (Plan.hs updateNode) ...
		const byName = await rest(stack(), '/rooms?select=name,msgs:posts(id)&id=eq.1&posts.id=eq.2');
		expect(byName.json).toEqual([{ name: 'general', msgs: [{ id: 2 }] }]);
		// ... and gives it to the first embedding of that name only.
		const twice = await rest(
			stack(),
			'/rooms?select=a:posts(id),b:posts(id)&id=eq.2&posts.id=eq.0'
		);
		expect(twice.json).toEqual([{ a: [], b: [{ id: 4 }] }]);
		const missing = await rest(stack(), '/rooms?select=name,msgs:posts(id)&nope.id=eq.1');
		expect(missing.status).toBe(400);
		expect((missing.json as { code: string }).code).toBe('PGRST108');
	});

	it('filters parents by their embedding with !inner and is null', async () => {
		const inner = await stack()
			.client()
			.from('rooms')
			.select('name, posts!inner(id)', { count: 'exact' })
			.eq('posts.body', 'lol');
		expect(inner.data).toEqual([{ name: 'random', posts: [{ id: 4 }] }]);
		expect(inner.count).toBe(1);
		const none = await rest(stack(), '/rooms?select=name,posts(id)&posts=is.null');
		expect(none.json).toEqual([{ name: 'empty', posts: [] }]);
	});
});

describe('self relationships and hints (Plan.hs findRel)', () => {
	it('embeds the parent by the key column and the children by the table name', async () => {
		const { data, error } = await stack()
			.client()
			.from('employees')
			.select('name, supervisor_id(name)')
			.eq('id', 3);
		expect(error).toBeNull();
		expect(data).toEqual([{ name: 'Miller', supervisor_id: { name: 'Taylor' } }]);
		const children = await stack()
			.client()
			.from('employees')
			.select('name, reports:employees!supervisor_id(name)')
			.eq('id', 1)
			.order('id', { referencedTable: 'reports' });
		expect(children.error).toBeNull();
		expect(children.data).toEqual([
			{ name: 'Taylor', reports: [{ name: 'Johnson' }, { name: 'Miller' }] }
		]);
	});

	it('answers PGRST201 with both keys when the children are ambiguous', async () => {
		const res = await rest(stack(), '/employees?select=name,employees(name)');
		expect(res.status).toBe(300);
		expect(res.json).toEqual({
			code: 'PGRST201',
			message:
				"Could not embed because more than one relationship was found for 'employees' and 'employees'",
			details: [
				{
					cardinality: 'one-to-many',
					embedding: 'employees with employees',
					relationship: 'employees_mentor_id_fkey using employees(id) and employees(mentor_id)'
				},
				{
					cardinality: 'one-to-many',
					embedding: 'employees with employees',
					relationship:
						'employees_supervisor_id_fkey using employees(id) and employees(supervisor_id)'
				}
			],
			hint: "Try changing 'employees' to one of the following: 'employees!employees_mentor_id_fkey', 'employees!employees_supervisor_id_fkey'. Find the desired relationship in the 'details' key."
		});
	});

	it('takes only the children’s key column as a self hint, not the constraint', async () => {
		const res = await rest(
			stack(),
			'/employees?select=name,employees!employees_supervisor_id_fkey(name)'
		);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			code: 'PGRST200',
			message:
				"Could not find a relationship between 'employees' and 'employees' in the schema cache",
			details:
				"Searched for a foreign key relationship between 'employees' and 'employees' using the hint 'employees_supervisor_id_fkey' in the schema 'public', but no matches were found.",
			hint: null
		});
	});

	it('answers the docs’ PGRST201 for two keys to one table, and takes constraint or column hints', async () => {
		const res = await rest(stack(), '/orders?select=*,addresses(*)');
		expect(res.status).toBe(300);
		expect(res.json).toEqual({
			code: 'PGRST201',
			details: [
				{
					cardinality: 'many-to-one',
					embedding: 'orders with addresses',
					relationship: 'billing using orders(billing_address_id) and addresses(id)'
				},
				{
					cardinality: 'many-to-one',
					embedding: 'orders with addresses',
					relationship: 'shipping using orders(shipping_address_id) and addresses(id)'
				}
			],
			hint: "Try changing 'addresses' to one of the following: 'addresses!billing', 'addresses!shipping'. Find the desired relationship in the 'details' key.",
			message:
				"Could not embed because more than one relationship was found for 'orders' and 'addresses'"
		});
		const hinted = await stack()
			.client()
			.from('orders')
			.select(
				'name, billing_address:addresses!billing(name), shipping_address:addresses!shipping_address_id(name)'
			)
			.eq('id', 1);
		expect(hinted.error).toBeNull();
		expect(hinted.data).toEqual([
			{ name: 'filter', billing_address: { name: 'home' }, shipping_address: { name: 'office' } }
		]);
		// The referenced column id is in both keys: still ambiguous.
		const byRef = await rest(stack(), '/orders?select=addresses!id(name)');
		expect(byRef.status).toBe(300);
		// The docs' "Multiple One-To-Many".
		const reverse = await stack()
			.client()
			.from('addresses')
			.select('name, billing_orders:orders!billing(name), shipping_orders:orders!shipping(name)')
			.eq('id', 2)
			.order('id', { referencedTable: 'shipping_orders' });
		expect(reverse.data).toEqual([
			{
				name: 'office',
				billing_orders: [{ name: 'coffee' }],
				shipping_orders: [{ name: 'filter' }, { name: 'coffee' }]
			}
		]);
	});

	it('answers PGRST200 for a missing relationship, suggesting a close name', async () => {
		const close = await stack().client().from('rooms').select('*, post(*)');
		expect(close.status).toBe(400);
		expect(close.error).toEqual({
			code: 'PGRST200',
			message: "Could not find a relationship between 'rooms' and 'post' in the schema cache",
			details:
				"Searched for a foreign key relationship between 'rooms' and 'post' in the schema 'public', but no matches were found.",
			hint: "Perhaps you meant 'posts' instead of 'post'."
		});
		const far = await stack().client().from('rooms').select('*, tags(*)');
		expect(far.error).toEqual({
			code: 'PGRST200',
			message: "Could not find a relationship between 'rooms' and 'tags' in the schema cache",
			details:
				"Searched for a foreign key relationship between 'rooms' and 'tags' in the schema 'public', but no matches were found.",
			hint: null
		});
	});
});

describe('spreads on to-many relationships (PostgREST 13)', () => {
	it('gives an array of each column’s values, in the embedding’s order', async () => {
		const { data, error } = await stack()
			.client()
			.from('rooms')
			.select('name, ...posts(body, id)')
			.order('id')
			.order('id', { referencedTable: 'posts', ascending: false });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'general', body: ['bye', 'welcome', 'hi', 'hello'], id: [5, 3, 2, 1] },
			{ name: 'random', body: ['lol'], id: [4] },
			{ name: 'empty', body: [], id: [] }
		]);
	});

	it('aggregates nested embeddings too, and keeps only matches under !inner', async () => {
		const { data, error } = await stack()
			.client()
			.from('rooms')
			.select('name, ...posts!inner(author:employees(name))')
			.eq('posts.author_id', 2)
			.order('id')
			.order('id', { referencedTable: 'posts' });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'general', author: [{ name: 'Johnson' }] },
			{ name: 'random', author: [{ name: 'Johnson' }] }
		]);
	});
});

describe('overloaded functions (Plan.hs findProc)', () => {
	it('answers PGRST203 when two overloads take the same arguments', async () => {
		const res = await stack().client().rpc('ov', { a: 1 });
		expect(res.status).toBe(300);
		expect(res.error).toEqual({
			code: 'PGRST203',
			message:
				'Could not choose the best candidate function between: public.ov(a => integer), public.ov(a => text)',
			details: null,
			hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
		});
		// Defaults overlap: {a} fits both dflt(a) and dflt(a, b default 10).
		const dflt = await stack().client().rpc('dflt', { a: 1 });
		expect(dflt.status).toBe(300);
		expect(dflt.error?.message).toBe(
			'Could not choose the best candidate function between: public.dflt(a => integer), public.dflt(a => integer, b => integer)'
		);
		const both = await stack().client().rpc('dflt', { a: 1, b: 2 });
		expect(both.data).toBe('two 2');
	});

	it('prefers named parameters and falls back to a single unnamed json parameter on POST only', async () => {
		expect((await stack().client().rpc('named_or_body', { a: 3 })).data).toBe('named 3');
		expect((await stack().client().rpc('named_or_body', { b: 3 })).data).toEqual({ b: 3 });
		const get = await stack().client().rpc('named_or_body', { b: 3 }, { get: true });
		expect(get.status).toBe(404);
		expect(get.error).toEqual({
			code: 'PGRST202',
			message: 'Could not find the function public.named_or_body(b) in the schema cache',
			details:
				'Searched for the function public.named_or_body with parameter b, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.named_or_body(a)'
		});
	});

	it('fills defaults for absent arguments', async () => {
		expect((await stack().client().rpc('opt')).data).toBe(12);
		expect((await stack().client().rpc('opt', { b: 5 })).data).toBe(15);
		expect((await stack().client().rpc('opt', { a: 3 }, { get: true })).data).toBe(32);
	});

	it('takes a GET parameter with an operator as a filter, not an argument', async () => {
		const res = await rest(stack(), '/rpc/add?a=1&b=eq.2');
		expect(res.status).toBe(404);
		expect(res.json).toEqual({
			code: 'PGRST202',
			message: 'Could not find the function public.add(a) in the schema cache',
			details:
				'Searched for the function public.add with parameter a, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.add(a, b)'
		});
	});
});

describe('functions followed by select, filters, counts and HEAD', () => {
	it('shapes and filters the rows a function returns, embeddings included', async () => {
		const { data, error } = await stack()
			.client()
			.rpc('room_posts', { room: 1 })
			.select('id, body, employees(name)')
			.neq('author_id', 3)
			.order('id', { ascending: false })
			.range(1, 2);
		expect(error).toBeNull();
		expect(data).toEqual([
			{ id: 2, body: 'hi', employees: { name: 'Johnson' } },
			{ id: 1, body: 'hello', employees: { name: 'Taylor' } }
		]);
	});

	it('counts with count=exact in Content-Range, by POST, GET and HEAD', async () => {
		const post = await stack().client().rpc('room_posts', { room: 1 }, { count: 'exact' }).limit(2);
		expect(post.data).toHaveLength(2);
		expect(post.count).toBe(4);
		expect(post.status).toBe(206);
		const head = await stack()
			.client()
			.rpc('room_posts', { room: 1 }, { head: true, count: 'exact' });
		expect(head.data).toBeNull();
		expect(head.count).toBe(4);
		const raw = await rest(stack(), '/rpc/room_posts?room=1&id=gt.1', {
			headers: { prefer: 'count=exact' }
		});
		expect(raw.status).toBe(200);
		expect(raw.headers.get('content-range')).toBe('0-2/3');
		expect(raw.headers.get('preference-applied')).toBe('count=exact');
	});

	it('pages a set of values like rows', async () => {
		const res = await stack().client().rpc('series', { n: 5 }, { count: 'exact' }).range(1, 2);
		expect(res.error).toBeNull();
		expect(res.data).toEqual([2, 3]);
		expect(res.count).toBe(5);
		expect(res.status).toBe(206);
		const raw = await rest(stack(), '/rpc/series?n=5&offset=3', {
			headers: { prefer: 'count=exact' }
		});
		expect(raw.json).toEqual([4, 5]);
		expect(raw.headers.get('content-range')).toBe('3-4/5');
	});

	it('answers Content-Range 0-0 for a single value, and 204 for void', async () => {
		const scalar = await rest(stack(), '/rpc/add?a=1&b=2', { headers: { prefer: 'count=exact' } });
		expect(scalar.json).toBe(3);
		expect(scalar.headers.get('content-range')).toBe('0-0/1');
		const plain = await rest(stack(), '/rpc/add?a=1&b=2');
		expect(plain.headers.get('content-range')).toBe('0-0/*');
		const head = await rest(stack(), '/rpc/add?a=1&b=2', { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.text).toBe('');
		const voidCall = await rest(stack(), '/rpc/ping', { method: 'POST' });
		expect(voidCall.status).toBe(204);
		expect(voidCall.headers.get('content-range')).toBe('0-0/*');
	});
});

describe('counts on upsert', () => {
	it('counts merged rows with resolution=merge-duplicates and count=exact', async () => {
		await stack().db.exec(`delete from public.tags; insert into public.tags values (1, 'old')`);
		const res = await stack()
			.admin()
			.from('tags')
			.upsert(
				[
					{ id: 1, label: 'kept' },
					{ id: 2, label: 'new' }
				],
				{ count: 'exact' }
			);
		expect(res.error).toBeNull();
		expect(res.status).toBe(201);
		expect(res.count).toBe(2);
		const raw = await rest(stack(), '/tags', {
			method: 'POST',
			headers: {
				...service(),
				'content-type': 'application/json',
				prefer: 'resolution=merge-duplicates, count=exact, return=representation'
			},
			body: JSON.stringify([{ id: 2, label: 'again' }])
		});
		// Nothing inserted under merge-duplicates: 200 (Response.hs isInsertIfGTZero).
		expect(raw.status).toBe(200);
		expect(raw.headers.get('content-range')).toBe('*/1');
		expect(raw.headers.get('preference-applied')).toBe(
			'resolution=merge-duplicates, return=representation, count=exact'
		);
		expect(raw.json).toEqual([{ id: 2, label: 'again' }]);
	});
});

describe('Content-Profile', () => {
	it('names the schema on replies with a body when several schemas are exposed', async () => {
		// supabase/config.toml exposes public and graphql_public, as Supabase does.
		const read = await rest(stack(), '/rooms?select=id&id=eq.1');
		expect(read.headers.get('content-profile')).toBe('public');
		const call = await rest(stack(), '/rpc/add?a=1&b=2');
		expect(call.headers.get('content-profile')).toBe('public');
		const written = await rest(stack(), '/tags', {
			method: 'POST',
			headers: {
				...service(),
				'content-type': 'application/json',
				prefer: 'return=representation'
			},
			body: JSON.stringify({ id: 40, label: 'x' })
		});
		expect(written.status).toBe(201);
		expect(written.headers.get('content-profile')).toBe('public');
		// No body, no content type: no Content-Profile; nor on errors.
		const minimal = await rest(stack(), '/tags', {
			method: 'POST',
			headers: { ...service(), 'content-type': 'application/json' },
			body: JSON.stringify({ id: 41, label: 'y' })
		});
		expect(minimal.status).toBe(201);
		expect(minimal.headers.get('content-profile')).toBeNull();
		const error = await rest(stack(), '/nope');
		expect(error.status).toBe(404);
		expect(error.headers.get('content-profile')).toBeNull();
	});

	it('is absent with a single exposed schema unless a profile header chose it', async () => {
		const single = await startTestStack({
			sql: 'create table public.solo (id int primary key); insert into public.solo values (1);',
			config: { api: { ...DEFAULT_API_CONFIG, schemas: ['public'] } }
		});
		try {
			const plain = await rest(single, '/solo');
			expect(plain.status).toBe(200);
			expect(plain.headers.get('content-profile')).toBeNull();
			const asked = await rest(single, '/solo', { headers: { 'accept-profile': 'public' } });
			expect(asked.headers.get('content-profile')).toBe('public');
		} finally {
			await single.stop();
		}
	});
});
