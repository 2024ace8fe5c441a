/**
 * Chat invitations: a member invites an online visitor of their own site; the visitor
 * accepts (a conversation with the invitation as its first message), declines or lets it
 * expire by the server's clock; nobody else answers it, and two answers at once never both win.
 */
import { describe, expect, it } from 'vitest';
import { WORLD } from './fixtures/tenancy.ts';
import { call, useChatWorld, type Visitor } from './fixtures/chat.ts';

const world = useChatWorld();
const { as, visitor, agent, sql } = world;
const A = WORLD.A;

interface Invitation {
	id: string;
	status: string;
	message: string;
	expires_at: string;
	agent_id: string;
	visitor_id: string;
}

async function invite(v: Visitor, message = 'Can I help?', who?: Visitor): Promise<Invitation> {
	const client = who?.client ?? (await as('agentA'));
	const res = await call<Invitation>(client, 'invite_visitor', { visitor_id: v.id, message });
	if (!res.data) throw new Error(`invite failed: ${res.code} ${res.message}`);
	return res.data;
}

async function invitation(id: string) {
	const rows = await sql<{ status: string; seen_at: Date | null; conversation_id: string | null }>(
		'select status, seen_at, conversation_id::text from public.chat_invitations where id = $1',
		[id]
	);
	return rows[0];
}

const expireNow = (id: string) =>
	sql(`update public.chat_invitations set expires_at = now() - interval '1 second' where id = $1`, [
		id
	]);

describe('invite_visitor', () => {
	it('invites an online visitor for the site’s time to live, cancelling an earlier pending invitation', async () => {
		const v = await visitor();
		const first = await invite(v, 'First');
		const second = await invite(v, '  ');
		expect(second).toMatchObject({
			status: 'pending',
			visitor_id: v.id,
			agent_id: A.agent,
			message: 'Hello from A'
		});
		const ttl = new Date(second.expires_at).getTime() - Date.now();
		expect(ttl).toBeGreaterThan(55_000);
		expect(ttl).toBeLessThanOrEqual(60_000);
		expect((await invitation(first.id)).status).toBe('cancelled');
	});

	it('refuses a visitor of another site, as if it did not exist, and stores nothing', async () => {
		const other = await visitor('B');
		expect(
			await call(await as('agentA'), 'invite_visitor', { visitor_id: other.id, message: 'Hi' })
		).toMatchObject({ code: '42501', status: 403, message: 'unknown visitor' });
		expect(
			await sql('select 1 from public.chat_invitations where visitor_id = $1', [other.id])
		).toEqual([]);
	});

	it('refuses visitors who left or went silent, overlong messages, visitors and anon', async () => {
		const gone = await visitor();
		await call(gone.client, 'visitor_leave');
		const silent = await visitor();
		await sql(
			`update public.visitors set last_seen_at = now() - interval '31 seconds' where id = $1`,
			[silent.id]
		);
		const agentA = await as('agentA');
		for (const v of [gone, silent])
			expect(
				await call(agentA, 'invite_visitor', { visitor_id: v.id, message: 'Hi' })
			).toMatchObject({
				code: 'P0001',
				message: 'visitor is not online'
			});
		const v = await visitor();
		expect(
			(await call(agentA, 'invite_visitor', { visitor_id: v.id, message: 'x'.repeat(501) })).code
		).toBe('22023');
		expect((await call(v.client, 'invite_visitor', { visitor_id: v.id, message: 'Hi' })).code).toBe(
			'42501'
		);
		expect(
			(await call(await as('anon'), 'invite_visitor', { visitor_id: v.id, message: 'Hi' })).status
		).toBe(401);
	});

	it('leaves invitations to the functions: no direct insert or update', async () => {
		const v = await visitor();
		const inv = await invite(v);
		const { error: insert } = await (
			await as('agentA')
		)
			.from('chat_invitations')
			.insert({ site_id: A.site, visitor_id: v.id, agent_id: A.agent, message: 'x' });
		expect(insert?.code).toBe('42501');
		const { error: update } = await v.client
			.from('chat_invitations')
			.update({ status: 'accepted', expires_at: '2099-01-01T00:00:00Z' })
			.eq('id', inv.id);
		expect(update?.code).toBe('42501');
		expect((await invitation(inv.id)).status).toBe('pending');
	});
});

