/**
 * The Conversations tab's state: the site's conversations as the device database holds them
 * (a live query), kept current by the sync engine, which pulls what changed on every (re)join
 * of `site:<id>` and stores each `conversation` event.
 */
import type { SiteFeedListener } from '$lib/monitoring/site-feed.ts';
import type { ConsoleSync } from '$lib/sync/engine.ts';
import {
	asConversationEvent,
	inView,
	sortConversations,
	unreadCount,
	withActivity,
	type ConversationRow,
	type InboxView
} from './inbox.ts';

/** Rows by id, as an immutable map (replaced whole, never mutated, so `$state.raw` tracks it). */
const byId = (rows: readonly ConversationRow[]): ReadonlyMap<string, ConversationRow> =>
	new Map(rows.map((r) => [r.id, r]));

/** Conversations read first from the device, enough to fill the first screen of any view. */
const FIRST_SCREEN_ROWS = 200;

export class Inbox {
	#sync: ConsoleSync;
	#siteId: string;
	#me = '';
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated, so $state.raw tracks it
	#map = $state.raw<ReadonlyMap<string, ConversationRow>>(new Map());
	#stored = $state(false);
	#pulled = $state(false);
	#error = $state<string | null>(null);

	readonly sorted = $derived(sortConversations(this.#map.values()));
	readonly unread = $derived(unreadCount(this.#map.values(), this.#me));

	constructor(sync: ConsoleSync, siteId: string, me: string) {
		this.#sync = sync;
		this.#siteId = siteId;
		this.#me = me;
	}

	/** True once the list can be shown: from the device, or else from the server. */
	get loaded(): boolean {
		return (this.#stored && this.#map.size > 0) || this.#pulled;
	}
	get error(): string | null {
		return this.#error;
	}
	get(id: string): ConversationRow | undefined {
		return this.#map.get(id);
	}

	/** The conversations of a view, latest first. */
	view(view: InboxView): ConversationRow[] {
		return this.sorted.filter((row) => inView(row, view, this.#me));
	}

	/** How many conversations a view holds. */
	count(view: InboxView): number {
		let n = 0;
		for (const row of this.#map.values()) if (inView(row, view, this.#me)) n++;
		return n;
	}

	/** Follows the device's conversations of the site; returns the function that stops it. */
	watch(): () => void {
		let whole = false;
		// The newest first, drawn while the whole set (thousands, for the counts) is read.
		void this.#sync
			.newestConversations(this.#siteId, FIRST_SCREEN_ROWS)
			.then((rows) => {
				if (whole || !rows.length) return;
				this.#map = byId(rows);
				this.#stored = true;
			})
			.catch(() => {});
		return this.#sync.watchConversations(this.#siteId, (rows) => {
			whole = true;
			this.#map = byId(rows);
			this.#stored = true;
		});
	}

	readonly listener: SiteFeedListener = {
		joined: () => void this.load(),
		conversation: (payload) => {
			const event = asConversationEvent(payload);
			if (!event) return;
			if (event.kind === 'row') {
				if (event.row.site_id === this.#siteId) this.put(event.row);
				return;
			}
			const { activity } = event;
			if (activity.site_id !== this.#siteId) return;
			// Shown at once when the list holds the row; the device database decides what is kept
			// (and fetches a conversation it does not hold).
			const shown = this.#map.get(activity.id);
			const next = shown && withActivity(shown, activity);
			if (next) this.#show(next);
			void this.#sync
				.applyActivity(activity)
				.then((row) => {
					if (row && !next) this.#show(row);
				})
				.catch(() => {});
		}
	};

	/** Merges a row the caller got from a function's answer (shown at once, stored for later). */
	put(row: ConversationRow): void {
		this.#show(row);
		void this.#sync.putConversation(row).catch(() => {});
	}

	/** Puts a row in the list unless the list holds a newer one. */
	#show(row: ConversationRow): void {
		const held = this.#map.get(row.id);
		if (!held || Date.parse(held.updated_at) <= Date.parse(row.updated_at)) {
			this.#map = byId([...this.#map.values()].filter((r) => r.id !== row.id).concat(row));
		}
	}

	/**
	 * Loads one conversation that is not in the list (opened from a link or a push): null when
	 * the server says there is none, undefined when it could not be asked (offline).
	 */
	async fetch(id: string): Promise<ConversationRow | null | undefined> {
		try {
			const row = await this.#sync.fetchConversation(id);
			if (row) this.put(row);
			return row;
		} catch {
			return undefined;
		}
	}

	/** Pulls what changed since the last pull, then sends what waits in the outbox. */
	async load(): Promise<void> {
		try {
			await this.#sync.pull(this.#siteId);
			this.#error = null;
			this.#pulled = true;
		} catch (e) {
			// With conversations on the device the connection bar tells the rest.
			this.#error = this.#map.size ? null : e instanceof Error ? e.message : String(e);
		}
		void this.#sync.flushAll();
	}
}
