/**
 * Web push in the database: devices save subscriptions through save_push_subscription (only
 * their own, validated), triggers queue one outbox entry per device for the right agents, and
 * app servers claim entries with FOR UPDATE SKIP LOCKED under a lease, so two servers never
 * send the same entry and a stopped server's claim is taken over once it runs out.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { WORLD } from './fixtures/tenancy.ts';
import { call, useChatWorld, uuid, type Visitor } from './fixtures/chat.ts';
import {
	rpcStore,
	sendDue,
	type ClaimedEntry,
	type PushStore,
	type PushTransport
} from '../../src/lib/server/push/sender.ts';

const world = useChatWorld();
const { as, visitor, agent, sql } = world;

/** Keys as a browser's PushSubscription.toJSON() gives them. */
function deviceKeys() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		p256dh: ecdh.getPublicKey().toString('base64url'),
		auth: randomBytes(16).toString('base64url')
	};
}

/** Saves a new device for the client's user; returns its subscription id and endpoint. */
async function subscribe(client: SupabaseClient, endpoint = `https://push.example/${uuid()}`) {
	const res = await call<string>(client, 'save_push_subscription', {
		endpoint,
		...deviceKeys(),
		user_agent: 'Spec'
	});
	if (res.code) throw new Error(`save_push_subscription: ${res.code} ${res.message}`);
	return { id: res.data as string, endpoint };
}

/** The outbox entries queued for these subscriptions, oldest first. */
async function queued(subscriptionIds: string[]) {
	return sql<{
		id: string;
		subscription_id: string;
		kind: string;
		conversation_id: string;
		data: Record<string, string>;
	}>(
		'select id, subscription_id, kind, conversation_id, data from public.push_outbox where subscription_id = any($1) order by id',
		[subscriptionIds]
	);
}

async function startConversation(v: Visitor, name = 'Ana'): Promise<string> {
	const res = await call<{ conversation_id: string }>(v.client, 'start_conversation', {
		visitor_name: name
	});
	if (!res.data) throw new Error(`start_conversation: ${res.code} ${res.message}`);
	return res.data.conversation_id;
}

async function visitorSays(v: Visitor, conversationId: string, body: string) {
	const { error } = await v.client.from('messages').insert({
		id: uuid(),
		conversation_id: conversationId,
		sender_id: v.id,
		sender_kind: 'visitor',
		body
	});
	if (error) throw new Error(`message: ${error.code} ${error.message}`);
}

