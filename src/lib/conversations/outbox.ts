/**
 * The outbox: own messages wait here, on the device, until the server has them. A store is
 * pluggable so the widget keeps a few messages in localStorage (tiny code) and the console
 * keeps everything in IndexedDB (`$lib/sync`); `flushOutbox` sends one conversation's
 * entries in the order they were written, with the same id on every try (the idempotent
 * upsert), stopping at the first network failure so the order holds.
 */
import { retryable, sendMessage, type Db } from './api.ts';
import { parseAttachment } from './attachments.ts';
import type { Change } from './reconcile.ts';
import type { ChatMessage, MessageRow, SendFailure } from './types.ts';

/** Gets an entry's attachment stored before its message is sent (an upload, or nothing). */
export type Prepare = (
	entry: ChatMessage
) => Promise<{ ok: true } | { ok: false; reason: SendFailure | 'cancelled' }>;

/** Where a session keeps own unsent messages and, optionally, the history. */
export interface SessionStore {
	/** What the device holds for a conversation: stored rows, then own unsent messages in order. */
	load(conversationId: string): Promise<ChatMessage[]>;
	/**
	 * Starts reading a conversation ahead of its screen (a tap on it), so the screen's first
	 * `load` finds it read; resolves when it is. A store without it reads on `load`.
	 */
	preload?(conversationId: string): Promise<void>;
	/** Keeps an own message (new, or in a new state) until the server has it. */
	put(message: ChatMessage): Promise<void>;
	/** Forgets an outbox entry: the server has it. */
	remove(id: string): Promise<void>;
	/** Keeps rows from the server (the console's history); a store may ignore them. */
	keep?(rows: readonly MessageRow[]): void;
	/** Runs `fn` while no other tab of this device sends this conversation's outbox. */
	exclusive?(conversationId: string, fn: () => Promise<void>): Promise<void>;
	/**
	 * Unsent attachments' bytes, kept with their outbox entry so a reload can still send them
	 * (a store without these keeps them in memory only): kept, read back, forgotten.
	 */
	files?: FileStore;
}

/** Where an unsent attachment's bytes wait, by message id. */
export interface FileStore {
	put(id: string, conversationId: string, blob: Blob): Promise<void>;
	get(id: string): Promise<Blob | undefined>;
	remove(id: string): Promise<void>;
}

/** An outbox in memory only: what a session uses when given no store. */
export function memoryStore(): SessionStore {
	const entries = new Map<string, ChatMessage>();
	return {
		load: async (conversationId) =>
			[...entries.values()].filter((m) => m.conversation_id === conversationId),
		put: async (message) => void entries.set(message.id, message),
		remove: async (id) => void entries.delete(id)
	};
}

/** Whether a held message is an outbox entry that should go out (not a refused one). */
export const waiting = (m: ChatMessage) => m.pending !== undefined && m.pending.state !== 'failed';

/**
 * Sends a conversation's waiting entries, oldest first, under the store's lock. Reports each
 * step as a reconcile `Change`. Answers false when a network failure stopped it (try later).
 */
export async function flushOutbox(
	db: Db,
	store: SessionStore,
	conversationId: string,
	report: (change: Change, row?: MessageRow) => void,
	prepare?: Prepare
): Promise<boolean> {
	let ok = true;
	const run = async () => {
		// Read inside the lock: another tab may have sent some while this one waited.
		const entries = (await store.load(conversationId)).filter(waiting);
		for (const entry of entries) report({ type: 'queued', message: entry });
		for (const entry of entries) {
			report({ type: 'sending', id: entry.id });
			const common = {
				id: entry.id,
				conversation_id: entry.conversation_id,
				sender_id: entry.sender_id ?? '',
				sender_kind: entry.sender_kind === 'visitor' ? ('visitor' as const) : ('agent' as const),
				body: entry.body,
				...(entry.internal
					? { internal: true, to_agent_id: entry.to_agent_id ?? null, draft: !!entry.draft }
					: {})
			};
			const attachment = entry.kind === 'text' ? null : parseAttachment(entry.attachment);
			// The object first: the database refuses a message whose object is not stored.
			const stored =
				entry.kind === 'text'
					? { ok: true as const }
					: attachment && prepare && entry.kind !== 'event'
						? await prepare(entry)
						: { ok: false as const, reason: 'lost' as const };
			if (!stored.ok && stored.reason === 'cancelled') {
				// The person cancelled it while it uploaded: gone from the outbox, not failed.
				await store.remove(entry.id);
				continue;
			}
			const result = !stored.ok
				? { ok: false as const, reason: stored.reason as SendFailure }
				: attachment && entry.kind !== 'text' && entry.kind !== 'event'
					? await sendMessage(db, { ...common, kind: entry.kind, attachment })
					: await sendMessage(db, { ...common, kind: 'text' });
			if (result.ok) {
				await store.remove(entry.id);
				if (result.row) report({ type: 'rows', rows: [result.row] }, result.row);
				else report({ type: 'confirmed', id: entry.id });
			} else if (retryable(result.reason)) {
				await store.put({ ...entry, pending: { state: 'queued' } });
				report({ type: 'network', id: entry.id });
				ok = false;
				return;
			} else {
				// Refused: kept as failed so it still shows after a reload; not sent again by itself.
				await store.put({ ...entry, pending: { state: 'failed', reason: result.reason } });
				report({ type: 'refused', id: entry.id, reason: result.reason });
			}
		}
	};
	await (store.exclusive ? store.exclusive(conversationId, run) : run());
	return ok;
}

/**
 * The widget's outbox: the visitor's unsent messages in localStorage under one key, so a
 * reload (or a train tunnel) loses none. Small on purpose: it lives in the widget's budget.
 */
export function localStore(storage: Storage, key: string): SessionStore {
	const read = (): ChatMessage[] => {
		try {
			const list: unknown = JSON.parse(storage.getItem(key) ?? '[]');
			return Array.isArray(list)
				? list.filter(
						(m): m is ChatMessage => typeof m?.id === 'string' && typeof m.body === 'string'
					)
				: [];
		} catch {
			return [];
		}
	};
	const write = (list: ChatMessage[]) => {
		try {
			if (list.length) storage.setItem(key, JSON.stringify(list));
			else storage.removeItem(key);
		} catch {
			// Storage full or blocked: the message still goes out from memory.
		}
	};
	return {
		load: async (conversationId) => read().filter((m) => m.conversation_id === conversationId),
		put: async (message) => {
			const list = read();
			const at = list.findIndex((m) => m.id === message.id);
			if (at >= 0) list[at] = message;
			else list.push(message);
			write(list);
		},
		remove: async (id) => write(read().filter((m) => m.id !== id))
	};
}

/** A file store whose code loads on its first use. */
function lazyFiles(load: () => Promise<FileStore>): FileStore {
	return {
		put: async (id, conversationId, blob) => (await load()).put(id, conversationId, blob),
		get: async (id) => (await load()).get(id),
		remove: async (id) => (await load()).remove(id)
	};
}

/**
 * The visitor's outbox in the widget: localStorage when the browser allows it (files' bytes in
 * IndexedDB beside it), else memory.
 */
export function visitorOutbox(visitorId: string): SessionStore {
	try {
		return {
			...localStore(localStorage, `parley.outbox.${visitorId}`),
			files: lazyFiles(() => import('./idb-files.ts').then((m) => m.idbFiles))
		};
	} catch {
		// Storage blocked (e.g. third-party storage off): unsent messages live until a reload.
		return memoryStore();
	}
}
