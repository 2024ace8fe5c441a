/**
 * Inactivity: the console goes away when the agent has given it no input for a while, and
 * comes back on return. Time is compared by timestamps, not by one long timer, because a
 * hidden tab's timers are throttled (Chromium runs them once a minute, or rarer): the check
 * runs on a short interval and again whenever the page becomes visible. Time spent hidden
 * counts as inactivity; the page becoming visible again counts as input.
 */

/** Inactivity before the console goes away, unless the agent chose another. */
export const DEFAULT_AWAY_AFTER_MS = 5 * 60_000;
/** Where this device keeps the agent's choice (milliseconds; 0 = never). */
export const AWAY_AFTER_KEY = 'parley.console.awayAfterMs';
/** The choices the Settings tab offers, in minutes (0 = never). */
export const AWAY_AFTER_CHOICES = [0, 2, 5, 10, 15, 30, 60] as const;
/** Longest allowed timeout: a day. */
const MAX_AWAY_AFTER_MS = 24 * 60 * 60_000;

/** The DOM events that count as input. */
export const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;

/** The timeout kept on this device: a whole number of ms in [0, a day], else the default. */
export function awayAfterMs(storage: Pick<Storage, 'getItem'> | null): number {
	const raw = storage?.getItem(AWAY_AFTER_KEY);
	if (raw == null || !/^\d{1,9}$/.test(raw)) return DEFAULT_AWAY_AFTER_MS;
	const ms = Number(raw);
	return ms <= MAX_AWAY_AFTER_MS ? ms : DEFAULT_AWAY_AFTER_MS;
}

export interface IdleOptions {
	/** No input for this long makes the tracker idle; 0 never does. */
	timeoutMs: number;
	onIdle(): void;
	onActive(): void;
	now?: () => number;
	/** How often the clock is looked at (default: a quarter of the timeout, 1–15 s). */
	checkEveryMs?: number;
}

export class IdleTracker {
	#options: IdleOptions;
	#now: () => number;
	#last: number;
	#idle = false;
	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(options: IdleOptions) {
		this.#options = options;
		this.#now = options.now ?? Date.now;
		this.#last = this.#now();
	}

	get idle(): boolean {
		return this.#idle;
	}

	/** Input happened: remember when, and come back if idle. */
	activity(): void {
		this.#last = this.#now();
		if (this.#idle) {
			this.#idle = false;
			this.#options.onActive();
		}
	}

	/** Looks at the clock: idle once the timeout has passed without input. */
	check(): void {
		const { timeoutMs } = this.#options;
		if (this.#idle || timeoutMs <= 0) return;
		if (this.#now() - this.#last >= timeoutMs) {
			this.#idle = true;
			this.#options.onIdle();
		}
	}

	/** Starts the periodic check; returns the function that stops it. */
	start(): () => void {
		this.stop();
		const { timeoutMs, checkEveryMs } = this.#options;
		if (timeoutMs <= 0) return () => {};
		const every = checkEveryMs ?? Math.min(15_000, Math.max(1_000, Math.floor(timeoutMs / 4)));
		this.#timer = setInterval(() => this.check(), every);
		return () => this.stop();
	}

	stop(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}

	/**
	 * Listens for input on `target` and for visibility on `doc`; returns the removal. Input
	 * events are passive and only note a timestamp, so they cost nothing while scrolling.
	 */
	listen(target: EventTarget, doc: Document): () => void {
		const onInput = () => this.activity();
		const onVisibility = () => (doc.visibilityState === 'visible' ? this.activity() : this.check());
		for (const name of INPUT_EVENTS) target.addEventListener(name, onInput, { passive: true });
		doc.addEventListener('visibilitychange', onVisibility);
		const stopTimer = this.start();
		return () => {
			for (const name of INPUT_EVENTS) target.removeEventListener(name, onInput);
			doc.removeEventListener('visibilitychange', onVisibility);
			stopTimer();
		};
	}
}

export type Availability = 'online' | 'away' | 'offline';

/**
 * What inactivity does to the agent's availability. Only a console the agent left online
 * goes away, and only a console that went away by itself comes back: a chosen "away" stays.
 */
export function onIdle(availability: Availability): { set: Availability | null; auto: boolean } {
	return availability === 'online' ? { set: 'away', auto: true } : { set: null, auto: false };
}

/** What the agent's return does: back online only when inactivity made them away. */
export function onReturn(
	availability: Availability,
	autoAway: boolean
): { set: Availability | null; auto: boolean } {
	return autoAway && availability === 'away'
		? { set: 'online', auto: false }
		: { set: null, auto: false };
}
