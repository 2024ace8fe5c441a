/**
 * Conversations and messages: visitors start one (pre-chat rules) or leave a message, send
 * their own messages with client-made ids (retries never double, the server's clock stamps
 * them, floods get 429), agents take a conversation (one wins), either side closes it and
 * marks the other side's messages delivered or read.
 */
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { WORLD } from './fixtures/tenancy.ts';
import { call, useChatWorld, uuid, type Visitor } from './fixtures/chat.ts';

const world = useChatWorld();
const { as, visitor, agent, sql } = world;
const A = WORLD.A;

async function start(v: Visitor, args: Record<string, unknown> = {}): Promise<string> {
	const res = await call<{ conversation_id: string }>(v.client, 'start_conversation', args);
	if (!res.data) throw new Error(`start_conversation failed: ${res.code} ${res.message}`);
	return res.data.conversation_id;
}

/** Sends a message as supabase-js would from the widget or console: an idempotent upsert. */
async function send(
	client: SupabaseClient,
	row: {
		conversation_id: string;
		sender_id: string;
		sender_kind?: string;
		body?: string;
		id?: string;
	},
	extra: Record<string, unknown> = {}
) {
	const { error, status } = await client
		.from('messages')
		.upsert(
			{ id: row.id ?? uuid(), sender_kind: 'visitor', body: 'hello', ...row, ...extra },
			{ onConflict: 'id', ignoreDuplicates: true }
		);
	return { code: error?.code ?? null, message: error?.message ?? null, status };
}

async function conversation(id: string) {
	const rows = await sql<Record<string, unknown>>(
		'select * from public.conversations where id = $1',
		[id]
	);
	return rows[0];
}

async function messages(conversationId: string) {
	return sql<{
		id: string;
		sender_kind: string;
		kind: string;
		body: string;
		attachment: Record<string, unknown> | null;
		created_at: Date;
		delivered_at: Date | null;
		read_at: Date | null;
	}>(
		'select id::text, sender_kind, kind, body, attachment, created_at, delivered_at, read_at from public.messages where conversation_id = $1 order by created_at, id',
		[conversationId]
	);
}

describe('start_conversation', () => {
	it('opens one conversation per visitor and gives the same one back while it is open', async () => {
		const v = await visitor();
		const id = await start(v, { visitor_name: '  Ada  ' });
		expect(await start(v)).toBe(id);
		expect(await conversation(id)).toMatchObject({
			site_id: A.site,
			visitor_id: v.id,
			status: 'open',
			offline: false,
			visitor_name: 'Ada',
			// Site A does not ask for an email: one given anyway is not kept.
			visitor_email: null,
			assigned_agent_id: null
		});
	});

	it('applies the site’s pre-chat rules and refuses bad names and addresses with 22023', async () => {
		await sql(
			`update public.sites set prechat_name = 'required', prechat_email = 'required' where id = $1`,
			[WORLD.B.site]
		);
		try {
			const v = await visitor('B');
			const refusals: [Record<string, unknown>, string][] = [
				[{ visitor_email: 'a@b.example' }, 'a name is required'],
				[{ visitor_name: 'Bo' }, 'an email address is required'],
				[{ visitor_name: 'Bo', visitor_email: 'not-an-address' }, 'email address is not valid'],
				[
					{ visitor_name: 'x'.repeat(101), visitor_email: 'a@b.example' },
					'name is longer than 100 characters'
				],
				[
					{ visitor_name: 'Bo', visitor_email: `${'a'.repeat(320)}@b.example` },
					'email address is not valid'
				]
			];
			for (const [args, message] of refusals)
				expect(await call(v.client, 'start_conversation', args)).toMatchObject({
					code: '22023',
					status: 400,
					message
				});
			expect(await sql('select 1 from public.conversations where visitor_id = $1', [v.id])).toEqual(
				[]
			);
			const id = await start(v, { visitor_name: 'Bo', visitor_email: 'bo@b.example' });
			expect(await conversation(id)).toMatchObject({
				visitor_name: 'Bo',
				visitor_email: 'bo@b.example'
			});
		} finally {
			await sql(
				`update public.sites set prechat_name = 'optional', prechat_email = 'off' where id = $1`,
				[WORLD.B.site]
			);
		}
	});

	it('is for visitors who recorded a page view only', async () => {
		expect((await call(await as('agentA'), 'start_conversation')).code).toBe('42501');
		expect((await call(await as('anon'), 'start_conversation')).status).toBe(401);
	});

	it('leaves conversations to the functions: no direct insert, status or assignment change', async () => {
		const v = await visitor();
		const id = await start(v);
		const { error: insert } = await v.client
			.from('conversations')
			.insert({ site_id: A.site, visitor_id: v.id });
		expect(insert?.code).toBe('42501');
		const { error: update } = await (
			await as('agentA')
		)
			.from('conversations')
			.update({ status: 'closed', assigned_agent_id: A.agent })
			.eq('id', id);
		expect(update?.code).toBe('42501');
		expect(await conversation(id)).toMatchObject({ status: 'open', assigned_agent_id: null });
	});
});

