/**
 * Presence for one topic, as Phoenix.Presence shapes it: state `{key: {metas: [{phx_ref, …}]}}`
 * and diffs `{joins, leaves}`. Each channel subscription tracks at most one meta under its key;
 * tracking again replaces it (the new meta carries `phx_ref_prev`).
 */
import type { Json, JsonObject } from './protocol.ts';

export type Meta = JsonObject & { phx_ref: string };
export type PresenceState = Record<string, { metas: Meta[] }>;
export interface PresenceDiff {
	joins: PresenceState;
	leaves: PresenceState;
}

interface Entry {
	key: string;
	meta: Meta;
}

function add(state: PresenceState, key: string, meta: Meta) {
	(state[key] ??= { metas: [] }).metas.push(meta);
}

/** The presences of one topic, keyed by the subscription that tracked them. */
export class PresenceTopic<Owner> {
	#entries = new Map<Owner, Entry>();
	#nextRef: () => string;

	constructor(nextRef: () => string) {
		this.#nextRef = nextRef;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** Tracks (or replaces) the owner's presence; returns the diff to broadcast. */
	track(owner: Owner, key: string, payload: JsonObject): PresenceDiff {
		const previous = this.#entries.get(owner);
		const meta: Meta = { ...payload, phx_ref: this.#nextRef() };
		const diff: PresenceDiff = { joins: {}, leaves: {} };
		if (previous) {
			meta.phx_ref_prev = previous.meta.phx_ref as Json;
			add(diff.leaves, previous.key, previous.meta);
		}
		this.#entries.set(owner, { key, meta });
		add(diff.joins, key, meta);
		return diff;
	}

	/** Removes the owner's presence; returns the diff, or null when it tracked nothing. */
	untrack(owner: Owner): PresenceDiff | null {
		const previous = this.#entries.get(owner);
		if (!previous) return null;
		this.#entries.delete(owner);
		const diff: PresenceDiff = { joins: {}, leaves: {} };
		add(diff.leaves, previous.key, previous.meta);
		return diff;
	}

	state(): PresenceState {
		const state: PresenceState = {};
		for (const { key, meta } of this.#entries.values()) add(state, key, meta);
		return state;
	}
}
