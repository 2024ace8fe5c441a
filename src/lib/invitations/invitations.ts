/**
 * Chat invitations as the console sees them: the row's guard, the state an agent reads
 * (sent, seen, accepted, declined, expired), when to ask the server to expire one, and which
 * answer opens a conversation on this device. Plain functions; the console renders them.
 */
import { rowOf } from '$lib/monitoring/site-events.ts';

export const INVITATION_STATUSES = [
	'pending',
	'accepted',
	'declined',
	'expired',
	'cancelled'
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** A `chat_invitations` row, plus the inviting agent's name on `site:<id>` events. */
export interface InvitationRow {
	id: string;
	site_id: string;
	visitor_id: string;
	agent_id: string;
	message: string;
	status: InvitationStatus;
	expires_at: string;
	created_at: string;
	answered_at: string | null;
	seen_at: string | null;
	conversation_id: string | null;
	agent_name?: string;
}

/** What the agent sees: a pending invitation is "sent" until the visitor's page shows it. */
export type InvitationState = 'sent' | 'seen' | 'accepted' | 'declined' | 'expired' | 'cancelled';

/** Longest invitation text the server accepts. */
export const INVITATION_MESSAGE_MAX_CHARS = 500;

/** The state to show for an invitation. */
export function invitationState(row: Pick<InvitationRow, 'status' | 'seen_at'>): InvitationState {
	if (row.status === 'pending') return row.seen_at ? 'seen' : 'sent';
	return row.status;
}

/** True while the visitor can still answer. */
export function isOpen(row: Pick<InvitationRow, 'status'>): boolean {
	return row.status === 'pending';
}

/**
 * Milliseconds until a pending invitation passes its expiry by the server's clock (0 when
 * already past); null when it is answered, so nothing needs to be scheduled.
 */
export function msUntilExpiry(
	row: Pick<InvitationRow, 'status' | 'expires_at'>,
	serverNowMs: number
): number | null {
	if (!isOpen(row)) return null;
	const at = Date.parse(row.expires_at);
	if (Number.isNaN(at)) return null;
	return Math.max(0, at - serverNowMs);
}

/** Whole seconds left to show in a countdown. */
export function secondsLeft(
	row: Pick<InvitationRow, 'status' | 'expires_at'>,
	serverNowMs: number
): number {
	return Math.ceil((msUntilExpiry(row, serverNowMs) ?? 0) / 1000);
}

/**
 * True when an answer should open the conversation on this device: the visitor accepted an
 * invitation this agent sent. Colleagues see the acceptance but stay where they are.
 */
export function opensConversation(
	row: InvitationRow,
	agentId: string
): row is InvitationRow & { conversation_id: string } {
	return row.status === 'accepted' && row.agent_id === agentId && row.conversation_id !== null;
}

/** Messages to offer: the site's greeting first, then its saved greetings, without repeats. */
export function messageChoices(greeting: string, saved: readonly string[]): string[] {
	const seen = new Set<string>();
	const choices: string[] = [];
	for (const text of [greeting, ...saved]) {
		const trimmed = text.trim();
		if (!trimmed || seen.has(trimmed)) continue;
		seen.add(trimmed);
		choices.push(trimmed);
	}
	return choices;
}

/** Latest invitation per visitor: replaces an older row of the same visitor, ignores stale ones. */
export function applyInvitation(
	byVisitor: ReadonlyMap<string, InvitationRow>,
	row: InvitationRow
): ReadonlyMap<string, InvitationRow> {
	const held = byVisitor.get(row.visitor_id);
	if (held && held.id !== row.id && Date.parse(held.created_at) > Date.parse(row.created_at)) {
		return byVisitor;
	}
	// An update of the same invitation never goes back from an answer to pending, nor from seen
	// to unseen: the inviter's own RPC answer can arrive after the visitor's "seen" event.
	if (held && held.id === row.id && !isOpen(held) && isOpen(row)) return byVisitor;
	if (held && held.id === row.id && isOpen(row) && held.seen_at && !row.seen_at) return byVisitor;
	const next = new Map(byVisitor);
	next.set(row.visitor_id, row);
	return next;
}

/** An invitation row from an RPC answer or a `site:<id>` `invitation` event; null otherwise. */
export function asInvitationRow(payload: unknown): InvitationRow | null {
	const row = rowOf(payload);
	if (
		!row ||
		typeof row.id !== 'string' ||
		typeof row.site_id !== 'string' ||
		typeof row.visitor_id !== 'string' ||
		typeof row.agent_id !== 'string' ||
		typeof row.expires_at !== 'string' ||
		!INVITATION_STATUSES.includes(row.status as InvitationStatus)
	)
		return null;
	const str = (v: unknown) => (typeof v === 'string' ? v : null);
	return {
		id: row.id,
		site_id: row.site_id,
		visitor_id: row.visitor_id,
		agent_id: row.agent_id,
		message: str(row.message) ?? '',
		status: row.status as InvitationStatus,
		expires_at: row.expires_at,
		created_at: str(row.created_at) ?? '',
		answered_at: str(row.answered_at),
		seen_at: str(row.seen_at),
		conversation_id: str(row.conversation_id),
		agent_name: str(row.agent_name) ?? undefined
	};
}
