/**
 * Live monitoring's SQL API: page views start and count visits, heartbeats and leaves are
 * the server's clock on the caller's own row only, members list who is online, agents say
 * whether they are available, and idle visitors are forgotten after the site's retention.
 */
import { describe, expect, it } from 'vitest';
import { WORLD, addUser } from './fixtures/tenancy.ts';
import { call, useChatWorld } from './fixtures/chat.ts';

const world = useChatWorld();
const { as, visitor, agent, sql } = world;

const A = WORLD.A;

async function visitorRow(id: string) {
	const rows = await sql<{
		last_seen_at: Date;
		ended_at: Date | null;
		pages_seen: number;
		visit_count: number;
		visit_started_at: Date;
		screen: string;
	}>(
		'select last_seen_at, ended_at, pages_seen, visit_count, visit_started_at, screen from public.visitors where id = $1',
		[id]
	);
	return rows[0];
}

describe('record_page_view', () => {
	it('answers the visit and the widget settings, with the pre-chat rules and whether anyone is online', async () => {
		const id = await addUser(world.t().db, { anonymous: true });
		const client = await as({ user: id, anonymous: true }, { origin: A.origin });
		const res = await call(client, 'record_page_view', {
			site_key: A.siteKey,
			page_url: `${A.origin}/`,
			page_title: 'Home',
			referrer: '',
			language: 'en-GB',
			screen: '390x844'
		});
		expect(res.code).toBeNull();
		expect(res.data).toEqual({
			visitor_id: id,
			site_id: A.site,
			first_view: true,
			returning: false,
			visit_count: 1,
			page: 1,
			widget: {
				name: 'Site A',
				color: '#2563eb',
				position: 'bottom-right',
				greeting: 'Hello from A',
				default_language: 'en',
				prechat_name: 'optional',
				prechat_email: 'off',
				agents_online: false
			}
		});
		expect((await visitorRow(id)).screen).toBe('390x844');
	});

	it('drops a malformed screen size instead of storing it', async () => {
		const v = await visitor();
		const res = await call(v.client, 'record_page_view', {
			site_key: A.siteKey,
			page_url: `${A.origin}/x`,
			screen: '<script>'.repeat(100)
		});
		expect(res.code).toBeNull();
		expect((await visitorRow(v.id)).screen).toBe('');
	});

	it('counts pages within a visit, even across the leave each navigation sends', async () => {
		const v = await visitor();
		expect((await call(v.client, 'visitor_leave')).code).toBeNull();
		const res = await call<{ visit_count: number; returning: boolean }>(
			v.client,
			'record_page_view',
			{ site_key: A.siteKey, page_url: `${A.origin}/next` }
		);
		expect(res.data).toMatchObject({ visit_count: 1, returning: false });
		expect(await visitorRow(v.id)).toMatchObject({ pages_seen: 2, visit_count: 1, ended_at: null });
	});

	it('starts a new visit after 30 minutes of silence', async () => {
		const v = await visitor();
		await sql(
			`update public.visitors set last_seen_at = now() - interval '31 minutes', ended_at = now() - interval '31 minutes',
			        visit_started_at = now() - interval '2 hours', pages_seen = 7 where id = $1`,
			[v.id]
		);
		const res = await call(v.client, 'record_page_view', {
			site_key: A.siteKey,
			page_url: `${A.origin}/again`
		});
		expect(res.data).toMatchObject({ visit_count: 2, returning: true, first_view: false });
		const row = await visitorRow(v.id);
		expect(row).toMatchObject({ pages_seen: 1, visit_count: 2, ended_at: null });
		expect(Date.now() - row.visit_started_at.getTime()).toBeLessThan(60_000);
	});

	it('refuses a 1 MB page URL with 400 and stores nothing', async () => {
		const v = await visitor();
		const before = await visitorRow(v.id);
		const res = await call(v.client, 'record_page_view', {
			site_key: A.siteKey,
			page_url: `${A.origin}/${'x'.repeat(1024 * 1024)}`
		});
		expect(res).toMatchObject({ code: '22023', status: 400 });
		expect(await visitorRow(v.id)).toEqual(before);
	});

	it('still takes the five arguments earlier snippets send', async () => {
		const v = await visitor();
		const res = await call(v.client, 'record_page_view', {
			site_key: A.siteKey,
			page_url: `${A.origin}/old`,
			page_title: 'Old',
			referrer: '',
			language: 'fr'
		});
		expect(res.code).toBeNull();
	});
});

