/**
 * Pairing and membership: the owner creates single-use invitations valid 24 hours and can
 * revoke them; the server redeems a token for a user with the service role; the owner removes
 * an agent, which ends that agent's sessions and their access.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	VIAS,
	WORLD,
	addUser,
	type Who,
	useActorsVia,
	useTenancyWorld
} from './fixtures/tenancy.ts';

const world = useTenancyWorld();
const t = world.t;

interface Invitation {
	id: string;
	token: string;
	expires_at: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function memberCount(site: string): Promise<number> {
	const res = await t().db.query<{ n: number }>(
		'select count(*)::int as n from public.site_members where site_id = $1',
		[site]
	);
	return res.rows[0].n;
}

/** Gives a user a session and a refresh token, as a sign-in would. */
async function addSession(user: string): Promise<string> {
	const session = randomUUID();
	await t().db.query(
		'insert into auth.sessions (id, user_id, created_at, updated_at) values ($1, $2, now(), now())',
		[session, user]
	);
	await t().db.query(
		'insert into auth.refresh_tokens (token, user_id, revoked, session_id, created_at) values ($1, $2, false, $3, now())',
		[randomUUID(), user, session]
	);
	return session;
}

for (const via of VIAS) {
	describe(`pairing via ${via}`, () => {
		const as = useActorsVia(world, via);
		const invite = async (name = 'Sam') => {
			const res = await (
				await as('ownerA')
			).rpc('create_agent_invitation', { site_id: WORLD.A.site, name, email: 'sam@parley.test' });
			expect(res.code).toBeNull();
			return res.data as Invitation;
		};
		const redeem = async (token: string, user: string) =>
			(await as('service')).rpc('redeem_agent_invitation', { token, user_id: user });

		it('gives the owner a token shown once, valid 24 hours, stored only as its hash', async () => {
			const before = Date.now();
			const inv = await invite();
			expect(inv.token).toMatch(/^pair_[A-Za-z0-9_-]{43}$/);
			const expires = Date.parse(inv.expires_at);
			expect(expires - before).toBeGreaterThan(24 * 3600_000 - 60_000);
			expect(expires - before).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
			const row = await t().db.query(
				'select to_jsonb(i) as r from public.agent_invitations i where id = $1',
				[inv.id]
			);
			const stored = JSON.stringify(row.rows[0]);
			expect(stored).not.toContain(inv.token.slice(5));
			expect(stored).toContain(sha256(inv.token));
		});

		for (const who of ['agentA', 'agentB', 'visitorA', 'anon'] as const) {
			it(`refuses an invitation from ${who} and stores nothing`, async () => {
				const before = await t().db.query(
					'select count(*)::int as n from public.agent_invitations'
				);
				const res = await (
					await as(who)
				).rpc('create_agent_invitation', { site_id: WORLD.A.site, name: 'Mallory' });
				expect(res.code).toBe('42501');
				expect(
					await t().db.query('select count(*)::int as n from public.agent_invitations')
				).toMatchObject({ rows: before.rows });
			});
		}

		it('refuses an empty agent name with the constraint name', async () => {
			const res = await (
				await as('ownerA')
			).rpc('create_agent_invitation', { site_id: WORLD.A.site, name: '   ' });
			expect(res.code).toBe('23514');
			expect(res.message).toMatch(/agent_invitations_name_not_blank/);
		});

		it('redeems once: the user becomes an agent named as invited', async () => {
			const inv = await invite('Sam Agent');
			const user = await addUser(t().db);
			const res = await redeem(inv.token, user);
			expect(res).toEqual({
				data: {
					site_id: WORLD.A.site,
					role: 'agent',
					display_name: 'Sam Agent',
					invitation_id: inv.id
				},
				code: null
			});
			const member = await t().db.query(
				'select role, display_name from public.site_members where site_id = $1 and user_id = $2',
				[WORLD.A.site, user]
			);
			expect(member.rows).toEqual([{ role: 'agent', display_name: 'Sam Agent' }]);
			const used = await t().db.query(
				'select used_by::text from public.agent_invitations where id = $1',
				[inv.id]
			);
			expect(used.rows).toEqual([{ used_by: user }]);
		});

		const refusals: {
			name: string;
			prepare(inv: Invitation): Promise<string>;
			code: string;
			message: string;
		}[] = [
			{
				name: 'a used token',
				async prepare(inv) {
					expect((await redeem(inv.token, await addUser(t().db))).code).toBeNull();
					return inv.token;
				},
				code: 'P0001',
				message: 'pairing invitation already used'
			},
			{
				name: 'an expired token',
				async prepare(inv) {
					await t().db.query(
						"update public.agent_invitations set expires_at = now() - interval '1 second' where id = $1",
						[inv.id]
					);
					return inv.token;
				},
				code: 'P0001',
				message: 'pairing invitation expired'
			},
			{
				name: 'a revoked token',
				async prepare(inv) {
					const r = await (
						await as('ownerA')
					).rpc('revoke_agent_invitation', { invitation_id: inv.id });
					expect(r.code).toBeNull();
					return inv.token;
				},
				code: 'P0001',
				message: 'pairing invitation revoked'
			},
			{
				name: 'an unknown token',
				prepare: async () => 'pair_' + 'x'.repeat(43),
				code: 'P0001',
				message: 'unknown pairing invitation'
			}
		];
		for (const r of refusals) {
			it(`refuses ${r.name} and adds no one`, async () => {
				const token = await r.prepare(await invite());
				const members = await memberCount(WORLD.A.site);
				const res = await redeem(token, await addUser(t().db));
				expect(res).toMatchObject({ code: r.code, message: r.message });
				expect(await memberCount(WORLD.A.site)).toBe(members);
			});
		}

		it('refuses anonymous users and existing members', async () => {
			const inv = await invite();
			const anonymous = await redeem(inv.token, await addUser(t().db, { anonymous: true }));
			expect(anonymous).toMatchObject({
				code: 'P0001',
				message: 'an anonymous user cannot become an agent'
			});
			const member = await redeem(inv.token, WORLD.A.agent);
			expect(member).toMatchObject({ code: 'P0001', message: 'already a member of this site' });
			const unknown = await redeem(inv.token, randomUUID());
			expect(unknown).toMatchObject({ code: 'P0001', message: 'unknown user' });
			// None of those used the invitation up.
			expect((await redeem(inv.token, await addUser(t().db))).code).toBeNull();
		});

		it('lets only the service role redeem', async () => {
			const inv = await invite();
			for (const who of ['ownerA', 'agentA', 'visitorA', 'anon'] as const) {
				const res = await (
					await as(who)
				).rpc('redeem_agent_invitation', { token: inv.token, user_id: await addUser(t().db) });
				expect({ who, ...res }).toMatchObject({ who, code: '42501' });
			}
			expect(
				(await t().db.query('select used_at from public.agent_invitations where id = $1', [inv.id]))
					.rows
			).toEqual([{ used_at: null }]);
		});

		it("hides another site's invitations from revoke", async () => {
			const inv = await invite();
			const res = await (
				await as('agentB')
			).rpc('revoke_agent_invitation', { invitation_id: inv.id });
			expect(res).toMatchObject({ code: 'P0001', message: 'unknown pairing invitation' });
			const agent = await (
				await as('agentA')
			).rpc('revoke_agent_invitation', { invitation_id: inv.id });
			expect(agent).toMatchObject({ code: 'P0001' });
			expect(
				(
					await t().db.query('select revoked_at from public.agent_invitations where id = $1', [
						inv.id
					])
				).rows
			).toEqual([{ revoked_at: null }]);
		});

		it('cannot revoke a used invitation', async () => {
			const inv = await invite();
			await redeem(inv.token, await addUser(t().db));
			const res = await (
				await as('ownerA')
			).rpc('revoke_agent_invitation', { invitation_id: inv.id });
			expect(res).toMatchObject({ code: 'P0001', message: 'pairing invitation already used' });
		});
	});

	describe(`removing an agent via ${via}`, () => {
		const as = useActorsVia(world, via);
		const pairAgent = async () => {
			const inv = (
				await (
					await as('ownerA')
				).rpc('create_agent_invitation', { site_id: WORLD.A.site, name: 'Temp' })
			).data as Invitation;
			const user = await addUser(t().db);
			expect(
				(
					await (
						await as('service')
					).rpc('redeem_agent_invitation', { token: inv.token, user_id: user })
				).code
			).toBeNull();
			return user;
		};

		it("ends the agent's sessions and access", async () => {
			const agent = await pairAgent();
			await addSession(agent);
			await addSession(agent);
			const sees = async () =>
				(await (await as({ user: agent, anonymous: false })).selectIds('conversations', ['id']))
					.rows.length;
			expect(await sees()).toBe(1);
			const res = await (
				await as('ownerA')
			).rpc('remove_site_member', { site_id: WORLD.A.site, user_id: agent });
			expect(res).toEqual({ data: { removed: true, sessions_ended: 2 }, code: null });
			const left = await t().db.query(
				`select (select count(*)::int from auth.sessions where user_id = $1) as sessions,
				        (select count(*)::int from auth.refresh_tokens where user_id = $1::text) as tokens,
				        (select count(*)::int from public.site_members where user_id = $1) as memberships`,
				[agent]
			);
			expect(left.rows).toEqual([{ sessions: 0, tokens: 0, memberships: 0 }]);
			// A still-unexpired access token reaches nothing any more.
			expect(await sees()).toBe(0);
		});

		it('keeps the sessions of an agent who still works for another site', async () => {
			const agent = await pairAgent();
			await t().db.query(
				"insert into public.site_members (site_id, user_id, role) values ($1, $2, 'agent')",
				[WORLD.B.site, agent]
			);
			await addSession(agent);
			const res = await (
				await as('ownerA')
			).rpc('remove_site_member', { site_id: WORLD.A.site, user_id: agent });
			expect(res.data).toEqual({ removed: true, sessions_ended: 0 });
			expect(
				(
					await t().db.query('select count(*)::int as n from auth.sessions where user_id = $1', [
						agent
					])
				).rows
			).toEqual([{ n: 1 }]);
		});

		const refusals: {
			name: string;
			who: Who;
			site: string;
			user: string;
			code: string;
			message: string;
		}[] = [
			{
				name: 'an agent removing a colleague',
				who: 'agentA',
				site: WORLD.A.site,
				user: WORLD.A.owner,
				code: '42501',
				message: "only the site's owner can remove members"
			},
			{
				name: 'the owner removing themselves',
				who: 'ownerA',
				site: WORLD.A.site,
				user: WORLD.A.owner,
				code: 'P0001',
				message: "the site's owner cannot be removed"
			},
			{
				name: "an owner removing another site's agent",
				who: 'ownerA',
				site: WORLD.B.site,
				user: WORLD.B.agent,
				code: '42501',
				message: "only the site's owner can remove members"
			},
			{
				name: 'removing someone who is not a member',
				who: 'ownerA',
				site: WORLD.A.site,
				user: WORLD.B.agent,
				code: 'P0001',
				message: 'not a member of this site'
			},
			{
				name: 'a visitor',
				who: 'visitorA',
				site: WORLD.A.site,
				user: WORLD.A.agent,
				code: '42501',
				message: "only the site's owner can remove members"
			}
		];
		for (const r of refusals) {
			it(`refuses ${r.name}`, async () => {
				const before = await memberCount(r.site);
				const res = await (
					await as(r.who)
				).rpc('remove_site_member', { site_id: r.site, user_id: r.user });
				expect(res).toMatchObject({ code: r.code, message: r.message });
				expect(await memberCount(r.site)).toBe(before);
			});
		}
	});
}
