/**
 * Broadcast replay (`config.broadcast.replay = {since, limit}` on a private channel): the
 * latest `limit` broadcasts of the topic stored in `realtime.messages` since `since` (Unix
 * milliseconds), oldest first, as Realtime's `Realtime.Messages.replay/5` reads them.
 */
import type { Database } from '../db.ts';
import { isObject, type Json, type JsonObject } from './protocol.ts';

/** Realtime never replays more than this many messages, whatever `limit` asks. */
export const REPLAY_MAX_MESSAGES = 25;
/** DateTime.from_unix/2 refuses instants outside years 0 to 9999. */
const MIN_UNIX_MS = -62_167_219_200_000;
const MAX_UNIX_MS = 253_402_300_799_999;

export interface ReplayPlan {
	sinceMs: number;
	limit: number;
}

export interface ReplayedMessage {
	id: string;
	event: string;
	payload: Json;
}

/**
 * What a join asks for: nothing (no `replay` key, or one that is not an object), a plan, or
 * `'invalid'` when `since` is not an integer instant or `limit` not an integer.
 */
export function parseReplay(replay: Json | undefined): ReplayPlan | 'invalid' | null {
	if (!isObject(replay)) return null;
	const { since, limit } = replay as JsonObject;
	if (typeof since !== 'number' || !Number.isInteger(since)) return 'invalid';
	if (since < MIN_UNIX_MS || since > MAX_UNIX_MS) return 'invalid';
	// Realtime reads `limit || 25`: absent, null and false all mean the maximum.
	const asked =
		limit === undefined || limit === null || limit === false ? REPLAY_MAX_MESSAGES : limit;
	if (typeof asked !== 'number' || !Number.isInteger(asked)) return 'invalid';
	return { sinceMs: since, limit: Math.max(1, Math.min(asked, REPLAY_MAX_MESSAGES)) };
}

/**
 * A topic's latest broadcasts since an instant. `private is true`, not `= true`: the same rows,
 * and the words of `messages_inserted_at_topic_index`'s predicate, which the planner needs to
 * read that index instead of the whole table.
 */
export const REPLAY_SELECT = `select id::text as id, event, payload from realtime.messages
  where topic = $1 and private is true and extension = 'broadcast'
    and inserted_at >= to_timestamp($2::float8 / 1000)::timestamp
    and inserted_at < (now() + interval '1 minute')::timestamp
  order by inserted_at desc
  limit $3`;

/** The stored broadcasts a plan replays, oldest first. */
export async function readReplay(
	db: Database,
	subTopic: string,
	plan: ReplayPlan
): Promise<ReplayedMessage[]> {
	const res = await db.query<{ id: string; event: string | null; payload: Json }>(REPLAY_SELECT, [
		subTopic,
		plan.sinceMs,
		plan.limit
	]);
	return res.rows.reverse().map((r) => ({ id: r.id, event: r.event ?? '', payload: r.payload }));
}
