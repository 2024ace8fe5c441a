/**
 * PostgREST behaviour beyond plain CRUD: limit/order on PATCH/DELETE, PUT (single-row upsert),
 * read-only transactions for GET/HEAD and stable calls, and JWTs without a `role` claim.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { signJwt } from '../../supabase/local/jwt.ts';
import type { TestStack } from './helpers/stack.ts';
import { REST_FIXTURE, rest } from './helpers/rest-fixture.ts';
import { startTestStack } from './helpers/stack.ts';

const EXTRA_SQL = `
create table public.tasks (id int primary key, status text not null, prio int);
create table public.nopk (a int, b text);
create table public.hits (id bigint generated always as identity primary key, at timestamptz default now());
create function public.bump() returns bigint language sql volatile as $$
  insert into public.hits default values returning id $$;
create function public.stable_bump() returns bigint language plpgsql stable as $$
  begin return public.bump(); end $$;
create view public.bump_view as select public.bump() as id;
create function public.whoami() returns json language sql stable as $$
  select json_build_object('user', current_user, 'claims', current_setting('request.jwt.claims', true)::json,
    'uid', auth.uid()) $$;
`;

let t: TestStack;
const json = { 'content-type': 'application/json' };
const service = () => ({ apikey: t.serviceRoleKey, authorization: `Bearer ${t.serviceRoleKey}` });
const now = () => Math.floor(Date.now() / 1000);

async function resetTasks() {
	await t.db.exec(`delete from public.tasks;
		insert into public.tasks values (1, 'open', 1), (2, 'open', 2), (3, 'open', 2), (4, 'done', 3), (5, 'open', 5)`);
}
async function tasks() {
	return (
		await t.db.query<{ id: number; status: string }>(
			'select id, status from public.tasks order by id'
		)
	).rows;
}
async function hitCount() {
	return Number(
		(await t.db.query<{ n: string }>('select count(*)::text as n from public.hits')).rows[0].n
	);
}

beforeAll(async () => {
	t = await startTestStack({ sql: REST_FIXTURE + EXTRA_SQL });
});
afterAll(async () => {
	await t?.stop();
});

describe('PATCH and DELETE with limit and order (PostgREST 13 and later)', () => {
	it('ignores limit and order on an update and writes every matching row', async () => {
		await resetTasks();
		const res = await t
			.admin()
			.from('tasks')
			.update({ status: 'done' })
			.eq('status', 'open')
			.order('id')
			.limit(2)
			.select('id');
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		expect(res.data?.map((r) => r.id).sort()).toEqual([1, 2, 3, 5]);
		expect((await tasks()).map((r) => r.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
	});

	it('ignores limit, offset and order on a delete', async () => {
		await resetTasks();
		const res = await rest(t, '/tasks?status=eq.open&order=id&limit=1&offset=1', {
			method: 'DELETE',
			headers: { ...service(), prefer: 'return=representation' }
		});
		expect(res.status).toBe(200);
		expect((res.json as { id: number }[]).map((r) => r.id).sort()).toEqual([1, 2, 3, 5]);
		expect((await tasks()).map((r) => r.id)).toEqual([4]);
	});

	it('caps a write with maxAffected instead, refusing it whole when more rows match', async () => {
		await resetTasks();
		// What supabase-js's .maxAffected(2) sends (its types offer it only for PostgREST 13+ clients).
		const res = await rest(t, '/tasks?status=eq.open', {
			method: 'PATCH',
			headers: { ...service(), ...json, prefer: 'handling=strict, max-affected=2' },
			body: JSON.stringify({ status: 'x' })
		});
		expect(res.status).toBe(400);
		expect(res.json).toMatchObject({ code: 'PGRST124' });
		expect((await tasks()).map((r) => r.status)).toEqual(['open', 'open', 'open', 'done', 'open']);
	});
});

describe('PUT', () => {
	const put = (path: string, body: unknown, headers: Record<string, string> = {}) =>
		rest(t, path, {
			method: 'PUT',
			headers: { ...service(), ...json, ...headers },
			body: JSON.stringify(body)
		});

	it('inserts (201) then replaces (200) the row named by its primary key', async () => {
		await resetTasks();
		const created = await put(
			'/tasks?id=eq.10',
			{ id: 10, status: 'new', prio: 7 },
			{ prefer: 'return=representation' }
		);
		expect(created.status).toBe(201);
		expect(created.json).toEqual([{ id: 10, status: 'new', prio: 7 }]);
		expect(created.headers.get('preference-applied')).toBe('return=representation');
		expect(created.headers.get('content-range')).toBeNull();
		const replaced = await put(
			'/tasks?id=eq.10&select=status',
			{ id: 10, status: 'again', prio: 8 },
			{ prefer: 'return=representation', accept: 'application/vnd.pgrst.object+json' }
		);
		expect(replaced.status).toBe(200);
		expect(replaced.json).toEqual({ status: 'again' });
		expect(replaced.headers.get('content-type')).toBe(
			'application/vnd.pgrst.object+json; charset=utf-8'
		);
	});

	it('answers 204 without a body for return=minimal and by default', async () => {
		const minimal = await put(
			'/tasks?id=eq.11',
			{ id: 11, status: 'm', prio: 1 },
			{ prefer: 'return=minimal, resolution=merge-duplicates' }
		);
		expect(minimal.status).toBe(204);
		expect(minimal.text).toBe('');
		expect(minimal.headers.get('preference-applied')).toBe('return=minimal');
		const plain = await put('/tasks?id=eq.11', { id: 11, status: 'n', prio: 2 });
		expect(plain.status).toBe(204);
		expect(plain.headers.get('preference-applied')).toBeNull();
		expect((await t.db.query('select status from public.tasks where id = 11')).rows).toEqual([
			{ status: 'n' }
		]);
	});

	it('upserts on a composite primary key', async () => {
		const res = await put(
			'/roles?film_id=eq.2&actor_id=eq.2',
			{ film_id: 2, actor_id: 2, character: 'Gregor' },
			{ prefer: 'return=representation' }
		);
		expect(res.status).toBe(201);
		expect(res.json).toEqual([{ film_id: 2, actor_id: 2, character: 'Gregor' }]);
	});

	it('refuses filters other than eq on every primary-key column with PGRST105 (405)', async () => {
		const expected = {
			code: 'PGRST105',
			message: "Filters must include all and only primary key columns with 'eq' operators",
			details: null,
			hint: null
		};
		for (const path of [
			'/tasks',
			'/tasks?id=gt.1',
			'/tasks?id=not.eq.1',
			'/tasks?id=eq(any).{1}',
			'/tasks?id=eq.1&status=eq.open',
			'/tasks?id=eq.1&or=(id.eq.1)',
			'/roles?film_id=eq.1',
			'/nopk?a=eq.1'
		]) {
			const res = await put(path, { id: 1, status: 'x', a: 1, film_id: 1 });
			expect(res.status, path).toBe(405);
			expect(res.json, path).toEqual(expected);
		}
	});

	it('refuses a payload whose key differs from the URL with PGRST115, writing nothing', async () => {
		const before = await tasks();
		for (const body of [{ id: 99, status: 'x' }, { status: 'x' }, []]) {
			const res = await put('/tasks?id=eq.12', body, { prefer: 'return=representation' });
			expect(res.status).toBe(400);
			expect(res.json).toEqual({
				code: 'PGRST115',
				message: 'Payload values do not match URL in primary key column(s)',
				details: null,
				hint: null
			});
		}
		const minimal = await put('/tasks?id=eq.12', { id: 13, status: 'x' });
		expect(minimal.status).toBe(400);
		expect(await tasks()).toEqual(before);
	});

	it('refuses limit and offset with PGRST114 and unknown payload keys with PGRST204', async () => {
		const limited = await put('/tasks?id=eq.1&limit=1', { id: 1, status: 'x' });
		expect(limited.status).toBe(400);
		expect(limited.json).toEqual({
			code: 'PGRST114',
			message: 'limit/offset querystring parameters are not allowed for PUT',
			details: null,
			hint: null
		});
		const unknown = await put('/tasks?id=eq.1', { id: 1, status: 'x', nope: 1 });
		expect(unknown.status).toBe(400);
		expect(unknown.json).toMatchObject({ code: 'PGRST204' });
	});
});

describe('read-only transactions', () => {
	const readOnlyError = {
		code: '25006',
		message: 'cannot execute INSERT in a read-only transaction',
		details: null,
		hint: null
	};

	it('runs GET and HEAD on /rpc read-only: a writing function fails with 25006 (405)', async () => {
		const before = await hitCount();
		const get = await t.admin().rpc('bump', {}, { get: true });
		expect(get.status).toBe(405);
		expect(get.error).toEqual(readOnlyError);
		const head = await t.admin().rpc('bump', {}, { head: true });
		expect(head.status).toBe(405);
		const post = await t.admin().rpc('bump');
		expect(post.error).toBeNull();
		expect(post.status).toBe(200);
		expect(await hitCount()).toBe(before + 1);
	});

	it('runs POST calls of stable functions read-only too', async () => {
		const res = await t.admin().rpc('stable_bump');
		expect(res.status).toBe(405);
		expect(res.error).toEqual(readOnlyError);
	});

	it('runs GET and HEAD on tables and views read-only', async () => {
		const before = await hitCount();
		const get = await t.admin().from('bump_view').select('id');
		expect(get.status).toBe(405);
		expect(get.error).toEqual(readOnlyError);
		const head = await rest(t, '/bump_view', { method: 'HEAD', headers: service() });
		expect(head.status).toBe(405);
		expect(await hitCount()).toBe(before);
		expect((await t.admin().from('tasks').select('id').limit(1)).status).toBe(200);
	});
});

describe('a JWT without a role claim', () => {
	const sub = randomUUID();
	const roleless = () =>
		signJwt(t.stack.config.jwtSecret, {
			sub,
			aud: 'authenticated',
			iat: now(),
			exp: now() + 600
		} as never);

	it('runs as the anonymous role, with its claims and role=anon in request.jwt.claims', async () => {
		const jwt = await roleless();
		const client = createClient(t.url, t.anonKey, {
			global: { headers: { Authorization: `Bearer ${jwt}` } },
			auth: { persistSession: false }
		});
		const res = await client.rpc('whoami');
		expect(res.error).toBeNull();
		expect(res.data).toEqual({
			user: 'anon',
			uid: sub,
			claims: expect.objectContaining({ sub, role: 'anon', aud: 'authenticated' })
		});
		const write = await client.from('notes').insert({ body: 'nope' });
		expect(write.status).toBe(401);
		expect(write.error?.code).toBe('42501');
	});

	it('is still checked: expired or badly signed role-less tokens are refused', async () => {
		const expired = await signJwt(t.stack.config.jwtSecret, {
			sub,
			iat: now() - 100,
			exp: now() - 50
		} as never);
		const res = await rest(t, '/countries', { headers: { authorization: `Bearer ${expired}` } });
		expect(res.status).toBe(401);
		expect(res.json).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
		const forged = await signJwt('another-secret-that-is-long-enough-123456', {
			sub,
			exp: now() + 60
		} as never);
		const bad = await rest(t, '/countries', { headers: { authorization: `Bearer ${forged}` } });
		expect(bad.status).toBe(401);
		expect(bad.json).toMatchObject({ code: 'PGRST301' });
	});
});