describe('visitor_heartbeat and visitor_leave', () => {
	it('moves only the caller’s own last_seen_at to the server’s now and clears a leave', async () => {
		const v = await visitor();
		const other = await visitor();
		await sql(
			`update public.visitors set last_seen_at = now() - interval '20 seconds', ended_at = now() where id in ($1, $2)`,
			[v.id, other.id]
		);
		const otherBefore = await visitorRow(other.id);
		const res = await call(v.client, 'visitor_heartbeat');
		expect(res).toMatchObject({ code: null, data: { ok: true, agents_online: false } });
		const row = await visitorRow(v.id);
		expect(row.ended_at).toBeNull();
		expect(Date.now() - row.last_seen_at.getTime()).toBeLessThan(5000);
		expect(await visitorRow(other.id)).toEqual(otherBefore);
	});

	it('no longer lets a visitor write last_seen_at or ended_at itself', async () => {
		const v = await visitor();
		const before = await visitorRow(v.id);
		const { error } = await v.client
			.from('visitors')
			.update({ last_seen_at: '2099-01-01T00:00:00Z', ended_at: null })
			.eq('id', v.id);
		expect(error?.code).toBe('42501');
		expect(await visitorRow(v.id)).toEqual(before);
	});

	it('sets ended_at on leave, which takes the visitor off the live list', async () => {
		const v = await visitor();
		const owner = await as('ownerA');
		const ids = async () =>
			((await call<{ id: string }[]>(owner, 'live_visitors', { site_id: A.site })).data ?? []).map(
				(r) => r.id
			);
		expect(await ids()).toContain(v.id);
		expect((await call(v.client, 'visitor_leave')).code).toBeNull();
		expect((await visitorRow(v.id)).ended_at).not.toBeNull();
		expect(await ids()).not.toContain(v.id);
		await call(v.client, 'visitor_heartbeat');
		expect(await ids()).toContain(v.id);
	});

	it('ends the visit only for the latest page view: a late leave from the page before changes nothing', async () => {
		const v = await visitor();
		type View = { visit_count: number; page: number };
		const view = async (path: string) =>
			(
				await call<View>(v.client, 'record_page_view', {
					site_key: A.siteKey,
					page_url: `${A.origin}${path}`
				})
			).data!;
		const first = await view('/shoes');
		const second = await view('/shoes/trail');
		expect(second).toMatchObject({ visit_count: first.visit_count, page: first.page + 1 });
		// The first page's keepalive leave is stored after the second page's view.
		const late = { visit: first.visit_count, page: first.page };
		expect((await call(v.client, 'visitor_leave', late)).code).toBeNull();
		expect((await visitorRow(v.id)).ended_at).toBeNull();
		// The second page's own leave ends the visit.
		const own = { visit: second.visit_count, page: second.page };
		expect((await call(v.client, 'visitor_leave', own)).code).toBeNull();
		expect((await visitorRow(v.id)).ended_at).not.toBeNull();
	});

	it('refuses a leave naming half a page view, and changes nothing', async () => {
		const v = await visitor();
		expect(await call(v.client, 'visitor_leave', { visit: 1 })).toMatchObject({
			code: '22023',
			status: 400
		});
		expect(await call(v.client, 'visitor_leave', { page: 'x' })).toMatchObject({ status: 400 });
		expect((await visitorRow(v.id)).ended_at).toBeNull();
	});

	it('tells the visitor whether an agent is online: available and heard from in the last 90 s', async () => {
		const v = await visitor();
		const online = async () =>
			(await call<{ agents_online: boolean }>(v.client, 'visitor_heartbeat')).data?.agents_online;
		// Other tests' agents of site A may be online; start this one from a site with none.
		await sql(`update public.site_members set availability = 'offline' where site_id = $1`, [
			A.site
		]);
		expect(await online()).toBe(false);
		const a = await agent('A', { online: true });
		expect(await online()).toBe(true);
		await sql(
			`update public.site_members set last_active_at = now() - interval '91 seconds' where user_id = $1`,
			[a.id]
		);
		expect(await online()).toBe(false);
		expect((await call(a.client, 'agent_heartbeat')).code).toBeNull();
		expect(await online()).toBe(true);
		expect(
			(await call(a.client, 'set_agent_availability', { availability: 'away' })).code
		).toBeNull();
		expect(await online()).toBe(false);
	});

	it('refuses members, sessions without a page view and requests without a session', async () => {
		const fresh = await as({
			user: await addUser(world.t().db, { anonymous: true }),
			anonymous: true
		});
		expect(await call(await as('agentA'), 'visitor_heartbeat')).toMatchObject({
			code: '42501',
			status: 403
		});
		expect(await call(fresh, 'visitor_heartbeat')).toMatchObject({
			code: '42501',
			message: 'no visitor session: record a page view first'
		});
		expect((await call(await as('anon'), 'visitor_heartbeat')).status).toBe(401);
		expect((await call(await as('anon'), 'visitor_leave')).status).toBe(401);
	});
});

describe('live_visitors and server_time', () => {
	it('lists the site’s visitors heard from in the last 30 s, for members only', async () => {
		const fresh = await visitor();
		const stale = await visitor();
		const other = await visitor('B');
		await sql(
			`update public.visitors set last_seen_at = now() - interval '31 seconds' where id = $1`,
			[stale.id]
		);
		const res = await call<{ id: string; visit_count: number; screen: string }[]>(
			await as('agentA'),
			'live_visitors',
			{ site_id: A.site }
		);
		const ids = (res.data ?? []).map((r) => r.id);
		expect(ids).toContain(fresh.id);
		expect(ids).not.toContain(stale.id);
		expect(ids).not.toContain(other.id);
		expect(res.data?.[0]).toHaveProperty('visit_count');
		for (const who of ['agentB', 'visitorA'] as const)
			expect(await call(await as(who), 'live_visitors', { site_id: A.site })).toMatchObject({
				code: '42501',
				data: null
			});
	});

	it('gives the server’s clock', async () => {
		const res = await call<string>(await as('agentA'), 'server_time');
		expect(Math.abs(new Date(res.data ?? 0).getTime() - Date.now())).toBeLessThan(5000);
	});
});

