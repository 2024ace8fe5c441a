/**
 * Transfers and whispers in the database: the agent holding a conversation offers it to a
 * colleague or to anyone available; accepting moves it atomically (of two at once, one wins);
 * a decline, a cancel or the server's clock leaves it where it was; every step is an internal
 * entry, the hand-over a public one. Internal notes and whispers reach the site's members only,
 * never the visitor: checked with the visitor's own supabase-js client, its reads and its
 * channels.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { call, listen, sleep, useChatWorld, uuid, waitFor, type Visitor } from './fixtures/chat.ts';

const world = useChatWorld();
const { visitor, agent, sql } = world;

type Transfer = {
	id: string;
	status: string;
	to_agent_id: string | null;
	from_agent_id: string;
	note: string;
	expires_at: string;
	declined_by: string[];
};

/** A visitor's open conversation held by a new agent "Ana" of site A. */
async function held(): Promise<{ v: Visitor; a: Visitor; conversation: string }> {
	const v = await visitor('A');
	const a = await agent('A', { online: true, name: 'Ana' });
	const started = await call<{ conversation_id: string }>(v.client, 'start_conversation', {
		visitor_name: 'Vera'
	});
	if (!started.data) throw new Error(`start_conversation: ${started.code} ${started.message}`);
	const conversation = started.data.conversation_id;
	const took = await call(a.client, 'take_conversation', { conversation_id: conversation });
	if (took.code) throw new Error(`take_conversation: ${took.code} ${took.message}`);
	return { v, a, conversation };
}

const send = (
	client: SupabaseClient,
	who: Visitor,
	conversation: string,
	body: string,
	extra: Record<string, unknown> = {}
) =>
	client.from('messages').insert({
		id: uuid(),
		conversation_id: conversation,
		sender_id: who.id,
		sender_kind: 'agent',
		body,
		...extra
	});

const holder = async (conversation: string) =>
	(
		await sql<{ assigned_agent_id: string | null }>(
			'select assigned_agent_id from public.conversations where id = $1',
			[conversation]
		)
	)[0].assigned_agent_id;

const events = async (conversation: string) =>
	sql<{ internal: boolean; attachment: Record<string, unknown> }>(
		`select internal, attachment from public.messages
		  where conversation_id = $1 and kind = 'event' order by created_at, id`,
		[conversation]
	);

async function subscribe(client: SupabaseClient): Promise<string> {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const res = await call<string>(client, 'save_push_subscription', {
		endpoint: `https://push.example/${uuid()}`,
		p256dh: ecdh.getPublicKey().toString('base64url'),
		auth: randomBytes(16).toString('base64url'),
		user_agent: 'Spec'
	});
	if (res.code) throw new Error(`save_push_subscription: ${res.code} ${res.message}`);
	return res.data!;
}

