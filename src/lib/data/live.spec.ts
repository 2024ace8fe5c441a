import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { followSite } from '$lib/sites/api.ts';
import { followTables } from './live.ts';

type Handler = (payload: unknown) => void;

/** A client whose one channel records its handlers, so a test can play Realtime's side. */
function fakeClient(row: Record<string, unknown> = { id: 's1', name: 'Shop' }) {
	const handlers: { type: string; filter: unknown; handler: Handler }[] = [];
	let onStatus: ((status: string) => void) | undefined;
	const reads: string[] = [];
	const channel = {
		on(type: string, filter: unknown, handler: Handler) {
			handlers.push({ type, filter, handler });
			return channel;
		},
		subscribe(callback: (status: string) => void) {
			onStatus = callback;
			return channel;
		}
	};
	const query = {
		select: () => query,
		eq: () => query,
		maybeSingle: async () => {
			reads.push('sites');
			return { data: row, error: null };
		}
	};
	const client = {
		realtime: { setAuth: async () => undefined },
		channel: () => channel,
		removeChannel: async () => 'ok',
		from: () => query
	} as unknown as SupabaseClient;
	const emit = (type: string, payload: unknown) => {
		for (const h of handlers) if (h.type === type) h.handler(payload);
	};
	return {
		client,
		reads,
		joined: () => onStatus?.('SUBSCRIBED'),
		system: (payload: unknown) => emit('system', payload),
		change: (payload: unknown) => emit('postgres_changes', payload)
	};
}

const flushed = () => new Promise((done) => setTimeout(done, 0));

describe('followTables', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('reads again when the changes start to flow, since one made before is not delivered', async () => {
		const fake = fakeClient();
		const refetch = vi.fn();
		const stop = followTables(fake.client, 'staff', [{ table: 'site_members' }], refetch);
		await vi.advanceTimersByTimeAsync(0);
		fake.joined();
		await vi.advanceTimersByTimeAsync(60);
		expect(refetch).toHaveBeenCalledTimes(1);
		fake.system({
			extension: 'postgres_changes',
			status: 'ok',
			message: 'Subscribed to PostgreSQL'
		});
		await vi.advanceTimersByTimeAsync(60);
		expect(refetch).toHaveBeenCalledTimes(2);
		// A refused subscription and other extensions' messages are no reason to read.
		fake.system({ extension: 'postgres_changes', status: 'error', message: 'Unable to subscribe' });
		fake.system({ extension: 'broadcast', status: 'ok' });
		await vi.advanceTimersByTimeAsync(60);
		expect(refetch).toHaveBeenCalledTimes(2);
		fake.change({ eventType: 'INSERT' });
		await vi.advanceTimersByTimeAsync(60);
		expect(refetch).toHaveBeenCalledTimes(3);
		stop();
	});

	it('reads once for a join and its changes flowing close together', async () => {
		const fake = fakeClient();
		const refetch = vi.fn();
		const stop = followTables(fake.client, 'staff', [{ table: 'site_members' }], refetch);
		await vi.advanceTimersByTimeAsync(0);
		fake.joined();
		fake.system({ extension: 'postgres_changes', status: 'ok' });
		await vi.advanceTimersByTimeAsync(60);
		expect(refetch).toHaveBeenCalledTimes(1);
		stop();
	});
});

describe('followSite', () => {
	it('reads the site on the join and again when its changes start to flow', async () => {
		const fake = fakeClient();
		const seen: unknown[] = [];
		const stop = followSite(fake.client, 's1', (site) => seen.push(site));
		await flushed();
		fake.joined();
		await flushed();
		expect(fake.reads).toHaveLength(1);
		fake.system({ extension: 'postgres_changes', status: 'ok' });
		await flushed();
		expect(fake.reads).toHaveLength(2);
		expect(seen).toEqual([
			{ id: 's1', name: 'Shop' },
			{ id: 's1', name: 'Shop' }
		]);
		stop();
	});
});
