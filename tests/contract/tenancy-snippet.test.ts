/**
 * The snippet's API: `record_page_view` checks the site key and the request's Origin, records
 * the visitor, and marks the site installed on its first view; the console sees that change
 * live because `sites` is in the `supabase_realtime` publication.
 */
import { describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signJwt } from '../../supabase/local/jwt.ts';
import { changesSubscribed } from './realtime-helpers.ts';
import {
	VIAS,
	WORLD,
	actorsVia,
	addSite,
	addUser,
	claimsFor,
	type Actor,
	useActorsVia,
	useTenancyWorld
} from './fixtures/tenancy.ts';

const world = useTenancyWorld();
const t = world.t;

const ORIGIN = 'https://shop.example';
/** What `siteState` reads for a site no page view has reached. */
const UNTOUCHED = { installed_at: null, installed_page: null, visitors: 0 };

async function siteState(id: string) {
	const res = await t().db.query<{
		installed_at: string | null;
		installed_page: string | null;
		visitors: number;
	}>(
		`select installed_at::text, installed_page, (select count(*)::int from public.visitors v where v.site_id = s.id) as visitors
		   from public.sites s where s.id = $1`,
		[id]
	);
	return res.rows[0];
}

for (const via of VIAS) {
	describe(`record_page_view via ${via}`, () => {
		const as = useActorsVia(world, via);
		const newVisitor = async () => ({
			user: await addUser(t().db, { anonymous: true }),
			anonymous: true
		});
		const view = (a: Actor, siteKey: string, pageUrl: string, origin: string | null) =>
			a.rpc(
				'record_page_view',
				{
					site_key: siteKey,
					page_url: pageUrl,
					page_title: 'Pricing',
					referrer: 'https://search.example/?q=x',
					language: 'de-DE'
				},
				origin ? { origin, 'user-agent': 'Mozilla/5.0 (test)' } : {}
			);

		it('records the first view from an allowed origin and marks the site installed', async () => {
			const site = await addSite(t().db, [ORIGIN, 'http://localhost:5173']);
			const who = await newVisitor();
			const res = await view(await as(who), site.siteKey, `${ORIGIN}/pricing?plan=pro`, ORIGIN);
			expect(res.code).toBeNull();
			expect(res.data).toEqual({
				visitor_id: who.user,
				site_id: site.id,
				first_view: true,
				returning: false,
				visit_count: 1,
				page: 1,
				widget: {
					name: 'Fresh site',
					color: '#2563eb',
					position: 'bottom-right',
					greeting: '',
					default_language: 'en',
					prechat_name: 'optional',
					prechat_email: 'off',
					agents_online: false
				}
			});
			const state = await siteState(site.id);
			expect(state.installed_page).toBe(`${ORIGIN}/pricing?plan=pro`);
			expect(state.installed_at).not.toBeNull();
			const visitor = await t().db.query(
				'select site_id::text, current_url, current_title, referrer, language, user_agent, pages_seen from public.visitors where id = $1',
				[who.user]
			);
			expect(visitor.rows).toEqual([
				{
					site_id: site.id,
					current_url: `${ORIGIN}/pricing?plan=pro`,
					current_title: 'Pricing',
					referrer: 'https://search.example/?q=x',
					language: 'de-DE',
					user_agent: 'Mozilla/5.0 (test)',
					pages_seen: 1
				}
			]);
		});

		it('counts later views without moving the installed page', async () => {
			const site = await addSite(t().db, [ORIGIN]);
			const a = await as(await newVisitor());
			expect((await view(a, site.siteKey, `${ORIGIN}/`, ORIGIN)).code).toBeNull();
			const before = await siteState(site.id);
			const second = await view(a, site.siteKey, `${ORIGIN}/about`, ORIGIN);
			expect((second.data as { first_view: boolean }).first_view).toBe(false);
			const after = await siteState(site.id);
			expect(after).toEqual({ ...before, visitors: 1 });
			const seen = await t().db.query<{ pages_seen: number; current_url: string }>(
				'select pages_seen, current_url from public.visitors where site_id = $1',
				[site.id]
			);
			expect(seen.rows).toEqual([{ pages_seen: 2, current_url: `${ORIGIN}/about` }]);
		});

		it('accepts the Origin header in any letter case (origins are case-insensitive)', async () => {
			const site = await addSite(t().db, [ORIGIN]);
			const res = await view(
				await as(await newVisitor()),
				site.siteKey,
				'https://SHOP.example/x',
				'https://Shop.Example'
			);
			expect(res.code).toBeNull();
		});

		const refusals: {
			name: string;
			key?: string;
			page: string;
			origin: string | null;
			code: string;
			message: RegExp;
		}[] = [
			{
				name: 'a forged site key',
				key: 'pk_forgedforgedforgedforg',
				page: `${ORIGIN}/`,
				origin: ORIGIN,
				code: '42501',
				message: /^unknown site key$/
			},
			{
				name: 'an origin not allowed',
				page: 'https://evil.example/',
				origin: 'https://evil.example',
				code: '42501',
				message: /^origin https:\/\/evil\.example is not allowed for this site$/
			},
			{
				name: 'no Origin header',
				page: `${ORIGIN}/`,
				origin: null,
				code: '42501',
				message: /^origin \(none\) is not allowed/
			},
			{
				name: 'an allowed origin with a port that differs',
				page: `${ORIGIN}:8443/`,
				origin: `${ORIGIN}:8443`,
				code: '42501',
				message: /is not allowed/
			},
			{
				name: 'a page URL on another origin than the caller',
				page: 'https://evil.example/',
				origin: ORIGIN,
				code: '22023',
				message: /^page URL is not on the calling origin/
			},
			{
				name: 'a page URL over 2048 characters',
				page: `${ORIGIN}/${'x'.repeat(2048)}`,
				origin: ORIGIN,
				code: '22023',
				message: /longer than 2048/
			}
		];
		for (const r of refusals) {
			it(`refuses ${r.name} and stores nothing`, async () => {
				const site = await addSite(t().db, [ORIGIN]);
				const res = await view(
					await as(await newVisitor()),
					r.key ?? site.siteKey,
					r.page,
					r.origin
				);
				expect(res.code).toBe(r.code);
				expect(res.message).toMatch(r.message);
				expect(await siteState(site.id)).toEqual(UNTOUCHED);
			});
		}

		it('refuses signed-in members: only visitor sessions record views', async () => {
			const site = await addSite(t().db, [ORIGIN]);
			const res = await view(await as('agentA'), site.siteKey, `${ORIGIN}/`, ORIGIN);
			expect(res).toMatchObject({
				code: '42501',
				message: 'only visitor sessions record page views'
			});
			expect(await siteState(site.id)).toEqual(UNTOUCHED);
		});

		it('refuses requests without a session', async () => {
			const site = await addSite(t().db, [ORIGIN]);
			const res = await view(await as('anon'), site.siteKey, `${ORIGIN}/`, ORIGIN);
			expect(res.code).toBe('42501');
			expect(await siteState(site.id)).toEqual(UNTOUCHED);
		});

		it('keeps a visitor session on the site it started on', async () => {
			const other = await addSite(t().db, [ORIGIN]);
			// visitorA already belongs to site A.
			const res = await view(await as('visitorA'), other.siteKey, `${ORIGIN}/`, ORIGIN);
			expect(res).toMatchObject({
				code: '42501',
				message: 'this visitor session belongs to another site'
			});
			expect(await siteState(other.id)).toEqual(UNTOUCHED);
			const a = await t().db.query('select site_id::text from public.visitors where id = $1', [
				WORLD.A.visitor
			]);
			expect(a.rows).toEqual([{ site_id: WORLD.A.site }]);
		});

		it('lets the owner read the installed state, and nobody else', async () => {
			const site = await addSite(t().db, [ORIGIN]);
			await view(await as(await newVisitor()), site.siteKey, `${ORIGIN}/`, ORIGIN);
			const owner = await (
				await as('ownerA')
			).selectIds('sites', ['id', 'installed_at', 'installed_page']);
			const row = owner.rows.find((r) => r.id === site.id);
			expect(row?.installed_page).toBe(`${ORIGIN}/`);
			const stranger = await (await as('agentB')).selectIds('sites', ['id']);
			expect(stranger.rows.map((r) => r.id)).not.toContain(site.id);
		});
	});
}

