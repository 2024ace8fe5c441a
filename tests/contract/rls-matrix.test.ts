/**
 * The RLS matrix: for every tenancy table, what each persona — the owner of site A, an agent
 * of site A, an agent of site B, a visitor of site A, a visitor of site B, and `anon` — can
 * select, insert, update and delete, on site A's rows and on site B's rows. Every cell is its
 * own test, checked against what the database really holds afterwards (read as superuser), so
 * a policy regression fails one named cell. The matrix runs through SQL (`asRole`, the same
 * RLS enforcement PostgREST relies on) and, once `/rest/v1` is served, through supabase-js.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import type { TestStack } from './helpers/stack.ts';
import {
	PERSONAS,
	PERSONA_USER,
	WORLD,
	addUser,
	restActor,
	sqlActor,
	type Actor,
	type Persona,
	type SiteLabel,
	useTenancyWorld
} from './fixtures/tenancy.ts';

type Op = 'select' | 'insert' | 'update' | 'delete';
const OPS: Op[] = ['select', 'insert', 'update', 'delete'];
const SITES: SiteLabel[] = ['A', 'B'];

/**
 * Expected outcomes. Each string holds four pairs — select, insert, update, delete — and each
 * pair is [site A's row, site B's row]: for select, how many of that site's fixture rows the
 * persona sees; for writes, 1 = the write took effect, 0 = it did not.
 * `sites` insert pairs are [a site of one's own, a site owned by owner B];
 * `push_subscriptions` and `device_links` rows are agent A's (A) and agent B's (B).
 */
// prettier-ignore
const EXPECTED: Record<string, Record<Persona, string>> = {
	//              sel ins upd del
	sites: {
		ownerA:   '10 10 10 10',
		agentA:   '10 10 00 00',
		agentB:   '01 10 00 00',
		visitorA: '00 00 00 00',
		visitorB: '00 00 00 00',
		anon:     '00 00 00 00'
	},
	site_members: {
		ownerA:   '20 00 10 10',
		agentA:   '20 00 10 00',
		agentB:   '02 00 01 00',
		visitorA: '00 00 00 00',
		visitorB: '00 00 00 00',
		anon:     '00 00 00 00'
	},
	agent_invitations: {
		ownerA:   '10 00 10 10',
		agentA:   '00 00 00 00',
		agentB:   '00 00 00 00',
		visitorA: '00 00 00 00',
		visitorB: '00 00 00 00',
		anon:     '00 00 00 00'
	},
	// Heartbeats and leaves go through visitor_heartbeat()/visitor_leave(): the server's clock,
	// not the visitor, writes last_seen_at and ended_at.
	visitors: {
		ownerA:   '10 00 00 00',
		agentA:   '10 00 00 00',
		agentB:   '01 00 00 00',
		visitorA: '10 00 00 00',
		visitorB: '01 00 00 00',
		anon:     '00 00 00 00'
	},
	// Started by start_conversation / leave_message / accept_invitation (pre-chat rules);
	// members may still correct visitor_language, never status or assignment.
	conversations: {
		ownerA:   '10 00 10 10',
		agentA:   '10 00 10 00',
		agentB:   '01 00 01 00',
		visitorA: '10 00 00 00',
		visitorB: '01 00 00 00',
		anon:     '00 00 00 00'
	},
	// Receipts go through mark_conversation_read / _delivered.
	messages: {
		ownerA:   '10 10 00 00',
		agentA:   '10 10 00 00',
		agentB:   '01 01 00 00',
		visitorA: '10 10 00 00',
		visitorB: '01 01 00 00',
		anon:     '00 00 00 00'
	},
	// Made by invite_visitor (online check, server-set expiry), answered by the functions.
	chat_invitations: {
		ownerA:   '10 00 00 00',
		agentA:   '10 00 00 00',
		agentB:   '01 00 00 00',
		visitorA: '10 00 00 00',
		visitorB: '01 00 00 00',
		anon:     '00 00 00 00'
	},
	// Offered and answered through offer_/accept_/decline_/cancel_/expire_transfer (one open
	// offer per conversation, server-set expiry, atomic hand-over).
	transfers: {
		ownerA:   '10 00 00 00',
		agentA:   '10 00 00 00',
		agentB:   '01 00 00 00',
		visitorA: '00 00 00 00',
		visitorB: '00 00 00 00',
		anon:     '00 00 00 00'
	},
	push_subscriptions: {
		ownerA:   '00 00 00 00',
		agentA:   '10 10 10 10',
		agentB:   '01 01 01 01',
		visitorA: '00 00 00 00',
		visitorB: '00 00 00 00',
		anon:     '00 00 00 00'
	},
	// Made and used up only through create_device_link / redeem_device_link.
	device_links: {
		ownerA:   '00 00 00 00',
		agentA:   '10 00 00 00',
		agentB:   '01 00 00 00',
		visitorA: '00 00 00 00',
		visitorB: '00 00 00 00',
		anon:     '00 00 00 00'
	}
};

