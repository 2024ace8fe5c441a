/**
 * The server's clock for the console, as reactive state: the offset measured with
 * `server_time()`, and a `now` that ticks every second so "time on site" counts up and stale
 * visitors drop off without an event.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { clockOffsetMs } from './clock.ts';

export const CLOCK_TICK_MS = 1_000;

export class ServerClock {
	#offsetMs = $state(0);
	#deviceNow = $state(Date.now());

	/** The server's now in milliseconds, updated every tick. */
	get now(): number {
		return this.#deviceNow + this.#offsetMs;
	}

	/** The server's now right this moment (for code paths between ticks). */
	exactNow(): number {
		return Date.now() + this.#offsetMs;
	}

	/** Measures the offset; keeps the last one when the call fails. */
	async sync(client: SupabaseClient): Promise<void> {
		const sent = Date.now();
		const { data, error } = await client.rpc('server_time');
		if (error || typeof data !== 'string') return;
		this.#offsetMs = clockOffsetMs(data, sent, Date.now());
	}

	/** Starts ticking; returns the function that stops it. */
	start(): () => void {
		const timer = setInterval(() => (this.#deviceNow = Date.now()), CLOCK_TICK_MS);
		return () => clearInterval(timer);
	}
}