describe('transfer offers', () => {
	it('hand a conversation to a colleague: the visitor is told and goes on talking with them', async () => {
		const { v, a, conversation } = await held();
		const b = await agent('A', { online: true, name: 'Bea' });
		const siteFeed = await listen(b.client, `site:${v.siteId}`);
		const visitorSees = await listen(v.client, `conversation:${conversation}`);

		const offer = await call<Transfer>(a.client, 'offer_transfer', {
			conversation_id: conversation,
			to_agent_id: b.id,
			note: 'Wants a refund, over to billing'
		});
		expect(offer.code).toBeNull();
		expect(offer.data).toMatchObject({
			status: 'pending',
			to_agent_id: b.id,
			from_agent_id: a.id,
			note: 'Wants a refund, over to billing'
		});
		// 60 s by default, by the server's clock.
		const [{ seconds }] = await sql<{ seconds: number }>(
			'select extract(epoch from expires_at - created_at)::integer as seconds from public.transfers where id = $1',
			[offer.data!.id]
		);
		expect(seconds).toBe(60);
		await waitFor(
			() => siteFeed.got.find((m) => m.event === 'transfer' && m.payload.status === 'pending'),
			'the offer on the site channel'
		);

		const accepted = await call<{
			transfer: Transfer;
			conversation: { assigned_agent_id: string };
		}>(b.client, 'accept_transfer', { transfer_id: offer.data!.id });
		expect(accepted.code).toBeNull();
		expect(accepted.data!.transfer.status).toBe('accepted');
		expect(accepted.data!.conversation.assigned_agent_id).toBe(b.id);
		expect(await holder(conversation)).toBe(b.id);

		// Ana's view is read-only now: the server refuses her replies, takes Bea's.
		const late = await send(a.client, a, conversation, 'One more thing…');
		expect(late.error?.code).toBe('P0001');
		expect((await send(b.client, b, conversation, 'Hi Vera, Bea here.')).error).toBeNull();
		await waitFor(
			() =>
				visitorSees.got.find(
					(m) => m.event === 'message' && m.payload.body === 'Hi Vera, Bea here.'
				),
			'Bea’s reply at the visitor'
		);

		// The visitor reads the hand-over, and nothing of the offer or the note.
		const { data: seen } = await v.client
			.from('messages')
			.select('kind, internal, attachment')
			.eq('conversation_id', conversation)
			.eq('kind', 'event');
		const visible = (seen ?? []).map((m) => (m.attachment as { event: string }).event);
		expect(visible).toContain('transferred');
		expect(visible).not.toContain('transfer_offered');
		expect(
			(seen ?? []).find((m) => (m.attachment as { event: string }).event === 'transferred')
		).toMatchObject({ internal: false, attachment: { agent_name: 'Bea', from_name: 'Ana' } });
		expect(visitorSees.got.some((m) => JSON.stringify(m.payload).includes('billing'))).toBe(false);

		// The agents' record: offered and accepted, with names and the note.
		const record = await events(conversation);
		expect(record.map((e) => [e.attachment.event, e.internal])).toEqual([
			['joined', false],
			['transfer_offered', true],
			['transferred', false]
		]);
		expect(record[1].attachment).toMatchObject({
			from_name: 'Ana',
			to_name: 'Bea',
			note: 'Wants a refund, over to billing'
		});
	});

	it('a decline, a cancel and the clock each leave the conversation with the agent who offered it', async () => {
		const { a, conversation } = await held();
		const b = await agent('A', { name: 'Bea' });
		const offer = async () =>
			(
				await call<Transfer>(a.client, 'offer_transfer', {
					conversation_id: conversation,
					to_agent_id: b.id
				})
			).data!;

		const first = await offer();
		expect(
			(await call<Transfer>(b.client, 'decline_transfer', { transfer_id: first.id })).data
		).toMatchObject({ status: 'declined' });
		expect(await holder(conversation)).toBe(a.id);
		expect((await send(a.client, a, conversation, 'Still with you.')).error).toBeNull();

		const second = await offer();
		expect(
			(await call<Transfer>(a.client, 'cancel_transfer', { transfer_id: second.id })).data
		).toMatchObject({ status: 'cancelled' });
		const tooLate = await call(b.client, 'accept_transfer', { transfer_id: second.id });
		expect(tooLate).toMatchObject({ code: 'P0001', message: 'transfer is cancelled' });

		const third = await offer();
		// Before its time, asking changes nothing.
		expect(await call(b.client, 'expire_transfer', { transfer_id: third.id })).toMatchObject({
			data: 'pending'
		});
		await sql(
			`update public.transfers set expires_at = now() - interval '1 second' where id = $1`,
			[third.id]
		);
		expect(await call(b.client, 'accept_transfer', { transfer_id: third.id })).toMatchObject({
			code: 'P0001',
			message: 'transfer is expired'
		});
		expect(await call(a.client, 'expire_transfer', { transfer_id: third.id })).toMatchObject({
			data: 'expired'
		});
		expect(await holder(conversation)).toBe(a.id);
		const record = (await events(conversation)).filter((e) => e.internal);
		expect(record.map((e) => e.attachment.event)).toEqual([
			'transfer_offered',
			'transfer_declined',
			'transfer_offered',
			'transfer_cancelled',
			'transfer_offered',
			'transfer_expired'
		]);
	});

	it('a site can give offers more or less time, within 10 to 600 s', async () => {
		const { v, a, conversation } = await held();
		const b = await agent('A', { name: 'Bea' });
		await sql('update public.sites set transfer_ttl_seconds = 15 where id = $1', [v.siteId]);
		try {
			const offer = await call<Transfer>(a.client, 'offer_transfer', {
				conversation_id: conversation,
				to_agent_id: b.id
			});
			const [{ seconds }] = await sql<{ seconds: number }>(
				'select extract(epoch from expires_at - created_at)::integer as seconds from public.transfers where id = $1',
				[offer.data!.id]
			);
			expect(seconds).toBe(15);
			await expect(
				sql('update public.sites set transfer_ttl_seconds = 5 where id = $1', [v.siteId])
			).rejects.toThrow(/sites_transfer_ttl_range/);
		} finally {
			await sql('update public.sites set transfer_ttl_seconds = 60 where id = $1', [v.siteId]);
		}
	});

	it('of two colleagues accepting an offer to anyone at the same moment, exactly one wins, every time', async () => {
		const b = await agent('A', { online: true, name: 'Bea' });
		const c = await agent('A', { online: true, name: 'Cy' });
		for (let round = 0; round < 15; round++) {
			const { a, conversation } = await held();
			const offer = await call<Transfer>(a.client, 'offer_transfer', {
				conversation_id: conversation
			});
			expect(offer.data?.to_agent_id).toBeNull();
			const answers = await Promise.all(
				[b, c].map((who) => call(who.client, 'accept_transfer', { transfer_id: offer.data!.id }))
			);
			const winners = answers.filter((r) => r.code === null);
			expect(winners).toHaveLength(1);
			expect(answers.find((r) => r.code !== null)).toMatchObject({
				code: 'P0001',
				message: 'transfer already accepted by someone else'
			});
			const winner = answers[0].code === null ? b : c;
			expect(await holder(conversation)).toBe(winner.id);
			const handovers = (await events(conversation)).filter(
				(e) => e.attachment.event === 'transferred'
			);
			expect(handovers).toHaveLength(1);
		}
	});

	it('an offer to anyone stays open to the others when one declines', async () => {
		const { a, conversation } = await held();
		const b = await agent('A', { online: true, name: 'Bea' });
		const c = await agent('A', { online: true, name: 'Cy' });
		const offer = (
			await call<Transfer>(a.client, 'offer_transfer', { conversation_id: conversation })
		).data!;
		expect(
			(await call<Transfer>(b.client, 'decline_transfer', { transfer_id: offer.id })).data
		).toMatchObject({ status: 'pending', declined_by: [b.id] });
		// The one who offered it cannot take it back by accepting.
		expect((await call(a.client, 'accept_transfer', { transfer_id: offer.id })).code).toBe('42501');
		expect((await call(c.client, 'accept_transfer', { transfer_id: offer.id })).code).toBeNull();
		expect(await holder(conversation)).toBe(c.id);
	});

	it('refuses what is not a member’s to do, with clear codes, and stores nothing', async () => {
		const { v, a, conversation } = await held();
		const b = await agent('A', { name: 'Bea' });
		const other = await agent('B', { name: 'Olaf' });
		const offer = (args: Record<string, unknown>, who = a) =>
			call(who.client, 'offer_transfer', { conversation_id: conversation, ...args });

		expect(await offer({ to_agent_id: b.id }, b)).toMatchObject({ code: 'P0001' });
		expect(await offer({ to_agent_id: a.id })).toMatchObject({ code: '22023' });
		expect(await offer({ to_agent_id: other.id })).toMatchObject({ code: '22023' });
		expect(await offer({ to_agent_id: b.id, note: 'x'.repeat(501) })).toMatchObject({
			code: '22023'
		});
		expect(await offer({ to_agent_id: 'not-a-uuid' })).toMatchObject({ status: 400 });
		expect(await offer({}, other)).toMatchObject({ code: '42501' });
		expect(await call(v.client, 'offer_transfer', { conversation_id: conversation })).toMatchObject(
			{ code: '42501' }
		);
		expect(
			await sql('select 1 from public.transfers where conversation_id = $1', [conversation])
		).toHaveLength(0);

		const open = (await offer({ to_agent_id: b.id })).data as Transfer;
		expect(await offer({})).toMatchObject({ code: 'P0001' });
		for (const fn of ['accept_transfer', 'decline_transfer', 'expire_transfer'])
			expect((await call(other.client, fn, { transfer_id: open.id })).code).toBe('42501');
		expect((await call(v.client, 'accept_transfer', { transfer_id: open.id })).code).toBe('42501');
		// Only the agent it was offered to answers it; the visitor cannot read offers at all.
		const c = await agent('A', { name: 'Cy' });
		expect((await call(c.client, 'accept_transfer', { transfer_id: open.id })).code).toBe('42501');
		expect((await v.client.from('transfers').select('id')).data).toEqual([]);
		expect(await holder(conversation)).toBe(a.id);
	});

	it('closing the conversation cancels its open offer', async () => {
		const { v, a, conversation } = await held();
		const b = await agent('A', { name: 'Bea' });
		const offer = (
			await call<Transfer>(a.client, 'offer_transfer', {
				conversation_id: conversation,
				to_agent_id: b.id
			})
		).data!;
		expect(
			(await call(v.client, 'close_conversation', { conversation_id: conversation })).code
		).toBeNull();
		expect(await call(b.client, 'accept_transfer', { transfer_id: offer.id })).toMatchObject({
			code: 'P0001',
			message: 'transfer is cancelled'
		});
	});

	it('push the offer to the colleague’s devices while their console is closed', async () => {
		const { a, conversation } = await held();
		const b = await agent('A', { online: true, name: 'Bea' });
		const device = await subscribe(b.client);
		const offer = (
			await call<Transfer>(a.client, 'offer_transfer', {
				conversation_id: conversation,
				to_agent_id: b.id,
				note: 'Can you take this one?'
			})
		).data!;
		const queued = await sql<{ kind: string; data: Record<string, string> }>(
			'select kind, data from public.push_outbox where subscription_id = $1',
			[device]
		);
		expect(queued).toHaveLength(1);
		expect(queued[0]).toMatchObject({
			kind: 'transfer_offered',
			data: { transfer_id: offer.id, from_name: 'Ana', preview: 'Can you take this one?' }
		});
		// Opened later, while the offer is open, accepting works.
		expect((await call(b.client, 'accept_transfer', { transfer_id: offer.id })).code).toBeNull();
	});
});

