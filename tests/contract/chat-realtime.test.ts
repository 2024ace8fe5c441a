/**
 * The private realtime topics of the chat: who may join `visitor:<id>`, `site:<id>` and
 * `conversation:<id>` (asserted at the channel, as a client sees it), and what the database
 * broadcasts on each. Visitors never receive each other's events, nor members another site's.
 */
import { describe, expect, it } from 'vitest';
import { WORLD } from './fixtures/tenancy.ts';
import {
	call,
	joinRefusal,
	listen,
	sleep,
	waitFor,
	useChatWorld,
	uuid,
	type Visitor
} from './fixtures/chat.ts';

const world = useChatWorld();
const { as, visitor, agent } = world;
const A = WORLD.A;
const B = WORLD.B;

const unauthorized = (topic: string) =>
	`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`;

type Got = { event: string; payload: Record<string, unknown> }[];
const events = (got: Got, event: string) => got.filter((g) => g.event === event);
/** Time for a wrongly delivered event to arrive before saying none did. */
const QUIET_MS = 300;

async function startChat(v: Visitor): Promise<string> {
	const res = await call<{ conversation_id: string }>(v.client, 'start_conversation');
	return res.data!.conversation_id;
}

describe('who may join which topic', () => {
	it('lets a visitor join only its own visitor topic and its own conversations', async () => {
		const v = await visitor();
		const neighbour = await visitor();
		const far = await visitor('B');
		const mine = await startChat(v);
		const theirs = await startChat(neighbour);
		expect(await joinRefusal(v.client, `visitor:${v.id}`)).toBe('joined');
		expect(await joinRefusal(v.client, `conversation:${mine}`)).toBe('joined');
		for (const topic of [
			`visitor:${neighbour.id}`,
			`visitor:${far.id}`,
			`site:${A.site}`,
			`site:${B.site}`,
			`conversation:${theirs}`,
			`conversation:${B.conversation}`
		])
			expect(await joinRefusal(v.client, topic)).toBe(unauthorized(topic));
	});

	it('lets a member join their site and its conversations, never another site’s or a visitor’s topic', async () => {
		const agentA = await as('agentA');
		const v = await visitor();
		const conversation = await startChat(v);
		for (const topic of [`site:${A.site}`, `conversation:${conversation}`])
			expect(await joinRefusal(agentA, topic)).toBe('joined');
		for (const topic of [
			`site:${B.site}`,
			`conversation:${B.conversation}`,
			`visitor:${v.id}`,
			`visitor:${A.agent}`
		])
			expect(await joinRefusal(agentA, topic)).toBe(unauthorized(topic));
	});

	it('refuses malformed and unknown topics as unauthorized, not as a database failure', async () => {
		const agentA = await as('agentA');
		for (const topic of [
			'site:not-a-uuid',
			`site:${A.site.toUpperCase()}`,
			`site:${A.site}:extra`,
			"conversation:'; select 1; --",
			'visitor:',
			`room:${A.site}`,
			`site:${uuid()}`
		])
			expect(await joinRefusal(agentA, topic)).toBe(unauthorized(topic));
	});

	it('refuses requests without a session', async () => {
		const anon = await as('anon');
		for (const topic of [
			`site:${A.site}`,
			`conversation:${A.conversation}`,
			`visitor:${A.visitor}`
		])
			expect(await joinRefusal(anon, topic)).toBe(unauthorized(topic));
	});
});

describe('site topic', () => {
	it('tells the site’s members about visitors, small for heartbeats, and nothing to another site', async () => {
		const a = await listen(await as('agentA'), `site:${A.site}`);
		const b = await listen(await as('agentB'), `site:${B.site}`);
		const v = await visitor();
		const full = await waitFor(
			() => events(a.got, 'visitor').find((e) => e.payload.id === v.id),
			'the page view'
		);
		expect(full.payload).toMatchObject({
			id: v.id,
			site_id: A.site,
			current_url: `${A.origin}/pricing`,
			visit_count: 1
		});
		await call(v.client, 'visitor_heartbeat');
		await call(v.client, 'visitor_leave');
		const small = await waitFor(() => {
			const mine = events(a.got, 'visitor').filter((e) => e.payload.id === v.id);
			return mine.length >= 3 && mine.slice(1);
		}, 'the heartbeat and the leave');
		for (const e of small)
			expect(Object.keys(e.payload).sort()).toEqual(['ended_at', 'id', 'last_seen_at', 'site_id']);
		expect(small[1].payload.ended_at).toEqual(expect.any(String));
		await sleep(QUIET_MS);
		expect(b.got.filter((e) => e.payload.id === v.id || e.payload.site_id === A.site)).toEqual([]);
	});

	it('carries invitations with the agent’s name and conversations as rows', async () => {
		const a = await listen(await as('ownerA'), `site:${A.site}`);
		const v = await visitor();
		const inv = await call<{ id: string }>(await as('agentA'), 'invite_visitor', {
			visitor_id: v.id,
			message: 'Hi'
		});
		const invitation = await waitFor(
			() => events(a.got, 'invitation').find((e) => e.payload.id === inv.data?.id),
			'the invitation'
		);
		expect(invitation.payload).toMatchObject({ status: 'pending', agent_name: 'Agent A' });
		const accepted = await call<{ conversation_id: string }>(v.client, 'accept_invitation', {
			invitation_id: inv.data?.id
		});
		const conversation = await waitFor(
			() =>
				events(a.got, 'conversation').find((e) => e.payload.id === accepted.data?.conversation_id),
			'the conversation'
		);
		expect(conversation.payload).toMatchObject({ visitor_id: v.id, assigned_agent_id: A.agent });
	});
});

