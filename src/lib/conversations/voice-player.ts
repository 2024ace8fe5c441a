/**
 * Playing voice messages. One player per conversation: a tap plays (or pauses) one message;
 * on the agent's side, voice messages the visitor sends also play by themselves, one after
 * another in the order they arrived. Where the browser refuses to play without a tap (no
 * unlock yet), the message says "Tap to play" and the rest wait their turn behind it.
 */
/** Where a voice message stands. */
export type VoiceState =
	'idle' | 'queued' | 'loading' | 'playing' | 'paused' | 'blocked' | 'played';

interface Item {
	id: string;
	/** Resolves to the URL to play (a signed link, or the sender's local bytes). */
	source: () => Promise<string>;
}

/** Framework-free: views subscribe with `onChange`. */
export class VoicePlayer {
	#states = new Map<string, VoiceState>();
	#order = new Map<string, number>();
	#progress: { id: string; fraction: number } | null = null;
	#listeners = new Set<() => void>();
	#queue: Item[] = [];
	#current: { id: string; audio: HTMLAudioElement } | null = null;
	#played = 0;
	/** The message whose link is being fetched: the player is busy with it already. */
	#loading: string | null = null;
	#closed = false;

	/** Calls `listener` on every change; returns the function that stops it. */
	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#changed() {
		for (const listener of this.#listeners) listener();
	}

	#set(id: string, state: VoiceState) {
		this.#states.set(id, state);
		this.#changed();
	}

	/** What a message is doing now. */
	state(id: string): VoiceState {
		return this.#states.get(id) ?? 'idle';
	}

	/** The 1-based order in which messages finished playing (for the UI and tests). */
	playedOrder(id: string): number | undefined {
		return this.#order.get(id);
	}

	/** How far the playing message is, from 0 to 1. */
	progress(id: string): number {
		return this.#progress?.id === id ? this.#progress.fraction : 0;
	}

	/** Plays `id` after those already waiting, without a tap (incoming on the agent's side). */
	enqueue(id: string, source: () => Promise<string>): void {
		if (this.#closed || this.#states.has(id)) return;
		this.#set(id, 'queued');
		this.#queue.push({ id, source });
		if (!this.#current && !this.#loading && !this.#blocked()) void this.#next();
	}

	#blocked(): boolean {
		return [...this.#states.values()].includes('blocked');
	}

	/** A tap on a message: pause or resume it, or play it now (what waits plays after it). */
	async toggle(id: string, source: () => Promise<string>): Promise<void> {
		const current = this.#current;
		if (current?.id === id) {
			if (current.audio.paused) await this.#start(current.id, current.audio);
			else {
				current.audio.pause();
				this.#set(id, 'paused');
			}
			return;
		}
		if (current) {
			current.audio.pause();
			this.#set(current.id, 'paused');
			this.#current = null;
		}
		this.#queue = this.#queue.filter((item) => item.id !== id);
		await this.#play({ id, source });
	}

	async #next(): Promise<void> {
		const item = this.#queue.shift();
		if (item) await this.#play(item);
	}

	async #play(item: Item): Promise<void> {
		if (this.#closed) return;
		this.#set(item.id, 'loading');
		this.#loading = item.id;
		let url: string;
		try {
			url = await item.source();
		} catch {
			this.#set(item.id, 'blocked');
			return;
		} finally {
			if (this.#loading === item.id) this.#loading = null;
		}
		// Another message was tapped meanwhile: that one plays; this one waits for its turn.
		if (this.#current) {
			this.#set(item.id, 'queued');
			this.#queue.unshift(item);
			return;
		}
		const audio = new Audio(url);
		audio.preload = 'auto';
		this.#current = { id: item.id, audio };
		audio.ontimeupdate = () => {
			if (audio.duration > 0 && Number.isFinite(audio.duration)) {
				this.#progress = { id: item.id, fraction: audio.currentTime / audio.duration };
				this.#changed();
			}
		};
		audio.onended = () => {
			this.#order.set(item.id, ++this.#played);
			this.#set(item.id, 'played');
			this.#progress = null;
			if (this.#current?.audio === audio) this.#current = null;
			void this.#next();
		};
		await this.#start(item.id, audio);
	}

	async #start(id: string, audio: HTMLAudioElement): Promise<void> {
		try {
			await audio.play();
			this.#set(id, 'playing');
		} catch {
			// NotAllowedError: no tap yet on this page. The person's tap on it plays it.
			this.#set(id, 'blocked');
			if (this.#current?.audio === audio) this.#current = null;
		}
	}

	/** Stops playing and forgets the queue (the conversation closed). */
	close(): void {
		this.#closed = true;
		this.#current?.audio.pause();
		this.#current = null;
		this.#queue = [];
	}
}