describe('accept_invitation', () => {
	it('opens a conversation with the inviting agent whose first message is the invitation', async () => {
		const v = await visitor();
		const inviter = await agent('A', { name: 'Ines' });
		const inv = await invite(v, 'Need a hand with pricing?', inviter);
		const res = await call<{ conversation_id: string }>(v.client, 'accept_invitation', {
			invitation_id: inv.id
		});
		expect(res.code).toBeNull();
		const id = res.data!.conversation_id;
		const [conversation] = await sql('select * from public.conversations where id = $1', [id]);
		expect(conversation).toMatchObject({
			visitor_id: v.id,
			assigned_agent_id: inviter.id,
			status: 'open',
			visitor_unread: 0,
			last_message_preview: 'Need a hand with pricing?'
		});
		const messages = await sql<{ sender_kind: string; sender_id: string; body: string }>(
			'select sender_kind, sender_id::text, body from public.messages where conversation_id = $1',
			[id]
		);
		expect(messages).toEqual([
			{ sender_kind: 'agent', sender_id: inviter.id, body: 'Need a hand with pricing?' }
		]);
		expect(await invitation(inv.id)).toMatchObject({ status: 'accepted', conversation_id: id });
		expect(await call(v.client, 'accept_invitation', { invitation_id: inv.id })).toMatchObject({
			code: 'P0001',
			message: 'invitation already accepted'
		});
	});

	it('refuses an expired invitation, which expire_invitation then marks', async () => {
		const v = await visitor();
		const inv = await invite(v);
		await expireNow(inv.id);
		expect(await call(v.client, 'accept_invitation', { invitation_id: inv.id })).toMatchObject({
			code: 'P0001',
			status: 400,
			message: 'invitation expired'
		});
		expect(await call(v.client, 'expire_invitation', { invitation_id: inv.id })).toMatchObject({
			code: null,
			data: 'expired'
		});
		expect(await sql('select 1 from public.conversations where visitor_id = $1', [v.id])).toEqual(
			[]
		);
	});

	it('refuses someone else’s invitation, and members answering for the visitor', async () => {
		const v = await visitor();
		const inv = await invite(v);
		const stranger = await visitor();
		const strangerB = await visitor('B');
		for (const c of [stranger.client, strangerB.client, await as('agentA')])
			expect((await call(c, 'accept_invitation', { invitation_id: inv.id })).code).toBe('42501');
		expect(
			(await call(stranger.client, 'decline_invitation', { invitation_id: inv.id })).code
		).toBe('42501');
		expect((await invitation(inv.id)).status).toBe('pending');
	});

	it('lets only one of two answers at once win', async () => {
		const v = await visitor();
		const inv = await invite(v);
		const twice = await Promise.all(
			[1, 2].map(() => call(v.client, 'accept_invitation', { invitation_id: inv.id }))
		);
		expect(twice.map((r) => r.code ?? 'won').sort()).toEqual(['P0001', 'won']);
		expect(
			await sql('select 1 from public.conversations where visitor_id = $1', [v.id])
		).toHaveLength(1);

		const w = await visitor();
		const raced = await invite(w);
		const agentA = await as('agentA');
		const [accepted, cancelled] = await Promise.all([
			call(w.client, 'accept_invitation', { invitation_id: raced.id }),
			call(agentA, 'cancel_invitation', { invitation_id: raced.id })
		]);
		expect([accepted.code, cancelled.code].filter((c) => c === null)).toHaveLength(1);
		const status = (await invitation(raced.id)).status;
		expect(status).toBe(accepted.code === null ? 'accepted' : 'cancelled');
	});
});

describe('decline, seen, expire and cancel', () => {
	it('declines once, idempotently, and never an accepted invitation', async () => {
		const v = await visitor();
		const inv = await invite(v);
		expect((await call(v.client, 'decline_invitation', { invitation_id: inv.id })).code).toBeNull();
		expect((await call(v.client, 'decline_invitation', { invitation_id: inv.id })).code).toBeNull();
		expect((await invitation(inv.id)).status).toBe('declined');
		const next = await invite(v);
		await call(v.client, 'accept_invitation', { invitation_id: next.id });
		expect((await call(v.client, 'decline_invitation', { invitation_id: next.id })).code).toBe(
			'P0001'
		);
	});

	it('records when the widget first showed it', async () => {
		const v = await visitor();
		const inv = await invite(v);
		await call(v.client, 'mark_invitation_seen', { invitation_id: inv.id });
		const seen = (await invitation(inv.id)).seen_at;
		expect(seen).toBeInstanceOf(Date);
		await call(v.client, 'mark_invitation_seen', { invitation_id: inv.id });
		expect((await invitation(inv.id)).seen_at).toEqual(seen);
		expect(
			(await call(await as('agentA'), 'mark_invitation_seen', { invitation_id: inv.id })).code
		).toBe('42501');
	});

	it('expires only by the server’s clock, for the visitor or the site’s members', async () => {
		const v = await visitor();
		const inv = await invite(v);
		const agentA = await as('agentA');
		expect((await call(agentA, 'expire_invitation', { invitation_id: inv.id })).data).toBe(
			'pending'
		);
		await expireNow(inv.id);
		expect(
			(await call(await as('agentB'), 'expire_invitation', { invitation_id: inv.id })).code
		).toBe('42501');
		expect((await call(agentA, 'expire_invitation', { invitation_id: inv.id })).data).toBe(
			'expired'
		);
	});

	it('lets a member of the site cancel a pending invitation, nobody else', async () => {
		const v = await visitor();
		const inv = await invite(v);
		for (const c of [await as('agentB'), v.client])
			expect((await call(c, 'cancel_invitation', { invitation_id: inv.id })).code).toBe('42501');
		expect(
			(await call(await as('ownerA'), 'cancel_invitation', { invitation_id: inv.id })).code
		).toBeNull();
		expect((await invitation(inv.id)).status).toBe('cancelled');
		expect((await call(v.client, 'accept_invitation', { invitation_id: inv.id })).message).toBe(
			'invitation already cancelled'
		);
	});

	it('shows the pending invitation in widget_state, so a widget that missed the broadcast still sees it', async () => {
		const v = await visitor();
		const inv = await invite(v, 'Hi there');
		const state = await call<{ invitation: Record<string, unknown> }>(v.client, 'widget_state');
		expect(state.data?.invitation).toMatchObject({
			id: inv.id,
			message: 'Hi there',
			agent_name: 'Agent A',
			agent_initial: 'A'
		});
		expect(state.data?.invitation.expires_in_seconds).toBeGreaterThan(50);
	});
});
