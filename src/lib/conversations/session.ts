/**
 * One open conversation as a client lives it: the messages (held, fetched and arriving), own
 * sends with their states, the other side's typing, receipts sent while the person can see
 * the messages, and the connection state. Framework-free: it reports changes to listeners
 * (`components/chat/conversation.svelte.ts` turns them into Svelte state).
 */
import { fetchMessages, markDelivered, markRead, type Db } from './api.ts';
import { ConversationChannel, type ConnectionState, type Realtime } from './channel.ts';
import { parseAttachment } from './attachments.ts';
import { flushOutbox, memoryStore, waiting, type SessionStore } from './outbox.ts';
import type { AttachmentStorage } from './storage-http.ts';
import { emptyState, reconcile, type Change, type LocalState } from './reconcile.ts';
import { conversationAfter, hasUndelivered, unreadCount } from './state.ts';
import { realClock, TypingSender, TypingTracker, type Clock } from './typing.ts';
import type { ChatMessage, ConversationRow, MessageRow, Side, Typing } from './types.ts';
import { MESSAGE_MAX_CHARS } from './types.ts';

/** Who the client is in the conversation. */
export interface Me {
	id: string;
	side: Side;
	/** Shown to the other side while typing (an agent's name; '' for a visitor). */
	name: string;
}

export interface SessionOptions {
	db: Db;
	/**
	 * The realtime client, or how to load it: the widget's first screen is ready before its
	 * code arrives, and the channel joins once it has (history and sends go over REST).
	 */
	realtime: Realtime | (() => Promise<Realtime>);
	conversationId: string;
	me: Me;
	/** The conversation as the caller already knows it (status, assigned agent and name). */
	conversation?: ConversationRow | null;
	/** Whether the person sees the messages now (decides read versus delivered receipts). */
	visible?: boolean;
	/**
	 * Where own unsent messages wait (and the console keeps the history): localStorage in the
	 * widget, IndexedDB in the console; memory when not given.
	 */
	store?: SessionStore;
	newId?: () => string;
	clock?: Clock;
	/** The attachments bucket, loaded on first use (only sessions that send files need it). */
	storage?: () => Promise<AttachmentStorage>;
}

/** What a session shows; a new object on every change. */
export interface SessionSnapshot {
	messages: ChatMessage[];
	conversation: ConversationRow | null;
	typists: Typing[];
	connection: ConnectionState;
	/** Messages of the other side this side has not read. */
	unread: number;
	/** Own attachments being uploaded: how far, from 0 to 1, by message id. */
	progress: Readonly<Record<string, number>>;
}

/** A realtime client that failed to load is tried again after 1 s, doubling up to this. */
const REALTIME_RETRY_MAX_MS = 30_000;
/** Receipts wait this long so a burst of messages costs one call. */
const RECEIPT_DELAY_MS = 250;
/** After a network failure the outbox is tried again this soon, doubling up to the maximum. */
const OUTBOX_RETRY_MS = 2_000;
const OUTBOX_RETRY_MAX_MS = 30_000;

export class ConversationSession {
	#o: Required<Omit<SessionOptions, 'conversation' | 'visible' | 'storage'>>;
	#storage: (() => Promise<AttachmentStorage>) | undefined;
	/** The bytes of own attachments not yet stored, by message id. */
	#files = new Map<string, Blob>();
	#uploads = new Map<string, AbortController>();
	#progress: Record<string, number> = {};
	#state: LocalState = emptyState();
	#conversation: ConversationRow | null;
	#visible: boolean;
	#channel: ConversationChannel | null = null;
	#typing: TypingTracker;
	#typingSender: TypingSender;
	#listeners = new Set<(s: SessionSnapshot) => void>();
	#snapshot: SessionSnapshot;
	#receiptTimer: unknown = null;
	#receiptBusy = false;
	#closed = false;
	#flushing: Promise<void> | null = null;
	#flushAgain = false;
	#retryTimer: unknown = null;
	#retryMs = OUTBOX_RETRY_MS;