describe('leave_message', () => {
	it('keeps the message in one offline conversation with the visitor’s address', async () => {
		const v = await visitor();
		const first = await call<{ conversation_id: string }>(v.client, 'leave_message', {
			visitor_email: 'ada@example.com',
			body: 'Call me back',
			visitor_name: 'Ada'
		});
		expect(first.code).toBeNull();
		const id = first.data!.conversation_id;
		const again = await call<{ conversation_id: string }>(v.client, 'leave_message', {
			visitor_email: 'ada@example.com',
			body: 'Please'
		});
		expect(again.data?.conversation_id).toBe(id);
		expect(await conversation(id)).toMatchObject({
			offline: true,
			status: 'open',
			visitor_email: 'ada@example.com',
			visitor_name: 'Ada',
			last_message_preview: 'Please',
			agent_unread: 2
		});
		expect((await messages(id)).map((m) => [m.sender_kind, m.body])).toEqual([
			['visitor', 'Call me back'],
			['visitor', 'Please']
		]);
	});

	it('refuses a missing or malformed address and an empty or oversized body', async () => {
		const v = await visitor();
		for (const args of [
			{ visitor_email: '', body: 'hi' },
			{ visitor_email: 'nope', body: 'hi' },
			{ visitor_email: 'a@b.example', body: '   ' },
			{ visitor_email: 'a@b.example', body: 'x'.repeat(10_001) }
		])
			expect((await call(v.client, 'leave_message', args)).code).toBe('22023');
		expect(await sql('select 1 from public.conversations where visitor_id = $1', [v.id])).toEqual(
			[]
		);
	});
});

describe('widget_state', () => {
	it('gives the visitor’s conversation, open first, and whether agents are online', async () => {
		const v = await visitor();
		expect((await call(v.client, 'widget_state')).data).toMatchObject({
			conversation: null,
			invitation: null
		});
		const id = await start(v);
		const state = await call<{ agents_online: boolean; conversation: Record<string, unknown> }>(
			v.client,
			'widget_state'
		);
		expect(state.data?.conversation).toMatchObject({
			id,
			status: 'open',
			offline: false,
			assigned_agent_id: null,
			visitor_unread: 0
		});
		expect(typeof state.data?.agents_online).toBe('boolean');
		await call(v.client, 'close_conversation', { conversation_id: id });
		expect(
			(await call<{ conversation: { id: string; status: string } }>(v.client, 'widget_state')).data
				?.conversation
		).toMatchObject({ id, status: 'closed' });
		expect((await call(await as('agentA'), 'widget_state')).code).toBe('42501');
	});
});

