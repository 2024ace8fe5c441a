import { describe, expect, it, vi } from 'vitest';
import {
	BadSubscriptionError,
	PUSH_MAX_RETRY_SECONDS,
	groupEntries,
	pushIntervalMs,
	retryDelaySeconds,
	sendDue,
	startPushSender,
	type ClaimedEntry,
	type PushStore,
	type PushTransport
} from './sender.ts';

const CONV_A = '11111111-1111-4111-8111-111111111111';
const CONV_B = '22222222-2222-4222-8222-222222222222';

let nextId = 1;
function entry(over: Partial<ClaimedEntry> = {}): ClaimedEntry {
	return {
		id: nextId++,
		claim_id: 'claim-1',
		subscription_id: 'sub-1',
		endpoint: 'https://push.example/1',
		p256dh: 'p',
		auth: 'a',
		kind: 'message',
		conversation_id: CONV_A,
		data: { visitor_name: 'Ana', site_name: 'Shop', preview: 'hi' },
		created_at: '2026-12-02T00:00:00Z',
		attempts: 1,
		...over
	};
}

/** An outbox in memory that records what the sender reported. */
function fakeStore(rounds: ClaimedEntry[][]) {
	const log = {
		completed: [] as number[],
		retried: [] as { ids: number[]; delay: number; error: string }[],
		removed: [] as string[],
		claims: 0
	};
	const store: PushStore = {
		async claim() {
			log.claims++;
			return rounds.shift() ?? [];
		},
		async complete(_claim, ids) {
			log.completed.push(...ids);
		},
		async retry(_claim, ids, delay, error) {
			log.retried.push({ ids, delay, error });
		},
		async removeSubscriptions(ids) {
			log.removed.push(...ids);
		}
	};
	return { store, log };
}

/** A push service that answers per endpoint and records what it got. */
function fakeTransport(answer: (endpoint: string) => number | Error) {
	const sent: { endpoint: string; payload: Record<string, unknown>; topic: string }[] = [];
	const transport: PushTransport = {
		async send(target, payload, topic) {
			const a = answer(target.endpoint);
			if (a instanceof Error) throw a;
			sent.push({ endpoint: target.endpoint, payload: JSON.parse(payload), topic });
			return { statusCode: a, retryAfterSeconds: a === 429 ? 300 : undefined };
		}
	};
	return { transport, sent };
}

describe('sendDue', () => {
	it('collapses the entries of one conversation on one device into one notification', async () => {
		const entries = [
			entry({ kind: 'conversation_started', data: { visitor_name: 'Ana', site_name: 'Shop' } }),
			entry({ data: { visitor_name: 'Ana', preview: 'Is it in stock?' } }),
			entry({ data: { visitor_name: 'Ana', preview: 'In blue?' } }),
			entry({ conversation_id: CONV_B, data: { visitor_name: 'Bo', preview: 'Hello' } }),
			entry({ subscription_id: 'sub-2', endpoint: 'https://push.example/2' })
		];
		const { store, log } = fakeStore([entries]);
		const { transport, sent } = fakeTransport(() => 201);
		const report = await sendDue(store, transport);
		expect(sent).toHaveLength(3);
		const a = sent.find((s) => s.endpoint.endsWith('/1') && s.payload.conversationId === CONV_A)!;
		expect(a.payload).toMatchObject({
			kind: 'conversation_started',
			title: 'New conversation on Shop',
			body: 'In blue?',
			tag: CONV_A,
			url: `/app/conversations/${CONV_A}`,
			count: 2
		});
		expect(a.topic).toBe(CONV_A.replace(/-/g, ''));
		expect(a.topic.length).toBeLessThanOrEqual(32);
		expect(log.completed.sort((x, y) => x - y)).toEqual(entries.map((e) => e.id));
		expect(report).toEqual({ sent: 5, notifications: 3, retried: 0, removedSubscriptions: 0 });
	});

	it('says how many messages a collapsed notification holds', async () => {
		const { store } = fakeStore([
			[entry({ data: { preview: 'one' } }), entry({ data: { preview: 'two' } })]
		]);
		const { transport, sent } = fakeTransport(() => 201);
		await sendDue(store, transport);
		expect(sent[0].payload).toMatchObject({ title: 'Visitor', body: '2 new messages: two' });
	});

	it('words each device’s notification in its agent’s language', async () => {
		const { store } = fakeStore([
			[
				entry({ kind: 'conversation_started', data: { site_name: 'Shop' }, language: 'es' }),
				entry({ subscription_id: 'sub-2', endpoint: 'https://push.example/2', language: null })
			]
		]);
		const { transport, sent } = fakeTransport(() => 201);
		await sendDue(store, transport);
		const title = (n: string) => sent.find((s) => s.endpoint.endsWith(n))!.payload.title;
		expect(title('/1')).toBe('Nueva conversación en Shop');
		expect(title('/2')).toBe('Ana');
	});

	it.each([404, 410])(
		'removes a device the push service answers %i for, with its entries',
		async (status) => {
			const gone = entry({ subscription_id: 'sub-gone', endpoint: 'https://push.example/gone' });
			const goneToo = entry({
				subscription_id: 'sub-gone',
				endpoint: 'https://push.example/gone',
				conversation_id: CONV_B
			});
			const fine = entry();
			const { store, log } = fakeStore([[gone, goneToo, fine]]);
			const { transport } = fakeTransport((e) => (e.endsWith('/gone') ? status : 201));
			const report = await sendDue(store, transport);
			expect(log.removed).toEqual(['sub-gone']);
			expect(log.completed).toEqual([fine.id]);
			expect(log.retried).toEqual([]);
			expect(report.removedSubscriptions).toBe(1);
		}
	);

	it('removes a device whose keys cannot be used', async () => {
		const { store, log } = fakeStore([[entry()]]);
		const { transport } = fakeTransport(() => new BadSubscriptionError('bad p256dh'));
		await sendDue(store, transport);
		expect(log.removed).toEqual(['sub-1']);
		expect(log.completed).toEqual([]);
	});

	it('retries server errors, throttling and network failures later with backoff, never completing them', async () => {
		const e500 = entry({ subscription_id: 's500', endpoint: 'https://p/500', attempts: 1 });
		const e429 = entry({ subscription_id: 's429', endpoint: 'https://p/429', attempts: 3 });
		const eNet = entry({ subscription_id: 'snet', endpoint: 'https://p/net', attempts: 2 });
		const { store, log } = fakeStore([[e500, e429, eNet]]);
		const { transport } = fakeTransport((e) =>
			e.endsWith('/500') ? 500 : e.endsWith('/429') ? 429 : new Error('ECONNRESET')
		);
		const report = await sendDue(store, transport);
		expect(log.completed).toEqual([]);
		expect(log.removed).toEqual([]);
		const byId = new Map(log.retried.map((r) => [r.ids[0], r]));
		expect(byId.get(e500.id)).toMatchObject({ delay: 10, error: 'push service answered 500' });
		expect(byId.get(e429.id)).toMatchObject({ delay: 300, error: 'push service answered 429' });
		expect(byId.get(eNet.id)).toMatchObject({ delay: 20, error: 'ECONNRESET' });
		expect(report.retried).toBe(3);
	});

	it('claims again while rounds come back full, and stops on an empty one', async () => {
		const { store, log } = fakeStore([[entry(), entry()], [entry()]]);
		const { transport, sent } = fakeTransport(() => 201);
		await sendDue(store, transport, { batch: 2 });
		expect(log.claims).toBe(2);
		expect(sent).toHaveLength(2);
	});
});

