/**
 * A conversation session whose realtime code arrives late (the widget loads realtime-js after
 * its first screen): it sends over REST meanwhile, joins the conversation's channel once the
 * client is there, and says so when that code never comes. Real stack, real supabase-js.
 */
import { describe, expect, it } from 'vitest';
import { ConversationSession } from '../../src/lib/conversations/session.ts';
import { memoryStore } from '../../src/lib/conversations/outbox.ts';
import type { Realtime } from '../../src/lib/conversations/channel.ts';
import { WORLD } from './fixtures/tenancy.ts';
import { call, useChatWorld, uuid, waitFor, type Visitor } from './fixtures/chat.ts';

const world = useChatWorld();

async function startChat(v: Visitor): Promise<string> {
	const res = await call<{ conversation_id: string }>(v.client, 'start_conversation');
	return res.data!.conversation_id;
}

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (reason: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const bodies = async (conversationId: string) =>
	(
		await world.sql<{ body: string }>(
			'select body from public.messages where conversation_id = $1 order by created_at',
			[conversationId]
		)
	).map((r) => r.body);

describe('a session whose realtime client loads later', () => {
	it('sends before the channel exists, then joins and receives live', async () => {
		const v = await world.visitor();
		const conversationId = await startChat(v);
		const realtime = deferred<Realtime>();
		const session = new ConversationSession({
			db: v.client,
			realtime: () => realtime.promise,
			conversationId,
			me: { id: v.id, side: 'visitor', name: '' },
			store: memoryStore()
		});
		try {
			session.start();
			expect(session.channel).toBeNull();
			expect(session.snapshot.connection).toBe('connecting');

			await session.send('before the live part');
			await waitFor(
				async () => (await bodies(conversationId)).includes('before the live part'),
				'the early message stored'
			);

			realtime.resolve(v.client.realtime);
			await waitFor(() => session.snapshot.connection === 'connected', 'the channel joined');
			expect(session.channel?.conversationId).toBe(conversationId);

			// The same visitor in another tab writes: this session hears it over the channel.
			const tab = await world.as({ user: v.id, anonymous: true }, { origin: WORLD.A.origin });
			const id = uuid();
			const { error } = await tab.from('messages').insert({
				id,
				conversation_id: conversationId,
				sender_id: v.id,
				sender_kind: 'visitor',
				body: 'from the other tab'
			});
			expect(error).toBeNull();
			await waitFor(
				() => session.snapshot.messages.some((m) => m.id === id),
				'the other tab’s message arrives live'
			);
		} finally {
			await session.close();
		}
	});

	it('shows it is not live while the realtime code cannot load, still sends, and loads it again', async () => {
		const v = await world.visitor();
		const conversationId = await startChat(v);
		let network = false;
		let loads = 0;
		const session = new ConversationSession({
			db: v.client,
			realtime: async () => {
				loads++;
				if (!network) throw new TypeError('Failed to fetch dynamically imported module');
				return v.client.realtime;
			},
			conversationId,
			me: { id: v.id, side: 'visitor', name: '' },
			store: memoryStore()
		});
		try {
			session.start();
			await waitFor(() => session.snapshot.connection === 'reconnecting', 'the failure shown');
			expect(session.channel).toBeNull();
			await session.send('still goes out');
			await waitFor(
				async () => (await bodies(conversationId)).includes('still goes out'),
				'the message stored'
			);
			network = true;
			await waitFor(() => session.snapshot.connection === 'connected', 'joined on a later try');
			expect(loads).toBeGreaterThan(1);
		} finally {
			await session.close();
		}
	});

	it('closed before the code arrives, it never joins', async () => {
		const v = await world.visitor();
		const conversationId = await startChat(v);
		const realtime = deferred<Realtime>();
		const session = new ConversationSession({
			db: v.client,
			realtime: () => realtime.promise,
			conversationId,
			me: { id: v.id, side: 'visitor', name: '' },
			store: memoryStore()
		});
		session.start();
		await session.close();
		const before = v.client.realtime.getChannels().length;
		realtime.resolve(v.client.realtime);
		await new Promise((r) => setTimeout(r, 50));
		expect(session.channel).toBeNull();
		expect(v.client.realtime.getChannels().length).toBe(before);
	});
});
