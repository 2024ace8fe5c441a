import { describe, expect, it } from 'vitest';
import { useTestStack } from './helpers/use-stack.ts';

const t = useTestStack();

describe('the local stack core', () => {
	it('answers an unknown path the way the gateway does', async () => {
		const res = await fetch(`${t().url}/nope/v1/x`);
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ message: 'no Route matched with those values' });
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
});
