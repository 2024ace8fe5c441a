import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signJwt } from '../../supabase/local/jwt.ts';
import type { TestStack } from './helpers/stack.ts';
import { rest, startRestStack } from './helpers/rest-fixture.ts';

let t: TestStack;
const alice = randomUUID();
const bob = randomUUID();
let aliceJwt: string;
let bobJwt: string;
let asAlice: SupabaseClient;
let asBob: SupabaseClient;

const now = () => Math.floor(Date.now() / 1000);
const userJwt = (sub: string, extra: Record<string, unknown> = {}) =>
	signJwt(t.stack.config.jwtSecret, {
		sub,
		role: 'authenticated',
		aud: 'authenticated',
		iat: now(),
		exp: now() + 600,
		...extra
	});
const asUser = (jwt: string) =>
	createClient(t.url, t.anonKey, {
		global: { headers: { Authorization: `Bearer ${jwt}` } },
		auth: { persistSession: false }
	});

beforeAll(async () => {
	t = await startRestStack();
	await t.db.query(
		`insert into auth.users (id, email, aud, role) values ($1, 'alice@example.test', 'authenticated', 'authenticated'), ($2, 'bob@example.test', 'authenticated', 'authenticated')`,
		[alice, bob]
	);
	// The bootstrap grants the API roles every public table at start; take this one back.
	await t.db.exec('revoke all on public.secrets from anon, authenticated');
	aliceJwt = await userJwt(alice);
	bobJwt = await userJwt(bob);
	asAlice = asUser(aliceJwt);
	asBob = asUser(bobJwt);
});
afterAll(async () => {
	await t?.stop();
});

describe('/rest/v1 under row level security', () => {
	it("lets a user write and read their own rows and nobody else's", async () => {
		const mine = await asAlice
			.from('notes')
			.insert({ body: 'alice private' })
			.select('body, owner_id')
			.single();
		expect(mine.error).toBeNull();
		expect(mine.data).toEqual({ body: 'alice private', owner_id: alice });
		await asAlice.from('notes').insert({ body: 'alice public', is_public: true });
		expect((await asAlice.from('notes').select('body').order('id')).data).toEqual([
			{ body: 'alice private' },
			{ body: 'alice public' }
		]);
		expect((await asBob.from('notes').select('body')).data).toEqual([{ body: 'alice public' }]);
		expect((await t.client().from('notes').select('body')).data).toEqual([
			{ body: 'alice public' }
		]);
		expect((await asBob.rpc('visible_notes')).data).toBe(1);
		expect((await asAlice.rpc('visible_notes')).data).toBe(2);
	});

	it('refuses inserts in the name of another user: 403 for users, 401 for anon', async () => {
		const forged = await asBob.from('notes').insert({ body: 'as alice', owner_id: alice });
		expect(forged.status).toBe(403);
		expect(forged.error).toEqual({
			code: '42501',
			message: 'new row violates row-level security policy for table "notes"',
			details: null,
			hint: null
		});
		const anon = await t.client().from('notes').insert({ body: 'anon', owner_id: alice });
		expect(anon.status).toBe(401);
		expect(anon.error?.code).toBe('42501');
	});

	it('changes nothing when another user or anon updates or deletes', async () => {
		const upd = await asBob
			.from('notes')
			.update({ body: 'hacked' }, { count: 'exact' })
			.eq('body', 'alice public');
		expect(upd).toMatchObject({ status: 204, count: 0, error: null });
		const del = await asBob.from('notes').delete().neq('id', 0).select();
		expect(del).toMatchObject({ status: 200, data: [] });
		const anonDel = await t.client().from('notes').delete({ count: 'exact' }).neq('id', 0);
		expect(anonDel.count).toBe(0);
		const moved = await asAlice.from('notes').update({ owner_id: bob }).eq('body', 'alice public');
		expect(moved.status).toBe(403);
		const all = await t.admin().from('notes').select('body, owner_id').order('id');
		expect(all.data).toEqual([
			{ body: 'alice private', owner_id: alice },
			{ body: 'alice public', owner_id: alice }
		]);
	});

	it('answers 401 for anon and 403 for users on a table without grants', async () => {
		const anon = await t.client().from('secrets').select('*');
		expect(anon.status).toBe(401);
		expect(anon.error).toEqual({
			code: '42501',
			message: 'permission denied for table secrets',
			details: null,
			hint: null
		});
		const user = await asAlice.from('secrets').select('*');
		expect(user.status).toBe(403);
		expect((await t.admin().from('secrets').select('*')).data).toEqual([]);
	});
});