describe('push subscriptions', () => {
	it('are saved only by members, validated, and each person sees and deletes only their own', async () => {
		const a = await agent('A');
		const b = await agent('B');
		const mine = await subscribe(a.client);
		const { data: seenByMe } = await a.client.from('push_subscriptions').select('id, endpoint');
		expect(seenByMe).toEqual([{ id: mine.id, endpoint: mine.endpoint }]);
		const { data: seenByOther } = await b.client
			.from('push_subscriptions')
			.select('id')
			.eq('id', mine.id);
		expect(seenByOther).toEqual([]);
		await b.client.from('push_subscriptions').delete().eq('endpoint', mine.endpoint);
		expect(
			await sql('select 1 from public.push_subscriptions where id = $1', [mine.id])
		).toHaveLength(1);

		const v = await visitor('A');
		const byVisitor = await call(v.client, 'save_push_subscription', {
			endpoint: 'https://push.example/v',
			...deviceKeys()
		});
		expect(byVisitor.code).toBe('42501');
		const byAnon = await call(await as('anon'), 'save_push_subscription', {
			endpoint: 'https://push.example/anon',
			...deviceKeys()
		});
		expect(byAnon.code).not.toBeNull();

		for (const [endpoint, keys, what] of [
			['http://push.example/x', deviceKeys(), 'plain http'],
			['https://push.example', deviceKeys(), 'no path'],
			['javascript:alert(1)//', deviceKeys(), 'not a URL'],
			[`https://push.example/${'x'.repeat(2100)}`, deviceKeys(), 'too long'],
			['https://push.example/y', { p256dh: 'k', auth: deviceKeys().auth }, 'short key'],
			['https://push.example/y', { p256dh: deviceKeys().p256dh, auth: 'a' }, 'short auth']
		] as const) {
			const res = await call(a.client, 'save_push_subscription', { endpoint, ...keys });
			expect(res.code, what).toBe('22023');
		}
		// A local mock push service (tests) is allowed on 127.0.0.1 only.
		await subscribe(a.client, 'http://127.0.0.1:9/push/1');
		expect(
			(
				await call(a.client, 'save_push_subscription', {
					endpoint: 'http://localhost:9/p',
					...deviceKeys()
				})
			).code
		).toBe('22023');

		await a.client.from('push_subscriptions').delete().eq('endpoint', mine.endpoint);
		expect(
			await sql('select 1 from public.push_subscriptions where id = $1', [mine.id])
		).toHaveLength(0);
	});

	it('move to whoever signs in on the device, dropping what waited for the previous person', async () => {
		const a = await agent('A');
		const b = await agent('A');
		const device = await subscribe(a.client);
		const v = await visitor('A');
		await startConversation(v);
		expect(await queued([device.id])).toHaveLength(1);
		const again = await subscribe(b.client, device.endpoint);
		expect(again.id).toBe(device.id);
		expect(
			await sql('select user_id from public.push_subscriptions where id = $1', [device.id])
		).toEqual([{ user_id: b.id }]);
		expect(await queued([device.id])).toHaveLength(0);
	});

	it('cannot be read or written through the outbox by anyone but the service role', async () => {
		for (const who of ['agentA', 'ownerA', 'visitorA'] as const) {
			const client = await as(who);
			const { data } = await client.from('push_outbox').select('id');
			expect(data ?? []).toEqual([]);
			expect((await call(client, 'claim_push_outbox', { batch: 10 })).code).not.toBeNull();
			expect(
				(
					await call(client, 'push_enqueue', {
						p_user_ids: [],
						p_kind: 'message',
						p_conversation_id: uuid(),
						p_data: {}
					})
				).code
			).not.toBeNull();
		}
	});
});