function expected(table: string, persona: Persona, op: Op, site: SiteLabel): number {
	const pairs = EXPECTED[table][persona].split(' ');
	return Number(pairs[OPS.indexOf(op)][site === 'A' ? 0 : 1]);
}

type Match = Record<string, string>;
interface TableSpec {
	/** Columns that identify a row. */
	key: string[];
	/** The fixture rows of each site, as key → value maps. */
	fixture(site: SiteLabel): Match[];
	/** A row this persona would plausibly try to add on that site (may create auth users). */
	newRow(t: TestStack, site: SiteLabel, persona: Persona): Promise<Record<string, unknown>>;
	/** The fixture row an update targets, and a column the API allows updating. */
	updateTarget(site: SiteLabel): { match: Match; column: string; value(n: number): string };
	/** Creates (as superuser) a throwaway row of that site to try deleting. */
	throwaway(t: TestStack, site: SiteLabel): Promise<Match>;
}

const stamp = (n: number) => new Date(Date.UTC(2031, 0, 1, 0, 0, n)).toISOString();
const isVisitor = (p: Persona) => p.startsWith('visitor');
const hex64 = () => randomBytes(32).toString('hex');

async function insertAs(t: TestStack, table: string, row: Record<string, unknown>): Promise<void> {
	const cols = Object.keys(row);
	await t.db.query(
		`insert into public.${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
		Object.values(row)
	);
}

const TABLES: Record<string, TableSpec> = {
	sites: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].site }],
		newRow: async (_t, s, p) => ({
			id: randomUUID(),
			name: 'Another site',
			owner_id: s === 'A' ? (PERSONA_USER[p] ?? WORLD.A.owner) : WORLD.B.owner
		}),
		updateTarget: (s) => ({
			match: { id: WORLD[s].site },
			column: 'name',
			value: (n) => `Renamed ${n}`
		}),
		async throwaway(t, s) {
			const id = randomUUID();
			await insertAs(t, 'sites', { id, name: 'Throwaway', owner_id: WORLD[s].owner });
			return { id };
		}
	},
	site_members: {
		key: ['site_id', 'user_id'],
		fixture: (s) => [
			{ site_id: WORLD[s].site, user_id: WORLD[s].owner },
			{ site_id: WORLD[s].site, user_id: WORLD[s].agent }
		],
		newRow: async (t, s) => ({
			site_id: WORLD[s].site,
			user_id: await addUser(t.db),
			role: 'agent'
		}),
		updateTarget: (s) => ({
			match: { site_id: WORLD[s].site, user_id: WORLD[s].agent },
			column: 'display_name',
			value: (n) => `Name ${n}`
		}),
		async throwaway(t, s) {
			const user = await addUser(t.db);
			await insertAs(t, 'site_members', { site_id: WORLD[s].site, user_id: user, role: 'agent' });
			return { site_id: WORLD[s].site, user_id: user };
		}
	},
	agent_invitations: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].agentInvitation }],
		newRow: async (_t, s, p) => ({
			id: randomUUID(),
			site_id: WORLD[s].site,
			name: 'Sneaky',
			token_hash: hex64(),
			created_by: PERSONA_USER[p]
		}),
		updateTarget: (s) => ({
			match: { id: WORLD[s].agentInvitation },
			column: 'revoked_at',
			value: stamp
		}),
		async throwaway(t, s) {
			const id = randomUUID();
			await insertAs(t, 'agent_invitations', {
				id,
				site_id: WORLD[s].site,
				name: 'Throwaway',
				token_hash: hex64()
			});
			return { id };
		}
	},
	visitors: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].visitor }],
		newRow: async (t, s, p) => ({
			id: PERSONA_USER[p] ?? (await addUser(t.db, { anonymous: true })),
			site_id: WORLD[s].site,
			current_url: `${WORLD[s].origin}/forged`
		}),
		updateTarget: (s) => ({
			match: { id: WORLD[s].visitor },
			column: 'last_seen_at',
			value: stamp
		}),
		async throwaway(t, s) {
			const id = await addUser(t.db, { anonymous: true });
			await insertAs(t, 'visitors', {
				id,
				site_id: WORLD[s].site,
				current_url: `${WORLD[s].origin}/`
			});
			return { id };
		}
	},
	conversations: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].conversation }],
		newRow: async (_t, s, p) => ({
			id: randomUUID(),
			site_id: WORLD[s].site,
			visitor_id: isVisitor(p) ? PERSONA_USER[p] : WORLD[s].visitor
		}),
		updateTarget: (s) => ({
			match: { id: WORLD[s].conversation },
			column: 'visitor_language',
			value: (n) => `es-${n}` // a language tag: the database refuses anything else
		}),
		async throwaway(t, s) {
			const id = randomUUID();
			await insertAs(t, 'conversations', {
				id,
				site_id: WORLD[s].site,
				visitor_id: WORLD[s].visitor
			});
			return { id };
		}
	},
	messages: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].message }],
		newRow: async (_t, s, p) => ({
			id: randomUUID(),
			conversation_id: WORLD[s].conversation,
			sender_id: PERSONA_USER[p],
			sender_kind: isVisitor(p) ? 'visitor' : 'agent',
			body: 'hello'
		}),
		updateTarget: (s) => ({ match: { id: WORLD[s].message }, column: 'read_at', value: stamp }),
		async throwaway(t, s) {
			const id = randomUUID();
			await insertAs(t, 'messages', {
				id,
				conversation_id: WORLD[s].conversation,
				sender_id: WORLD[s].visitor,
				sender_kind: 'visitor',
				body: 'throwaway'
			});
			return { id };
		}
	},
	chat_invitations: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].chatInvitation }],
		newRow: async (_t, s, p) => ({
			id: randomUUID(),
			site_id: WORLD[s].site,
			visitor_id: WORLD[s].visitor,
			agent_id: PERSONA_USER[p],
			message: 'Can I help?'
		}),
		updateTarget: (s) => ({
			match: { id: WORLD[s].chatInvitation },
			column: 'answered_at',
			value: stamp
		}),
		async throwaway(t, s) {
			const id = randomUUID();
			// Answered already: the fixture's invitation is the visitor's one pending invitation.
			await insertAs(t, 'chat_invitations', {
				id,
				site_id: WORLD[s].site,
				visitor_id: WORLD[s].visitor,
				agent_id: WORLD[s].agent,
				status: 'declined'
			});
			return { id };
		}
	},
	transfers: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].transfer }],
		newRow: async (_t, s, p) => ({
			id: randomUUID(),
			site_id: WORLD[s].site,
			conversation_id: WORLD[s].conversation,
			from_agent_id: PERSONA_USER[p],
			to_agent_id: PERSONA_USER[p] === WORLD[s].owner ? WORLD[s].agent : WORLD[s].owner
		}),
		updateTarget: (s) => ({
			match: { id: WORLD[s].transfer },
			column: 'answered_at',
			value: stamp
		}),
		async throwaway(t, s) {
			const id = randomUUID();
			// Answered already: the fixture's offer is the conversation's one open offer.
			await insertAs(t, 'transfers', {
				id,
				site_id: WORLD[s].site,
				conversation_id: WORLD[s].conversation,
				from_agent_id: WORLD[s].agent,
				to_agent_id: WORLD[s].owner,
				status: 'declined',
				answered_at: stamp(0)
			});
			return { id };
		}
	},
	push_subscriptions: {
		key: ['id'],
		fixture: (s) => [{ id: WORLD[s].push }],
		newRow: async (_t, s) => {
			const id = randomUUID();
			return {
				id,
				user_id: WORLD[s].agent,
				endpoint: `https://push.example/${id}`,
				p256dh: 'k',
				auth: 'a'
			};
		},
		updateTarget: (s) => ({
			match: { id: WORLD[s].push },
			column: 'user_agent',
			value: (n) => `UA ${n}`
		}),
		async throwaway(t, s) {
			const id = randomUUID();
			await insertAs(t, 'push_subscriptions', {
				id,
				user_id: WORLD[s].agent,
				endpoint: `https://push.example/${id}`,
				p256dh: 'k',
				auth: 'a'
			});
			return { id };
		}
	}
};

