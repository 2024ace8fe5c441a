/**
 * The `site:<site id>` private channel's events (see CONTRACT.md, "Realtime"): names in one
 * `as const` table and a guard per payload, so nothing untyped reaches the console's state.
 */
import type { VisitorRow } from './types.ts';

export const SITE_EVENTS = {
	visitor: 'visitor',
	invitation: 'invitation',
	conversation: 'conversation',
	/** A member left the site ({site_id, user_id}); their console forgets it at once. */
	memberRemoved: 'member_removed',
	call: 'call',
	/** An internal note or event of a conversation (a messages row; agents only). */
	note: 'note',
	/** A transfer offer and each change of it (transfers row). */
	transfer: 'transfer'
} as const;

export type SiteEventName = (typeof SITE_EVENTS)[keyof typeof SITE_EVENTS];

/** The channel name a site's members join. */
export function siteTopic(siteId: string): string {
	return `site:${siteId}`;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The row inside a database broadcast: `realtime.send()` carries the row itself, while
 * `realtime.broadcast_changes()` wraps it as `{ record, old_record, operation }`.
 */
export function rowOf(payload: unknown): Json | null {
	if (!isObject(payload)) return null;
	if (isObject(payload.record)) return payload.record;
	return payload;
}

/**
 * A `visitor` event: the whole row on a page view, or only `{id, site_id, last_seen_at,
 * ended_at}` for a heartbeat or a leave (the database sends less when nothing else changed).
 */
export type VisitorEvent =
	{ kind: 'row'; row: VisitorRow } | { kind: 'patch'; patch: VisitorPatch };

export type VisitorPatch = Pick<VisitorRow, 'id' | 'site_id' | 'last_seen_at' | 'ended_at'>;

/** The event a `visitor` broadcast carries, or null when the payload is not one. */
export function asVisitorEvent(payload: unknown): VisitorEvent | null {
	const row = rowOf(payload);
	if (
		!row ||
		typeof row.id !== 'string' ||
		typeof row.site_id !== 'string' ||
		typeof row.last_seen_at !== 'string'
	)
		return null;
	const ended_at = typeof row.ended_at === 'string' ? row.ended_at : null;
	if (typeof row.current_url !== 'string') {
		return {
			kind: 'patch',
			patch: { id: row.id, site_id: row.site_id, last_seen_at: row.last_seen_at, ended_at }
		};
	}
	return {
		kind: 'row',
		row: {
			id: row.id,
			site_id: row.site_id,
			created_at: str(row.created_at),
			last_seen_at: row.last_seen_at,
			ended_at,
			current_url: row.current_url,
			current_title: str(row.current_title),
			referrer: str(row.referrer),
			language: str(row.language),
			user_agent: str(row.user_agent),
			screen: str(row.screen),
			pages_seen: num(row.pages_seen, 1),
			visit_count: num(row.visit_count, 1),
			visit_started_at: str(row.visit_started_at) || str(row.created_at)
		}
	};
}

function str(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function num(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The user id a `member_removed` event names for `siteId`, or null when it is not one. */
export function removedMember(payload: unknown, siteId: string): string | null {
	const row = rowOf(payload);
	if (!row || row.site_id !== siteId || typeof row.user_id !== 'string') return null;
	return row.user_id;
}
