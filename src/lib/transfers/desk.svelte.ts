/**
 * The console's transfer offers for one site: the pending ones loaded on (re)join, each change
 * from `site:<id>` merged in, offering, answering and withdrawing through the database
 * functions, and asking the server to expire an offer once its time is up (the server's clock
 * decides; until then nothing changes). Add `listener` to the site's feed.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ServerClock } from '$lib/monitoring/server-clock.svelte.ts';
import type { SiteFeedListener } from '$lib/monitoring/site-feed.ts';
import {
	asTransfer,
	incomingOffers,
	mergeTransfer,
	msLeft,
	offerOutcome,
	openOffer,
	type OfferOutcome,
	type TransferRow
} from './offers.ts';

/** After the offer's time by our estimate of the server's clock, wait this much before asking. */
const EXPIRY_GRACE_MS = 250;

export type TransferResult = { ok: true } | { ok: false; code: string; message: string };

export class TransferDesk {
	#client: SupabaseClient;
	#siteId: string;
	#me: string;
	#clock: ServerClock;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated, so $state.raw tracks it
	#offers = $state.raw<ReadonlyMap<string, TransferRow>>(new Map());
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping that is never rendered
	#timers = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(client: SupabaseClient, siteId: string, me: string, clock: ServerClock) {
		this.#client = client;
		this.#siteId = siteId;
		this.#me = me;
		this.#clock = clock;
	}

	readonly listener: SiteFeedListener = {
		joined: () => void this.#reload(),
		transfer: (payload) => {
			const row = asTransfer(payload);
			if (row && row.site_id === this.#siteId) this.#apply(row);
		}
	};

	/** Offers waiting for this agent's answer, oldest first (re-read on every clock tick). */
	get incoming(): TransferRow[] {
		return incomingOffers(this.#offers, this.#me, this.#clock.now);
	}

	/** The open offer of a conversation, if any. */
	openFor(conversationId: string): TransferRow | null {
		return openOffer(this.#offers, conversationId);
	}

	/** An offer the desk holds, in any state. */
	get(id: string): TransferRow | null {
		return this.#offers.get(id) ?? null;
	}

	/** What became of offer `id` for this agent, by the server's clock; null until it is loaded. */
	outcome(id: string): OfferOutcome | null {
		const row = this.#offers.get(id);
		return row ? offerOutcome(row, this.#me, this.#clock.now) : null;
	}

	/** Loads offer `id` (one the agent comes to late, from a notification) into the desk. */
	async look(id: string): Promise<void> {
		await this.#refetch(id);
	}

	/** Seconds an offer has left, by the server's clock. */
	secondsLeft(row: TransferRow): number {
		return Math.ceil(msLeft(row, this.#clock.now) / 1000);
	}

	/** Offers the conversation to a colleague, or (`to` null) to any available agent. */
	offer(conversationId: string, to: string | null, note: string): Promise<TransferResult> {
		return this.#call('offer_transfer', {
			conversation_id: conversationId,
			to_agent_id: to,
			note: note.trim()
		});
	}
	accept(transferId: string): Promise<TransferResult> {
		return this.#call('accept_transfer', { transfer_id: transferId });
	}
	decline(transferId: string): Promise<TransferResult> {
		return this.#call('decline_transfer', { transfer_id: transferId });
	}
	cancel(transferId: string): Promise<TransferResult> {
		return this.#call('cancel_transfer', { transfer_id: transferId });
	}

	/** Stops the expiry timers. */
	stop(): void {
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
	}

	async #call(fn: string, args: Record<string, unknown>): Promise<TransferResult> {
		const { data, error } = await this.#client.rpc(fn, args);
		if (error) return { ok: false, code: error.code ?? '', message: error.message };
		const row = asTransfer((data as { transfer?: unknown } | null)?.transfer ?? data);
		if (row) this.#apply(row);
		return { ok: true };
	}

	async #reload(): Promise<void> {
		const { data, error } = await this.#client
			.from('transfers')
			.select('*')
			.eq('site_id', this.#siteId)
			.eq('status', 'pending');
		if (error || !data) return;
		for (const payload of data) {
			const row = asTransfer(payload);
			if (row) this.#apply(row);
		}
	}

	#apply(row: TransferRow): void {
		this.#offers = mergeTransfer(this.#offers, row);
		const held = this.#offers.get(row.id)!;
		const timer = this.#timers.get(row.id);
		if (timer) clearTimeout(timer);
		this.#timers.delete(row.id);
		if (held.status !== 'pending') return;
		// Whoever is involved asks the server to record the expiry once the time is up.
		if (held.from_agent_id !== this.#me && !this.incoming.some((r) => r.id === held.id)) return;
		this.#timers.set(
			held.id,
			setTimeout(
				() =>
					void this.#call('expire_transfer', { transfer_id: held.id }).then(() =>
						this.#refetch(held.id)
					),
				msLeft(held, this.#clock.exactNow()) + EXPIRY_GRACE_MS
			)
		);
	}

	/** expire_transfer answers only the status: read the row again. */
	async #refetch(id: string): Promise<void> {
		const { data } = await this.#client.from('transfers').select('*').eq('id', id).maybeSingle();
		const row = asTransfer(data);
		if (row) this.#apply(row);
	}
}
