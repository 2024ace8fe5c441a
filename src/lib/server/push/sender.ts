/**
 * The push sender inside each app server: claims due outbox entries (the database hands each
 * to one server: FOR UPDATE SKIP LOCKED), collapses them into one notification per device and
 * conversation, sends them, and reports back: sent entries are deleted, entries for a device
 * the push service no longer knows (404, 410) go with the device, and the rest come back later
 * with a growing delay. A server that stops mid-send leaves its claim to run out; the entries
 * are then claimed again, so none is lost.
 */
import {
	formatNotification,
	PUSH_KINDS,
	type PushData,
	type PushItem,
	type PushKind
} from './format.ts';

/** One claimed outbox row with its subscription, as claim_push_outbox returns it. */
export interface ClaimedEntry {
	id: number;
	claim_id: string;
	subscription_id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	kind: PushKind;
	conversation_id: string;
	data: PushData;
	created_at: string;
	attempts: number;
	/** The subscriber's language as their console keeps it; null when it never said. */
	language?: string | null;
}

/** The outbox as the sender uses it (the service-role SQL functions). */
export interface PushStore {
	claim(batch: number, leaseSeconds: number): Promise<ClaimedEntry[]>;
	complete(claimId: string, ids: number[]): Promise<void>;
	retry(claimId: string, ids: number[], delaySeconds: number, error: string): Promise<void>;
	removeSubscriptions(ids: string[]): Promise<void>;
}

/** A device to push to. */
export interface PushTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/** What the push service answered; `retryAfterSeconds` from a Retry-After header. */
export interface PushResponse {
	statusCode: number;
	retryAfterSeconds?: number;
}

/** Sends one encrypted, VAPID-signed message (web-push in production, a fake in specs). */
export interface PushTransport {
	send(target: PushTarget, payload: string, topic: string): Promise<PushResponse>;
}

/** Thrown by a transport when the subscription itself is unusable (malformed keys). */
export class BadSubscriptionError extends Error {
	override name = 'BadSubscriptionError';
}

/** Entries claimed per round; the sender goes on while rounds come back full. */
export const PUSH_BATCH = 100;
/** How long a claim holds its entries; far longer than a send may take (its timeout). */
export const PUSH_LEASE_SECONDS = 60;
/** First retry delay; doubled per attempt up to PUSH_MAX_RETRY_SECONDS. */
export const PUSH_RETRY_BASE_SECONDS = 10;
export const PUSH_MAX_RETRY_SECONDS = 60 * 60;
/** At most this many rounds per run, so one run cannot hold the server for long. */
export const PUSH_MAX_ROUNDS = 20;

/** The delay before attempt `attempts + 1`: exponential, capped, or what the service asked. */
export function retryDelaySeconds(attempts: number, retryAfterSeconds?: number): number {
	const backoff = Math.min(
		PUSH_RETRY_BASE_SECONDS * 2 ** Math.max(0, attempts - 1),
		PUSH_MAX_RETRY_SECONDS
	);
	if (
		retryAfterSeconds !== undefined &&
		Number.isFinite(retryAfterSeconds) &&
		retryAfterSeconds > 0
	)
		return Math.min(Math.max(backoff, Math.ceil(retryAfterSeconds)), 86400);
	return backoff;
}

/** Groups entries by claim, device and conversation, keeping their order (oldest first). */
export function groupEntries(entries: readonly ClaimedEntry[]): ClaimedEntry[][] {
	const groups = new Map<string, ClaimedEntry[]>();
	for (const e of entries) {
		const key = `${e.claim_id}|${e.subscription_id}|${e.conversation_id}`;
		const group = groups.get(key);
		if (group) group.push(e);
		else groups.set(key, [e]);
	}
	return [...groups.values()];
}

/** What one run did, for logs and tests. */
export interface RunReport {
	sent: number;
	notifications: number;
	retried: number;
	removedSubscriptions: number;
}

const isKind = (value: unknown): value is PushKind =>
	typeof value === 'string' && (PUSH_KINDS as readonly string[]).includes(value);

/** Claims and sends until the outbox has nothing due (or PUSH_MAX_ROUNDS rounds). */
export async function sendDue(
	store: PushStore,
	transport: PushTransport,
	opts: { batch?: number; leaseSeconds?: number } = {}
): Promise<RunReport> {
	const batch = opts.batch ?? PUSH_BATCH;
	const report: RunReport = { sent: 0, notifications: 0, retried: 0, removedSubscriptions: 0 };
	for (let round = 0; round < PUSH_MAX_ROUNDS; round++) {
		const entries = await store.claim(batch, opts.leaseSeconds ?? PUSH_LEASE_SECONDS);
		if (entries.length === 0) break;
		await sendClaimed(store, transport, entries, report);
		if (entries.length < batch) break;
	}
	return report;
}