describe('member removal', () => {
	it('tells the removed member on the channel they have joined, at once, and nothing to another site', async () => {
		const leaving = await agent('A', { name: 'Leaving' });
		const staying = await listen(await as('ownerA'), `site:${A.site}`);
		const theirs = await listen(leaving.client, `site:${A.site}`);
		const b = await listen(await as('agentB'), `site:${B.site}`);
		const removed = await call(await as('ownerA'), 'remove_site_member', {
			site_id: A.site,
			user_id: leaving.id
		});
		expect(removed.code).toBeNull();
		for (const side of [theirs, staying]) {
			const event = await waitFor(
				() => events(side.got, 'member_removed').find((e) => e.payload.user_id === leaving.id),
				'the removal'
			);
			expect(event.payload).toMatchObject({ site_id: A.site, user_id: leaving.id });
		}
		// Once told, they cannot join again.
		const again = await as({ user: leaving.id, anonymous: false });
		expect(await joinRefusal(again, `site:${A.site}`)).toBe(unauthorized(`site:${A.site}`));
		await sleep(QUIET_MS);
		expect(events(b.got, 'member_removed')).toEqual([]);
	});
});

describe('visitor topic', () => {
	it('brings a visitor its invitation, its end, its conversation and agents’ messages, and nobody else', async () => {
		const v = await visitor();
		const neighbour = await visitor();
		const mine = await listen(v.client, `visitor:${v.id}`);
		const theirs = await listen(neighbour.client, `visitor:${neighbour.id}`);
		const inviter = await agent('A', { name: 'zoë' });
		const first = await call<{ id: string }>(inviter.client, 'invite_visitor', {
			visitor_id: v.id,
			message: 'Hello!'
		});
		const shown = await waitFor(() => events(mine.got, 'invitation')[0], 'the invitation');
		expect(shown.payload).toMatchObject({
			id: first.data?.id,
			message: 'Hello!',
			agent_name: 'zoë',
			agent_initial: 'Z',
			expires_at: expect.any(String)
		});
		expect(shown.payload.expires_in_seconds).toBeGreaterThan(50);
		await call(inviter.client, 'cancel_invitation', { invitation_id: first.data?.id });
		expect(
			(await waitFor(() => events(mine.got, 'invitation_closed')[0], 'the cancel')).payload
		).toMatchObject({ id: first.data?.id, status: 'cancelled' });

		const second = await call<{ id: string }>(inviter.client, 'invite_visitor', {
			visitor_id: v.id,
			message: 'Again'
		});
		await waitFor(() => events(mine.got, 'invitation')[1], 'the second invitation');
		const accepted = await call<{ conversation_id: string }>(v.client, 'accept_invitation', {
			invitation_id: second.data?.id
		});
		const conversationId = accepted.data!.conversation_id;
		expect(
			(await waitFor(() => events(mine.got, 'conversation')[0], 'the conversation')).payload
		).toMatchObject({ id: conversationId, status: 'open' });
		await inviter.client.from('messages').insert({
			id: uuid(),
			conversation_id: conversationId,
			sender_id: inviter.id,
			sender_kind: 'agent',
			body: 'How can I   help?'
		});
		await waitFor(
			() => events(mine.got, 'message').find((e) => e.payload.preview === 'How can I help?'),
			'the agent message'
		);
		for (const e of events(mine.got, 'message'))
			expect(Object.keys(e.payload).sort()).toEqual([
				'conversation_id',
				'id',
				'preview',
				'sender_kind'
			]);
		await sleep(QUIET_MS);
		expect(theirs.got).toEqual([]);
	});
});

