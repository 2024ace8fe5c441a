/**
 * Calls in the database: only the conversation's participants start, answer, decline and end
 * them; one call is live per conversation; every change reaches the conversation's channel;
 * and the summary that lands in the conversation carries a duration the server measured.
 */
import { describe, expect, it } from 'vitest';
import { call, listen, useChatWorld, uuid, waitFor, type Visitor } from './fixtures/chat.ts';

const world = useChatWorld();
const { visitor, agent, sql } = world;

/** A visitor's open conversation, taken by a new agent of the same site. */
async function conversationWithAgent(): Promise<{ v: Visitor; a: Visitor; conversation: string }> {
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

type CallRow = { id: string; status: string; media: string; started_side: string };

async function summaries(conversation: string) {
	return sql<{ attachment: Record<string, unknown> }>(
		"select attachment from public.messages where conversation_id = $1 and attachment ->> 'event' = 'call' order by created_at",
		[conversation]
	);
}

describe('calls', () => {
	it('ring, are answered, connect and end with a summary whose duration the server measured', async () => {
		const { v, a, conversation } = await conversationWithAgent();
		const { got } = await listen(a.client, `conversation:${conversation}`);
		const site = await listen(a.client, `site:${v.siteId}`);
		const events = (): Record<string, unknown>[] =>
			got.filter((m) => m.event === 'call').map((m) => m.payload);

		const started = await call<CallRow>(v.client, 'call_start', {
			conversation_id: conversation,
			media: 'video'
		});
		expect(started.code).toBeNull();
		expect(started.data).toMatchObject({
			status: 'ringing',
			media: 'video',
			started_side: 'visitor'
		});
		const id = started.data!.id;
		await waitFor(() => events().find((e) => e.status === 'ringing'), 'the ring on the channel');
		// Consoles elsewhere than the conversation hear the ring on the site's channel.
		const ring = await waitFor(
			() => site.got.find((m) => m.event === 'call' && m.payload.status === 'ringing'),
			'the ring on the site channel'
		);
		expect(ring.payload).toMatchObject({
			id: started.data!.id,
			conversation_id: conversation,
			media: 'video',
			assigned_agent_id: a.id,
			visitor_name: 'Vera'
		});

		// The caller cannot answer their own call; a second call cannot start meanwhile.
		expect((await call(v.client, 'call_answer', { call_id: id })).code).toBe('42501');
		const second = await call(a.client, 'call_start', {
			conversation_id: conversation,
			media: 'audio'
		});
		expect(second.code).toBe('P0001');

		const answered = await call<CallRow>(a.client, 'call_answer', { call_id: id });
		expect(answered.data).toMatchObject({ status: 'active' });
		await call(a.client, 'call_connected', { call_id: id });
		// Ten seconds of talk, by the server's clock.
		await sql(
			"update public.calls set connected_at = now() - interval '10 seconds' where id = $1",
			[id]
		);
		const ended = await call<CallRow>(v.client, 'call_end', { call_id: id, reason: 'hangup' });
		expect(ended.data).toMatchObject({ status: 'ended' });
		await waitFor(() => events().find((e) => e.status === 'ended'), 'the end on the channel');
		expect(site.got.filter((m) => m.event === 'call').map((m) => m.payload.status)).toEqual([
			'ringing',
			'active'
		]);

		const [summary] = await summaries(conversation);
		expect(summary.attachment).toMatchObject({
			event: 'call',
			call_id: id,
			media: 'video',
			outcome: 'ended',
			started_side: 'visitor',
			ended_by: 'visitor'
		});
		expect(summary.attachment.duration_seconds).toBeGreaterThanOrEqual(10);
		expect(summary.attachment.duration_seconds).toBeLessThan(15);
		// Ending again changes nothing and adds no second summary.
		await call(a.client, 'call_end', { call_id: id });
		expect(await summaries(conversation)).toHaveLength(1);
	});

	it('are declined, cancelled, or missed after ringing too long, each with its summary', async () => {
		const { v, a, conversation } = await conversationWithAgent();
		const first = await call<CallRow>(a.client, 'call_start', {
			conversation_id: conversation,
			media: 'audio'
		});
		expect(
			(await call<CallRow>(v.client, 'call_decline', { call_id: first.data!.id })).data
		).toMatchObject({
			status: 'declined'
		});
		const second = await call<CallRow>(a.client, 'call_start', {
			conversation_id: conversation,
			media: 'audio'
		});
		// The callee declines; hanging up a ringing call is the caller's.
		expect((await call(v.client, 'call_end', { call_id: second.data!.id })).code).toBe('P0001');
		expect(
			(await call<CallRow>(a.client, 'call_end', { call_id: second.data!.id })).data
		).toMatchObject({
			status: 'cancelled'
		});
		const third = await call<CallRow>(v.client, 'call_start', {
			conversation_id: conversation,
			media: 'video'
		});
		await sql("update public.calls set created_at = now() - interval '2 minutes' where id = $1", [
			third.data!.id
		]);
		// A stale ring cannot be answered, and no longer blocks a new call.
		expect((await call(a.client, 'call_answer', { call_id: third.data!.id })).code).toBe('P0001');
		const fourth = await call<CallRow>(a.client, 'call_start', {
			conversation_id: conversation,
			media: 'audio'
		});
		expect(fourth.code).toBeNull();
		const rows = await sql<{ status: string }>('select status from public.calls where id = $1', [
			third.data!.id
		]);
		expect(rows[0].status).toBe('missed');
		expect(
			(await summaries(conversation)).map((s) => [
				s.attachment.outcome,
				s.attachment.duration_seconds
			])
		).toEqual([
			['declined', 0],
			['cancelled', 0],
			['missed', 0]
		]);
	});

	it('refuse bad input, outsiders, agents of another site, and closed conversations', async () => {
		const { v, a, conversation } = await conversationWithAgent();
		const outsider = await visitor('A');
		const otherSite = await agent('B');
		for (const media of ['screen', '', null]) {
			const res = await call(v.client, 'call_start', { conversation_id: conversation, media });
			expect(res.code, String(media)).toBe('22023');
		}
		expect(
			(await call(outsider.client, 'call_start', { conversation_id: conversation, media: 'audio' }))
				.code
		).toBe('42501');
		expect(
			(
				await call(otherSite.client, 'call_start', {
					conversation_id: conversation,
					media: 'audio'
				})
			).code
		).toBe('42501');
		expect(
			(await call(v.client, 'call_start', { conversation_id: uuid(), media: 'audio' })).code
		).toBe('42501');

		const started = await call<CallRow>(v.client, 'call_start', {
			conversation_id: conversation,
			media: 'audio'
		});
		const id = started.data!.id;
		for (const fn of ['call_answer', 'call_decline', 'call_connected', 'call_end']) {
			expect((await call(outsider.client, fn, { call_id: id })).code, fn).toBe('42501');
			expect((await call(otherSite.client, fn, { call_id: id })).code, fn).toBe('42501');
		}
		// Others cannot read the call either.
		const seen = await outsider.client.from('calls').select('id').eq('id', id);
		expect(seen.error).toBeNull();
		expect(seen.data).toEqual([]);
		const { data: mine } = await a.client.from('calls').select('id').eq('id', id);
		expect(mine).toEqual([{ id }]);
		expect((await call(v.client, 'call_end', { call_id: id, reason: 'whatever' })).code).toBe(
			'22023'
		);
		// Clients cannot write calls or fake a summary's duration.
		const { error } = await v.client
			.from('calls')
			.update({ connected_at: '2000-01-01' })
			.eq('id', id);
		expect(error).not.toBeNull();

		await call(v.client, 'call_end', { call_id: id });
		await call(a.client, 'close_conversation', { conversation_id: conversation });
		expect(
			(await call(v.client, 'call_start', { conversation_id: conversation, media: 'audio' })).code
		).toBe('P0001');
	});

	it('push the agent when the visitor calls', async () => {
		const { v, a, conversation } = await conversationWithAgent();
		const { data: sub } = await a.client.rpc('save_push_subscription', {
			endpoint: `https://push.example/${uuid()}`,
			p256dh: 'B' + 'A'.repeat(86),
			auth: 'A'.repeat(22)
		});
		await call(v.client, 'call_start', { conversation_id: conversation, media: 'video' });
		const queued = await sql<{ kind: string; data: Record<string, string> }>(
			"select kind, data from public.push_outbox where subscription_id = $1 and kind = 'call'",
			[sub]
		);
		expect(queued).toHaveLength(1);
		expect(queued[0].data).toMatchObject({ visitor_name: 'Vera', message_kind: 'video' });
	});
});