/** Adds the device-links table to the matrix (rows belong to each site's agent). */
TABLES.device_links = {
	key: ['id'],
	fixture: (s) => [{ id: WORLD[s].deviceLink }],
	newRow: async (_t, s) => ({ id: randomUUID(), user_id: WORLD[s].agent, token_hash: hex64() }),
	updateTarget: (s) => ({
		match: { id: WORLD[s].deviceLink },
		column: 'used_at',
		value: (n) => stamp(n)
	}),
	async throwaway(t, s) {
		const id = randomUUID();
		await insertAs(t, 'device_links', { id, user_id: WORLD[s].agent, token_hash: hex64() });
		return { id };
	}
};

/** How many rows match, read as superuser (the truth, whatever the API said). */
async function countWhere(
	t: TestStack,
	table: string,
	match: Match,
	extra?: { column: string; value: string }
) {
	const cols = Object.keys(match);
	const conds = cols.map((c, i) => `${c}::text = $${i + 1}`);
	const params: unknown[] = Object.values(match);
	if (extra) {
		params.push(extra.value);
		conds.push(`${extra.column} = $${params.length}`);
	}
	const res = await t.db.query<{ n: number }>(
		`select count(*)::int as n from public.${table} where ${conds.join(' and ')}`,
		params
	);
	return res.rows[0].n;
}

