/**
 * The console's invitations: sending one, following its state from `site:<id>` events, asking
 * the server to expire it when its time is up (the server's clock decides), and opening the
 * conversation on this device the moment the visitor accepts one of ours.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ServerClock } from '$lib/monitoring/server-clock.svelte.ts';
import type { SiteFeedListener } from '$lib/monitoring/site-feed.ts';
import {
	applyInvitation,
	asInvitationRow,
	msUntilExpiry,
	opensConversation,
	type InvitationRow
} from './invitations.ts';

/** After expiry by our estimate of the server's clock, wait this much before asking it. */
const EXPIRY_GRACE_MS = 250;
/** On (re)join, invitations younger than this are loaded again (the longest TTL is 600 s). */
const RELOAD_WINDOW_MS = 15 * 60_000;

export type SendResult =
	{ ok: true; invitation: InvitationRow } | { ok: false; code: string; message: string };

export class InvitationDesk {
	#client: SupabaseClient;
	#siteId: string;
	#agentId: string;
	#clock: ServerClock;
	#onAccepted: (conversationId: string) => void;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated, so $state.raw tracks it
	#byVisitor = $state.raw<ReadonlyMap<string, InvitationRow>>(new Map());
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping that is never rendered
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping that is never rendered
	#opened = new Set<string>();

	constructor(
		client: SupabaseClient,
		siteId: string,
		agentId: string,
		clock: ServerClock,
		onAccepted: (conversationId: string) => void
	) {
		this.#client = client;
		this.#siteId = siteId;
		this.#agentId = agentId;
		this.#clock = clock;
		this.#onAccepted = onAccepted;
	}

	/** The latest invitation to a visitor, if any. */
	forVisitor(visitorId: string): InvitationRow | undefined {
		return this.#byVisitor.get(visitorId);
	}

	readonly listener: SiteFeedListener = {
		joined: () => void this.#reload(),
		invitation: (payload) => {
			const row = asInvitationRow(payload);
			if (row && row.site_id === this.#siteId) this.#apply(row, true);
		}
	};

	/** Invites a visitor; an empty message makes the server use the site's greeting. */
	async send(visitorId: string, message: string): Promise<SendResult> {
		const { data, error } = await this.#client.rpc('invite_visitor', {
			visitor_id: visitorId,
			message: message.trim()
		});
		if (error) return { ok: false, code: error.code ?? '', message: error.message };
		const row = asInvitationRow(data);
		if (!row) return { ok: false, code: '', message: 'unexpected answer' };
		this.#apply(row, true);
		return { ok: true, invitation: this.#byVisitor.get(visitorId) ?? row };
	}

	/** Withdraws a pending invitation. */
	async cancel(invitationId: string): Promise<string | null> {
		const { error } = await this.#client.rpc('cancel_invitation', { invitation_id: invitationId });
		return error ? error.message : null;
	}

	/** Clears timers. */
	stop(): void {
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
	}

	async #reload(): Promise<void> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off timestamp, not state
		const since = new Date(this.#clock.exactNow() - RELOAD_WINDOW_MS).toISOString();
		const { data, error } = await this.#client
			.from('chat_invitations')
			.select('*')
			.eq('site_id', this.#siteId)
			.gte('created_at', since)
			.order('created_at', { ascending: true });
		if (error || !data) return;
		for (const raw of data) {
			const row = asInvitationRow(raw);
			// Answers that came while we were away are shown, but open nothing by surprise.
			if (row) this.#apply(row, false);
		}
	}

	#apply(row: InvitationRow, live: boolean): void {
		const held = this.#byVisitor.get(row.visitor_id);
		// Events do not repeat the agent's name on every update; keep the one we know.
		const merged =
			held?.id === row.id && !row.agent_name ? { ...row, agent_name: held.agent_name } : row;
		const next = applyInvitation(this.#byVisitor, merged);
		if (next !== this.#byVisitor) this.#byVisitor = next;
		this.#schedule(row);
		if (live && opensConversation(row, this.#agentId) && !this.#opened.has(row.id)) {
			this.#opened.add(row.id);
			this.#onAccepted(row.conversation_id);
		}
	}

	/** Our own pending invitations get a timer that asks the server to expire them. */
	#schedule(row: InvitationRow): void {
		const existing = this.#timers.get(row.id);
		if (existing) clearTimeout(existing);
		this.#timers.delete(row.id);
		if (row.agent_id !== this.#agentId) return;
		const wait = msUntilExpiry(row, this.#clock.exactNow());
		if (wait === null) return;
		this.#timers.set(
			row.id,
			setTimeout(() => void this.#expire(row), wait + EXPIRY_GRACE_MS)
		);
	}

	async #expire(row: InvitationRow): Promise<void> {
		this.#timers.delete(row.id);
		const { data, error } = await this.#client.rpc('expire_invitation', { invitation_id: row.id });
		if (error) return;
		const held = this.#byVisitor.get(row.visitor_id);
		if (data === 'pending') {
			// Our clock ran ahead of the server's: look again shortly.
			await this.#clock.sync(this.#client);
			if (held?.id === row.id) this.#schedule(held);
		} else if (held?.id === row.id && typeof data === 'string' && held.status === 'pending') {
			const status = asInvitationRow({ ...held, status: data })?.status;
			if (status) this.#apply({ ...held, status }, true);
		}
	}
}
