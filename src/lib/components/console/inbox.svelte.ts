/** The Conversations tab's state: the site's recent conversations, kept live by `site:<id>`. */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { SiteFeedListener } from '$lib/monitoring/site-feed.ts';
import {
	applyConversation,
	asConversationRow,
	inView,
	sortConversations,
	unreadCount,
	type ConversationRow,
	type InboxView
} from './inbox.ts';

/** How many conversations the list loads; older ones stay in the database. */
export const INBOX_LOAD_LIMIT = 300;

export class Inbox {
	#client: SupabaseClient;
	#siteId: string;
	#me = '';
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated, so $state.raw tracks it
	#map = $state.raw<ReadonlyMap<string, ConversationRow>>(new Map());
	#loaded = $state(false);
	#error = $state<string | null>(null);

	readonly sorted = $derived(sortConversations(this.#map.values()));
	readonly unread = $derived(unreadCount(this.#map.values(), this.#me));

	constructor(client: SupabaseClient, siteId: string, me: string) {
		this.#client = client;
		this.#siteId = siteId;
		this.#me = me;
	}

	get loaded(): boolean {
		return this.#loaded;
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

	readonly listener: SiteFeedListener = {
		joined: () => void this.load(),
		conversation: (payload) => {
			const row = asConversationRow(payload);
			if (row && row.site_id === this.#siteId) this.put(row);
		}
	};

	/** Merges a row the caller got from a function's answer. */
	put(row: ConversationRow): void {
		const next = applyConversation(this.#map, row);
		if (next !== this.#map) this.#map = next;
	}

	/** Loads one conversation that is not in the list (opened from a link or a push). */
	async fetch(id: string): Promise<ConversationRow | null> {
		const { data, error } = await this.#client
			.from('conversations')
			.select('*')
			.eq('id', id)
			.maybeSingle();
		const row = error ? null : asConversationRow(data);
		if (row) this.put(row);
		return row;
	}

	async load(): Promise<void> {
		const { data, error } = await this.#client
			.from('conversations')
			.select('*')
			.eq('site_id', this.#siteId)
			.order('updated_at', { ascending: false })
			.limit(INBOX_LOAD_LIMIT);
		if (error) {
			this.#error = error.message;
			return;
		}
		let map: ReadonlyMap<string, ConversationRow> = this.#map;
		for (const raw of data ?? []) {
			const row = asConversationRow(raw);
			if (row) map = applyConversation(map, row);
		}
		this.#map = map;
		this.#error = null;
		this.#loaded = true;
	}
}