describe('messages', () => {
	it('stores a retried send once, stamped with the server’s time and without client receipts', async () => {
		const v = await visitor();
		const conversationId = await start(v);
		const id = uuid();
		const row = { id, conversation_id: conversationId, sender_id: v.id, body: 'once' };
		const forged = { created_at: '2000-01-01T00:00:00Z', read_at: '2000-01-01T00:00:00Z' };
		expect((await send(v.client, row, forged)).code).toBeNull();
		expect((await send(v.client, row, forged)).code).toBeNull();
		const stored = await messages(conversationId);
		expect(stored).toHaveLength(1);
		expect(Date.now() - stored[0].created_at.getTime()).toBeLessThan(5000);
		expect(stored[0].read_at).toBeNull();
		expect(await conversation(conversationId)).toMatchObject({
			last_message_preview: 'once',
			agent_unread: 1
		});
	});

	it('refuses a 100 KB body with 400 and stores nothing', async () => {
		const v = await visitor();
		const conversationId = await start(v);
		const res = await send(v.client, {
			conversation_id: conversationId,
			sender_id: v.id,
			body: 'x'.repeat(100 * 1024)
		});
		expect(res).toMatchObject({ code: '23514', status: 400 });
		expect(await messages(conversationId)).toEqual([]);
	});

	it('refuses sending as someone else, into someone else’s conversation, events, and edits', async () => {
		const v = await visitor();
		const other = await visitor();
		const mine = await start(v);
		const theirs = await start(other);
		const refused = [
			await send(v.client, { conversation_id: mine, sender_id: other.id }),
			await send(v.client, { conversation_id: theirs, sender_id: v.id }),
			await send(v.client, { conversation_id: mine, sender_id: v.id, sender_kind: 'agent' }),
			await send(v.client, { conversation_id: mine, sender_id: v.id }, { kind: 'event' }),
			await send(v.client, { conversation_id: mine, sender_id: v.id, sender_kind: 'system' }),
			await send(await as('agentB'), {
				conversation_id: mine,
				sender_id: A.agent,
				sender_kind: 'agent'
			})
		];
		for (const r of refused) expect(r.code).toBe('42501');
		expect(await messages(mine)).toEqual([]);
		expect(await messages(theirs)).toEqual([]);
		expect((await send(v.client, { conversation_id: mine, sender_id: v.id })).code).toBeNull();
		const { error } = await v.client
			.from('messages')
			.update({ body: 'edited', read_at: new Date().toISOString() })
			.eq('conversation_id', mine);
		expect(error?.code).toBe('42501');
	});

	it('refuses 1,000 messages in 10 s from one visitor after the 20th with 429, while another visitor goes on', async () => {
		const flood = await visitor();
		const calm = await visitor();
		const floodConversation = await start(flood);
		const calmConversation = await start(calm);
		// One request carrying 30 rows is refused whole: nothing is stored half-way.
		const batch = Array.from({ length: 30 }, () => ({
			id: uuid(),
			conversation_id: floodConversation,
			sender_id: flood.id,
			sender_kind: 'visitor',
			body: 'batch'
		}));
		const { error, status } = await flood.client.from('messages').insert(batch);
		expect([error?.code, status]).toEqual(['PT429', 429]);
		expect(await messages(floodConversation)).toEqual([]);

		const started = Date.now();
		const statuses: number[] = [];
		const queue = Array.from({ length: 1000 }, (_, i) => i);
		const worker = async () => {
			for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
				const res = await send(flood.client, {
					conversation_id: floodConversation,
					sender_id: flood.id,
					body: `m${i}`
				});
				statuses.push(res.status);
			}
		};
		await Promise.all(Array.from({ length: 16 }, worker));
		const elapsed = Date.now() - started;
		const stored = (await messages(floodConversation)).length;
		// Each 10 s window lets 20 through; on a slow machine the flood spans more windows.
		const windows = Math.ceil(elapsed / 10_000);
		expect(stored).toBeGreaterThanOrEqual(20);
		expect(stored).toBeLessThanOrEqual(20 * windows);
		expect(statuses.filter((s) => s === 201).length).toBe(stored);
		expect(statuses.filter((s) => s === 429).length).toBe(1000 - stored);
		expect(
			(await send(calm.client, { conversation_id: calmConversation, sender_id: calm.id })).status
		).toBe(201);
		expect(await messages(calmConversation)).toHaveLength(1);
	}, 120_000);
});