describe('internal notes and whispers', () => {
	it('reach the site’s members, never the visitor: not in its reads, not on its channels', async () => {
		const { v, a, conversation } = await held();
		const b = await agent('A', { online: true, name: 'Bea' });
		const device = await subscribe(b.client);
		const visitorConversation = await listen(v.client, `conversation:${conversation}`);
		const visitorOwn = await listen(v.client, `visitor:${v.id}`);
		const colleague = await listen(b.client, `site:${v.siteId}`);

		const note = await send(a.client, a, conversation, 'VIP customer, be nice', {
			internal: true
		});
		expect(note.error).toBeNull();
		const whisper = await send(a.client, a, conversation, 'Bea, can you take a look?', {
			internal: true,
			to_agent_id: b.id
		});
		expect(whisper.error).toBeNull();
		// A colleague's reply that is not internal still goes to the conversation: the marker.
		expect((await send(a.client, a, conversation, 'Let me check that.')).error).toBeNull();
		await waitFor(
			() => visitorConversation.got.find((m) => m.payload.body === 'Let me check that.'),
			'the public reply at the visitor'
		);
		await waitFor(
			() =>
				colleague.got.filter((m) => m.event === 'note').length === 2 &&
				colleague.got.filter((m) => m.event === 'note'),
			'both notes on the site channel'
		);
		await sleep(200);
		const heard = JSON.stringify([...visitorConversation.got, ...visitorOwn.got]);
		expect(heard).not.toContain('VIP');
		expect(heard).not.toContain('take a look');

		const { data: visitorRows } = await v.client
			.from('messages')
			.select('body')
			.eq('conversation_id', conversation);
		expect((visitorRows ?? []).map((m) => m.body)).toContain('Let me check that.');
		expect((visitorRows ?? []).map((m) => m.body)).not.toContain('VIP customer, be nice');
		const { data: agentRows } = await b.client
			.from('messages')
			.select('body, internal, to_agent_id')
			.eq('conversation_id', conversation)
			.eq('internal', true)
			.order('created_at');
		expect(agentRows).toEqual([
			{ body: 'VIP customer, be nice', internal: true, to_agent_id: null },
			{ body: 'Bea, can you take a look?', internal: true, to_agent_id: b.id }
		]);

		// Internal messages leave the visitor's preview and unread count alone, and the
		// whisper pushes to Bea's device.
		const [row] = await sql<{ last_message_preview: string; visitor_unread: number }>(
			'select last_message_preview, visitor_unread from public.conversations where id = $1',
			[conversation]
		);
		expect(row).toEqual({ last_message_preview: 'Let me check that.', visitor_unread: 1 });
		const pushes = await sql<{ kind: string; data: Record<string, string> }>(
			'select kind, data from public.push_outbox where subscription_id = $1',
			[device]
		);
		expect(pushes).toEqual([
			expect.objectContaining({
				kind: 'whisper',
				data: expect.objectContaining({ from_name: 'Ana', preview: 'Bea, can you take a look?' })
			})
		]);
	});

	it('a visitor cannot write one, and a whisper goes to a colleague of the same site only', async () => {
		const { v, a, conversation } = await held();
		const other = await agent('B', { name: 'Olaf' });
		const asVisitor = await v.client.from('messages').insert({
			id: uuid(),
			conversation_id: conversation,
			sender_id: v.id,
			sender_kind: 'visitor',
			body: 'sneaky',
			internal: true
		});
		expect(asVisitor.error?.code).toBe('42501');
		const elsewhere = await send(a.client, a, conversation, 'psst', {
			internal: true,
			to_agent_id: other.id
		});
		expect(elsewhere.error?.code).toBe('22023');
		const toSelf = await send(a.client, a, conversation, 'note to self', {
			internal: true,
			to_agent_id: a.id
		});
		expect(toSelf.error?.code).toBe('22023');
		const colleague = await agent('A', { name: 'Bea' });
		const notInternal = await send(a.client, a, conversation, 'psst', {
			to_agent_id: colleague.id
		});
		expect(notInternal.error?.code).toBe('23514');
		expect(
			await sql(
				"select 1 from public.messages where conversation_id = $1 and body in ('sneaky', 'psst', 'note to self')",
				[conversation]
			)
		).toHaveLength(0);
	});

	it('a colleague of the agent holding the conversation writes notes, not replies', async () => {
		const { a, conversation } = await held();
		const b = await agent('A', { name: 'Bea' });
		expect((await send(b.client, b, conversation, 'Hello from Bea')).error?.code).toBe('P0001');
		expect(
			(await send(b.client, b, conversation, 'Ana, shall I?', { internal: true })).error
		).toBeNull();
		// Unassigned conversations take anyone's reply, as before.
		const v2 = await visitor('A');
		const started = await call<{ conversation_id: string }>(v2.client, 'start_conversation', {
			visitor_name: 'Vic'
		});
		expect((await send(b.client, b, started.data!.conversation_id, 'Hi Vic')).error).toBeNull();
		void a;
	});

	it('a draft reply is an internal note a colleague proposes: hidden from the visitor, never a reply by itself', async () => {
		const { v, a, conversation } = await held();
		const b = await agent('A', { name: 'Bea' });
		// Bea, who does not hold the conversation, proposes the words to Ana.
		const proposed = await send(b.client, b, conversation, 'Your refund left today.', {
			internal: true,
			to_agent_id: a.id,
			draft: true
		});
		expect(proposed.error).toBeNull();
		// A draft must be an internal note: as a reply it is refused and nothing is stored.
		const asReply = await send(a.client, a, conversation, 'Draft as a reply', { draft: true });
		expect(asReply.error?.code).toBe('23514');
		const { data: seen } = await a.client
			.from('messages')
			.select('body, internal, draft, to_agent_id')
			.eq('conversation_id', conversation)
			.eq('draft', true);
		expect(seen).toEqual([
			{ body: 'Your refund left today.', internal: true, draft: true, to_agent_id: a.id }
		]);
		const { data: visitorRows } = await v.client
			.from('messages')
			.select('body')
			.eq('conversation_id', conversation);
		expect((visitorRows ?? []).map((m) => m.body)).not.toContain('Your refund left today.');
		expect(
			await sql('select 1 from public.messages where body = $1', ['Draft as a reply'])
		).toHaveLength(0);
	});
});
