/**
 * One site's page state, kept live: the site row (install state), its staff and pairing links,
 * and whether a conversation has started. The setup checklist is derived from these.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { followStaff, type Staff } from '$lib/staff/api.ts';
import { followFirstConversation, followSite, getSite } from './api.ts';
import { setupChecklist, type SetupItem } from './setup.ts';
import type { Site } from './types.ts';

export class LiveSite {
	#site = $state<Site | null>(null);
	#loaded = $state(false);
	#loadError = $state<string | null>(null);
	#staff = $state<Staff>({ members: [], invitations: [] });
	#staffError = $state<string | null>(null);
	#hasConversation = $state<boolean | null>(null);
	// Replaced whole on each read of the staff, never mutated, so a plain Date is enough.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#now = $state(new Date());

	/** The site, or null when it does not exist or may not be seen (or is still loading). */
	get site(): Site | null {
		return this.#site;
	}
	set site(site: Site | null) {
		this.#site = site;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get loadError(): string | null {
		return this.#loadError;
	}
	get staff(): Staff {
		return this.#staff;
	}
	get staffError(): string | null {
		return this.#staffError;
	}
	/** When the staff list was last read, to tell pending links from expired ones. */
	get now(): Date {
		return this.#now;
	}

	get checklist(): SetupItem[] {
		return setupChecklist({
			installedAt: this.#site?.installed_at ?? null,
			agents: this.#staff.members.filter((m) => m.role === 'agent').length,
			usedInvitations: this.#staff.invitations.filter((i) => i.used_at !== null).length,
			hasConversation: this.#hasConversation
		});
	}

	/** Loads the site and follows it; the owner also follows staff. Returns the stop. */
	start(client: SupabaseClient, id: string, userId: string): () => void {
		const stops: (() => void)[] = [];
		let stopped = false;
		this.#loaded = false;
		this.#site = null;
		void getSite(client, id).then((result) => {
			if (stopped) return;
			this.#loaded = true;
			if (!result.ok) {
				this.#loadError = result.error.message;
				return;
			}
			this.#site = result.value;
			if (!result.value) return;
			stops.push(followSite(client, id, (site) => (this.#site = site)));
			stops.push(followFirstConversation(client, id, (has) => (this.#hasConversation = has)));
			if (result.value.owner_id === userId)
				stops.push(followStaff(client, id, (staff) => this.#takeStaff(staff)));
		});
		return () => {
			stopped = true;
			for (const stop of stops) stop();
		};
	}

	/** Applies a fresh read of the staff (after the owner's own change, or a live one). */
	takeStaff(result: { ok: true; value: Staff } | { ok: false; error: { message: string } }) {
		this.#takeStaff(result);
	}

	#takeStaff(result: { ok: true; value: Staff } | { ok: false; error: { message: string } }) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		this.#now = new Date();
		if (result.ok) {
			this.#staff = result.value;
			this.#staffError = null;
		} else this.#staffError = result.error.message;
	}
}