describe('take_conversation', () => {
	it('assigns the conversation to the caller with a joined event, and refuses a second agent', async () => {
		const v = await visitor();
		const id = await start(v);
		const taker = await agent('A', { name: 'Tess' });
		const res = await call<Record<string, unknown>>(taker.client, 'take_conversation', {
			conversation_id: id
		});
		expect(res.data).toMatchObject({ id, assigned_agent_id: taker.id, status: 'open' });
		expect(
			(await call(taker.client, 'take_conversation', { conversation_id: id })).data
		).toMatchObject({ assigned_agent_id: taker.id });
		expect(
			await call(await as('agentA'), 'take_conversation', { conversation_id: id })
		).toMatchObject({ code: 'P0001', status: 400, message: 'conversation already taken' });
		expect((await messages(id)).map((m) => [m.sender_kind, m.kind, m.attachment])).toEqual([
			['system', 'event', { event: 'joined', agent_name: 'Tess' }]
		]);
		for (const who of ['agentB', 'visitorA'] as const)
			expect((await call(await as(who), 'take_conversation', { conversation_id: id })).code).toBe(
				'42501'
			);
		expect((await call(v.client, 'take_conversation', { conversation_id: id })).code).toBe('42501');
	});

	it('lets exactly one of two agents taking at once win', async () => {
		const v = await visitor();
		const id = await start(v);
		const [one, two] = [await agent('A'), await agent('A')];
		const results = await Promise.all(
			[one, two].map((a) => call(a.client, 'take_conversation', { conversation_id: id }))
		);
		expect(results.map((r) => r.code ?? 'won').sort()).toEqual(['P0001', 'won']);
		const winner = results[0].code === null ? one : two;
		expect(await conversation(id)).toMatchObject({ assigned_agent_id: winner.id });
		expect(await messages(id)).toHaveLength(1);
	});
});

describe('close_conversation', () => {
	it('closes with a closed event, once, for its visitor or a member, and then refuses messages', async () => {
		const v = await visitor();
		const id = await start(v);
		expect(
			(await call((await visitor()).client, 'close_conversation', { conversation_id: id })).code
		).toBe('42501');
		expect(
			(await call(await as('agentB'), 'close_conversation', { conversation_id: id })).code
		).toBe('42501');
		expect((await call(v.client, 'close_conversation', { conversation_id: id })).code).toBeNull();
		expect(
			(await call(await as('agentA'), 'close_conversation', { conversation_id: id })).code
		).toBeNull();
		const row = await conversation(id);
		expect(row).toMatchObject({ status: 'closed' });
		expect(row.closed_at).toBeInstanceOf(Date);
		expect((await messages(id)).map((m) => m.attachment)).toEqual([
			{ event: 'closed', by: 'visitor' }
		]);
		expect(await send(v.client, { conversation_id: id, sender_id: v.id })).toMatchObject({
			code: 'P0001',
			status: 400,
			message: 'conversation is closed'
		});
		expect(
			(await call(await as('agentA'), 'take_conversation', { conversation_id: id })).message
		).toBe('conversation is closed');
		// A new start after closing is a new conversation.
		expect(await start(v)).not.toBe(id);
	});
});

describe('mark_conversation_read and mark_conversation_delivered', () => {
	it('receipts the other side’s messages for the caller’s side and resets its unread count', async () => {
		const v = await visitor();
		const id = await start(v);
		const a = await agent('A');
		await call(a.client, 'take_conversation', { conversation_id: id });
		await send(v.client, { conversation_id: id, sender_id: v.id, body: 'question' });
		for (const body of ['one', 'two'])
			await send(a.client, { conversation_id: id, sender_id: a.id, sender_kind: 'agent', body });
		expect(await conversation(id)).toMatchObject({ agent_unread: 1, visitor_unread: 2 });

		expect(
			(await call(v.client, 'mark_conversation_delivered', { conversation_id: id })).code
		).toBeNull();
		let stored = await messages(id);
		const agentMessages = stored.filter((m) => m.sender_kind === 'agent');
		expect(agentMessages.every((m) => m.delivered_at && !m.read_at)).toBe(true);
		expect(await conversation(id)).toMatchObject({ visitor_unread: 2 });

		expect(
			(await call(v.client, 'mark_conversation_read', { conversation_id: id })).code
		).toBeNull();
		stored = await messages(id);
		for (const m of stored.filter((m) => m.sender_kind === 'agent'))
			expect(m.read_at && m.delivered_at).toBeTruthy();
		expect(stored.find((m) => m.sender_kind === 'visitor')?.read_at).toBeNull();
		expect(await conversation(id)).toMatchObject({ agent_unread: 1, visitor_unread: 0 });

		expect(
			(await call(a.client, 'mark_conversation_read', { conversation_id: id })).code
		).toBeNull();
		expect((await messages(id)).find((m) => m.sender_kind === 'visitor')?.read_at).not.toBeNull();
		expect(await conversation(id)).toMatchObject({ agent_unread: 0 });

		for (const c of [(await visitor()).client, await as('agentB')])
			expect((await call(c, 'mark_conversation_read', { conversation_id: id })).code).toBe('42501');
	});
});
