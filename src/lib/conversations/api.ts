/**
 * The conversation calls of the SQL API (CONTRACT.md), over any client that speaks
 * PostgREST: supabase-js in the console, a bare postgrest-js client in the widget.
 */
import type { ConversationRow, MessageRow, SendFailure, Side } from './types.ts';
import type { Attachment } from './attachments.ts';

/** An error as postgrest-js reports it (status is absent when the request never left). */
export interface DbError {
	code?: string;
	message: string;
}

interface Answer<T> {
	data: T | null;
	error: DbError | null;
	status?: number;
}

/**
 * Any PostgREST client: supabase-js in the console, postgrest-js in the widget. Typed loosely
 * on purpose: supabase-js's generic query types are too deep to compare with a narrow
 * interface, so the calls below go through `Rest`, the part of the builder chain they use.
 */
export interface Db {
	from(table: string): unknown;
	rpc(fn: string, args?: Record<string, unknown>): unknown;
}

/** The builder chain this module uses, as both clients implement it. */
interface Rest {
	from(table: 'messages'): {
		upsert(
			values: Record<string, unknown>,
			options: { onConflict: string; ignoreDuplicates: boolean }
		): { select(columns: string): PromiseLike<Answer<MessageRow[]>> };
		select(columns: string): {
			eq(
				column: string,
				value: string
			): {
				order(
					column: string,
					options: { ascending: boolean }
				): { limit(n: number): PromiseLike<Answer<MessageRow[]>> };
			};
		};
	};
	rpc(fn: string, args?: Record<string, unknown>): PromiseLike<Answer<unknown>>;
}
const rest = (db: Db) => db as unknown as Rest;

/** The newest messages a client loads when it opens a conversation. */
export const HISTORY_LIMIT = 200;
const MESSAGE_COLUMNS =
	'id,conversation_id,sender_id,sender_kind,kind,body,attachment,created_at,delivered_at,read_at,internal,to_agent_id';

/** A failure that carries the database's code, for callers that show or classify it. */
export class ConversationError extends Error {
	code: string;
	constructor(error: DbError) {
		super(error.message);
		this.name = 'ConversationError';
		this.code = error.code ?? '';
	}
}

function unwrap<T>(answer: Answer<T>): T {
	if (answer.error) throw new ConversationError(answer.error);
	return answer.data as T;
}

/** Why a send failed, from the database's answer: decides whether a retry can help. */
export function sendFailure(error: DbError, status?: number): SendFailure {
	if (error.code === 'PT429' || status === 429) return 'rate-limited';
	// Handed to a colleague meanwhile: only the agent holding a conversation replies in it.
	if (error.code === 'P0001' && /held by another agent/.test(error.message ?? '')) return 'held';
	if (error.code === 'P0001') return 'closed';
	if (error.code === '23514' || error.code === '22001') return 'too-long';
	if (error.code === '42501' || (status !== undefined && status >= 400 && status < 500))
		return 'refused';
	return 'network';
}

/** A send can be tried again later with the same id when the failure was not a refusal. */
export const retryable = (reason: SendFailure) => reason === 'network' || reason === 'rate-limited';

/** What a text send needs: the client-made id makes a retry of it idempotent. */
export interface OutgoingText {
	id: string;
	conversation_id: string;
	sender_id: string;
	sender_kind: Side;
	body: string;
	/** An agents' internal note (never to the visitor), optionally to one colleague. */
	internal?: boolean;
	to_agent_id?: string | null;
}

/** A message with a stored object: its kind and `attachment` (the object is uploaded first). */
export interface OutgoingAttachment extends OutgoingText {
	kind: 'image' | 'file' | 'voice';
	attachment: Attachment;
}

/** Inserts a text message (see `sendMessage`). */
export const sendText = (db: Db, message: OutgoingText) =>
	sendMessage(db, { ...message, kind: 'text' });

/**
 * Inserts a message, or does nothing when a row with its id exists (a retry after a lost
 * answer). Returns the stored row when this call inserted it, null for a duplicate.
 */
export async function sendMessage(
	db: Db,
	message: (OutgoingText & { kind: 'text' }) | OutgoingAttachment
): Promise<
	{ ok: true; row: MessageRow | null } | { ok: false; reason: SendFailure; error: DbError }
> {
	try {
		const answer = await rest(db)
			.from('messages')
			.upsert({ ...message }, { onConflict: 'id', ignoreDuplicates: true })
			.select(MESSAGE_COLUMNS);
		if (answer.error)
			return { ok: false, reason: sendFailure(answer.error, answer.status), error: answer.error };
		return { ok: true, row: answer.data?.[0] ?? null };
	} catch (e) {
		return { ok: false, reason: 'network', error: { message: String(e) } };
	}
}

/** The newest messages of a conversation, oldest first. */
export async function fetchMessages(db: Db, conversationId: string): Promise<MessageRow[]> {
	const rows = unwrap(
		await rest(db)
			.from('messages')
			.select(MESSAGE_COLUMNS)
			.eq('conversation_id', conversationId)
			.order('created_at', { ascending: false })
			.limit(HISTORY_LIMIT)
	);
	return (rows ?? []).reverse();
}

async function call<T>(db: Db, fn: string, args?: Record<string, unknown>): Promise<T> {
	return unwrap(await rest(db).rpc(fn, args)) as T;
}

/** The caller's side has read everything the other side sent. */
export const markRead = (db: Db, conversationId: string) =>
	call<void>(db, 'mark_conversation_read', { conversation_id: conversationId });

/** Everything the other side sent has reached the caller's device. */
export const markDelivered = (db: Db, conversationId: string) =>
	call<void>(db, 'mark_conversation_delivered', { conversation_id: conversationId });

/** Closes a conversation (a member, or its visitor). */
export const closeConversation = (db: Db, conversationId: string) =>
	call<void>(db, 'close_conversation', { conversation_id: conversationId });

/** What the widget needs when it opens. */
export interface WidgetState {
	agents_online: boolean;
	conversation: ConversationRow | null;
}

/** Visitor: whether an agent is online, and the visitor's latest conversation. */
export const widgetState = (db: Db) => call<WidgetState>(db, 'widget_state');

/** Visitor: the open conversation, or a new one (the site's pre-chat rules are checked). */
export const startConversation = (db: Db, name: string | null, email: string | null) =>
	call<{ conversation_id: string }>(db, 'start_conversation', {
		visitor_name: name,
		visitor_email: email
	});

/** Visitor: a message left while no agent is online; the email is required. */
export const leaveMessage = (db: Db, email: string, body: string, name: string | null) =>
	call<{ conversation_id: string }>(db, 'leave_message', {
		visitor_email: email,
		body,
		visitor_name: name
	});
