import { describe, expect, it } from 'vitest';
import type { Db } from './api.ts';
import { flushOutbox, localStore, memoryStore } from './outbox.ts';
import type { Change } from './reconcile.ts';
import type { ChatMessage } from './types.ts';

const entry = (id: string): ChatMessage => ({
	id,
	conversation_id: 'c',
	sender_id: 'a',
	sender_kind: 'agent',
	kind: 'text',
	body: id,
	attachment: null,
	created_at: '2026-12-01T12:00:00.000Z',
	delivered_at: null,
	read_at: null,
	pending: { state: 'queued' }
});

/** A PostgREST stand-in: answers each upsert as `answer(id)` says, and records the ids sent. */
function fakeDb(answer: (id: string) => 'ok' | 'network' | 'closed' | 'duplicate') {
	const sent: string[] = [];
	const db = {
		from: () => ({
			upsert: (values: { id: string }) => ({
				select: async () => {
					sent.push(values.id);
					const a = answer(values.id);
					if (a === 'network') throw new TypeError('Failed to fetch');
					if (a === 'closed')
						return { data: null, error: { code: 'P0001', message: 'conversation is closed' } };
					if (a === 'duplicate') return { data: [], error: null };
					return { data: [{ ...entry(values.id), pending: undefined }], error: null };
				}
			})
		}),
		rpc: () => Promise.resolve({ data: null, error: null })
	};
	return { db: db as unknown as Db, sent };
}

async function run(store = memoryStore(), answer: Parameters<typeof fakeDb>[0] = () => 'ok') {
	const { db, sent } = fakeDb(answer);
	const changes: string[] = [];
	const ok = await flushOutbox(db, store, 'c', (c: Change) =>
		changes.push(
			c.type === 'rows' ? `rows:${c.rows.map((r) => r.id)}` : `${c.type}:${'id' in c ? c.id : ''}`
		)
	);
	return {
		ok,
		sent,
		changes,
		left: (await store.load('c')).map((m) => `${m.id}:${m.pending?.state}`)
	};
}

describe('flushOutbox', () => {
	it('sends the entries in the order they were written and empties the outbox', async () => {
		const store = memoryStore();
		for (const id of ['a', 'b', 'c']) await store.put(entry(id));
		const { ok, sent, left } = await run(store);
		expect(ok).toBe(true);
		expect(sent).toEqual(['a', 'b', 'c']);
		expect(left).toEqual([]);
	});

	it('stops at a network failure so the later ones do not overtake it', async () => {
		const store = memoryStore();
		for (const id of ['a', 'b', 'c']) await store.put(entry(id));
		const { ok, sent, left, changes } = await run(store, (id) => (id === 'b' ? 'network' : 'ok'));
		expect(ok).toBe(false);
		expect(sent).toEqual(['a', 'b']);
		expect(left).toEqual(['b:queued', 'c:queued']);
		expect(changes).toContain('network:b');
	});

	it('keeps a refused entry as failed and goes on with the next', async () => {
		const store = memoryStore();
		for (const id of ['a', 'b']) await store.put(entry(id));
		const { ok, sent, left } = await run(store, (id) => (id === 'a' ? 'closed' : 'ok'));
		expect(ok).toBe(true);
		expect(sent).toEqual(['a', 'b']);
		expect(left).toEqual(['a:failed']);
	});

	it('does not send a refused entry again by itself', async () => {
		const store = memoryStore();
		await store.put({ ...entry('a'), pending: { state: 'failed', reason: 'closed' } });
		expect((await run(store)).sent).toEqual([]);
	});

	it('takes a duplicate answer (a retry of a stored id) as confirmed', async () => {
		const store = memoryStore();
		await store.put(entry('a'));
		const { changes, left } = await run(store, () => 'duplicate');
		expect(changes).toContain('confirmed:a');
		expect(left).toEqual([]);
	});

	it('reads the outbox inside the lock, so what another holder sent is not sent again', async () => {
		const store = memoryStore();
		await store.put(entry('a'));
		await store.put(entry('b'));
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let queue = Promise.resolve();
		const locked = {
			...store,
			exclusive: (_id: string, fn: () => Promise<void>) => (queue = queue.then(fn))
		};
		// The first holder sends everything while the second waits for the lock.
		const first = fakeDb(() => 'ok');
		const second = fakeDb(() => 'ok');
		const a = flushOutbox(
			first.db,
			{
				...locked,
				exclusive: (id, fn) =>
					locked.exclusive(id, async () => {
						await held;
						await fn();
					})
			},
			'c',
			() => {}
		);
		const b = flushOutbox(second.db, locked, 'c', () => {});
		release();
		await Promise.all([a, b]);
		expect([...first.sent, ...second.sent].sort()).toEqual(['a', 'b']);
	});
});

describe('localStore', () => {
	function storage(): Storage {
		const map = new Map<string, string>();
		return {
			getItem: (k) => map.get(k) ?? null,
			setItem: (k, v) => void map.set(k, v),
			removeItem: (k) => void map.delete(k),
			clear: () => map.clear(),
			key: () => null,
			get length() {
				return map.size;
			}
		};
	}

	it('keeps entries across instances (a reload) and drops them once sent', async () => {
		const s = storage();
		await localStore(s, 'k').put(entry('a'));
		expect((await localStore(s, 'k').load('c')).map((m) => m.id)).toEqual(['a']);
		await localStore(s, 'k').remove('a');
		expect(s.getItem('k')).toBeNull();
	});

	it('ignores what is not an entry (another script wrote the key)', async () => {
		const s = storage();
		s.setItem('k', '[{"id":1},"x",{"id":"a","body":"hi","conversation_id":"c"}]');
		expect((await localStore(s, 'k').load('c')).map((m) => m.id)).toEqual(['a']);
		s.setItem('k', 'not json');
		expect(await localStore(s, 'k').load('c')).toEqual([]);
	});
});
