/**
 * Transfer offers as the console holds them: rows of `public.transfers`, kept by id from the
 * initial load and the `transfer` events of `site:<id>` (untrusted: each goes through a guard),
 * and the questions the screens ask of them. Pure, so the rules are tested without Svelte.
 */

export type TransferStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';

export interface TransferRow {
	id: string;
	site_id: string;
	conversation_id: string;
	from_agent_id: string | null;
	/** null: offered to any available agent of the site. */
	to_agent_id: string | null;
	note: string;
	status: TransferStatus;
	created_at: string;
	expires_at: string;
	answered_at: string | null;
	answered_by: string | null;
	declined_by: string[];
}

const STATUSES: readonly string[] = ['pending', 'accepted', 'declined', 'expired', 'cancelled'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** A transfer row from the database or a broadcast; null when the payload is not one. */
export function asTransfer(payload: unknown): TransferRow | null {
	if (typeof payload !== 'object' || payload === null) return null;
	const r = payload as Record<string, unknown>;
	if (!isId(r.id) || !isId(r.site_id) || !isId(r.conversation_id)) return null;
	if (r.from_agent_id !== null && !isId(r.from_agent_id)) return null;
	if (r.to_agent_id !== null && !isId(r.to_agent_id)) return null;
	if (typeof r.status !== 'string' || !STATUSES.includes(r.status)) return null;
	if (!isTime(r.created_at) || !isTime(r.expires_at)) return null;
	return {
		id: r.id,
		site_id: r.site_id,
		conversation_id: r.conversation_id,
		from_agent_id: r.from_agent_id,
		to_agent_id: r.to_agent_id,
		note: typeof r.note === 'string' ? r.note.slice(0, 500) : '',
		status: r.status as TransferStatus,
		created_at: r.created_at,
		expires_at: r.expires_at,
		answered_at: isTime(r.answered_at) ? r.answered_at : null,
		answered_by: isId(r.answered_by) ? r.answered_by : null,
		declined_by: Array.isArray(r.declined_by) ? r.declined_by.filter(isId) : []
	};
}

/** The map with `row` merged in: a later state of an offer replaces an earlier one, never back. */
export function mergeTransfer(
	map: ReadonlyMap<string, TransferRow>,
	row: TransferRow
): ReadonlyMap<string, TransferRow> {
	const held = map.get(row.id);
	// Once answered, an offer does not go back to pending (a late or replayed event).
	if (held && held.status !== 'pending' && row.status === 'pending') return map;
	const next = new Map(map);
	next.set(row.id, row);
	return next;
}

/** Milliseconds an offer has left by the server's clock (0 once past). */
export function msLeft(row: Pick<TransferRow, 'expires_at'>, serverNowMs: number): number {
	return Math.max(0, Date.parse(row.expires_at) - serverNowMs);
}

/** Whether `me` is asked to answer this offer now. */
export function isOfferedTo(row: TransferRow, me: string, serverNowMs: number): boolean {
	if (row.status !== 'pending' || msLeft(row, serverNowMs) === 0) return false;
	if (row.to_agent_id !== null) return row.to_agent_id === me;
	return row.from_agent_id !== me && !row.declined_by.includes(me);
}

/** Offers waiting for `me`, oldest first. */
export function incomingOffers(
	map: ReadonlyMap<string, TransferRow>,
	me: string,
	serverNowMs: number
): TransferRow[] {
	return [...map.values()]
		.filter((r) => isOfferedTo(r, me, serverNowMs))
		.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
}

/** The open offer of a conversation, if any. */
export function openOffer(
	map: ReadonlyMap<string, TransferRow>,
	conversationId: string
): TransferRow | null {
	for (const r of map.values())
		if (r.conversation_id === conversationId && r.status === 'pending') return r;
	return null;
}

/** What became of an offer, for the agent it was made to who comes to it late. */
export type OfferOutcome =
	| { kind: 'open' }
	| { kind: 'mine' }
	| { kind: 'taken'; by: string | null }
	| { kind: 'expired' }
	| { kind: 'cancelled' }
	| { kind: 'declined' };

/**
 * The outcome of `row` as `me` should read it (opened from a notification, say): still open,
 * theirs, taken by a colleague, not answered in time (by the server's clock, even before
 * anyone has recorded the expiry), withdrawn, or declined.
 */
export function offerOutcome(row: TransferRow, me: string, serverNowMs: number): OfferOutcome {
	switch (row.status) {
		case 'pending':
			return msLeft(row, serverNowMs) > 0 ? { kind: 'open' } : { kind: 'expired' };
		case 'accepted':
			return row.answered_by === me ? { kind: 'mine' } : { kind: 'taken', by: row.answered_by };
		case 'expired':
			return { kind: 'expired' };
		case 'cancelled':
			return { kind: 'cancelled' };
		case 'declined':
			return { kind: 'declined' };
	}
}