describe('push outbox triggers', () => {
	it('queue a new conversation for every subscribed member of its site, and no one else', async () => {
		const a1 = await agent('A');
		const a2 = await agent('A');
		const b = await agent('B');
		const d1 = await subscribe(a1.client);
		const d1b = await subscribe(a1.client);
		const d2 = await subscribe(a2.client);
		const db = await subscribe(b.client);
		const v = await visitor('A');
		const conversation = await startConversation(v, 'Ana');
		const rows = await queued([d1.id, d1b.id, d2.id, db.id]);
		expect(rows.map((r) => r.subscription_id).sort()).toEqual([d1.id, d1b.id, d2.id].sort());
		expect(
			rows.every((r) => r.kind === 'conversation_started' && r.conversation_id === conversation)
		).toBe(true);
		expect(rows[0].data).toMatchObject({ visitor_name: 'Ana', site_name: expect.any(String) });
	});

	it('queue a visitor message for the assigned agent only, or every member while unassigned', async () => {
		const a1 = await agent('A', { online: true });
		const a2 = await agent('A');
		const d1 = await subscribe(a1.client);
		const d2 = await subscribe(a2.client);
		const v = await visitor('A');
		const conversation = await startConversation(v);
		await sql('delete from public.push_outbox where conversation_id = $1', [conversation]);
		await visitorSays(v, conversation, 'Is  the blue\nshirt in stock?');
		let rows = await queued([d1.id, d2.id]);
		expect(rows.map((r) => [r.subscription_id, r.kind]).sort()).toEqual(
			[
				[d1.id, 'message'],
				[d2.id, 'message']
			].sort()
		);
		expect(rows[0].data.preview).toBe('Is the blue shirt in stock?');

		const took = await call(a1.client, 'take_conversation', { conversation_id: conversation });
		expect(took.code).toBeNull();
		await sql('delete from public.push_outbox where conversation_id = $1', [conversation]);
		await visitorSays(v, conversation, 'Hello?');
		rows = await queued([d1.id, d2.id]);
		expect(rows.map((r) => r.subscription_id)).toEqual([d1.id]);

		// The agent's own replies are never pushed.
		await sql('delete from public.push_outbox where conversation_id = $1', [conversation]);
		const { error } = await a1.client.from('messages').insert({
			id: uuid(),
			conversation_id: conversation,
			sender_id: a1.id,
			sender_kind: 'agent',
			body: 'Yes'
		});
		expect(error).toBeNull();
		expect(await queued([d1.id, d2.id])).toHaveLength(0);
	});

	it('hold a new conversation briefly, and the visitor’s first messages join it, so the device gets one notification', async () => {
		const a = await agent('A');
		const d = await subscribe(a.client);
		const v = await visitor('A');
		const conversation = await startConversation(v, 'Vera');
		await visitorSays(v, conversation, 'Do the boots come in size 38?');
		// Held: due 2 s after it was queued, and the message queued behind it is due with it
		// (measured against the rows' own times, so a slow machine cannot change the answer).
		const due = () =>
			sql<{ kind: string; hold_ms: number; same_due: boolean }>(
				`select kind,
				        (extract(epoch from available_at - created_at) * 1000)::float8 as hold_ms,
				        available_at = (select min(available_at) from public.push_outbox
				                         where subscription_id = $1) as same_due
				   from public.push_outbox where subscription_id = $1 order by id`,
				[d.id]
			);
		const held = await due();
		expect(held.map((r) => r.kind)).toEqual(['conversation_started', 'message']);
		expect(held[0].hold_ms).toBe(2000);
		expect(held.every((r) => r.same_due)).toBe(true);
		const s = await as('service');
		await sql("update public.push_outbox set available_at = available_at - interval '2 seconds'");
		const claimed = (await call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 1000 })).data!;
		expect(claimed.filter((e) => e.subscription_id === d.id).map((e) => e.kind)).toEqual([
			'conversation_started',
			'message'
		]);

		// Once nothing waits, a message is due at once.
		await sql('delete from public.push_outbox where subscription_id = $1', [d.id]);
		await visitorSays(v, conversation, 'Hello?');
		const now = await due();
		expect(now.map((r) => r.kind)).toEqual(['message']);
		expect(now[0].hold_ms).toBe(0);
	});

	it('queue an accepted invitation for the agent who sent it', async () => {
		const inviter = await agent('A', { online: true });
		const other = await agent('A', { online: true });
		const dInviter = await subscribe(inviter.client);
		const dOther = await subscribe(other.client);
		const v = await visitor('A');
		const inv = await call<{ id: string }>(inviter.client, 'invite_visitor', {
			visitor_id: v.id,
			message: 'Need help?'
		});
		expect(inv.code).toBeNull();
		const accepted = await call<{ conversation_id: string }>(v.client, 'accept_invitation', {
			invitation_id: inv.data!.id
		});
		expect(accepted.code).toBeNull();
		const rows = await queued([dInviter.id, dOther.id]);
		expect(rows.map((r) => [r.subscription_id, r.kind, r.conversation_id])).toEqual([
			[dInviter.id, 'invitation_accepted', accepted.data!.conversation_id]
		]);
	});
});

describe('a visible console', () => {
	it('is not pushed to while it reports itself visible, and is again once hidden or silent for 45 s', async () => {
		const a = await agent('A');
		const other = await agent('A');
		const mine = await subscribe(a.client);
		const theirs = await subscribe(other.client);
		expect((await call(a.client, 'report_console_visible', { visible: true })).code).toBeNull();
		const v = await visitor('A');
		const conversation = await startConversation(v);
		await visitorSays(v, conversation, 'one');
		expect((await queued([mine.id])).length).toBe(0);
		expect((await queued([theirs.id])).length).toBe(2);

		expect((await call(a.client, 'report_console_visible', { visible: false })).code).toBeNull();
		await visitorSays(v, conversation, 'two');
		expect((await queued([mine.id])).map((r) => r.kind)).toEqual(['message']);

		// A console that stops reporting (closed without a word) counts as hidden after 45 s.
		await call(a.client, 'report_console_visible', { visible: true });
		await visitorSays(v, conversation, 'three');
		expect((await queued([mine.id])).length).toBe(1);
		await sql(`update public.console_presence set visible_until = now() - interval '1 second'`);
		await visitorSays(v, conversation, 'four');
		expect((await queued([mine.id])).length).toBe(2);
	});

	it('is reported only by members, and nobody reads the reports', async () => {
		const v = await visitor('A');
		expect((await call(v.client, 'report_console_visible', { visible: true })).code).toBe('42501');
		expect((await call(await as('agentA'), 'report_console_visible', { visible: null })).code).toBe(
			'22023'
		);
		const { data } = await (await as('agentA')).from('console_presence').select('user_id');
		expect(data ?? []).toEqual([]);
	});
});

