/**
 * Pure functions over a conversation's messages: the state shown beside an own message, the
 * merge of what a client holds with what the server answered, receipts applied in place, and
 * the agents' names known to the conversation. No I/O, so both sides test them as tables.
 */
import type {
	ChatMessage,
	ConversationRow,
	MessageRow,
	MessageState,
	Receipt,
	Side
} from './types.ts';

/** The state of an own message: pending first, then read, delivered or sent. */
export function messageState(message: ChatMessage): MessageState {
	if (message.pending) return message.pending.state;
	if (message.read_at) return 'read';
	if (message.delivered_at) return 'delivered';
	return 'sent';
}

/** The later of two optional ISO times (receipts only ever move forward). */
function later(a: string | null, b: string | null): string | null {
	if (!a) return b;
	if (!b) return a;
	return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Confirmed messages in server order (time, then id); pending ones after them, as sent. */
function order(messages: ChatMessage[]): ChatMessage[] {
	const confirmed = messages
		.filter((m) => !m.pending)
		.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : 1));
	return [...confirmed, ...messages.filter((m) => m.pending)];
}

/**
 * Merges the messages a client holds with rows from the server (a fetch, or one realtime
 * event). A row from the server confirms a pending message of the same id and replaces it;
 * receipts keep the later of both; nothing the client holds is dropped (a fetch may be a
 * page of the history); the result is ordered and free of duplicates.
 */
export function mergeMessages(
	local: readonly ChatMessage[],
	remote: readonly MessageRow[]
): ChatMessage[] {
	const byId = new Map<string, ChatMessage>();
	for (const m of local) byId.set(m.id, m);
	for (const row of remote) {
		const held = byId.get(row.id);
		byId.set(
			row.id,
			held && !held.pending
				? {
						...row,
						delivered_at: later(row.delivered_at, held.delivered_at),
						read_at: later(row.read_at, held.read_at)
					}
				: { ...row }
		);
	}
	return order([...byId.values()]);
}

/**
 * Applies a receipt: every confirmed message of the other side written up to the receipt's
 * time gets its delivered (and read) time. Returns the same array when nothing changed.
 */
export function applyReceipt(messages: readonly ChatMessage[], receipt: Receipt): ChatMessage[] {
	const upTo = Date.parse(receipt.read_at ?? receipt.delivered_at ?? '');
	if (Number.isNaN(upTo)) return messages as ChatMessage[];
	let changed = false;
	const next = messages.map((m) => {
		if (m.pending || m.sender_kind === 'system' || m.sender_kind === receipt.reader_kind) return m;
		if (Date.parse(m.created_at) > upTo) return m;
		const delivered_at = m.delivered_at ?? receipt.delivered_at ?? receipt.read_at;
		const read_at = m.read_at ?? receipt.read_at;
		if (delivered_at === m.delivered_at && read_at === m.read_at) return m;
		changed = true;
		return { ...m, delivered_at, read_at };
	});
	return changed ? next : (messages as ChatMessage[]);
}

/** Messages of the other side that `side` has not read yet. */
export function unreadCount(messages: readonly ChatMessage[], side: Side): number {
	return messages.filter((m) => m.sender_kind !== side && m.sender_kind !== 'system' && !m.read_at)
		.length;
}

/** True when a message of the other side has not reached this side yet (delivered_at unset). */
export function hasUndelivered(messages: readonly ChatMessage[], side: Side): boolean {
	return messages.some(
		(m) => m.sender_kind !== side && m.sender_kind !== 'system' && !m.delivered_at
	);
}

/**
 * Agents' names by user id, from the conversation's "joined" events and, for the assigned
 * agent, the name the conversation carries (a visitor cannot read the site's member list).
 */
export function agentNames(
	messages: readonly ChatMessage[],
	assigned?: { id: string | null; name?: string | null }
): Map<string, string> {
	const names = new Map<string, string>();
	if (assigned?.id && assigned.name) names.set(assigned.id, assigned.name);
	for (const m of messages) {
		const name = m.attachment?.agent_name;
		if (m.kind === 'event' && m.sender_id && typeof name === 'string' && name)
			names.set(m.sender_id, name);
	}
	return names;
}

/**
 * The conversation as its event messages leave it: "joined" and "transferred" assign the agent
 * (with the name a visitor could not look up otherwise), "closed" closes it. The `conversation` broadcast
 * says the same; the events also arrive with a refetch after a dropped connection.
 */
export function conversationAfter(
	conversation: ConversationRow | null,
	rows: readonly MessageRow[]
): ConversationRow | null {
	let next = conversation;
	for (const m of rows) {
		if (!next || m.kind !== 'event') continue;
		const event = m.attachment?.event;
		if (event === 'closed' && next.status !== 'closed') {
			next = { ...next, status: 'closed', closed_at: m.created_at };
		} else if (
			(event === 'joined' || event === 'transferred') &&
			m.sender_id &&
			next.assigned_agent_id !== m.sender_id
		) {
			const name = m.attachment?.agent_name;
			next = {
				...next,
				assigned_agent_id: m.sender_id,
				agent_name: typeof name === 'string' ? name : next.agent_name
			};
		}
	}
	return next;
}
