/**
 * Typing indicators: the sender side throttles `typing: true` while keys are pressed and says
 * `typing: false` when the person pauses or sends; the receiving side forgets a typist after a
 * few seconds without news, so a lost `false` (a closed tab) never leaves "typing…" forever.
 */
import type { Side, Typing } from './types.ts';

/** At most one `typing: true` per this many ms while someone keeps typing. */
export const TYPING_THROTTLE_MS = 2_000;
/** A pause this long ends "typing" on the sender's side. */
export const TYPING_IDLE_MS = 3_000;
/** A typist the receiver has not heard from for this long is no longer shown. */
export const TYPING_EXPIRE_MS = 5_000;

/** Timers, injectable so specs can drive time. */
export interface Clock {
	now(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
	now: () => Date.now(),
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
};

/**
 * Sends typing state for one person, throttled. `send` answers false when it could not send
 * (the channel is still joining): the next keystroke then tries again instead of waiting out
 * the throttle, so a visitor who starts typing the moment the chat opens is still seen.
 */
export class TypingSender {
	#send: (typing: boolean) => boolean | void;
	#clock: Clock;
	#typing = false;
	#lastSentAt = -Infinity;
	#idle: unknown = null;

	constructor(send: (typing: boolean) => boolean | void, clock: Clock = realClock) {
		this.#send = send;
		this.#clock = clock;
	}

	/** The person changed the draft: say so (at most every TYPING_THROTTLE_MS). */
	input(draft: string): void {
		if (!draft.trim()) return this.stop();
		const now = this.#clock.now();
		if (!this.#typing || now - this.#lastSentAt >= TYPING_THROTTLE_MS) {
			if (this.#send(true) !== false) {
				this.#typing = true;
				this.#lastSentAt = now;
			}
		}
		if (this.#idle !== null) this.#clock.clearTimeout(this.#idle);
		this.#idle = this.#clock.setTimeout(() => this.stop(), TYPING_IDLE_MS);
	}

	/**
	 * The channel (re)joined: someone who typed while it was away and has not paused yet is
	 * announced now, not only at their next keystroke.
	 */
	joined(): void {
		if (this.#typing || this.#idle === null) return;
		if (this.#send(true) !== false) {
			this.#typing = true;
			this.#lastSentAt = this.#clock.now();
		}
	}

	/** The person sent, cleared the draft or paused: say they stopped (once). */
	stop(): void {
		if (this.#idle !== null) this.#clock.clearTimeout(this.#idle);
		this.#idle = null;
		if (!this.#typing) return;
		this.#typing = false;
		this.#send(false);
	}
}

/** Who is typing on the other side, each forgotten after TYPING_EXPIRE_MS without news. */
export class TypingTracker {
	#typists = new Map<string, { typing: Typing; timer: unknown }>();
	#onChange: (typists: Typing[]) => void;
	#clock: Clock;
	#side: Side;

	/** `side` is the receiver's own side: its own typing events (other tabs) are ignored. */
	constructor(side: Side, onChange: (typists: Typing[]) => void, clock: Clock = realClock) {
		this.#side = side;
		this.#onChange = onChange;
		this.#clock = clock;
	}

	/** The people typing now. */
	get typists(): Typing[] {
		return [...this.#typists.values()].map((t) => t.typing);
	}

	/** Takes a `typing` event. */
	receive(event: Typing): void {
		if (event.sender_kind === this.#side) return;
		const key = `${event.sender_kind}:${event.name}`;
		const held = this.#typists.get(key);
		if (held) this.#clock.clearTimeout(held.timer);
		if (!event.typing) {
			if (held && this.#typists.delete(key)) this.#onChange(this.typists);
			return;
		}
		const timer = this.#clock.setTimeout(() => {
			this.#typists.delete(key);
			this.#onChange(this.typists);
		}, TYPING_EXPIRE_MS);
		this.#typists.set(key, { typing: event, timer });
		if (!held) this.#onChange(this.typists);
	}

	/** A message from someone means they stopped typing it. */
	messageFrom(kind: Side, name?: string): void {
		for (const [key, t] of this.#typists) {
			if (t.typing.sender_kind === kind && (name === undefined || t.typing.name === name)) {
				this.#clock.clearTimeout(t.timer);
				this.#typists.delete(key);
				this.#onChange(this.typists);
			}
		}
	}

	/** Forgets everyone (teardown). */
	clear(): void {
		for (const t of this.#typists.values()) this.#clock.clearTimeout(t.timer);
		this.#typists.clear();
	}
}