describe('set_agent_availability and agent_heartbeat', () => {
	it('sets availability on every site of the caller, stamped with the server’s time', async () => {
		const a = await agent('A');
		await sql(`insert into public.site_members (site_id, user_id, role) values ($1, $2, 'agent')`, [
			WORLD.B.site,
			a.id
		]);
		expect(
			(await call(a.client, 'set_agent_availability', { availability: 'online' })).code
		).toBeNull();
		const rows = await sql<{ availability: string; last_active_at: Date }>(
			'select availability, last_active_at from public.site_members where user_id = $1',
			[a.id]
		);
		expect(rows.map((r) => r.availability)).toEqual(['online', 'online']);
		for (const r of rows) expect(Date.now() - r.last_active_at.getTime()).toBeLessThan(5000);
	});

	it('refuses an unknown availability, visitors and people of no site', async () => {
		const a = await agent('A');
		expect(await call(a.client, 'set_agent_availability', { availability: 'busy' })).toMatchObject({
			code: '22023',
			status: 400
		});
		const v = await visitor();
		expect((await call(v.client, 'set_agent_availability', { availability: 'online' })).code).toBe(
			'42501'
		);
		expect((await call(v.client, 'agent_heartbeat')).code).toBe('42501');
		const nobody = await as({ user: await addUser(world.t().db), anonymous: false });
		expect((await call(nobody, 'agent_heartbeat')).code).toBe('42501');
	});

	it('keeps availability out of the members’ own hands', async () => {
		const a = await agent('A');
		const { error } = await a.client
			.from('site_members')
			.update({ availability: 'online' })
			.eq('user_id', a.id);
		expect(error?.code).toBe('42501');
	});
});

describe('cleanup_idle_visitors', () => {
	it('deletes visitors past retention who never chatted and day-old sessions with no page view, nothing else', async () => {
		const idle = await visitor();
		const chatted = await visitor();
		const recent = await visitor();
		const noView = await addUser(world.t().db, { anonymous: true });
		const freshNoView = await addUser(world.t().db, { anonymous: true });
		await sql(
			`update public.visitors set last_seen_at = now() - interval '31 days', ended_at = null where id in ($1, $2)`,
			[idle.id, chatted.id]
		);
		await sql(`insert into public.conversations (site_id, visitor_id) values ($1, $2)`, [
			A.site,
			chatted.id
		]);
		await sql(`update auth.users set created_at = now() - interval '2 days' where id = $1`, [
			noView
		]);
		const denied = await call(await as('ownerA'), 'cleanup_idle_visitors', {});
		expect(denied.code).toBe('42501');
		const res = await call<number>(world.t().admin(), 'cleanup_idle_visitors', { batch: 1000 });
		expect(res.code).toBeNull();
		expect(res.data).toBeGreaterThanOrEqual(2);
		const left = await sql<{ id: string }>(
			'select id::text from auth.users where id = any($1::uuid[])',
			[[idle.id, chatted.id, recent.id, noView, freshNoView]]
		);
		expect(left.map((r) => r.id).sort()).toEqual([chatted.id, recent.id, freshNoView].sort());
		expect(await sql('select 1 from public.visitors where id = $1', [idle.id])).toEqual([]);
	});

	it("reads each site's visitors past retention through its index, not every visitor", async () => {
		// 5,000 visitors of site A seen in the last ten days: none is past the 30-day retention.
		const db = world.t().db;
		const ids = `('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid`;
		await db.exec(
			`insert into auth.users (id, instance_id, aud, role, is_anonymous)
			 select ${ids}, '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', true
			   from generate_series(1, 5000) g;
			 insert into public.visitors (id, site_id, last_seen_at, current_url)
			 select ${ids}, '${A.site}', now() - make_interval(mins => g * 3), '${A.origin}/p'
			   from generate_series(1, 5000) g;
			 analyze public.visitors;`
		);
		try {
			const scans = await db.transaction(async (tx) => {
				await tx.query('select public.cleanup_idle_visitors(1000)');
				const { rows } = await tx.query<{ n: string }>(
					`select pg_catalog.pg_stat_get_xact_numscans(
					          'public.visitors_site_id_last_seen_idx'::regclass)::text as n`
				);
				return Number(rows[0].n);
			});
			expect(scans).toBeGreaterThan(0);
			expect(
				await sql(`select 1 from public.visitors where id = ${ids.replace('g::text', "'1'")}`)
			).toHaveLength(1);
		} finally {
			await db.exec(
				`delete from auth.users where id in (select ${ids} from generate_series(1, 5000) g)`
			);
		}
	});
});
