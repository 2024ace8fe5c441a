/**
 * The Visitors tab's state: loads `live_visitors()`, merges `visitor` events in batches (a busy
 * site sends hundreds a second), and prunes silent visitors on every clock tick. With a
 * keeper (the console's device database) it shows the list as last loaded until the server
 * answers, and keeps showing it, marked with its time, while the server cannot be reached.
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
/** Between two loads the kept copy is refreshed at most this often (and at least this soon after a change). */
export const VISITOR_KEEP_MS = 5_000;

/** Where the list is kept on the device (ConsoleSync for one site). */
export interface VisitorKeeper {
	save(rows: readonly VisitorRow[], at: number): Promise<void>;
	load(): Promise<{ rows: VisitorRow[]; at: number } | null>;
}

export class LiveVisitors {
	#client: SupabaseClient;
	#siteId: string;
	#clock: ServerClock;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated, so $state.raw tracks it
	#map = $state.raw<VisitorMap>(new Map());
	#loaded = $state(false);
	#error = $state<string | null>(null);
	/** When the list on show was loaded, while it is the device's copy; null once live. */
	#asOf = $state<number | null>(null);
	#keeper: VisitorKeeper | null;
	#keptAt = 0;
	#keepTimer: ReturnType<typeof setTimeout> | null = null;
	/** Whether a load from the server has landed (the device's copy then never comes back). */
	#live = false;
	#queue: VisitorEvent[] = [];
	#flushTimer: ReturnType<typeof setTimeout> | null = null;
	#loadSeq = 0;
	/** Events merged while a load is under way, replayed on top of its answer. */
	#sinceLoad: VisitorEvent[] | null = null;

	readonly sorted = $derived(sortVisitors(this.#map.values()));

	constructor(
		client: SupabaseClient,
		siteId: string,
		clock: ServerClock,
		keeper: VisitorKeeper | null = null
	) {
		this.#client = client;
		this.#siteId = siteId;
		this.#clock = clock;
		this.#keeper = keeper;
	}

	/** Shows the device's copy until the server answers (a no-op once a load has landed). */
	async restore(): Promise<void> {
		const kept = await this.#keeper?.load().catch(() => null);
		if (!kept || this.#live) return;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated
		this.#map = new Map(kept.rows.map((r) => [r.id, r]));
		this.#asOf = kept.at;
		this.#loaded = true;
	}

	/** When the list on show was loaded, while it is the device's copy (offline); else null. */
	get asOf(): number | null {
		return this.#asOf;
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
			// The device's copy, if on show, stays; it says how old it is.
			if (this.#asOf === null) this.#error = visitors.error.message;
			return;
		}
		this.#error = null;
		this.#queue = [];
		const now = this.#clock.exactNow();
		this.#map = applyVisitorEvents(fromLoad(visitors.data, now), pending, now).map;
		this.#asOf = null;
		this.#live = true;
		this.#loaded = true;
		this.#keep(true);
	}

	/**
	 * Keeps the list on the device: right after a load, and after changes at most every
	 * VISITOR_KEEP_MS (the last change is always kept, a little later).
	 */
	#keep(now = false): void {
		if (!this.#keeper || this.#asOf !== null) return;
		if (now) {
			if (this.#keepTimer) clearTimeout(this.#keepTimer);
			this.#keepTimer = null;
			return this.#save();
		}
		if (this.#keepTimer) return;
		const wait = Math.max(0, VISITOR_KEEP_MS - (this.#clock.exactNow() - this.#keptAt));
		this.#keepTimer = setTimeout(() => {
			this.#keepTimer = null;
			this.#save();
		}, wait);
	}

	#save(): void {
		const at = (this.#keptAt = this.#clock.exactNow());
		void this.#keeper?.save([...this.#map.values()], at).catch(() => {});
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

	/** Drops silent visitors; call on every clock tick. (Not from the device's copy.) */
	prune(): void {
		if (this.#asOf !== null) return;
		const next = pruneStale(this.#map, this.#clock.exactNow());
		if (next !== this.#map) this.#map = next;
	}

	/** Stops pending work. */
	stop(): void {
		if (this.#flushTimer) clearTimeout(this.#flushTimer);
		this.#flushTimer = null;
		if (this.#keepTimer) clearTimeout(this.#keepTimer);
		this.#keepTimer = null;
		this.#loadSeq++;
	}

	#flush(): void {
		this.#flushTimer = null;
		const events = this.#queue;
		this.#queue = [];
		this.#sinceLoad?.push(...events);
		const { map, missing } = applyVisitorEvents(this.#map, events, this.#clock.exactNow());
		if (map !== this.#map) {
			this.#map = map;
			this.#keep();
		}
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