async function sendClaimed(
	store: PushStore,
	transport: PushTransport,
	entries: ClaimedEntry[],
	report: RunReport
): Promise<void> {
	const gone = new Set<string>();
	const groups = groupEntries(entries);
	// Devices are independent: one slow push service must not hold the others up.
	await Promise.all(
		groups.map(async (group) => {
			const first = group[0];
			const ids = group.map((e) => e.id);
			if (gone.has(first.subscription_id)) return;
			const items: PushItem[] = group
				.filter((e) => isKind(e.kind))
				.map((e) => ({ kind: e.kind, conversationId: e.conversation_id, data: e.data ?? {} }));
			let response: PushResponse;
			try {
				if (items.length === 0) throw new Error(`unknown kind ${first.kind}`);
				const payload = formatNotification(items, first.language);
				response = await transport.send(
					{ endpoint: first.endpoint, keys: { p256dh: first.p256dh, auth: first.auth } },
					JSON.stringify(payload),
					payload.tag.replace(/-/g, '')
				);
			} catch (err) {
				if (err instanceof BadSubscriptionError) {
					gone.add(first.subscription_id);
					return;
				}
				const attempts = Math.max(...group.map((e) => e.attempts));
				await store.retry(first.claim_id, ids, retryDelaySeconds(attempts), (err as Error).message);
				report.retried += ids.length;
				return;
			}
			const status = response.statusCode;
			if (status >= 200 && status < 300) {
				await store.complete(first.claim_id, ids);
				report.sent += ids.length;
				report.notifications += 1;
			} else if (status === 404 || status === 410) {
				gone.add(first.subscription_id);
			} else {
				const attempts = Math.max(...group.map((e) => e.attempts));
				await store.retry(
					first.claim_id,
					ids,
					retryDelaySeconds(attempts, response.retryAfterSeconds),
					`push service answered ${status}`
				);
				report.retried += ids.length;
			}
		})
	);
	if (gone.size > 0) {
		// Deleting the subscription deletes its queued entries with it (foreign key cascade).
		await store.removeSubscriptions([...gone]);
		report.removedSubscriptions += gone.size;
	}
}

/** The SQL functions as a PushStore over a service-role supabase-js client. */
export interface RpcClient {
	rpc(
		fn: string,
		args: Record<string, unknown>
	): PromiseLike<{ data: unknown; error: { message: string } | null }>;
}

export function rpcStore(client: RpcClient): PushStore {
	const call = async (fn: string, args: Record<string, unknown>) => {
		const { data, error } = await client.rpc(fn, args);
		if (error) throw new Error(`${fn} failed: ${error.message}`);
		return data;
	};
	return {
		async claim(batch, leaseSeconds) {
			const data = await call('claim_push_outbox', { batch, lease_seconds: leaseSeconds });
			return Array.isArray(data)
				? (data as ClaimedEntry[]).map((e) => ({ ...e, id: Number(e.id) }))
				: [];
		},
		async complete(claimId, ids) {
			await call('complete_push_outbox', { claim: claimId, ids });
		},
		async retry(claimId, ids, delaySeconds, error) {
			await call('retry_push_outbox', {
				claim: claimId,
				ids,
				delay_seconds: delaySeconds,
				error: error.slice(0, 500)
			});
		},
		async removeSubscriptions(ids) {
			await call('remove_push_subscriptions', { ids });
		}
	};
}

/** Default time between runs: short, since a run on an empty outbox is one cheap query. */
export const PUSH_INTERVAL_MS = 2000;

/**
 * Parses PARLEY_PUSH_INTERVAL_MS: unset means every 2 s, 0 turns the sender off on this server
 * (another server sends), else a whole number of milliseconds from 200 to 600000.
 */
export function pushIntervalMs(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return PUSH_INTERVAL_MS;
	const ms = Number(value);
	if (!Number.isInteger(ms) || (ms !== 0 && (ms < 200 || ms > 600000)))
		throw new Error(
			`PARLEY_PUSH_INTERVAL_MS must be 0 or a whole number from 200 to 600000, not "${value}"`
		);
	return ms;
}

/** A failure that repeats is logged again after this long. */
export const PUSH_ERROR_LOG_EVERY_MS = 60_000;

/** Starts the sender's timer; returns `stop` and `wake` (run now). Failures are logged. */
export function startPushSender(
	deps: () => { store: PushStore; transport: PushTransport },
	intervalMs: number,
	log: Pick<Console, 'error' | 'info'> = console
): { stop(): void; wake(): void } {
	if (intervalMs === 0) return { stop: () => {}, wake: () => {} };
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running = false;
	let again = false;
	let stopped = false;
	let lastError = '';
	let lastLoggedAt = 0;
	const schedule = (ms: number) => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(run, ms);
		timer.unref?.();
	};
	const run = async () => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			const { store, transport } = deps();
			const report = await sendDue(store, transport);
			if (report.removedSubscriptions > 0)
				log.info(`parley: removed ${report.removedSubscriptions} expired push subscriptions`);
			lastError = '';
		} catch (err) {
			// The same failure every few seconds (the database away, a missing key) is logged
			// once a minute, not on every run.
			const message = (err as Error).message;
			if (message !== lastError || Date.now() - lastLoggedAt > PUSH_ERROR_LOG_EVERY_MS) {
				log.error(`parley: push sender: ${message}`);
				lastLoggedAt = Date.now();
			}
			lastError = message;
		} finally {
			running = false;
		}
		schedule(again ? 0 : intervalMs);
		again = false;
	};
	schedule(Math.min(intervalMs, 1000));
	return {
		stop() {
			stopped = true;
			clearTimeout(timer);
		},
		wake() {
			schedule(0);
		}
	};
}