/** A denied write either raised a permission/RLS/FK error or silently touched no rows. */
const DENIED_CODES = ['42501', '23503'];

const world = useTenancyWorld();
const t = world.t;
let counter = 0;

for (const via of ['sql', 'rest'] as const) {
	describe(`RLS matrix via ${via === 'sql' ? 'SQL (asRole)' : 'supabase-js (/rest/v1)'}`, () => {
		const actors = new Map<Persona, Actor>();
		const actor = async (p: Persona) => {
			let a = actors.get(p);
			if (!a) actors.set(p, (a = via === 'sql' ? sqlActor(t().db, p) : await restActor(t(), p)));
			return a;
		};

		for (const [table, spec] of Object.entries(TABLES)) {
			describe(table, () => {
				for (const persona of PERSONAS) {
					for (const op of OPS) {
						for (const site of SITES) {
							const want = expected(table, persona, op, site);
							const label =
								op === 'select'
									? `sees ${want} of site ${site}'s rows`
									: `${want ? 'can' : 'cannot'} ${op} on site ${site}`;
							it(`${persona} ${label}`, async (ctx) => {
								if (via === 'rest' && !world.restServed()) ctx.skip();
								const a = await actor(persona);
								if (op === 'select') {
									const { rows, code } = await a.selectIds(table, spec.key);
									// Requests without a session have no table privileges at all.
									expect(code).toBe(persona === 'anon' ? '42501' : null);
									const seen = new Set(rows.map((r) => spec.key.map((k) => r[k]).join('|')));
									const mine = spec
										.fixture(site)
										.filter((m) => seen.has(spec.key.map((k) => m[k]).join('|')));
									expect(mine.length).toBe(want);
									return;
								}
								if (op === 'insert') {
									const row = await spec.newRow(t(), site, persona);
									const res = await a.insert(table, row);
									// Match every column given, so a pre-existing row with the same key does not count.
									const match = Object.fromEntries(
										Object.entries(row)
											.filter(([, v]) => v !== null)
											.map(([k, v]) => [k, String(v)])
									);
									const n = await countWhere(t(), table, match);
									if (want) expect(res).toEqual({ code: null });
									else expect(DENIED_CODES).toContain(res.code);
									expect(n).toBe(want);
									return;
								}
								if (op === 'update') {
									const { match, column, value } = spec.updateTarget(site);
									const v = value(++counter);
									const res = await a.update(table, match, { [column]: v });
									const n = await countWhere(t(), table, match, { column, value: v });
									if (!want && res.code !== null) expect(DENIED_CODES).toContain(res.code);
									if (want) expect(res.code).toBeNull();
									expect(n).toBe(want);
									return;
								}
								const match = await spec.throwaway(t(), site);
								const res = await a.remove(table, match);
								if (!want && res.code !== null) expect(DENIED_CODES).toContain(res.code);
								if (want) expect(res.code).toBeNull();
								expect(await countWhere(t(), table, match)).toBe(1 - want);
							});
						}
					}
				}
			});
		}
	});
}

