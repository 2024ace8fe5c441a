/**
 * Checks on what the server or another tab hands the sync engine before it is stored: a row
 * that lacks what the console relies on is dropped, never stored half-formed.
 */
import type { MessageRow } from '$lib/conversations/types.ts';

const KINDS = ['text', 'image', 'file', 'voice', 'event'];
const SENDERS = ['visitor', 'agent', 'system'];
const str = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'string';

/** A message row with the fields the console reads, or null. */
export function asMessageRow(value: unknown): MessageRow | null {
	if (typeof value !== 'object' || value === null) return null;
	const r = value as Record<string, unknown>;
	if (
		!str(r.id) ||
		!str(r.conversation_id) ||
		!str(r.created_at) ||
		!str(r.body) ||
		!SENDERS.includes(r.sender_kind as string) ||
		!KINDS.includes(r.kind as string) ||
		!strOrNull(r.sender_id) ||
		!strOrNull(r.delivered_at) ||
		!strOrNull(r.read_at)
	)
		return null;
	const attachment = r.attachment;
	return {
		id: r.id as string,
		conversation_id: r.conversation_id as string,
		sender_id: (r.sender_id as string | null) ?? null,
		sender_kind: r.sender_kind as MessageRow['sender_kind'],
		kind: r.kind as MessageRow['kind'],
		body: r.body as string,
		attachment:
			typeof attachment === 'object' && attachment !== null && !Array.isArray(attachment)
				? (attachment as Record<string, unknown>)
				: null,
		created_at: r.created_at as string,
		delivered_at: (r.delivered_at as string | null) ?? null,
		read_at: (r.read_at as string | null) ?? null
	};
}
