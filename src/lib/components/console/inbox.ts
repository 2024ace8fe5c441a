/**
 * The Conversations tab's rules: the conversation row, which view lists it (unassigned, mine,
 * all open, closed, left messages), the order, and what counts as unread for this agent.
 */
import { rowOf } from '$lib/monitoring/site-events.ts';

export interface ConversationRow {
	id: string;
	site_id: string;
	visitor_id: string;
	assigned_agent_id: string | null;
	status: 'open' | 'closed';
	visitor_language: string;
	visitor_name: string | null;
	visitor_email: string | null;
	offline: boolean;
	created_at: string;
	updated_at: string;
	closed_at: string | null;
	last_message_at: string | null;
	last_message_preview: string;
	agent_unread: number;
	visitor_unread: number;
	/** Machine translation between the visitor and the agents is on (the default). */
	translation_enabled?: boolean;
	/** Where visitor_language came from. */
	visitor_language_source?: 'browser' | 'detected' | 'agent';
}

export const INBOX_VIEWS = ['unassigned', 'mine', 'all', 'closed', 'offline'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export function isInboxView(value: string | null): value is InboxView {
	return INBOX_VIEWS.includes(value as InboxView);
}

/** Whether a conversation belongs in a view, for the agent `me`. */
export function inView(row: ConversationRow, view: InboxView, me: string): boolean {
	switch (view) {
		case 'unassigned':
			return row.status === 'open' && !row.offline && row.assigned_agent_id === null;
		case 'mine':
			return row.status === 'open' && row.assigned_agent_id === me;
		case 'all':
			return row.status === 'open' && !row.offline;
		case 'closed':
			return row.status === 'closed';
		case 'offline':
			return row.status === 'open' && row.offline;
	}
}

/** Latest activity first. */
export function sortConversations(rows: Iterable<ConversationRow>): ConversationRow[] {
	// Each time parsed once, not once per comparison: the device may hold thousands.
	const keyed = [...rows].map((r) => ({
		r,
		at: Date.parse(r.last_message_at ?? r.updated_at ?? r.created_at) || 0
	}));
	keyed.sort((a, b) => b.at - a.at || (a.r.id < b.r.id ? -1 : 1));
	return keyed.map((k) => k.r);
}

/** True when this agent should look at it: open, unread, and not a colleague's. */
export function needsMe(row: ConversationRow, me: string): boolean {
	return (
		row.status === 'open' &&
		row.agent_unread > 0 &&
		(row.assigned_agent_id === null || row.assigned_agent_id === me)
	);
}

/** How many conversations need this agent (the tab's badge). */
export function unreadCount(rows: Iterable<ConversationRow>, me: string): number {
	let n = 0;
	for (const row of rows) if (needsMe(row, me)) n++;
	return n;
}

/** Merges a row: the newer `updated_at` wins, so a late event does not undo a change. */
export function applyConversation(
	map: ReadonlyMap<string, ConversationRow>,
	row: ConversationRow
): ReadonlyMap<string, ConversationRow> {
	const held = map.get(row.id);
	if (held && Date.parse(held.updated_at) > Date.parse(row.updated_at)) return map;
	const next = new Map(map);
	next.set(row.id, row);
	return next;
}

/**
 * What a `conversation` event on `site:<id>` carries when nothing but the conversation's
 * activity changed (a message, a read): the activity and what ringing decides on, not the row.
 */
export type ConversationActivity = Pick<
	ConversationRow,
	| 'id'
	| 'site_id'
	| 'status'
	| 'assigned_agent_id'
	| 'created_at'
	| 'updated_at'
	| 'last_message_at'
	| 'last_message_preview'
	| 'agent_unread'
	| 'visitor_unread'
>;

/** A `conversation` event: the whole row, or only its activity (see ConversationActivity). */
export type ConversationEvent =
	{ kind: 'row'; row: ConversationRow } | { kind: 'activity'; activity: ConversationActivity };

const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/** The event a `conversation` broadcast carries, or null when the payload is not one. */
export function asConversationEvent(payload: unknown): ConversationEvent | null {
	const row = asConversationRow(payload);
	if (row) return { kind: 'row', row };
	const p = rowOf(payload);
	if (
		!p ||
		typeof p.id !== 'string' ||
		typeof p.site_id !== 'string' ||
		(p.status !== 'open' && p.status !== 'closed') ||
		typeof p.created_at !== 'string' ||
		typeof p.updated_at !== 'string' ||
		(p.assigned_agent_id !== null && typeof p.assigned_agent_id !== 'string') ||
		(p.last_message_at !== null && typeof p.last_message_at !== 'string') ||
		typeof p.last_message_preview !== 'string' ||
		count(p.agent_unread) === null ||
		count(p.visitor_unread) === null
	)
		return null;
	return {
		kind: 'activity',
		activity: {
			id: p.id,
			site_id: p.site_id,
			status: p.status,
			assigned_agent_id: p.assigned_agent_id,
			created_at: p.created_at,
			updated_at: p.updated_at,
			last_message_at: p.last_message_at,
			last_message_preview: p.last_message_preview,
			agent_unread: count(p.agent_unread)!,
			visitor_unread: count(p.visitor_unread)!
		}
	};
}

/**
 * The row with an activity event applied; null when the activity is older than the row (a late
 * event) or is not this conversation's.
 */
export function withActivity(
	row: ConversationRow,
	activity: ConversationActivity
): ConversationRow | null {
	if (row.id !== activity.id || row.site_id !== activity.site_id) return null;
	if (Date.parse(row.updated_at) > Date.parse(activity.updated_at)) return null;
	return { ...row, ...activity };
}

/** A conversation row from a query or a `conversation` event; null when it is not one. */
export function asConversationRow(payload: unknown): ConversationRow | null {
	const row = rowOf(payload);
	if (
		!row ||
		typeof row.id !== 'string' ||
		typeof row.site_id !== 'string' ||
		typeof row.visitor_id !== 'string' ||
		(row.status !== 'open' && row.status !== 'closed')
	)
		return null;
	const str = (v: unknown) => (typeof v === 'string' ? v : null);
	const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
	return {
		id: row.id,
		site_id: row.site_id,
		visitor_id: row.visitor_id,
		assigned_agent_id: str(row.assigned_agent_id),
		status: row.status,
		visitor_language: str(row.visitor_language) ?? '',
		visitor_name: str(row.visitor_name),
		visitor_email: str(row.visitor_email),
		offline: row.offline === true,
		created_at: str(row.created_at) ?? '',
		updated_at: str(row.updated_at) ?? str(row.created_at) ?? '',
		closed_at: str(row.closed_at),
		last_message_at: str(row.last_message_at),
		last_message_preview: str(row.last_message_preview) ?? '',
		agent_unread: num(row.agent_unread),
		visitor_unread: num(row.visitor_unread),
		translation_enabled: row.translation_enabled !== false,
		visitor_language_source:
			row.visitor_language_source === 'detected' || row.visitor_language_source === 'agent'
				? row.visitor_language_source
				: 'browser'
	};
}
