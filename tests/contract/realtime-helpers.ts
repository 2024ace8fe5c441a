/** Shared pieces of the realtime contract tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import type { TestStack } from './helpers/stack.ts';
import { useTestStack } from './helpers/use-stack.ts';

export const REALTIME_FIXTURE = readFileSync(
	join(import.meta.dirname, 'fixtures', 'realtime.sql'),
	'utf8'
);

export const ALICE = '0a11ce00-0000-4000-8000-000000000001';
export const BOB = '0b0b0000-0000-4000-8000-000000000002';
export const CAROL = '0ca201aa-0000-4000-8000-000000000003';

export { userJwt } from './helpers/persona.ts';

/** Where a client reads its current access token (tests swap it to refresh). */
export interface TokenHolder {
	token?: string;
}

/**
 * A supabase-js client whose realtime runs as the holder's token (anon when none). The token
 * comes through supabase-js's `accessToken` option, as with third-party auth, because
 * supabase-js otherwise replaces a token given to `realtime.setAuth` with its session's.
 * The token is fetched before any channel exists, as an app does on sign-in: a join sent
 * before realtime-js has a token would run as anon until the token next changes.
 */
export async function clientAs(
	t: TestStack,
	holder: TokenHolder = {},
	vsn?: '1.0.0' | '2.0.0'
): Promise<SupabaseClient> {
	const client = createClient(t.url, t.anonKey, {
		accessToken: async () => holder.token ?? t.anonKey,
		...(vsn ? { realtime: { vsn } } : {})
	});
	await client.realtime.setAuth();
	return client;
}

/** A file's stack with the realtime fixture, and a `clientAs` whose clients it cleans up. */
export interface RealtimeStack {
	t: () => TestStack;
	connect: (holder?: TokenHolder, vsn?: '1.0.0' | '2.0.0') => Promise<SupabaseClient>;
}

/** Starts a stack with the realtime fixture; every client `connect` makes leaves its channels before the stack stops. */
export function useRealtimeStack(): RealtimeStack {
	const t = useTestStack({ sql: REALTIME_FIXTURE });
	const clients: SupabaseClient[] = [];
	// afterAll hooks run in reverse order of registration, so this runs before the stack stops.
	afterAll(async () => {
		for (const c of clients) await c.removeAllChannels();
	});
	return {
		t,
		async connect(holder = {}, vsn) {
			const c = await clientAs(t(), holder, vsn);
			clients.push(c);
			return c;
		}
	};
}

/** Subscribes and resolves once SUBSCRIBED; rejects with the channel error otherwise. */
export function subscribed(channel: RealtimeChannel): Promise<RealtimeChannel> {
	return new Promise((resolve, reject) => {
		channel.subscribe((status, err) => {
			if (status === 'SUBSCRIBED') resolve(channel);
			else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT')
				reject(err ?? new Error(status));
		});
	});
}

/**
 * Subscribes and waits for the server's "Subscribed to PostgreSQL" system message. Realtime
 * answers the join first and sets postgres_changes up after it, so a change made between
 * SUBSCRIBED and that message may not be delivered (as on the platform).
 */
export async function changesSubscribed(
	channel: RealtimeChannel
): Promise<{ status: string; message: string }> {
	let system: { status: string; message: string } | undefined;
	channel.on('system', {}, (p) => (system = p as { status: string; message: string }));
	await subscribed(channel);
	return until(() => system, 5000, 'postgres_changes system message');
}

/** Polls until check() is truthy, or throws after timeoutMs. */
export async function until<T>(
	check: () => T | undefined | false,
	timeoutMs = 5000,
	what = 'condition'
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
