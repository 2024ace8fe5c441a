/**
 * The Visitors tab's state: loads `live_visitors()`, merges `visitor` events in batches (a busy
 * site sends hundreds a second), and prunes silent visitors on every clock tick.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ServerClock } from './server-clock.svelte.ts';
import type { SiteFeedListener } from './site-feed.ts';
import type { VisitorEvent } from './site-events.ts';
import type { VisitorRow } from './types.ts';
import {
	applyVisitorEvents,
	fromLoad,
	pruneStale,
	sortVisitors,
	type VisitorMap
} from './visitors.ts';

/** Events are merged at most this often, so one render covers a burst. */
export const VISITOR_BATCH_MS = 100;
/** Rows per request of the initial load (Supabase's default max-rows). */
const LOAD_PAGE_ROWS = 1_000;
/** The load stops here; later visitors still arrive through events. */
const LOAD_MAX_VISITORS = 20_000;

export class LiveVisitors {
	#client: SupabaseClient;
	#siteId: string;
	#clock: ServerClock;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated, so $state.raw tracks it
	#map = $state.raw<VisitorMap>(new Map());
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#queue: VisitorEvent[] = [];
	#flushTimer: ReturnType<typeof setTimeout> | null = null;
	#loadSeq = 0;
	/** Events merged while a load is under way, replayed on top of its answer. */
	#sinceLoad: VisitorEvent[] | null = null;

	readonly sorted = $derived(sortVisitors(this.#map.values()));

	constructor(client: SupabaseClient, siteId: string, clock: ServerClock) {
		this.#client = client;
		this.#siteId = siteId;
		this.#clock = clock;
	}

	get count(): number {
		return this.#map.size;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get error(): string | null {
		return this.#error;
	}
	get(id: string): VisitorRow | undefined {
		return this.#map.get(id);
	}

	/** The listener to add to the site's feed. */
	readonly listener: SiteFeedListener = {
		joined: () => void this.load(),
		visitor: (event) => {
			this.#queue.push(event);
			this.#flushTimer ??= setTimeout(() => this.#flush(), VISITOR_BATCH_MS);
		}
	};

	/** (Re)loads everyone online now, then replays events that arrived meanwhile. */
	async load(): Promise<void> {
		const seq = ++this.#loadSeq;
		this.#sinceLoad = [];
		const [visitors] = await Promise.all([this.#fetchAll(), this.#clock.sync(this.#client)]);
		if (seq !== this.#loadSeq) return;
		const pending = [...(this.#sinceLoad ?? []), ...this.#queue];
		this.#sinceLoad = null;
		if (visitors.error) {
			this.#error = visitors.error.message;
			return;
		}
		this.#error = null;
		this.#queue = [];
		const now = this.#clock.exactNow();
		this.#map = applyVisitorEvents(fromLoad(visitors.data, now), pending, now).map;
		this.#loaded = true;
	}

	/**
	 * Everyone online, a page at a time: Supabase answers at most 1,000 rows per request
	 * (PostgREST's max-rows), and a busy site has more visitors than that.
	 */
	async #fetchAll(): Promise<{ data: VisitorRow[]; error: null } | { data: null; error: Error }> {
		const rows: VisitorRow[] = [];
		for (let from = 0; from < LOAD_MAX_VISITORS; from += LOAD_PAGE_ROWS) {
			const { data, error } = await this.#client
				.rpc('live_visitors', { site_id: this.#siteId })
				.range(from, from + LOAD_PAGE_ROWS - 1);
			if (error) return { data: null, error: new Error(error.message) };
			rows.push(...(data as VisitorRow[]));
			if ((data as VisitorRow[]).length < LOAD_PAGE_ROWS) break;
		}
		return { data: rows, error: null };
	}

	/** Drops silent visitors; call on every clock tick. */
	prune(): void {
		const next = pruneStale(this.#map, this.#clock.exactNow());
		if (next !== this.#map) this.#map = next;
	}

	/** Stops pending work. */
	stop(): void {
		if (this.#flushTimer) clearTimeout(this.#flushTimer);
		this.#flushTimer = null;
		this.#loadSeq++;
	}

	#flush(): void {
		this.#flushTimer = null;
		const events = this.#queue;
		this.#queue = [];
		this.#sinceLoad?.push(...events);
		const { map, missing } = applyVisitorEvents(this.#map, events, this.#clock.exactNow());
		if (map !== this.#map) this.#map = map;
		if (missing.length) void this.#fetchRows(missing);
	}

	/** Rows for visitors who came back through a heartbeat alone (the event held no page). */
	async #fetchRows(ids: string[]): Promise<void> {
		const { data, error } = await this.#client.from('visitors').select('*').in('id', ids);
		if (error || !data) return;
		const events = (data as VisitorRow[]).map((row): VisitorEvent => ({ kind: 'row', row }));
		this.#map = applyVisitorEvents(this.#map, events, this.#clock.exactNow()).map;
	}
}
