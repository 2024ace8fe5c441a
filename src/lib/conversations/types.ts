/**
 * The shapes a conversation is made of, as the database stores them and as realtime delivers
 * them on `conversation:<id>` (see CONTRACT.md). Shared by the widget and the agent console.
 */

/** Who wrote a message: the visitor, an agent of the site, or the system (events). */
export type SenderKind = 'visitor' | 'agent' | 'system';
/** The side of a conversation a person is on. */
export type Side = 'visitor' | 'agent';

/** A row of `public.messages`. Times are the server's, as ISO strings. */
export interface MessageRow {
	id: string;
	conversation_id: string;
	sender_id: string | null;
	sender_kind: SenderKind;
	kind: 'text' | 'image' | 'file' | 'voice' | 'event';
	body: string;
	attachment: Record<string, unknown> | null;
	created_at: string;
	delivered_at: string | null;
	read_at: string | null;
	/** An internal note or event between the site's agents (agents' clients only). */
	internal?: boolean;
	/** A whisper: the colleague an internal note is addressed to. */
	to_agent_id?: string | null;
	/** An internal note that proposes a reply: the agent holding the conversation can send it on. */
	draft?: boolean;
}

/** Why a send failed, which decides whether retrying can help. */
export type SendFailure =
	| 'network'
	| 'rate-limited'
	| 'closed'
	/** A colleague holds the conversation now (it was handed over): write them a note instead. */
	| 'held'
	| 'too-long'
	| 'refused'
	/** Attachments: over the site's size limit, a type not allowed, or bytes no longer here. */
	| 'too-large'
	| 'type'
	| 'lost';

/**
 * A message as a client holds it: a row, or an own message not yet confirmed by the server
 * (`pending`: being sent, waiting in the outbox for the network, or failed with the reason).
 */
export interface ChatMessage extends MessageRow {
	pending?: { state: 'sending' } | { state: 'queued' } | { state: 'failed'; reason: SendFailure };
}

/** What a person sees beside an own message. */
export type MessageState = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A row of `public.conversations`, with the fields the clients use. */
export interface ConversationRow {
	id: string;
	site_id?: string;
	visitor_id?: string;
	status: 'open' | 'closed';
	assigned_agent_id: string | null;
	offline?: boolean;
	visitor_name?: string | null;
	visitor_email?: string | null;
	agent_name?: string | null;
	created_at?: string;
	closed_at?: string | null;
	last_message_at?: string | null;
	visitor_unread?: number;
	agent_unread?: number;
	/** The visitor's language (a BCP-47 tag, '' when not known). */
	visitor_language?: string;
	/** Whether messages are machine-translated between the visitor and the agents. */
	translation_enabled?: boolean;
}

/** `receipt`: one side has received (and maybe read) everything the other side sent. */
export interface Receipt {
	conversation_id: string;
	reader_kind: Side;
	read_at: string | null;
	delivered_at: string | null;
}

/** `typing`: sent by clients themselves, never stored. */
export interface Typing {
	sender_kind: Side;
	name: string;
	typing: boolean;
}

/** The broadcast events of `conversation:<id>`, by name. */
export const CONVERSATION_EVENTS = {
	message: 'message',
	receipt: 'receipt',
	conversation: 'conversation',
	typing: 'typing'
} as const;

/** The channel name (private) of one conversation. */
export function conversationTopic(conversationId: string): string {
	return `conversation:${conversationId}`;
}

/** Longest message body the database accepts. */
export const MESSAGE_MAX_CHARS = 10_000;
