/**
 * What makes the console ring: a new conversation on the site, or a new visitor message in a
 * conversation that is unassigned or the agent's own. Decided from the `conversation` events
 * of `site:<id>` (the row, or for a message only its activity, either with the `agent_unread`
 * counter, which only visitor messages raise),
 * so the agent's own messages and colleagues' replies never ring. Nothing rings for the
 * conversation the agent is looking at, nor when muted.
 */
import { rowOf } from '$lib/monitoring/site-events.ts';

/** The part of a conversation row that attention needs. */
export interface ConversationSignal {
	id: string;
	site_id: string;
	status: 'open' | 'closed';
	assigned_agent_id: string | null;
	agent_unread: number;
	created_at: number;
	last_message_at: number | null;
}

export type Ring = 'conversation' | 'message';

export interface AttentionContext {
	/** The agent's user id. */
	me: string;
	muted: boolean;
	/** The conversation on screen, if any. */
	openConversationId: string | null;
	/** Whether the console's page is visible. */
	pageVisible: boolean;
	/** When the console started watching (server time, ms): older things are history. */
	since: number;
}

/** A conversation event's row as a signal, or null when it is not one. */
export function asConversationSignal(payload: unknown): ConversationSignal | null {
	const row = rowOf(payload);
	if (!row || typeof row.id !== 'string' || typeof row.site_id !== 'string') return null;
	if (row.status !== 'open' && row.status !== 'closed') return null;
	const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);
	const created = time(row.created_at);
	if (!Number.isFinite(created)) return null;
	const last = time(row.last_message_at);
	const unread = row.agent_unread;
	return {
		id: row.id,
		site_id: row.site_id,
		status: row.status,
		assigned_agent_id: typeof row.assigned_agent_id === 'string' ? row.assigned_agent_id : null,
		agent_unread:
			typeof unread === 'number' && Number.isInteger(unread) && unread >= 0 ? unread : 0,
		created_at: created,
		last_message_at: Number.isFinite(last) ? last : null
	};
}

/**
 * Whether `next` (a conversation event) should ring, given what was known before (`prev`,
 * undefined for a conversation not seen since the console started) and the context.
 * Returns what kind of ring, or null for silence.
 */
export function ringFor(
	prev: ConversationSignal | undefined,
	next: ConversationSignal,
	ctx: AttentionContext
): Ring | null {
	if (ctx.muted || next.status !== 'open') return null;
	if (next.assigned_agent_id !== null && next.assigned_agent_id !== ctx.me) return null;
	if (ctx.pageVisible && ctx.openConversationId === next.id) return null;
	if (!prev) {
		if (next.created_at >= ctx.since) return 'conversation';
		// Seen for the first time but older: ring only for a visitor message since we started.
		return next.agent_unread > 0 && (next.last_message_at ?? 0) >= ctx.since ? 'message' : null;
	}
	if (next.agent_unread > prev.agent_unread) return 'message';
	return null;
}

/** A visitor's call as the site's channel announces it (`call` on site:<id>). */
export interface CallSignal {
	id: string;
	conversation_id: string;
	media: 'audio' | 'video';
	/** 'ringing' until answered, declined, cancelled or missed. */
	status: string;
	assigned_agent_id: string | null;
	visitor_name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A `call` event's payload (from the network) as a signal, or null when it is not one. */
export function asCallSignal(payload: unknown): CallSignal | null {
	if (typeof payload !== 'object' || payload === null) return null;
	const r = payload as Record<string, unknown>;
	if (typeof r.id !== 'string' || !UUID.test(r.id)) return null;
	if (typeof r.conversation_id !== 'string' || !UUID.test(r.conversation_id)) return null;
	if (r.media !== 'audio' && r.media !== 'video') return null;
	if (typeof r.status !== 'string') return null;
	if (r.assigned_agent_id !== null && typeof r.assigned_agent_id !== 'string') return null;
	return {
		id: r.id,
		conversation_id: r.conversation_id,
		media: r.media,
		status: r.status,
		assigned_agent_id: r.assigned_agent_id,
		visitor_name: typeof r.visitor_name === 'string' ? r.visitor_name.slice(0, 100) : ''
	};
}
