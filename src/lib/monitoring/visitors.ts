/**
 * The live visitor list as a pure data structure: a map from visitor id to row, merged from
 * the initial `live_visitors()` load and the `visitor` events of `site:<id>`, pruned by the
 * server's clock. Components only render what these functions return.
 */
import type { VisitorEvent, VisitorPatch } from './site-events.ts';
import { VISITOR_ONLINE_WINDOW_MS, type VisitorRow } from './types.ts';

export type VisitorMap = ReadonlyMap<string, VisitorRow>;

/** True while a visitor counts as online at `serverNowMs`: no leave, a heartbeat under 30 s old. */
export function isOnline(
	row: Pick<VisitorRow, 'last_seen_at' | 'ended_at'>,
	serverNowMs: number
): boolean {
	if (row.ended_at) return false;
	const seen = Date.parse(row.last_seen_at);
	return !Number.isNaN(seen) && serverNowMs - seen < VISITOR_ONLINE_WINDOW_MS;
}

/** The map after a full reload: exactly the online rows of the load. */
export function fromLoad(
	rows: readonly VisitorRow[],
	serverNowMs: number
): Map<string, VisitorRow> {
	const map = new Map<string, VisitorRow>();
	for (const row of rows) if (isOnline(row, serverNowMs)) map.set(row.id, row);
	return map;
}

export interface Merged {
	/** The new map; the very same object when nothing changed, so callers can skip a render. */
	map: VisitorMap;
	/** Visitors who came back online through a heartbeat alone: fetch their rows to list them. */
	missing: string[];
}

/**
 * Merges a batch of `visitor` events in order. A left or silent visitor is removed at once; an
 * event older than what is held (events can cross a reload) is ignored; a heartbeat merges
 * into the row held. The map is copied at most once per batch.
 */
export function applyVisitorEvents(
	map: VisitorMap,
	events: readonly VisitorEvent[],
	serverNowMs: number
): Merged {
	let next: Map<string, VisitorRow> | null = null;
	const missing = new Set<string>();
	const write = () => (next ??= new Map(map));
	for (const event of events) {
		const current = next ?? map;
		const stamp: VisitorPatch = event.kind === 'row' ? event.row : event.patch;
		const held = current.get(stamp.id);
		if (held && isOlder(stamp, held)) continue;
		if (!isOnline(stamp, serverNowMs)) {
			missing.delete(stamp.id);
			if (held) write().delete(stamp.id);
			continue;
		}
		if (event.kind === 'row') {
			missing.delete(stamp.id);
			write().set(stamp.id, event.row);
		} else if (held) {
			write().set(stamp.id, {
				...held,
				last_seen_at: stamp.last_seen_at,
				ended_at: stamp.ended_at
			});
		} else {
			missing.add(stamp.id);
		}
	}
	return { map: next ?? map, missing: [...missing] };
}

/** Drops the visitors whose heartbeat is too old; the same map when none are. */
export function pruneStale(map: VisitorMap, serverNowMs: number): VisitorMap {
	let next: Map<string, VisitorRow> | null = null;
	for (const [id, row] of map) {
		if (isOnline(row, serverNowMs)) continue;
		next ??= new Map(map);
		next.delete(id);
	}
	return next ?? map;
}

/** Newest visit first, then by id so the order is stable. */
export function sortVisitors(rows: Iterable<VisitorRow>): VisitorRow[] {
	return [...rows].sort(
		(a, b) =>
			Date.parse(b.visit_started_at) - Date.parse(a.visit_started_at) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/** True when `stamp` describes an earlier moment than `held` (a late or replayed event). */
function isOlder(stamp: VisitorPatch, held: VisitorPatch): boolean {
	const latest = (r: VisitorPatch) =>
		Math.max(Date.parse(r.last_seen_at), r.ended_at ? Date.parse(r.ended_at) : 0);
	return latest(stamp) < latest(held);
}
