/**
 * The console's chime, synthesised with WebAudio (nothing to download). Browsers start an
 * AudioContext suspended until the person taps the page, so the console is "locked" until a
 * real tap unlocks it: the shell shows a "Turn on sound" button, and any tap in the console
 * also unlocks. Vibration goes with it where the device has it.
 */
export type AudioContextLike = Pick<
	AudioContext,
	'state' | 'resume' | 'createOscillator' | 'createGain' | 'currentTime' | 'destination'
>;

export interface ChimeEnv {
	createContext?: () => AudioContextLike;
	vibrate?: (pattern: number[]) => boolean;
}

/** What rings: a message, a new conversation, a visitor's call (again and again), a test. */
export type RingKind = 'conversation' | 'message' | 'call' | 'test';

/** Two short rising notes; a new conversation rings one more; a call trills. */
const NOTES: Record<RingKind, number[]> = {
	message: [880, 1320],
	conversation: [660, 880, 1320],
	call: [988, 784, 988, 784],
	test: [880, 1320]
};
const VIBRATION: Record<RingKind, number[]> = {
	message: [120],
	conversation: [120, 80, 120],
	call: [300, 150, 300],
	test: [60]
};
/** Rings closer together than this make one sound. */
export const MIN_RING_GAP_MS = 1500;

export class Chime {
	#env: ChimeEnv;
	#ctx: AudioContextLike | null = null;
	#lastRing = -Infinity;
	#onChange: () => void;
	/** How many times it has rung (for the console's `data-rang` and tests). */
	rang = 0;

	constructor(env: ChimeEnv, onChange: () => void = () => {}) {
		this.#env = env;
		this.#onChange = onChange;
	}

	/** False until a tap has let audio play (or when the device has no WebAudio). */
	get unlocked(): boolean {
		return this.#ctx?.state === 'running';
	}
	get supported(): boolean {
		return !!this.#env.createContext;
	}

	/** Call from a real tap: makes or resumes the context. Plays `confirm` as proof. */
	async unlock(confirm = false): Promise<boolean> {
		if (!this.#env.createContext) return false;
		try {
			this.#ctx ??= this.#env.createContext();
			if (this.#ctx.state !== 'running') await this.#ctx.resume();
		} catch {
			return false;
		}
		this.#onChange();
		if (confirm && this.unlocked) this.#tone(NOTES.test);
		return this.unlocked;
	}

	/** Rings (sound when unlocked, vibration where supported); false when it stayed quiet. */
	ring(kind: RingKind, now = Date.now()): boolean {
		if (now - this.#lastRing < MIN_RING_GAP_MS) return false;
		this.#lastRing = now;
		let rang = false;
		if (this.unlocked) rang = this.#tone(NOTES[kind]);
		try {
			if (this.#env.vibrate?.(VIBRATION[kind])) rang = true;
		} catch {
			// Some browsers throw without a prior tap; the sound still counts.
		}
		if (rang) this.rang++;
		return rang;
	}

	#tone(notes: number[]): boolean {
		const ctx = this.#ctx;
		if (!ctx) return false;
		try {
			const start = ctx.currentTime + 0.01;
			notes.forEach((freq, i) => {
				const at = start + i * 0.12;
				const osc = ctx.createOscillator();
				const gain = ctx.createGain();
				osc.type = 'sine';
				osc.frequency.value = freq;
				gain.gain.setValueAtTime(0.0001, at);
				gain.gain.exponentialRampToValueAtTime(0.25, at + 0.015);
				gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.11);
				osc.connect(gain).connect(ctx.destination);
				osc.start(at);
				osc.stop(at + 0.12);
			});
			return true;
		} catch {
			return false;
		}
	}
}

/** The chime's environment in a browser. */
export function browserChimeEnv(win: Window): ChimeEnv {
	const w = win as unknown as {
		AudioContext?: typeof AudioContext;
		webkitAudioContext?: typeof AudioContext;
	};
	const Ctx = w.AudioContext ?? w.webkitAudioContext;
	const nav = win.navigator;
	return {
		createContext: Ctx ? () => new Ctx() : undefined,
		vibrate: typeof nav.vibrate === 'function' ? (p) => nav.vibrate(p) : undefined
	};
}