describe('conversation topic', () => {
	it('carries messages, receipts, state and typing between its participants only', async () => {
		const v = await visitor();
		const other = await visitor();
		const conversationId = await startChat(v);
		const otherConversation = await startChat(other);
		const a = await agent('A', { name: 'Tom' });
		const topic = `conversation:${conversationId}`;
		const visitorSide = await listen(v.client, topic);
		const agentSide = await listen(a.client, topic);
		const outsider = await listen(other.client, `conversation:${otherConversation}`);

		await call(a.client, 'take_conversation', { conversation_id: conversationId });
		const taken = await waitFor(
			() => events(visitorSide.got, 'conversation')[0],
			'the taken conversation'
		);
		expect(taken.payload).toMatchObject({ id: conversationId, assigned_agent_id: a.id });
		const joined = await waitFor(() => events(visitorSide.got, 'message')[0], 'the joined event');
		expect(joined.payload).toMatchObject({
			sender_kind: 'system',
			kind: 'event',
			attachment: { event: 'joined', agent_name: 'Tom' }
		});

		const id = uuid();
		await v.client.from('messages').insert({
			id,
			conversation_id: conversationId,
			sender_id: v.id,
			sender_kind: 'visitor',
			body: 'Hello'
		});
		const message = await waitFor(
			() => events(agentSide.got, 'message').find((e) => e.payload.id === id),
			'the visitor message'
		);
		expect(message.payload).toMatchObject({ body: 'Hello', sender_kind: 'visitor', read_at: null });

		await call(a.client, 'mark_conversation_read', { conversation_id: conversationId });
		const receipt = await waitFor(() => events(visitorSide.got, 'receipt')[0], 'the receipt');
		expect(receipt.payload).toMatchObject({
			conversation_id: conversationId,
			reader_kind: 'agent',
			read_at: expect.any(String),
			delivered_at: expect.any(String)
		});

		await visitorSide.channel.send({
			type: 'broadcast',
			event: 'typing',
			payload: { sender_kind: 'visitor', name: '', typing: true }
		});
		await waitFor(() => events(agentSide.got, 'typing')[0], 'typing');

		await call(v.client, 'close_conversation', { conversation_id: conversationId });
		await waitFor(
			() => events(agentSide.got, 'conversation').find((e) => e.payload.status === 'closed'),
			'the close'
		);
		await sleep(QUIET_MS);
		expect(outsider.got).toEqual([]);
	});
});

describe('site topic: conversation events', () => {
	const ACTIVITY_KEYS = [
		'agent_unread',
		'assigned_agent_id',
		'created_at',
		'id',
		'last_message_at',
		'last_message_preview',
		'site_id',
		'status',
		'updated_at',
		'visitor_unread'
	];

	it('sends only the activity when a message or a read changes nothing else, and the row for the rest', async () => {
		const v = await visitor();
		const a = await agent('A', { name: 'Ann' });
		const site = await listen(a.client, `site:${A.site}`);
		const conversationId = await startChat(v);
		const ofThis = () =>
			events(site.got, 'conversation').filter((e) => e.payload.id === conversationId);
		// A new conversation: the whole row.
		const started = await waitFor(() => ofThis()[0], 'the new conversation');
		expect(started.payload).toMatchObject({ visitor_id: v.id, status: 'open' });

		await v.client.from('messages').insert({
			id: uuid(),
			conversation_id: conversationId,
			sender_id: v.id,
			sender_kind: 'visitor',
			body: '  Where is   my order? '
		});
		const activity = await waitFor(() => ofThis()[1], 'the message’s activity');
		expect(Object.keys(activity.payload).sort()).toEqual(ACTIVITY_KEYS);
		expect(activity.payload).toMatchObject({
			id: conversationId,
			site_id: A.site,
			status: 'open',
			assigned_agent_id: null,
			last_message_preview: 'Where is my order?',
			agent_unread: 1,
			visitor_unread: 0,
			created_at: started.payload.created_at
		});
		// The same times the row has, in the same format.
		const { data: row } = await a.client
			.from('conversations')
			.select('*')
			.eq('id', conversationId)
			.single();
		expect(activity.payload.last_message_at).toBe(row!.last_message_at);
		expect(activity.payload.updated_at).toBe(row!.updated_at);

		await call(a.client, 'mark_conversation_read', { conversation_id: conversationId });
		const read = await waitFor(() => ofThis()[2], 'the read');
		expect(Object.keys(read.payload).sort()).toEqual(ACTIVITY_KEYS);
		expect(read.payload.agent_unread).toBe(0);

		// Taken: another column changed, so the whole row again.
		await call(a.client, 'take_conversation', { conversation_id: conversationId });
		const taken = await waitFor(
			() => ofThis().find((e) => e.payload.assigned_agent_id === a.id),
			'the take'
		);
		expect(taken.payload).toMatchObject({ visitor_id: v.id, visitor_language: expect.any(String) });
	});
});
