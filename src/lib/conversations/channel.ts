/**
 * One conversation's private realtime channel, `conversation:<id>`: messages, receipts and
 * conversation changes from the database, typing from the people in it. Sends only once
 * joined, reports every (re)join so the owner can refetch what it missed while away, shows
 * its connection state, and removes itself from the client on close.
 */
import type { RealtimeChannel, RealtimeChannelOptions } from '@supabase/realtime-js';
import {
	CONVERSATION_EVENTS,
	conversationTopic,
	type ConversationRow,
	type MessageRow,
	type Receipt,
	type Typing
} from './types.ts';

/** The realtime part of supabase-js or a bare realtime-js client. */
export interface Realtime {
	channel(name: string, opts?: RealtimeChannelOptions): RealtimeChannel;
	removeChannel(channel: RealtimeChannel): Promise<unknown>;
}

/**
 * `connecting` until the first join, `connected` while joined, `reconnecting` after a lost
 * join (realtime-js retries by itself), `closed` after close().
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** What the channel reports; every handler is optional. */
export interface ConversationHandlers {
	message?(row: MessageRow): void;
	receipt?(receipt: Receipt): void;
	conversation?(row: ConversationRow): void;
	typing?(typing: Typing): void;
	/** Joined, the first time or again after a drop: refetch what may have been missed. */
	joined?(): void;
	state?(state: ConnectionState): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

// Payloads come from the network: each is checked for the fields its handler relies on.
const guards = {
	message: (p: unknown): p is MessageRow =>
		isObject(p) &&
		typeof p.id === 'string' &&
		typeof p.created_at === 'string' &&
		typeof p.sender_kind === 'string',
	receipt: (p: unknown): p is Receipt =>
		isObject(p) && (p.reader_kind === 'visitor' || p.reader_kind === 'agent'),
	conversation: (p: unknown): p is ConversationRow =>
		isObject(p) && typeof p.id === 'string' && (p.status === 'open' || p.status === 'closed'),
	typing: (p: unknown): p is Typing =>
		isObject(p) &&
		(p.sender_kind === 'visitor' || p.sender_kind === 'agent') &&
		typeof p.name === 'string' &&
		typeof p.typing === 'boolean'
};

/** Whether a payload from the network is a message row (e.g. an internal one from site:<id>). */
export const isMessageRow = guards.message;

export class ConversationChannel {
	#realtime: Realtime;
	#channel: RealtimeChannel;
	#handlers: ConversationHandlers;
	#state: ConnectionState = 'connecting';
	/** Listeners of further client events (calls), by event name; see listen(). */
	#extra = new Map<string, Set<(payload: unknown) => void>>();
	readonly conversationId: string;

	/** Joins `conversation:<conversationId>` on `realtime` at once. */
	constructor(realtime: Realtime, conversationId: string, handlers: ConversationHandlers) {
		this.conversationId = conversationId;
		this.#realtime = realtime;
		this.#handlers = handlers;
		this.#channel = realtime.channel(conversationTopic(conversationId), {
			config: { private: true, broadcast: { self: false } }
		});
		for (const event of Object.values(CONVERSATION_EVENTS)) {
			this.#channel.on('broadcast', { event }, ({ payload }) => this.#dispatch(event, payload));
		}
		this.#channel.subscribe((status) => {
			if (this.#state === 'closed') return;
			if (status === 'SUBSCRIBED') {
				this.#setState('connected');
				this.#handlers.joined?.();
			} else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
				this.#setState('reconnecting');
			}
		});
	}

	/** The connection state now. */
	get state(): ConnectionState {
		return this.#state;
	}

	#setState(state: ConnectionState) {
		if (state === this.#state) return;
		this.#state = state;
		this.#handlers.state?.(state);
	}

	#dispatch(event: keyof typeof CONVERSATION_EVENTS, payload: unknown) {
		if (this.#state === 'closed') return;
		switch (event) {
			case 'message':
				if (guards.message(payload)) this.#handlers.message?.(payload);
				break;
			case 'receipt':
				if (guards.receipt(payload)) this.#handlers.receipt?.(payload);
				break;
			case 'conversation':
				if (guards.conversation(payload)) this.#handlers.conversation?.(payload);
				break;
			case 'typing':
				if (guards.typing(payload)) this.#handlers.typing?.(payload);
				break;
		}
	}

	/** Tells the others whether this person is typing; answers false (nothing sent) while not joined. */
	sendTyping(typing: Typing): boolean {
		if (this.#state !== 'connected') return false;
		void this.#channel.send({
			type: 'broadcast',
			event: CONVERSATION_EVENTS.typing,
			payload: typing
		});
		return true;
	}

	/**
	 * Hears a further broadcast event (e.g. a call's `call` and `signal`). Payloads come from the
	 * network unchecked: the listener validates them. Returns a function that stops listening.
	 */
	listen(event: string, listener: (payload: unknown) => void): () => void {
		let set = this.#extra.get(event);
		if (!set) {
			const listeners = (set = new Set());
			this.#extra.set(event, listeners);
			this.#channel.on('broadcast', { event }, ({ payload }) => {
				if (this.#state === 'closed') return;
				for (const l of listeners) l(payload);
			});
		}
		set.add(listener);
		return () => set.delete(listener);
	}

	/** Sends a further broadcast event; answers false (nothing sent) while not joined. */
	broadcast(event: string, payload: Record<string, unknown>): boolean {
		if (this.#state !== 'connected') return false;
		void this.#channel.send({ type: 'broadcast', event, payload });
		return true;
	}

	/** Leaves the channel and removes it from the client. */
	async close(): Promise<void> {
		if (this.#state === 'closed') return;
		this.#setState('closed');
		await this.#realtime.removeChannel(this.#channel);
	}
}
