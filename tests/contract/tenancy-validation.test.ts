/**
 * Bad input is refused by Postgres itself, whichever client writes: named check constraints
 * on every settings column, and column privileges that keep the key, the owner and the
 * install state out of clients' reach. Each refusal leaves nothing stored.
 * (A forged site key is covered with the snippet API in tenancy-snippet.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { VIAS, WORLD, useActorsVia, useTenancyWorld } from './fixtures/tenancy.ts';

const world = useTenancyWorld();
const t = world.t;

const TEN_MB = 10 * 1024 * 1024;

/** Settings values that must be refused, with the constraint that names the problem. */
const BAD_SETTINGS: { name: string; patch: Record<string, unknown>; constraint: string }[] = [
	...[
		'a.example',
		'https://a.example/',
		'https://a.example/path',
		'https://A.example',
		'ftp://a.example',
		'https://a.example:443',
		'http://a.example:80',
		'https://a.example:99999',
		'javascript:alert(1)',
		'*',
		''
	].map((origin) => ({
		name: `an allowed origin ${JSON.stringify(origin)}`,
		patch: { allowed_origins: ['https://ok.example', origin] },
		constraint: 'sites_allowed_origins_are_origins'
	})),
	{ name: 'an empty site name', patch: { name: '' }, constraint: 'sites_name_not_blank' },
	{ name: 'a blank site name', patch: { name: '   ' }, constraint: 'sites_name_not_blank' },
	{
		name: 'a 101-character site name',
		patch: { name: 'n'.repeat(101) },
		constraint: 'sites_name_length'
	},
	{
		name: 'a 501-character greeting',
		patch: { greeting: 'g'.repeat(501) },
		constraint: 'sites_greeting_length'
	},
	{
		name: 'a 10 MB greeting',
		patch: { greeting: 'g'.repeat(TEN_MB) },
		constraint: 'sites_greeting_length'
	},
	{
		name: 'a colour that is not #rrggbb',
		patch: { widget_color: 'red' },
		constraint: 'sites_widget_color_hex'
	},
	{
		name: 'an unknown widget position',
		patch: { widget_position: 'top-left' },
		constraint: 'sites_widget_position_valid'
	},
	{
		name: 'a language that is not a tag',
		patch: { default_language: 'English!' },
		constraint: 'sites_default_language_tag'
	}
];

async function siteSnapshot(id: string): Promise<string> {
	const res = await t().db.query<{ s: string }>(
		'select to_jsonb(s)::text as s from public.sites s where id = $1',
		[id]
	);
	return res.rows[0].s;
}
async function siteCount(): Promise<number> {
	return (await t().db.query<{ n: number }>('select count(*)::int as n from public.sites')).rows[0]
		.n;
}

for (const via of VIAS) {
	describe(`bad input via ${via}`, () => {
		const as = useActorsVia(world, via);

		/** The REST service may refuse a 10 MB body before Postgres sees it; any refusal will do there. */
		const expectRefused = (
			res: { code: string | null; message?: string },
			c: { constraint: string; patch: Record<string, unknown> }
		) => {
			const oversized = JSON.stringify(c.patch).length > 1024 * 1024;
			if (via === 'rest' && oversized) {
				expect(res.code).not.toBeNull();
				return;
			}
			expect(res.code).toBe('23514');
			expect(res.message).toContain(`"${c.constraint}"`);
		};

		for (const c of BAD_SETTINGS) {
			it(`refuses ${c.name} on update and keeps the site as it was`, async () => {
				const before = await siteSnapshot(WORLD.A.site);
				const res = await (await as('ownerA')).update('sites', { id: WORLD.A.site }, c.patch);
				expectRefused(res, c);
				expect(await siteSnapshot(WORLD.A.site)).toBe(before);
			});

			it(`refuses ${c.name} on create and stores no site`, async () => {
				const before = await siteCount();
				const res = await (
					await as('ownerA')
				).insert('sites', { name: 'New site', owner_id: WORLD.A.owner, ...c.patch });
				expectRefused(res, c);
				expect(await siteCount()).toBe(before);
			});
		}

		it('accepts normalized origins: host names, localhost with a port, IPv4 and IPv6 addresses', async () => {
			const origins = [
				'https://shop.example.co.uk',
				'http://localhost:5173',
				'http://127.0.0.1:8080',
				'https://[::1]:8443'
			];
			const res = await (
				await as('ownerA')
			).update('sites', { id: WORLD.A.site }, { allowed_origins: origins });
			expect(res.code).toBeNull();
			const stored = await t().db.query('select allowed_origins from public.sites where id = $1', [
				WORLD.A.site
			]);
			expect(stored.rows).toEqual([{ allowed_origins: origins }]);
		});

		for (const column of ['site_key', 'owner_id', 'installed_at', 'installed_page']) {
			it(`keeps ${column} out of the owner's reach`, async () => {
				const before = await siteSnapshot(WORLD.A.site);
				const value = {
					site_key: 'pk_CCCCCCCCCCCCCCCCCCCCCCCC',
					owner_id: WORLD.B.owner,
					installed_at: '2030-01-01T00:00:00Z',
					installed_page: 'https://a.example/'
				}[column];
				const res = await (
					await as('ownerA')
				).update('sites', { id: WORLD.A.site }, { [column]: value });
				expect(res.code).toBe('42501');
				expect(res.message).toMatch(/permission denied/);
				expect(await siteSnapshot(WORLD.A.site)).toBe(before);
			});
		}

		it('refuses a message body over 10000 characters and stores nothing', async () => {
			const id = crypto.randomUUID();
			const res = await (
				await as('visitorA')
			).insert('messages', {
				id,
				conversation_id: WORLD.A.conversation,
				sender_id: WORLD.A.visitor,
				sender_kind: 'visitor',
				body: 'b'.repeat(10_001)
			});
			expect(res.code).toBe('23514');
			expect(res.message).toContain('"messages_body_length"');
			expect(
				(await t().db.query('select 1 from public.messages where id = $1', [id])).rows
			).toEqual([]);
		});

		it('makes a retried message send idempotent: the same id is stored once', async () => {
			const row = {
				id: crypto.randomUUID(),
				conversation_id: WORLD.A.conversation,
				sender_id: WORLD.A.visitor,
				sender_kind: 'visitor',
				body: 'sent twice'
			};
			const a = await as('visitorA');
			expect((await a.insert('messages', row)).code).toBeNull();
			expect((await a.insert('messages', row)).code).toBe('23505');
			expect(
				(
					await t().db.query('select count(*)::int as n from public.messages where id = $1', [
						row.id
					])
				).rows
			).toEqual([{ n: 1 }]);
		});
	});
}