describe('claiming the outbox', () => {
	/** Queues `n` entries for a fresh device; returns the device id and entry ids. */
	async function fill(n: number) {
		const a = await agent('B');
		const device = await subscribe(a.client);
		const conversation = (
			await sql<{ id: string }>('select id from public.conversations where site_id = $1 limit 1', [
				WORLD.B.site
			])
		)[0].id;
		await sql(
			`insert into public.push_outbox (subscription_id, kind, conversation_id, data)
			 select $1, 'message', $2, jsonb_build_object('preview', 'm' || g) from generate_series(1, $3) as g`,
			[device.id, conversation, n]
		);
		const ids = (await queued([device.id])).map((r) => Number(r.id));
		return { device, ids };
	}

	it('gives each entry to one of two concurrent claimers, and all of them to someone', async () => {
		await sql('delete from public.push_outbox');
		const { ids } = await fill(120);
		const s1 = await as('service');
		const s2 = await as('service');
		const claims = await Promise.all(
			[s1, s2, s1, s2, s1, s2].map((s) =>
				call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 25, lease_seconds: 60 })
			)
		);
		for (const c of claims) expect(c.code).toBeNull();
		const got = claims.flatMap((c) => (c.data ?? []).map((e) => Number(e.id)));
		expect(new Set(got).size).toBe(got.length);
		const rest = await call<ClaimedEntry[]>(s1, 'claim_push_outbox', { batch: 1000 });
		const all = [...got, ...(rest.data ?? []).map((e) => Number(e.id))];
		expect(all.sort((x, y) => x - y)).toEqual(ids);
		expect((await call<ClaimedEntry[]>(s2, 'claim_push_outbox', { batch: 1000 })).data).toEqual([]);
	});

	it('hands a claim that ran out (a server stopped mid-send) to the next claimer, and the old claim cannot complete it', async () => {
		await sql('delete from public.push_outbox');
		const { ids } = await fill(3);
		const s = await as('service');
		const first = (
			await call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 10, lease_seconds: 30 })
		).data!;
		expect(first.map((e) => Number(e.id))).toEqual(ids);
		expect((await call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 10 })).data).toEqual([]);
		// The lease runs out.
		await sql(`update public.push_outbox set available_at = now() - interval '1 second'`);
		const second = (await call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 10 })).data!;
		expect(second.map((e) => Number(e.id))).toEqual(ids);
		expect(second[0].attempts).toBe(2);
		expect(
			(await call<number>(s, 'complete_push_outbox', { claim: first[0].claim_id, ids })).data
		).toBe(0);
		expect(
			(await call<number>(s, 'complete_push_outbox', { claim: second[0].claim_id, ids })).data
		).toBe(3);
		expect(await sql('select 1 from public.push_outbox')).toHaveLength(0);
	});

	it('retries later with the given delay, and drops entries after their last attempt', async () => {
		await sql('delete from public.push_outbox');
		const { ids } = await fill(1);
		const s = await as('service');
		const claimed = (await call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 10 })).data!;
		const retried = await call<number>(s, 'retry_push_outbox', {
			claim: claimed[0].claim_id,
			ids,
			delay_seconds: 120,
			error: 'push service answered 503'
		});
		expect(retried.data).toBe(1);
		const [row] = await sql<{ due_in: number; last_error: string }>(
			`select extract(epoch from available_at - now())::int as due_in, last_error from public.push_outbox`
		);
		expect(row.due_in).toBeGreaterThan(100);
		expect(row.last_error).toBe('push service answered 503');
		await sql(`update public.push_outbox set available_at = now(), attempts = 7`);
		const last = (await call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 10 })).data!;
		expect(last[0].attempts).toBe(8);
		expect(
			(
				await call<number>(s, 'retry_push_outbox', {
					claim: last[0].claim_id,
					ids,
					delay_seconds: 1,
					error: 'x'
				})
			).data
		).toBe(0);
		expect(await sql('select 1 from public.push_outbox')).toHaveLength(0);
	});

	it('gives each entry with its subscriber’s language, or null when their console never said', async () => {
		await sql('delete from public.push_outbox');
		const spanish = await fill(1);
		const silent = await fill(1);
		const [owner] = await sql<{ user_id: string }>(
			'select user_id from public.push_subscriptions where id = $1',
			[spanish.device.id]
		);
		await sql(
			`insert into public.agent_preferences (user_id, language) values ($1, 'es-MX')
			 on conflict (user_id) do update set language = excluded.language`,
			[owner.user_id]
		);
		const s = await as('service');
		const claimed = (await call<ClaimedEntry[]>(s, 'claim_push_outbox', { batch: 10 })).data!;
		const languageOf = (device: string) =>
			claimed.find((e) => e.subscription_id === device)?.language;
		expect(languageOf(spanish.device.id)).toBe('es-MX');
		expect(languageOf(silent.device.id)).toBeNull();
		await sql('delete from public.push_outbox');
	});

	it('refuses bad arguments', async () => {
		const s = await as('service');
		expect((await call(s, 'claim_push_outbox', { batch: 0 })).code).toBe('22023');
		expect((await call(s, 'claim_push_outbox', { batch: 10, lease_seconds: 1 })).code).toBe(
			'22023'
		);
	});
});

