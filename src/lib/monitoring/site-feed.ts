/**
 * One private `site:<id>` channel per console and site, shared by the visitor list, the
 * invitations and the inbox: each adds a listener, and each is told to refetch after every
 * (re)join, since events sent while the socket was down are not replayed.
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import {
	asVisitorEvent,
	removedMember,
	SITE_EVENTS,
	siteTopic,
	type VisitorEvent
} from './site-events.ts';

export type FeedStatus = 'connecting' | 'live' | 'offline';

export interface SiteFeedListener {
	visitor?(event: VisitorEvent): void;
	invitation?(payload: unknown): void;
	conversation?(payload: unknown): void;
	/** A visitor's call rings or stops ringing (untrusted; see console/CallRinger.svelte). */
	call?(payload: unknown): void;
	/** An internal note or event of a conversation (untrusted; a messages row). */
	note?(payload: unknown): void;
	/** A transfer offer was made or changed (untrusted; see transfers/offers.ts). */
	transfer?(payload: unknown): void;
	/** The channel (re)joined: load the current state again. */
	joined?(): void;
	/** The channel's presence changed: its whole state (untrusted; see presence/roster.ts). */
	presence?(state: unknown): void;
	/** A member left the site (the console's own user included). */
	memberRemoved?(userId: string): void;
}

export class SiteFeed {
	readonly siteId: string;
	#client: SupabaseClient;
	#channel: RealtimeChannel | null = null;
	#listeners = new Set<SiteFeedListener>();
	#joined = false;
	#stopped = false;
	#onStatus: (status: FeedStatus) => void;
	#presenceKey: string | null;
	#tracked: Record<string, unknown> | null = null;

	/** With `presenceKey` (the user's id) the console also shares presence on the channel. */
	constructor(
		client: SupabaseClient,
		siteId: string,
		onStatus: (status: FeedStatus) => void = () => {},
		presenceKey: string | null = null
	) {
		this.#client = client;
		this.siteId = siteId;
		this.#onStatus = onStatus;
		this.#presenceKey = presenceKey;
	}

	/** Shares `payload` as this console's presence (null: none); kept across rejoins. */
	track(payload: Record<string, unknown> | null): void {
		// Every conversation event recomputes the payload; only a change is worth a push.
		if (JSON.stringify(payload) === JSON.stringify(this.#tracked)) return;
		this.#tracked = payload;
		if (!this.#joined || !this.#channel) return;
		if (payload) void this.#channel.track(payload);
		else void this.#channel.untrack();
	}

	/** Adds a listener; if the channel is already joined it loads at once. Returns its removal. */
	add(listener: SiteFeedListener): () => void {
		this.#listeners.add(listener);
		if (this.#joined) listener.joined?.();
		return () => this.#listeners.delete(listener);
	}

	/** Joins the channel (after handing the socket the user's token, which RLS checks). */
	async start(): Promise<void> {
		this.#onStatus('connecting');
		await this.#client.realtime.setAuth();
		if (this.#stopped) return;
		const each = (fn: (l: SiteFeedListener) => void) => this.#listeners.forEach(fn);
		const key = this.#presenceKey;
		const channel = this.#client.channel(siteTopic(this.siteId), {
			config: { private: true, ...(key ? { presence: { key, enabled: true } } : {}) }
		});
		if (key)
			channel.on('presence', { event: 'sync' }, () =>
				each((l) => l.presence?.(channel.presenceState()))
			);
		this.#channel = channel
			.on('broadcast', { event: SITE_EVENTS.visitor }, ({ payload }) => {
				const event = asVisitorEvent(payload);
				if (!event) return;
				const siteId = event.kind === 'row' ? event.row.site_id : event.patch.site_id;
				if (siteId === this.siteId) each((l) => l.visitor?.(event));
			})
			.on('broadcast', { event: SITE_EVENTS.invitation }, ({ payload }) =>
				each((l) => l.invitation?.(payload))
			)
			.on('broadcast', { event: SITE_EVENTS.conversation }, ({ payload }) =>
				each((l) => l.conversation?.(payload))
			)
			.on('broadcast', { event: SITE_EVENTS.memberRemoved }, ({ payload }) => {
				const userId = removedMember(payload, this.siteId);
				if (userId) each((l) => l.memberRemoved?.(userId));
			})
			.on('broadcast', { event: SITE_EVENTS.call }, ({ payload }) => each((l) => l.call?.(payload)))
			.on('broadcast', { event: SITE_EVENTS.note }, ({ payload }) => each((l) => l.note?.(payload)))
			.on('broadcast', { event: SITE_EVENTS.transfer }, ({ payload }) =>
				each((l) => l.transfer?.(payload))
			)
			.subscribe((status) => {
				if (status === 'SUBSCRIBED') {
					this.#joined = true;
					this.#onStatus('live');
					// Presence does not survive a rejoin: say again who this console is.
					if (this.#tracked) void channel.track(this.#tracked);
					each((l) => l.joined?.());
				} else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT' || status === 'CLOSED') {
					this.#joined = false;
					if (!this.#stopped) this.#onStatus('offline');
				}
			});
	}

	/** Leaves the channel. */
	stop(): void {
		this.#stopped = true;
		this.#joined = false;
		if (this.#channel) void this.#client.removeChannel(this.#channel);
		this.#channel = null;
	}
}
