/**
 * The one pure function that folds every change a client learns about into what it holds for a
 * conversation: rows from a fetch or realtime (in any order, duplicated or late), receipts
 * (possibly before the messages they cover), deletions, and the life of an own message in
 * the outbox (queued, sending, refused, confirmed). No I/O: the session, the console's store
 * and the tests all drive it the same way.
 */
import { applyReceipt, mergeMessages } from './state.ts';
import type { ChatMessage, MessageRow, Receipt, SendFailure, Side } from './types.ts';

/** What a client holds for one conversation. */
export interface LocalState {
	/** Confirmed rows in server order, then own pending messages in the order written. */
	messages: ChatMessage[];
	/** The latest receipt of each side, kept for messages that arrive after it. */
	receipts: Partial<Record<Side, Receipt>>;
	/** Ids deleted on the server: a late row or retry for them is ignored. */
	deleted: ReadonlySet<string>;
}

export type Change =
	/** Rows from a fetch (a page of the history) or one realtime `message`. */
	| { type: 'rows'; rows: readonly MessageRow[] }
	| { type: 'receipt'; receipt: Receipt }
	| { type: 'deleted'; id: string }
	/** An own message written on this device, waiting in the outbox. */
	| { type: 'queued'; message: ChatMessage }
	/** An outbox entry is on its way. */
	| { type: 'sending'; id: string }
	/** The send did not reach the server: back to the outbox, tried again later. */
	| { type: 'network'; id: string }
	/** The server refused the message: failed, not tried again by itself. */
	| { type: 'refused'; id: string; reason: SendFailure }
	/** The server has it, without a row in hand (a retried duplicate). */
	| { type: 'confirmed'; id: string };

export const emptyState = (): LocalState => ({ messages: [], receipts: {}, deleted: new Set() });

/** The later of two receipts of one side (receipts only move forward). */
function laterReceipt(a: Receipt | undefined, b: Receipt): Receipt {
	if (!a) return b;
	const at = (r: Receipt) => Date.parse(r.read_at ?? r.delivered_at ?? '') || 0;
	if (at(b) >= at(a)) return { ...b, read_at: b.read_at ?? a.read_at };
	return a;
}

function withReceipts(messages: ChatMessage[], receipts: LocalState['receipts']): ChatMessage[] {
	let next = messages;
	for (const receipt of Object.values(receipts)) if (receipt) next = applyReceipt(next, receipt);
	return next;
}

function setPending(
	state: LocalState,
	id: string,
	pending: ChatMessage['pending'] | null
): LocalState {
	let found = false;
	const messages = state.messages.map((m) => {
		if (m.id !== id || !m.pending) return m;
		found = true;
		const next = { ...m };
		if (pending) next.pending = pending;
		else delete next.pending;
		return next;
	});
	if (!found) return state;
	return { ...state, messages: pending ? messages : mergeMessages(messages, []) };
}

/** Folds one change into the state; returns the same object when nothing changed. */
export function reconcile(state: LocalState, change: Change): LocalState {
	switch (change.type) {
		case 'rows': {
			const rows = change.rows.filter((r) => !state.deleted.has(r.id));
			if (!rows.length) return state;
			const merged = mergeMessages(state.messages, rows);
			return { ...state, messages: withReceipts(merged, state.receipts) };
		}
		case 'receipt': {
			const side = change.receipt.reader_kind;
			const receipts = {
				...state.receipts,
				[side]: laterReceipt(state.receipts[side], change.receipt)
			};
			const messages = applyReceipt(state.messages, change.receipt);
			return { ...state, receipts, messages };
		}
		case 'deleted': {
			const deleted = new Set(state.deleted).add(change.id);
			return { ...state, deleted, messages: state.messages.filter((m) => m.id !== change.id) };
		}
		case 'queued': {
			if (state.deleted.has(change.message.id)) return state;
			const held = state.messages.find((m) => m.id === change.message.id);
			// Already confirmed (another tab sent it) or already on its way: keep what is there.
			if (held) return state;
			const message = { ...change.message, pending: { state: 'queued' as const } };
			return { ...state, messages: [...mergeMessages(state.messages, []), message] };
		}
		case 'sending':
			return setPending(state, change.id, { state: 'sending' });
		case 'network':
			return setPending(state, change.id, { state: 'queued' });
		case 'refused':
			return setPending(state, change.id, { state: 'failed', reason: change.reason });
		case 'confirmed':
			return setPending(state, change.id, null);
	}
}

/** Folds many changes in order. */
export const reconcileAll = (state: LocalState, changes: readonly Change[]): LocalState =>
	changes.reduce(reconcile, state);
