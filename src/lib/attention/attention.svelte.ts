/**
 * The console's attention: rings (sound and vibration) for new conversations and visitor
 * messages, keeps the sound's lock and mute state, and shows unread conversations on the app
 * badge. One per console; each watched site adds `listenerFor(siteId, since)` to its feed.
 */
import { getContext, setContext } from 'svelte';
import type { SiteFeedListener } from '$lib/monitoring/site-feed.ts';
import { AppBadge, type BadgeNavigator } from './badge.ts';
import { CallRings } from './call-rings.ts';
import { Chime, type ChimeEnv, type RingKind } from './chime.ts';
import { asConversationSignal, ringFor, type ConversationSignal } from './decide.ts';

/** Where this device keeps the mute choice. */
export const SOUND_KEY = 'parley.console.sound';

export interface AttentionOptions {
	me: string;
	env: ChimeEnv;
	badge: BadgeNavigator;
	storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	/** The conversation on screen and whether the page is visible, right now. */
	view: () => { openConversationId: string | null; pageVisible: boolean };
}

export class Attention {
	#o: AttentionOptions;
	#muted = $state(false);
	#unlocked = $state(false);
	#rang = $state(0);
	readonly chime: Chime;
	readonly badge: AppBadge;

	constructor(o: AttentionOptions) {
		this.#o = o;
		this.#muted = o.storage?.getItem(SOUND_KEY) === 'off';
		this.chime = new Chime(o.env, () => (this.#unlocked = this.chime.unlocked));
		this.badge = new AppBadge(o.badge);
		this.calls = new CallRings(
			o.me,
			() => this.ring('call'),
			(n) => (this.#ringing = n)
		);
	}

	get muted(): boolean {
		return this.#muted;
	}
	/** True once a tap has let sound play. */
	get unlocked(): boolean {
		return this.#unlocked;
	}
	/** Whether the "Turn on sound" control should show. */
	get needsUnlock(): boolean {
		return !this.#muted && this.chime.supported && !this.#unlocked;
	}
	/** How many times the console has rung since it opened. */
	get rang(): number {
		return this.#rang;
	}

	setMuted(muted: boolean): void {
		this.#muted = muted;
		this.#o.storage?.setItem(SOUND_KEY, muted ? 'off' : 'on');
	}

	/** From a real tap; `confirm` plays the chime so the agent hears it works. */
	async unlock(confirm = false): Promise<void> {
		await this.chime.unlock(confirm);
		this.#unlocked = this.chime.unlocked;
	}

	/** Rings unless muted; returns whether it did. */
	ring(kind: RingKind): boolean {
		if (this.#muted && kind !== 'test') return false;
		const rang = this.chime.ring(kind);
		if (rang) this.#rang = this.chime.rang;
		return rang;
	}

	#ringing = $state(0);
	/** A visitor's call rings again and again until it stops ringing. */
	readonly calls: CallRings;

	/** Calls ringing now. */
	get ringingCalls(): number {
		return this.#ringing;
	}

	/** Stops everything that repeats (the console closes). */
	destroy(): void {
		this.calls.destroy();
	}

	/**
	 * The feed listener for one site: rings for what `ringFor` says, and for a visitor's call
	 * (the site hears only those) to this agent or to nobody yet, until it stops ringing.
	 */
	listenerFor(siteId: string, since: number): SiteFeedListener {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
		const known = new Map<string, ConversationSignal>();
		return {
			conversation: (payload) => {
				const next = asConversationSignal(payload);
				if (!next || next.site_id !== siteId) return;
				const prev = known.get(next.id);
				known.set(next.id, next);
				const ring = ringFor(prev, next, {
					me: this.#o.me,
					muted: this.#muted,
					since,
					...this.#o.view()
				});
				if (ring) this.ring(ring);
			},
			call: (payload) => this.calls.receive(payload)
		};
	}
}

const ATTENTION_KEY = Symbol('console-attention');

/** Makes the console's attention available to its tabs (the Settings tab's Sound section). */
export function setAttention(attention: Attention): Attention {
	return setContext(ATTENTION_KEY, attention);
}
/** The console's attention, set by the console shell. */
export function getAttention(): Attention {
	return getContext<Attention>(ATTENTION_KEY);
}