describe('retryDelaySeconds', () => {
	it('doubles per attempt up to an hour, and honours a longer Retry-After', () => {
		expect([1, 2, 3, 4].map((a) => retryDelaySeconds(a))).toEqual([10, 20, 40, 80]);
		expect(retryDelaySeconds(30)).toBe(PUSH_MAX_RETRY_SECONDS);
		expect(retryDelaySeconds(1, 120)).toBe(120);
		expect(retryDelaySeconds(3, 5)).toBe(40);
	});
});

describe('groupEntries', () => {
	it('keeps claims, devices and conversations apart, in order', () => {
		const e = [
			entry(),
			entry({ claim_id: 'claim-2' }),
			entry(),
			entry({ conversation_id: CONV_B })
		];
		expect(groupEntries(e).map((g) => g.map((x) => x.id))).toEqual([
			[e[0].id, e[2].id],
			[e[1].id],
			[e[3].id]
		]);
	});
});

describe('pushIntervalMs', () => {
	it('defaults to 2 s, allows 0 (off), and refuses nonsense with the variable named', () => {
		expect(pushIntervalMs(undefined)).toBe(2000);
		expect(pushIntervalMs('0')).toBe(0);
		expect(pushIntervalMs('500')).toBe(500);
		expect(() => pushIntervalMs('5')).toThrow(/PARLEY_PUSH_INTERVAL_MS/);
		expect(() => pushIntervalMs('soon')).toThrow(/PARLEY_PUSH_INTERVAL_MS/);
	});
});

describe('startPushSender', () => {
	it('runs on its timer, logs a repeating failure once, and stops', async () => {
		vi.useFakeTimers();
		try {
			const errors: string[] = [];
			let runs = 0;
			const sender = startPushSender(
				() => {
					runs++;
					throw new Error('SUPABASE_SERVICE_ROLE_KEY must be set');
				},
				1000,
				{ error: (m: string) => errors.push(m), info: () => {} }
			);
			await vi.advanceTimersByTimeAsync(5500);
			expect(runs).toBeGreaterThanOrEqual(5);
			expect(errors).toEqual(['parley: push sender: SUPABASE_SERVICE_ROLE_KEY must be set']);
			sender.stop();
			const before = runs;
			await vi.advanceTimersByTimeAsync(5000);
			expect(runs).toBe(before);
		} finally {
			vi.useRealTimers();
		}
	});
});