/**
 * Who may call the chat functions at all: for each function (with arguments naming site A's
 * fixture rows), the personas it does not refuse as forbidden. What a permitted call then does
 * is the chat-*.test.ts files' business; these calls change nothing the table matrix reads.
 */
const CALLS: { fn: string; args: Record<string, unknown>; allowed: Persona[] }[] = [
	{ fn: 'live_visitors', args: { site_id: WORLD.A.site }, allowed: ['ownerA', 'agentA'] },
	{ fn: 'server_time', args: {}, allowed: ['ownerA', 'agentA', 'agentB', 'visitorA', 'visitorB'] },
	{ fn: 'agent_heartbeat', args: {}, allowed: ['ownerA', 'agentA', 'agentB'] },
	{ fn: 'visitor_heartbeat', args: {}, allowed: ['visitorA', 'visitorB'] },
	{ fn: 'widget_state', args: {}, allowed: ['visitorA', 'visitorB'] },
	{
		fn: 'expire_invitation',
		args: { invitation_id: WORLD.A.chatInvitation },
		allowed: ['ownerA', 'agentA', 'visitorA']
	},
	{
		fn: 'mark_conversation_delivered',
		args: { conversation_id: WORLD.A.conversation },
		allowed: ['ownerA', 'agentA', 'visitorA']
	},
	{ fn: 'cleanup_idle_visitors', args: { batch: 1 }, allowed: [] }
];

for (const via of ['sql', 'rest'] as const) {
	describe(`chat function callers via ${via === 'sql' ? 'SQL (asRole)' : 'supabase-js (/rest/v1)'}`, () => {
		for (const { fn, args, allowed } of CALLS) {
			for (const persona of PERSONAS) {
				const may = allowed.includes(persona);
				it(`${persona} ${may ? 'may' : 'may not'} call ${fn}`, async (ctx) => {
					if (via === 'rest' && !world.restServed()) ctx.skip();
					const a = via === 'sql' ? sqlActor(t().db, persona) : await restActor(t(), persona);
					const res = await a.rpc(fn, args);
					if (may) expect(res).toMatchObject({ code: null });
					else expect(res.code).toBe('42501');
				});
			}
		}
	});
}
