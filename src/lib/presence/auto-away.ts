/**
 * The console's automatic away: inactivity turns an online agent away, and their return turns
 * them online again. Whether the current "away" came from inactivity is kept on the device, so
 * a reload (or the next morning) still brings an auto-away agent back, and a chosen away never.
 */
import { IdleTracker, onIdle, onReturn, type Availability } from './idle.ts';

const AUTO_KEY = 'parley.console.autoAway';

export interface AutoAwayOptions {
	timeoutMs: number;
	availability: () => Availability;
	setAvailability: (next: Availability) => Promise<string | null>;
	storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
	now?: () => number;
	checkEveryMs?: number;
}

export class AutoAway {
	readonly tracker: IdleTracker;
	#o: AutoAwayOptions;

	constructor(o: AutoAwayOptions) {
		this.#o = o;
		this.tracker = new IdleTracker({
			timeoutMs: o.timeoutMs,
			now: o.now,
			checkEveryMs: o.checkEveryMs,
			onIdle: () => void this.#idle(),
			onActive: () => void this.back()
		});
	}

	get auto(): boolean {
		return this.#o.storage?.getItem(AUTO_KEY) === '1';
	}
	#setAuto(auto: boolean): void {
		if (auto) this.#o.storage?.setItem(AUTO_KEY, '1');
		else this.#o.storage?.removeItem(AUTO_KEY);
	}

	async #idle(): Promise<void> {
		const step = onIdle(this.#o.availability());
		if (!step.set) return;
		if (!(await this.#o.setAvailability(step.set))) this.#setAuto(step.auto);
	}

	/** The agent is back: online again if inactivity had made them away. */
	async back(): Promise<void> {
		const step = onReturn(this.#o.availability(), this.auto);
		// Any other state means the agent chose it since: forget the automatic away.
		this.#setAuto(false);
		if (step.set) {
			const error = await this.#o.setAvailability(step.set);
			if (error) this.#setAuto(true);
		}
	}
}
