/**
 * The console's `SessionStore` on the device database: the history a conversation shows
 * offline, and the outbox that several tabs share. Each tab sends a conversation's outbox only
 * while it holds that conversation's Web Lock, and reads the outbox inside the lock, so an
 * entry another tab has just sent is not sent again.
 */
import type { SessionStore } from '$lib/conversations/outbox.ts';
import type { ChatMessage, MessageRow } from '$lib/conversations/types.ts';
import type { ConsoleDb } from '$lib/db/index.ts';
import { asMessageRow } from './guards.ts';

/** How many of a conversation's newest messages the device shows before the server answers. */
export const LOCAL_HISTORY_LIMIT = 200;

/** The Web Lock that guards one conversation's outbox across the tabs of this device. */
export const outboxLock = (conversationId: string) => `parley-outbox:${conversationId}`;

let seq = 0;
/** Increasing across tabs (time-based) and within a millisecond (a counter). */
const nextSeq = () => Date.now() * 1000 + (seq++ % 1000);

/** Runs `fn` under a named Web Lock, or as is where the browser has none. */
export function withLock(
	locks: LockManager | undefined,
	name: string,
	fn: () => Promise<void>
): Promise<void> {
	return locks ? locks.request(name, fn) : fn();
}

/** How long a history read ahead of a conversation's screen may wait for it, in milliseconds. */
export const READ_AHEAD_MS = 2_000;

/**
 * One read started ahead of a conversation's screen (see `SessionStore.preload`), which that
 * screen's first `load` takes instead of reading again; a read nobody took soon enough, or
 * one the outbox changed after, is dropped, so an opening never gets a stale one.
 */
export function readAhead<T>(read: (conversationId: string) => Promise<T>, now = Date.now) {
	let ahead: { conversationId: string; at: number; read: Promise<T> } | null = null;
	return {
		preload(conversationId: string): Promise<T> {
			if (ahead?.conversationId !== conversationId || now() - ahead.at > READ_AHEAD_MS)
				ahead = { conversationId, at: now(), read: read(conversationId) };
			return ahead.read;
		},
		load(conversationId: string): Promise<T> {
			const held = ahead;
			ahead = null;
			return held?.conversationId === conversationId && now() - held.at <= READ_AHEAD_MS
				? held.read
				: read(conversationId);
		},
		forget(): void {
			ahead = null;
		}
	};
}

export function dexieStore(db: ConsoleDb, locks: LockManager | undefined): SessionStore {
	const history = readAhead(async (conversationId: string) => {
		const [rows, entries] = await Promise.all([
			db.messages
				.where('[conversation_id+created_at]')
				.between([conversationId, ''], [conversationId, '\uffff'])
				.reverse()
				.limit(LOCAL_HISTORY_LIMIT)
				.toArray(),
			db.outbox.where('conversation_id').equals(conversationId).sortBy('seq')
		]);
		const held: ChatMessage[] = rows.reverse();
		for (const { seq: _seq, ...entry } of entries) held.push(entry);
		return held;
	});
	return {
		load: (conversationId) => history.load(conversationId),
		preload: async (conversationId) => void (await history.preload(conversationId)),
		async put(message) {
			history.forget();
			await db.transaction('rw', db.outbox, async () => {
				const held = await db.outbox.get(message.id);
				await db.outbox.put({ ...message, seq: held?.seq ?? nextSeq() });
			});
		},
		async remove(id) {
			history.forget();
			await db.outbox.delete(id);
		},
		keep(rows: readonly MessageRow[]) {
			const valid = rows.map(asMessageRow).filter((r): r is MessageRow => r !== null);
			if (valid.length) void db.messages.bulkPut(valid).catch(() => {});
		},
		exclusive: (conversationId, fn) => withLock(locks, outboxLock(conversationId), fn),
		files: {
			put: async (id, conversation_id, blob) =>
				void (await db.files.put({ id, conversation_id, blob })),
			get: async (id) => (await db.files.get(id))?.blob,
			remove: async (id) => void (await db.files.delete(id))
		}
	};
}