describe('two app servers', () => {
	it('send each notification once between them, collapsing a conversation into one per device', async () => {
		await sql('delete from public.push_outbox');
		const a = await agent('A');
		const devices = [await subscribe(a.client), await subscribe(a.client)];
		const conversations: string[] = [];
		for (let i = 0; i < 6; i++) {
			const v = await visitor('A');
			const c = await startConversation(v, `V${i}`);
			await visitorSays(v, c, `first ${i}`);
			await visitorSays(v, c, `second ${i}`);
			conversations.push(c);
		}
		const mine = new Set(devices.map((d) => d.endpoint));
		const sent: {
			server: number;
			endpoint: string;
			payload: { conversationId: string; count: number };
		}[] = [];
		const transport = (server: number): PushTransport => ({
			async send(target, payload) {
				// Slow enough that the two servers' rounds overlap.
				await new Promise((r) => setTimeout(r, 5));
				if (mine.has(target.endpoint))
					sent.push({ server, endpoint: target.endpoint, payload: JSON.parse(payload) });
				return { statusCode: 201 };
			}
		});
		// A new conversation's entries wait a moment before they are due (see the next test).
		await sql('update public.push_outbox set available_at = now()');
		const queuedIds = (
			await sql<{ id: string }>('select id from public.push_outbox order by id')
		).map((r) => Number(r.id));
		const completed: number[] = [];
		const server = async (): Promise<PushStore> => {
			const store = rpcStore(await as('service'));
			return {
				...store,
				async complete(claimId, ids) {
					await store.complete(claimId, ids);
					completed.push(...ids);
				}
			};
		};
		const one = await server();
		const two = await server();
		await Promise.all([
			sendDue(one, transport(1), { batch: 4 }),
			sendDue(two, transport(2), { batch: 4 }),
			sendDue(one, transport(1), { batch: 4 }),
			sendDue(two, transport(2), { batch: 4 })
		]);
		expect(await sql('select 1 from public.push_outbox')).toHaveLength(0);
		// Every (device, conversation) was notified, and the three entries of one (started +
		// two messages) were never sent twice: a notification carries 1 to 3 of them.
		const perPair = new Map<string, number>();
		for (const s of sent) {
			const key = `${s.endpoint}|${s.payload.conversationId}`;
			perPair.set(key, (perPair.get(key) ?? 0) + 1);
		}
		expect(perPair.size).toBe(devices.length * conversations.length);
		// Each queued entry was sent (completed) exactly once, by one of the two servers.
		expect(completed.sort((x, y) => x - y)).toEqual(queuedIds);
		for (const n of perPair.values()) expect(n).toBeLessThanOrEqual(3);
	});
});
