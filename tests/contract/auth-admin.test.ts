/** The /auth/v1 admin user API through supabase-js's `auth.admin`, with the service role key. */
import { describe, expect, it } from 'vitest';
import { useTestStack } from './helpers/use-stack.ts';
import { emailMaker, signUpUser } from './helpers/auth.ts';

const t = useTestStack();

const freshEmail = emailMaker('admin');

describe('admin users', () => {
	it('creates a confirmed user with metadata and a role, who can then sign in', async () => {
		const email = freshEmail();
		const { data, error } = await t()
			.admin()
			.auth.admin.createUser({
				email,
				password: 'secret-pw',
				email_confirm: true,
				user_metadata: { name: 'Op' },
				app_metadata: { site: 's1' }
			});
		expect(error).toBeNull();
		expect(data.user).toMatchObject({
			email,
			role: 'authenticated',
			aud: 'authenticated',
			is_anonymous: false,
			app_metadata: { provider: 'email', providers: ['email'], site: 's1' },
			user_metadata: { name: 'Op', email_verified: true }
		});
		expect(data.user!.email_confirmed_at).toBeTruthy();
		expect(data.user!.last_sign_in_at).toBeUndefined();
		const { data: signedIn, error: signInError } = await t()
			.client()
			.auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(signInError).toBeNull();
		expect(signedIn.user!.app_metadata.site).toBe('s1');
	});

	it('creates an unconfirmed user who cannot sign in until confirmed', async () => {
		const email = freshEmail();
		const { data } = await t().admin().auth.admin.createUser({ email, password: 'secret-pw' });
		expect(data.user!.email_confirmed_at).toBeUndefined();
		const { error } = await t().client().auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(error).toMatchObject({
			status: 400,
			code: 'email_not_confirmed',
			message: 'Email not confirmed'
		});
		const { error: updError } = await t()
			.admin()
			.auth.admin.updateUserById(data.user!.id, { email_confirm: true });
		expect(updError).toBeNull();
		expect(
			(await t().client().auth.signInWithPassword({ email, password: 'secret-pw' })).error
		).toBeNull();
	});

	it('refuses a taken email with 422 email_exists', async () => {
		const email = freshEmail();
		await t().admin().auth.admin.createUser({ email, password: 'secret-pw' });
		const { error } = await t().admin().auth.admin.createUser({ email, password: 'secret-pw' });
		expect(error).toMatchObject({
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered'
		});
	});

	it('lists users page by page with x-total-count and link headers', async () => {
		for (let i = 0; i < 3; i++)
			await t().admin().auth.admin.createUser({ email: freshEmail(), password: 'secret-pw' });
		const all = await t().db.query<{ n: string }>('select count(*)::text as n from auth.users');
		const total = Number(all.rows[0].n);
		const { data, error } = await t().admin().auth.admin.listUsers({ page: 1, perPage: 2 });
		expect(error).toBeNull();
		expect(data.users).toHaveLength(2);
		if (!('aud' in data)) throw new Error('listUsers returned no pagination');
		expect(data.aud).toBe('authenticated');
		expect(data.total).toBe(total);
		expect(data.nextPage).toBe(2);
		expect(data.lastPage).toBe(Math.ceil(total / 2));

		const res = await fetch(`${t().url}/auth/v1/admin/users?page=1&per_page=2`, {
			headers: { apikey: t().serviceRoleKey, authorization: `Bearer ${t().serviceRoleKey}` }
		});
		expect(res.headers.get('x-total-count')).toBe(String(total));
		expect(res.headers.get('link')).toBe(
			`</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=${Math.ceil(total / 2)}&per_page=2>; rel="last"`
		);
	});

	it('reads, updates and bans a user by id', async () => {
		const email = freshEmail();
		const { data: created } = await t()
			.admin()
			.auth.admin.createUser({ email, password: 'secret-pw', email_confirm: true });
		const id = created.user!.id;
		const { data: got, error } = await t().admin().auth.admin.getUserById(id);
		expect(error).toBeNull();
		expect(got.user!.email).toBe(email);

		const { data: upd } = await t()
			.admin()
			.auth.admin.updateUserById(id, {
				user_metadata: { nick: 'z' },
				app_metadata: { plan: 'pro' },
				ban_duration: '24h'
			});
		expect(upd.user!.user_metadata).toMatchObject({ nick: 'z' });
		expect(upd.user!.app_metadata).toMatchObject({ plan: 'pro', provider: 'email' });
		expect(new Date(upd.user!.banned_until!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
		const { error: banned } = await t()
			.client()
			.auth.signInWithPassword({ email, password: 'secret-pw' });
		expect(banned).toMatchObject({ status: 400, code: 'user_banned', message: 'User is banned' });

		await t().admin().auth.admin.updateUserById(id, { ban_duration: 'none' });
		expect(
			(await t().client().auth.signInWithPassword({ email, password: 'secret-pw' })).error
		).toBeNull();

		const { error: badBan } = await t()
			.admin()
			.auth.admin.updateUserById(id, { ban_duration: 'forever' });
		expect(badBan).toMatchObject({ status: 400, code: 'validation_failed' });
	});

	it('changing a password through the admin API ends the user’s sessions', async () => {
		const email = freshEmail();
		const { user, session } = await signUpUser(t(), email);
		await t().admin().auth.admin.updateUserById(user.id, { password: 'brand-new-pw' });
		const { error } = await t()
			.client()
			.auth.refreshSession({ refresh_token: session.refresh_token });
		expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
		expect(
			(await t().client().auth.signInWithPassword({ email, password: 'brand-new-pw' })).error
		).toBeNull();
	});

	it('answers 404 for unknown or malformed ids', async () => {
		const { error } = await t()
			.admin()
			.auth.admin.getUserById('6f1f6a4e-7f43-4a38-9a3c-3d2d7a1d0f11');
		expect(error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' });
		// auth-js checks the id itself, so the malformed one goes over plain fetch.
		const res = await fetch(`${t().url}/auth/v1/admin/users/nope`, {
			headers: { apikey: t().serviceRoleKey, authorization: `Bearer ${t().serviceRoleKey}` }
		});
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({
			code: 404,
			error_code: 'validation_failed',
			msg: 'user_id must be an UUID'
		});
	});

	it('deletes a user, and soft-deletes one keeping an anonymised row', async () => {
		const { data: a } = await t()
			.admin()
			.auth.admin.createUser({ email: freshEmail(), password: 'secret-pw' });
		expect((await t().admin().auth.admin.deleteUser(a.user!.id)).error).toBeNull();
		expect((await t().admin().auth.admin.getUserById(a.user!.id)).error?.code).toBe(
			'user_not_found'
		);

		const email = freshEmail();
		const { client: c, user: b } = await signUpUser(t(), email);
		expect((await t().admin().auth.admin.deleteUser(b.id, true)).error).toBeNull();
		const { data: tomb } = await t().admin().auth.admin.getUserById(b.id);
		expect(tomb.user!.deleted_at).toBeTruthy();
		expect(tomb.user!.email).not.toBe(email);
		expect(
			(await t().client().auth.signInWithPassword({ email, password: 'secret-pw' })).error?.code
		).toBe('invalid_credentials');
		expect((await c.auth.refreshSession()).error?.code).toBe('refresh_token_not_found');
		// The address is free again.
		expect((await t().client().auth.signUp({ email, password: 'secret-pw' })).error).toBeNull();
	});

	it('refuses callers without an admin role with 403 not_admin', async () => {
		const { session } = await signUpUser(t(), freshEmail());
		for (const token of [t().anonKey, session.access_token]) {
			const res = await fetch(`${t().url}/auth/v1/admin/users`, {
				headers: { apikey: t().anonKey, authorization: `Bearer ${token}` }
			});
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual({
				code: 403,
				error_code: 'not_admin',
				msg: 'User not allowed'
			});
		}
		const { error } = await t().client().auth.admin.listUsers();
		expect(error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' });
	});
});