/** A supabase-js client whose requests and realtime run as the persona's token. */
async function liveClient(persona: 'ownerA' | 'agentB'): Promise<SupabaseClient> {
	const token = await signJwt(t().stack.config.jwtSecret, claimsFor(persona));
	return createClient(t().url, t().anonKey, { accessToken: async () => token });
}

const LIVE_WAIT_MS = 5000;
const POLL_MS = 20;

describe('live installed state', () => {
	it('tells the owner live when the first page view marks the site installed, and no one of site B', async (ctx) => {
		const probe = await fetch(`${t().url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: t().anonKey }
		});
		await probe.body?.cancel();
		if (probe.status === 501) ctx.skip();
		const site = await addSite(t().db, [ORIGIN]);
		const seen: Record<string, Record<string, unknown>[]> = { ownerA: [], agentB: [] };
		const clients: SupabaseClient[] = [];
		try {
			for (const persona of ['ownerA', 'agentB'] as const) {
				const client = await liveClient(persona);
				clients.push(client);
				const channel = client
					.channel(`installed-${persona}`)
					.on(
						'postgres_changes',
						{ event: 'UPDATE', schema: 'public', table: 'sites', filter: `id=eq.${site.id}` },
						(p) => seen[persona].push(p.new)
					);
				await changesSubscribed(channel);
			}
			const visitor = { user: await addUser(t().db, { anonymous: true }), anonymous: true };
			const res = await (
				await actorsVia(t(), 'sql')(visitor)
			).rpc(
				'record_page_view',
				{ site_key: site.siteKey, page_url: `${ORIGIN}/checkout` },
				{ origin: ORIGIN }
			);
			expect(res.code).toBeNull();
			const deadline = Date.now() + LIVE_WAIT_MS;
			while (seen.ownerA.length === 0 && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, POLL_MS));
			expect(seen.ownerA).toHaveLength(1);
			expect(seen.ownerA[0]).toMatchObject({ id: site.id, installed_page: `${ORIGIN}/checkout` });
			expect(seen.ownerA[0].installed_at).toEqual(expect.any(String));
			// Give a wrongly delivered event the same time to arrive before saying none did.
			await new Promise((r) => setTimeout(r, 200));
			expect(seen.agentB).toEqual([]);
		} finally {
			for (const c of clients) await c.removeAllChannels();
		}
	});

	it('publishes to supabase_realtime only the tables the product follows through postgres_changes', async () => {
		const res = await t().db.query<{ tablename: string }>(
			"select tablename::text from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' order by 1"
		);
		// Messages, chat invitations and transfers travel as broadcasts from their triggers.
		expect(res.rows.map((r) => r.tablename)).toEqual([
			'agent_invitations',
			'conversations',
			'site_members',
			'sites'
		]);
		// …so their writes carry no capture trigger either (the stack keeps it to the publication).
		const triggers = await t().db.query<{ table: string }>(
			"select tgrelid::regclass::text as table from pg_trigger where tgname = 'realtime_capture_change' order by 1"
		);
		expect(triggers.rows.map((r) => r.table)).toEqual([
			'agent_invitations',
			'conversations',
			'site_members',
			'sites'
		]);
	});
});
