/** The Settings section's notification state for this device. */
import {
	currentStatus,
	turnOff,
	turnOn,
	type PushDb,
	type PushPlatform,
	type PushStatus
} from './device.ts';

export class PushState {
	#status = $state<PushStatus | 'loading'>('loading');
	#busy = $state(false);
	#error = $state<string | null>(null);
	#db: PushDb;
	#platform: PushPlatform;

	constructor(db: PushDb, platform: PushPlatform) {
		this.#db = db;
		this.#platform = platform;
	}

	/** on, off, blocked, unsupported, or loading before the first check. */
	get status() {
		return this.#status;
	}
	/** True while a change is under way. */
	get busy() {
		return this.#busy;
	}
	/** The last failure's message, or null. */
	get error() {
		return this.#error;
	}

	/** Reads the device's state (and re-saves a subscription the browser still holds). */
	async refresh(): Promise<void> {
		await this.#run(() => currentStatus(this.#db, this.#platform));
	}

	/** Turns notifications on or off for this device. */
	async set(on: boolean): Promise<void> {
		await this.#run(() => (on ? turnOn : turnOff)(this.#db, this.#platform));
	}

	async #run(step: () => Promise<PushStatus>): Promise<void> {
		this.#busy = true;
		this.#error = null;
		try {
			this.#status = await step();
		} catch (err) {
			this.#error = (err as Error).message;
			if (this.#status === 'loading') this.#status = 'off';
		} finally {
			this.#busy = false;
		}
	}
}
