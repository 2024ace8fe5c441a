/**
 * Tenancy meets Supabase Auth: the demo operator signs in with the seed's documented password,
 * and an agent the owner removes loses their session (their refresh token stops working).
 * Skipped while `/auth/v1` is not served yet.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestStack } from './helpers/use-stack.ts';
import { WORLD, WORLD_SQL, sqlActor } from './fixtures/tenancy.ts';

const t = useTestStack({ sql: WORLD_SQL });
let authServed = false;
beforeAll(async () => {
	const res = await fetch(`${t().url}/auth/v1/health`, { headers: { apikey: t().anonKey } });
	await res.body?.cancel();
	authServed = res.status === 200;
});

describe('tenancy with Supabase Auth', () => {
	beforeEach((ctx) => {
		if (!authServed) ctx.skip();
	});

	it('signs the demo operator in with the password documented in seed.sql', async () => {
		const { data, error } = await t().client().auth.signInWithPassword({
			email: 'demo@parley.test',
			password: 'parley-demo'
		});
		expect(error).toBeNull();
		expect(data.user?.email).toBe('demo@parley.test');
		const wrong = await t()
			.client()
			.auth.signInWithPassword({ email: 'demo@parley.test', password: 'nope-nope' });
		expect(wrong.error?.code).toBe('invalid_credentials');
	});

	it("ends a removed agent's session: their refresh token no longer works", async () => {
		const email = `agent-${Date.now()}@parley.test`;
		const password = 'agent-password-1';
		const created = await t()
			.admin()
			.auth.admin.createUser({ email, password, email_confirm: true });
		expect(created.error).toBeNull();
		const agentId = created.data.user!.id;

		const owner = sqlActor(t().db, 'ownerA');
		const inv = await owner.rpc('create_agent_invitation', {
			site_id: WORLD.A.site,
			name: 'Paired'
		});
		const token = (inv.data as { token: string }).token;
		const redeemed = await sqlActor(t().db, 'service').rpc('redeem_agent_invitation', {
			token,
			user_id: agentId
		});
		expect(redeemed.code).toBeNull();

		const agent = t().client();
		const signIn = await agent.auth.signInWithPassword({ email, password });
		expect(signIn.error).toBeNull();
		// The session works before the removal.
		expect((await agent.auth.refreshSession()).error).toBeNull();

		const removed = await owner.rpc('remove_site_member', {
			site_id: WORLD.A.site,
			user_id: agentId
		});
		expect(removed).toEqual({ data: { removed: true, sessions_ended: 1 }, code: null });

		const refreshed = await agent.auth.refreshSession();
		expect(refreshed.error?.code).toBe('refresh_token_not_found');
		expect(refreshed.data.session).toBeNull();
	});
});