describe('/rest/v1 keys and JWTs', () => {
	it('takes a request without a key as anon on loopback, as the CLI’s gateway does', async () => {
		const res = await fetch(`${t.url}/rest/v1/countries?select=code&order=id&limit=2`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual(
			(await t.client().from('countries').select('code').order('id').limit(2)).data
		);
		// Still anon: what anon may not read stays refused.
		const secret = await fetch(`${t.url}/rest/v1/secrets`);
		expect(secret.status).toBe(401);
		expect(await secret.json()).toMatchObject({ code: '42501' });
	});

	it('requires a key where the stack is told to, as the hosted platform does', async () => {
		const strict = await startRestStack({ requireApiKey: true });
		try {
			const res = await fetch(`${strict.url}/rest/v1/countries`);
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ message: 'No API key found in request' });
			const keyed = await fetch(`${strict.url}/rest/v1/countries?select=code&limit=1`, {
				headers: { apikey: strict.anonKey }
			});
			expect(keyed.status).toBe(200);
		} finally {
			await strict.stop();
		}
	});

	it('refuses a key that is not one of the project’s', async () => {
		const bad = await fetch(`${t.url}/rest/v1/countries`, { headers: { apikey: 'not-a-key' } });
		expect(bad.status).toBe(401);
		expect(await bad.json()).toEqual({
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		});
	});

	it('refuses forged, tampered and expired JWTs with PGRST301 / PGRST303', async () => {
		const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const claims = { sub: alice, role: 'service_role', aud: 'authenticated', exp: now() + 600 };
		const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
		const wrongSecret = await signJwt('x'.repeat(40), claims);
		const [h, , s] = aliceJwt.split('.');
		const tampered = `${h}.${b64({ ...claims, role: 'service_role' })}.${s}`;
		const expired = await userJwt(alice, { iat: now() - 7200, exp: now() - 3600 });
		const decodeError = {
			code: 'PGRST301',
			message: 'No suitable key or wrong key type',
			details: 'None of the keys was able to decode the JWT',
			hint: null
		};
		for (const jwt of [none, wrongSecret, tampered]) {
			const res = await rest(t, '/notes', { headers: { authorization: `Bearer ${jwt}` } });
			expect(res.status).toBe(401);
			expect(res.json).toEqual(decodeError);
			expect(res.headers.get('www-authenticate')).toContain('invalid_token');
		}
		const exp = await asUser(expired).from('notes').select('*');
		expect(exp.status).toBe(401);
		expect(exp.error).toEqual({
			code: 'PGRST303',
			message: 'JWT expired',
			details: null,
			hint: null
		});
		const parts = await rest(t, '/notes', { headers: { authorization: 'Bearer abc.def' } });
		expect(parts.json).toEqual({
			code: 'PGRST301',
			message: 'Expected 3 parts in JWT; got 2',
			details: null,
			hint: null
		});
	});

	it('answers 401 for a JWT whose role does not exist', async () => {
		const jwt = await signJwt(t.stack.config.jwtSecret, {
			sub: alice,
			role: 'nobody_here',
			exp: now() + 600
		});
		const res = await rest(t, '/countries', { headers: { authorization: `Bearer ${jwt}` } });
		expect(res.status).toBe(401);
		expect(res.json).toMatchObject({ code: '22023', message: 'role "nobody_here" does not exist' });
	});
});