	constructor(options: SessionOptions) {
		this.#o = {
			newId: () => crypto.randomUUID(),
			clock: realClock,
			store: memoryStore(),
			...options
		};
		this.#storage = options.storage;
		this.#conversation = options.conversation ?? null;
		this.#visible = options.visible ?? true;
		this.#typing = new TypingTracker(options.me.side, () => this.#changed(), this.#o.clock);
		this.#typingSender = new TypingSender(
			(typing) =>
				this.#channel?.sendTyping({
					sender_kind: options.me.side,
					name: options.me.name,
					typing
				}) ?? false,
			this.#o.clock
		);
		this.#snapshot = this.#makeSnapshot();
	}

	get conversationId(): string {
		return this.#o.conversationId;
	}

	/** The current state. */
	get snapshot(): SessionSnapshot {
		return this.#snapshot;
	}

	/** Calls `listener` on every change; returns the function that stops it. */
	onChange(listener: (s: SessionSnapshot) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	get #messages(): ChatMessage[] {
		return this.#state.messages;
	}

	#apply(change: Change) {
		const next = reconcile(this.#state, change);
		if (next === this.#state) return;
		this.#state = next;
		this.#changed();
	}

	/** Shows what the device holds, loads the history and joins the conversation's channel. */
	start(): void {
		if (this.#started || this.#closed) return;
		this.#started = true;
		void this.#loadLocal();
		const realtime = this.#o.realtime;
		if (typeof realtime != 'function') this.#join(realtime);
		else this.#loadRealtime(realtime, 0);
		void this.refresh();
	}

	/** Joins once the realtime code is in; a failed load (the network went) is tried again. */
	#loadRealtime(load: () => Promise<Realtime>, failures: number) {
		load().then(
			(client) => {
				if (this.#closed) return;
				this.#join(client);
				this.#changed();
			},
			() => {
				if (this.#closed) return;
				// REST still sends meanwhile; the live part comes back with the code.
				this.#unjoined = 'reconnecting';
				this.#changed();
				const delay = Math.min(REALTIME_RETRY_MAX_MS, 1_000 * 2 ** failures);
				this.#realtimeTimer = this.#o.clock.setTimeout(
					() => this.#loadRealtime(load, failures + 1),
					delay
				);
			}
		);
	}

	#realtimeTimer: unknown = null;
	#started = false;
	/** What the connection shows before the channel exists. */
	#unjoined: ConnectionState = 'connecting';

	#join(realtime: Realtime) {
		this.#channel = new ConversationChannel(realtime, this.#o.conversationId, {
			message: (row) => this.#receive([row]),
			receipt: (receipt) => {
				this.#apply({ type: 'receipt', receipt });
				this.#o.store.keep?.(this.#messages.filter((m) => !m.pending));
			},
			conversation: (row) => {
				this.#conversation = {
					...this.#conversation,
					...row,
					agent_name: row.agent_name ?? this.#conversation?.agent_name
				};
				this.#changed();
			},
			typing: (typing) => this.#typing.receive(typing),
			// After every (re)join: what was missed while away, and sends that failed meanwhile.
			joined: () => {
				this.#typingSender.joined();
				void this.refresh();
				void this.flush();
			},
			state: () => this.#changed()
		});
	}

	/** The conversation's channel once started (calls listen and signal on it), else null. */
	get channel(): ConversationChannel | null {
		return this.#channel;
	}

	/** Merges what the caller learnt about the conversation elsewhere (e.g. the agent's name). */
	describe(row: ConversationRow): void {
		if (row.id !== this.#o.conversationId) return;
		this.#conversation = { ...this.#conversation, ...row };
		this.#changed();
	}

	/** Merges rows learnt elsewhere (agents' internal entries come on the site's channel). */
	receive(rows: readonly MessageRow[]): void {
		const mine = rows.filter((r) => r.conversation_id === this.#o.conversationId);
		if (!this.#closed && mine.length) this.#receive(mine);
	}

	/** Fetches the newest messages and merges them in. */
	async refresh(): Promise<void> {
		try {
			const rows = await fetchMessages(this.#o.db, this.#o.conversationId);
			if (!this.#closed) this.#receive(rows);
		} catch {
			// The next (re)join fetches again; the connection state shows the trouble.
		}
	}

	async #loadLocal(): Promise<void> {
		try {
			const held = await this.#o.store.load(this.#o.conversationId);
			if (this.#closed) return;
			this.#receive(
				held.filter((m) => !m.pending),
				false
			);
			for (const m of held.filter((m) => m.pending)) {
				this.#apply({ type: 'queued', message: m });
				if (m.pending?.state === 'failed')
					this.#apply({ type: 'refused', id: m.id, reason: m.pending.reason });
			}
			// A reload since files were picked: their kept bytes, for the previews and the upload.
			const unsent = held.filter((m) => m.pending && m.attachment);
			if (unsent.length) {
				await Promise.all(unsent.map((m) => this.#keptFile(m.id)));
				if (this.#closed) return;
				this.#changed();
			}
			if (held.some(waiting)) void this.flush();
		} catch {
			// Nothing stored, or storage blocked: the server's history follows.
		}
	}

	/**
	 * Sends a text message (or, with `note`, an agents' internal note, optionally whispered to
	 * one colleague, and optionally a draft reply); its state shows in the list at once. Empty
	 * drafts are ignored.
	 */
	async send(
		draft: string,
		note?: { internal: true; to_agent_id: string | null; draft?: boolean }
	): Promise<void> {
		const body = draft.trim();
		if (!body || body.length > MESSAGE_MAX_CHARS || this.#closed) return;
		// A note is for the site's agents: typing in it tells the visitor nothing.
		if (!note) this.#typingSender.stop();
		const message: ChatMessage = {
			id: this.#o.newId(),
			conversation_id: this.#o.conversationId,
			sender_id: this.#o.me.id,
			sender_kind: this.#o.me.side,
			kind: 'text',
			body,
			attachment: null,
			created_at: new Date(this.#o.clock.now()).toISOString(),
			delivered_at: null,
			read_at: null,
			...(note ?? {}),
			pending: { state: 'queued' }
		};
		this.#apply({ type: 'queued', message });
		await this.#o.store.put(message).catch(() => {});
		await this.flush();
	}

	/**
	 * Sends an image, file or voice message: shown at once with its local bytes, uploaded when
	 * its turn in the outbox comes, then inserted. `message` is built by `attach.ts`.
	 */
	async sendAttachment(message: ChatMessage, blob: Blob): Promise<void> {
		if (this.#closed || message.conversation_id !== this.#o.conversationId) return;
		this.#files.set(message.id, blob);
		const queued: ChatMessage = { ...message, pending: { state: 'queued' } };
		this.#apply({ type: 'queued', message: queued });
		// The bytes first: an entry whose bytes are not kept cannot be sent after a reload.
		await this.#o.store.files?.put(message.id, message.conversation_id, blob).catch(() => {});
		await this.#o.store.put(queued).catch(() => {});
		// Not awaited: the next file shows at once rather than after this one's upload.
		void this.flush();
	}

	/** An attachment's bytes kept by the store (a reload since it was picked), into memory. */
	async #keptFile(id: string): Promise<Blob | undefined> {
		const blob = await this.#o.store.files?.get(id).catch(() => undefined);
		if (blob && !this.#closed) this.#files.set(id, blob);
		return blob;
	}

	/** The server has message `id`: its bytes need not wait on the device any more. */
	#sent(id: string) {
		if (!this.#files.delete(id)) return;
		void this.#o.store.files?.remove(id).catch(() => {});
	}

	/** The bytes of an own attachment still on this device (for its preview), if any. */
	localFile(id: string): Blob | undefined {
		return this.#files.get(id);
	}

	/**
	 * Cancels an own attachment that is not sent yet: stops its upload, forgets it, and removes
	 * an object already stored for it (no message will name it).
	 */
	async cancel(id: string): Promise<void> {
		const message = this.#messages.find((m) => m.id === id);
		if (!message?.pending) return;
		this.#uploads.get(id)?.abort();
		this.#files.delete(id);
		this.#setProgress(id, null);
		this.#apply({ type: 'deleted', id });
		await this.#o.store.remove(id).catch(() => {});
		await this.#o.store.files?.remove(id).catch(() => {});
		const path = parseAttachment(message.attachment)?.path;
		if (path && this.#storage) await (await this.#storage()).remove([path]).catch(() => {});
	}

	/** A refused attachment message: its object, if stored, is named by nothing; remove it. */
	#forgetObject(id: string) {
		void this.#o.store.files?.remove(id).catch(() => {});
		const path = parseAttachment(this.#messages.find((m) => m.id === id)?.attachment)?.path;
		if (!path || !this.#storage) return;
		void this.#storage()
			.then((storage) => storage.remove([path]))
			.catch(() => {});
	}

	#setProgress(id: string, fraction: number | null) {
		const next = { ...this.#progress };
		if (fraction === null) delete next[id];
		else next[id] = fraction;
		this.#progress = next;
		this.#changed();
	}

	/** Stores an outbox entry's object before its message goes out. */
	#prepare = async (entry: ChatMessage) => {
		const attachment = parseAttachment(entry.attachment);
		const blob = this.#files.get(entry.id) ?? (await this.#keptFile(entry.id));
		if (!attachment || !blob || !this.#storage)
			return { ok: false as const, reason: 'lost' as const };
		const storage = await this.#storage();
		const abort = new AbortController();
		this.#uploads.set(entry.id, abort);
		this.#setProgress(entry.id, 0);
		try {
			const outcome = await storage.upload(
				attachment.path,
				blob,
				attachment.mime,
				(fraction) => this.#setProgress(entry.id, fraction),
				abort.signal
			);
			if (abort.signal.aborted) return { ok: false as const, reason: 'cancelled' as const };
			return outcome;
		} finally {
			this.#uploads.delete(entry.id);
			this.#setProgress(entry.id, null);
		}
	};

	/** Sends a failed message again, with the same id (a duplicate is ignored by the server). */
	async retry(id: string): Promise<void> {
		const message = this.#messages.find((m) => m.id === id);
		if (!message || message.pending?.state !== 'failed') return;
		const queued: ChatMessage = { ...message, pending: { state: 'queued' } };
		this.#apply({ type: 'network', id });
		await this.#o.store.put(queued).catch(() => {});
		await this.flush();
	}

	/**
	 * Sends what waits in the outbox, in order, one flush at a time (a call during a flush runs
	 * another after it). A network failure leaves the rest queued and tries again later.
	 */
	flush(): Promise<void> {
		if (this.#flushing) {
			this.#flushAgain = true;
			return this.#flushing;
		}
		const run = async () => {
			do {
				this.#flushAgain = false;
				let ok: boolean;
				try {
					ok = await flushOutbox(
						this.#o.db,
						this.#o.store,
						this.#o.conversationId,
						(change) => {
							if (this.#closed) return;
							if (change.type === 'rows' || change.type === 'confirmed') {
								for (const row of change.type === 'rows' ? change.rows : [change])
									this.#sent(row.id);
							}
							if (change.type === 'refused') this.#forgetObject(change.id);
							if (change.type === 'rows') this.#receive(change.rows);
							else this.#apply(change);
						},
						this.#prepare
					);
				} catch {
					ok = false;
				}
				if (this.#closed) return;
				if (ok) this.#retryMs = OUTBOX_RETRY_MS;
				else this.#scheduleFlush();
			} while (this.#flushAgain && !this.#closed);
		};
		this.#flushing = run().finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	#scheduleFlush() {
		if (this.#retryTimer !== null || this.#closed) return;
		this.#retryTimer = this.#o.clock.setTimeout(() => {
			this.#retryTimer = null;
			void this.flush();
		}, this.#retryMs);
		this.#retryMs = Math.min(this.#retryMs * 2, OUTBOX_RETRY_MAX_MS);
	}

	/** The person edited the draft (sends typing, throttled). */
	input(draft: string): void {
		this.#typingSender.input(draft);
	}

	/** Whether the person sees the messages now; becoming visible reads what arrived. */
	setVisible(visible: boolean): void {
		if (visible === this.#visible) return;
		this.#visible = visible;
		this.#scheduleReceipt();
	}

	#receive(rows: readonly MessageRow[], keep = true) {
		this.#apply({ type: 'rows', rows });
		if (keep && rows.length) this.#o.store.keep?.(rows);
		this.#conversation = conversationAfter(this.#conversation, rows);
		for (const row of rows) {
			if (row.sender_kind !== this.#o.me.side && row.sender_kind !== 'system') {
				this.#typing.messageFrom(row.sender_kind);
			}
		}
		this.#changed();
		this.#scheduleReceipt();
	}

	#scheduleReceipt() {
		if (this.#receiptTimer !== null || this.#closed) return;
		this.#receiptTimer = this.#o.clock.setTimeout(() => {
			this.#receiptTimer = null;
			void this.#sendReceipt();
		}, RECEIPT_DELAY_MS);
	}

	async #sendReceipt() {
		const side = this.#o.me.side;
		const read = this.#visible && unreadCount(this.#messages, side) > 0;
		if (this.#receiptBusy || (!read && !hasUndelivered(this.#messages, side))) return;
		this.#receiptBusy = true;
		try {
			await (read ? markRead : markDelivered)(this.#o.db, this.#o.conversationId);
			// The receipt broadcast confirms it too; applying it here stops a second call.
			// Up to the newest message held, even if this device's clock is behind the server's.
			const newest = this.#messages.findLast((m) => !m.pending)?.created_at;
			const at = Math.max(this.#o.clock.now(), newest ? Date.parse(newest) : 0);
			const now = new Date(at).toISOString();
			this.#apply({
				type: 'receipt',
				receipt: {
					conversation_id: this.#o.conversationId,
					reader_kind: side,
					delivered_at: now,
					read_at: read ? now : null
				}
			});
		} catch {
			// A closed or unreachable conversation: the next message or rejoin tries again.
		} finally {
			this.#receiptBusy = false;
		}
	}

	#makeSnapshot(): SessionSnapshot {
		return {
			messages: this.#messages,
			conversation: this.#conversation,
			typists: this.#typing.typists,
			connection: this.#channel?.state ?? this.#unjoined,
			unread: unreadCount(this.#messages, this.#o.me.side),
			progress: this.#progress
		};
	}

	#changed() {
		this.#snapshot = this.#makeSnapshot();
		for (const listener of this.#listeners) listener(this.#snapshot);
	}

	/** Stops typing, leaves the channel and stops reporting. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#typingSender.stop();
		this.#closed = true;
		for (const upload of this.#uploads.values()) upload.abort();
		if (this.#receiptTimer !== null) this.#o.clock.clearTimeout(this.#receiptTimer);
		if (this.#retryTimer !== null) this.#o.clock.clearTimeout(this.#retryTimer);
		if (this.#realtimeTimer !== null) this.#o.clock.clearTimeout(this.#realtimeTimer);
		this.#typing.clear();
		await this.#channel?.close();
		this.#listeners.clear();
	}
}
