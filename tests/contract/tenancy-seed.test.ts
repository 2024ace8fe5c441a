/** The demo seed: an operator who can sign in with the documented password, owning a demo site. */
import { describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { useTestStack } from './helpers/use-stack.ts';

const t = useTestStack();

describe('the demo seed', () => {
	it('creates demo@parley.test with a bcrypt hash of the documented password and an email identity', async () => {
		const user = await t().db.query<{
			id: string;
			encrypted_password: string;
			confirmed: boolean;
			provider: string;
		}>(
			`select u.id::text, u.encrypted_password, u.email_confirmed_at is not null as confirmed, i.provider
			   from auth.users u join auth.identities i on i.user_id = u.id where u.email = 'demo@parley.test'`
		);
		expect(user.rows).toHaveLength(1);
		const row = user.rows[0];
		expect(row.encrypted_password).toMatch(/^\$2[ab]\$/);
		expect(bcrypt.compareSync('parley-demo', row.encrypted_password)).toBe(true);
		expect(bcrypt.compareSync('wrong', row.encrypted_password)).toBe(false);
		expect(row).toMatchObject({ confirmed: true, provider: 'email' });
	});

	it('gives the demo operator a site they own, with origins the app runs on', async () => {
		const site = await t().db.query(
			`select s.name, s.site_key, s.allowed_origins, m.role
			   from public.sites s join public.site_members m on m.site_id = s.id and m.user_id = s.owner_id
			   join auth.users u on u.id = s.owner_id where u.email = 'demo@parley.test'`
		);
		expect(site.rows).toEqual([
			{
				name: 'Parley demo',
				site_key: 'pk_DemoSiteKey0000000000000',
				allowed_origins: [
					'http://localhost:5173',
					'http://127.0.0.1:5173',
					'http://localhost:4173',
					'http://localhost:3000'
				],
				role: 'owner'
			}
		]);
	});
});
