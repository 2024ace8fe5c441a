/**
 * The site page follows its staff live: `site_members` and `agent_invitations` are in the
 * `supabase_realtime` publication, and Realtime checks each change against the subscriber's
 * RLS, so the owner sees a pairing link used and an agent added, while an agent of another
 * site (and, for pairing links, an agent of the same site) sees nothing.
 */
import { describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signJwt } from '../../supabase/local/jwt.ts';
import { changesSubscribed } from './realtime-helpers.ts';
import { WORLD, addUser, claimsFor, useTenancyWorld, type Persona } from './fixtures/tenancy.ts';

const world = useTenancyWorld();
const t = world.t;

const LIVE_WAIT_MS = 5000;
const POLL_MS = 20;
const LISTENERS = ['ownerA', 'agentA', 'agentB'] as const satisfies readonly Persona[];
type Listener = (typeof LISTENERS)[number];
type Seen = Record<Listener, { table: string; type: string }[]>;

async function liveClient(persona: Listener): Promise<SupabaseClient> {
	const token = await signJwt(t().stack.config.jwtSecret, claimsFor(persona));
	return createClient(t().url, t().anonKey, { accessToken: async () => token });
}

/** Subscribes each listener to both tables, unfiltered, as a curious client could. */
async function listen(clients: SupabaseClient[]): Promise<Seen> {
	const seen: Seen = { ownerA: [], agentA: [], agentB: [] };
	for (const persona of LISTENERS) {
		const client = await liveClient(persona);
		clients.push(client);
		let channel = client.channel(`staff-${persona}`);
		for (const table of ['site_members', 'agent_invitations'])
			channel = channel.on('postgres_changes', { event: '*', schema: 'public', table }, (p) =>
				seen[persona].push({ table: p.table, type: p.eventType })
			);
		await changesSubscribed(channel);
	}
	return seen;
}

async function until(check: () => boolean) {
	const deadline = Date.now() + LIVE_WAIT_MS;
	while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS));
}

describe('live staff list', () => {
	it('tells the owner when a pairing link is used and an agent joins, and no one of site B', async (ctx) => {
		const probe = await fetch(`${t().url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: t().anonKey }
		});
		await probe.body?.cancel();
		if (probe.status === 501) ctx.skip();
		const clients: SupabaseClient[] = [];
		try {
			const seen = await listen(clients);
			// What redeeming a pairing link does: the link is marked used and the agent joins.
			const agent = await addUser(t().db);
			await t().db.query(
				`update public.agent_invitations set used_at = now(), used_by = $2 where id = $1`,
				[WORLD.A.agentInvitation, agent]
			);
			await t().db.query(
				`insert into public.site_members (site_id, user_id, role, display_name) values ($1, $2, 'agent', 'Sam')`,
				[WORLD.A.site, agent]
			);
			await until(() => seen.ownerA.length >= 2);
			expect(seen.ownerA).toEqual(
				expect.arrayContaining([
					{ table: 'agent_invitations', type: 'UPDATE' },
					{ table: 'site_members', type: 'INSERT' }
				])
			);
			await until(() => seen.agentA.length >= 1);
			// A colleague sees the new member, never the owner's pairing links.
			expect(seen.agentA).toEqual([{ table: 'site_members', type: 'INSERT' }]);
			// Give a wrongly delivered event the same time to arrive before saying none did.
			await new Promise((r) => setTimeout(r, 200));
			expect(seen.agentB).toEqual([]);
		} finally {
			for (const c of clients) await c.removeAllChannels();
		}
	});

	it('publishes site_members and agent_invitations to supabase_realtime', async () => {
		const res = await t().db.query<{ tablename: string }>(
			"select tablename::text from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' and tablename in ('site_members', 'agent_invitations') order by 1"
		);
		expect(res.rows.map((r) => r.tablename)).toEqual(['agent_invitations', 'site_members']);
	});
});
