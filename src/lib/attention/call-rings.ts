/**
 * A visitor's call rings the console again and again until it stops ringing: answered,
 * declined, cancelled, missed, or a colleague's. Plain timers; `ring` makes the sound.
 */
import { asCallSignal } from './decide.ts';

/** A call rings this often… */
export const CALL_RING_EVERY_MS = 3_000;
/** …for this long at most (the server stops a call from ringing after 45 s). */
export const CALL_RING_MAX_MS = 60_000;

export class CallRings {
	#me: string;
	#ring: () => void;
	#onChange: (ringing: number) => void;
	#calls = new Map<string, ReturnType<typeof setInterval>>();

	/** `ring` sounds once; `onChange` hears how many calls ring after every change. */
	constructor(me: string, ring: () => void, onChange: (ringing: number) => void = () => {}) {
		this.#me = me;
		this.#ring = ring;
		this.#onChange = onChange;
	}

	/** A `call` event of the site's channel (untrusted payload). */
	receive(payload: unknown): void {
		const call = asCallSignal(payload);
		if (!call) return;
		const mine = call.assigned_agent_id === null || call.assigned_agent_id === this.#me;
		if (call.status === 'ringing' && mine) this.start(call.id);
		else this.stop(call.id);
	}

	/** Rings for call `id` now and every few seconds until stop(id), a minute at most. */
	start(id: string): void {
		if (this.#calls.has(id)) return;
		const started = Date.now();
		const timer = setInterval(() => {
			if (Date.now() - started >= CALL_RING_MAX_MS) this.stop(id);
			else this.#ring();
		}, CALL_RING_EVERY_MS);
		this.#calls.set(id, timer);
		this.#onChange(this.#calls.size);
		this.#ring();
	}

	stop(id: string): void {
		if (!this.#calls.has(id)) return;
		clearInterval(this.#calls.get(id));
		this.#calls.delete(id);
		this.#onChange(this.#calls.size);
	}

	get ringing(): number {
		return this.#calls.size;
	}

	/** Stops every ring (the console closes). */
	destroy(): void {
		for (const id of [...this.#calls.keys()]) this.stop(id);
	}
}
