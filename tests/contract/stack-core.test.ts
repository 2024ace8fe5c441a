import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../supabase/local/db.ts';
import { migrate } from '../../supabase/local/migrate.ts';
import { useTestStack } from './helpers/use-stack.ts';

const t = useTestStack();

describe('the local stack core', () => {
	it('answers an unknown path the way the gateway does', async () => {
		const res = await fetch(`${t().url}/nope/v1/x`);
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ message: 'no Route matched with those values' });
	});

	it('keeps an idle connection open past Node’s 5 s, as the gateway does, so a message every few seconds reuses it', async () => {
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		const get = () =>
			new Promise<{ reused: boolean; keepAlive: string | undefined; status: number }>(
				(resolve, reject) => {
					const req = request(`${t().url}/nope/v1/x`, { agent }, (res) => {
						res.resume();
						res.on('end', () =>
							resolve({
								reused: req.reusedSocket,
								keepAlive: res.headers['keep-alive']?.toString(),
								status: res.statusCode ?? 0
							})
						);
					});
					req.on('error', reject);
					req.end();
				}
			);
		try {
			expect(await get()).toEqual({ reused: false, keepAlive: 'timeout=65', status: 404 });
			await new Promise((r) => setTimeout(r, 5_500));
			expect(await get()).toEqual({ reused: true, keepAlive: 'timeout=65', status: 404 });
		} finally {
			agent.destroy();
		}
	});

	it('answers CORS preflights for the headers supabase-js sends', async () => {
		const res = await fetch(`${t().url}/rest/v1/anything`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://127.0.0.1:3000',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'apikey, authorization, prefer, x-client-info'
			}
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
		expect(res.headers.get('access-control-allow-headers')).toContain('prefer');
	});

	it('bootstraps Supabase roles and auth helpers that read the request claims', async () => {
		const sub = '6f1f6a4e-7f43-4a38-9a3c-3d2d7a1d0f11';
		const row = await t().db.asRole(
			{ role: 'authenticated', claims: { role: 'authenticated', sub, email: 'a@example.test' } },
			async (tx) =>
				(
					await tx.query<{ uid: string; role: string; email: string; who: string }>(
						'select auth.uid()::text as uid, auth.role() as role, auth.email() as email, current_user::text as who'
					)
				).rows[0]
		);
		expect(row).toEqual({
			uid: sub,
			role: 'authenticated',
			email: 'a@example.test',
			who: 'authenticated'
		});
		const after = await t().db.query<{ who: string }>('select current_user::text as who');
		expect(after.rows[0].who).toBe('postgres');
	});

	it('sets the request context exactly, whatever its values hold, and refuses a bad role as before', async () => {
		const tricky = `it's a \\ back'slash \\' '); select 1; -- ü 日本 \n line`;
		const ctx = {
			role: 'authenticated',
			claims: { role: 'authenticated', sub: tricky, note: tricky },
			method: 'POST',
			path: `/rest/v1/x'y\\`,
			headers: { 'x-note': tricky }
		};
		const row = await t().db.asRole(
			ctx,
			async (tx) =>
				(
					await tx.query<Record<string, string>>(
						`select current_user::text as who,
					        current_setting('request.jwt.claims') as claims,
					        current_setting('request.jwt.claim.sub') as sub,
					        current_setting('request.jwt.claim.role') as role,
					        current_setting('request.method') as method,
					        current_setting('request.path') as path,
					        current_setting('request.headers') as headers`
					)
				).rows[0]
		);
		expect(row.who).toBe('authenticated');
		expect(JSON.parse(row.claims)).toEqual(ctx.claims);
		expect(row.sub).toBe(tricky);
		expect(row.role).toBe('authenticated');
		expect(row.method).toBe('POST');
		expect(row.path).toBe(ctx.path);
		expect(JSON.parse(row.headers)).toEqual(ctx.headers);
		// A NUL cannot be written into SQL text: the value goes as a parameter, which Postgres refuses.
		await expect(t().db.asRole({ ...ctx, path: 'a\0b' }, async () => 1)).rejects.toThrow();
		await expect(
			t().db.asRole({ role: 'no_such_role', claims: null }, async () => 1)
		).rejects.toThrow(/role "no_such_role" does not exist/);
		// The connection is usable afterwards, as the superuser.
		expect(
			(await t().db.query<{ who: string }>('select current_user::text as who')).rows[0].who
		).toBe('postgres');
	});

	it('rolls a permission probe back and returns its value', async () => {
		await t().db.exec('create table if not exists core_probe (id int)');
		const n = await t().db.asRole(
			{ role: 'service_role', claims: { role: 'service_role' } },
			async (tx) => (await tx.query('insert into core_probe values (1)')).rowCount,
			{ rollback: true }
		);
		expect(n).toBe(1);
		expect((await t().db.query('select * from core_probe')).rows).toEqual([]);
	});

	it('runs migrations, seeds and requests with Supabase’s search path, extensions included', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'parley-search-path-'));
		try {
			await mkdir(join(dir, 'migrations'));
			await writeFile(
				join(dir, 'migrations', '20990101000000_search_path.sql'),
				`create table public.search_path_probe (
				   id uuid primary key default uuid_generate_v4(),
				   salt text not null default gen_salt('bf'));
				 grant select on public.search_path_probe to anon;
				 create function public.search_path_salt() returns text language plpgsql as
				   $$ begin return left(gen_salt('bf'), 4); end $$;`
			);
			await writeFile(
				join(dir, 'seed.sql'),
				'insert into public.search_path_probe default values;'
			);
			// A migration that names extension functions without their schema applies…
			const { applied } = await migrate(t().db, { supabaseDir: dir });
			expect(applied).toEqual(['20990101000000_search_path.sql']);
			// …a request reaches them too (PostgREST's search path: the schema, then extensions)…
			const { data, error } = await t().client().rpc('search_path_salt');
			expect(error).toBeNull();
			expect(data).toBe('$2a$');
			// …and so does the seed of a fresh database.
			const fresh = await openPglite({ dataDir: 'memory://' });
			try {
				await migrate(fresh, { supabaseDir: dir });
				const rows = await fresh.query<{ salt: string }>(
					'select salt from public.search_path_probe'
				);
				expect(rows.rows).toHaveLength(1);
				expect(rows.rows[0].salt).toMatch(/^\$2a\$06\$/);
			} finally {
				await fresh.close();
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
