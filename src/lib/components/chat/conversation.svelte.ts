/**
 * A conversation session as Svelte state: the widget and the console render `chat.snapshot`
 * and call the session's methods. One instance per open conversation; `close()` on teardown.
 */
import type { AttachmentKind, AttachmentLimits } from '$lib/conversations/attachments.ts';
import { formatSize } from './format.ts';
import {
	ConversationSession,
	type SessionOptions,
	type SessionSnapshot
} from '$lib/conversations/session.ts';
import type { AttachmentStorage } from '$lib/conversations/storage-http.ts';
import { wt } from './strings.ts';
import type { VoicePlayer } from '$lib/conversations/voice-player.ts';
import type { ChatMessage } from '$lib/conversations/types.ts';
import { parseAttachment } from '$lib/conversations/attachments.ts';

/** What the message list needs to show attachments: links, local bytes, cancel. */
export interface AttachmentHost {
	/** A short-lived link to an object (signed anew when the last one is half spent). */
	link(path: string, download?: string): Promise<string>;
	/** The bytes of an own attachment still on this device. */
	local(id: string): Blob | undefined;
	cancel(id: string): void;
	/** The voice message player (its code loads with the first voice message). */
	voice?: () => Promise<VoicePlayer>;
}

/** How long after a conversation opens its attachment code loads, in milliseconds. */
const WARM_UP_MS = 2_000;
/** Signed links are reused for this long (half their life), in milliseconds. */
const LINK_REUSE_MS = 5 * 60_000;

export class ChatState {
	readonly session: ConversationSession;
	#snapshot = $state.raw<SessionSnapshot>() as SessionSnapshot;
	#notice = $state<string | null>(null);
	#stop: () => void;
	#options: SessionOptions;
	#limits: Promise<AttachmentLimits> | null = null;
	// A cache, not state: nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#links = new Map<string, { url: Promise<string>; at: number }>();
	#storage: Promise<AttachmentStorage> | null = null;
	/** Voice messages already looked at for playing by themselves. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
	#heard = new Set<string>();
	#voice: Promise<VoicePlayer> | null = null;

	/** Plays voice messages (on the agent's side, incoming ones by themselves). */
	voice(): Promise<VoicePlayer> {
		this.#voice ??= import('$lib/conversations/voice-player.ts').then((m) => new m.VoicePlayer());
		return this.#voice;
	}

	constructor(options: SessionOptions) {
		this.#options = options;
		this.session = new ConversationSession({ ...options, storage: () => this.#loadStorage() });
		this.#snapshot = this.session.snapshot;
		this.#stop = this.session.onChange((s) => {
			this.#snapshot = s;
			this.#autoplay(s.messages);
		});
		this.session.start();
		if (options.storage)
			this.#warmUp = setTimeout(() => void this.#prepareAttachments(), WARM_UP_MS);
	}

	#warmUp: ReturnType<typeof setTimeout> | undefined;

	/**
	 * Loads the attachment code and this conversation's limits while the network is there, so
	 * a file picked later, offline, still shows and waits in the outbox like text.
	 */
	async #prepareAttachments(): Promise<void> {
		try {
			const [code] = await Promise.all([
				import('$lib/conversations/attach.ts'),
				import('./AttachmentView.svelte'),
				this.#loadStorage()
			]);
			this.#limits ??= code.fetchLimits(this.#options.db, this.session.conversationId);
			await this.#limits;
		} catch {
			this.#limits = null;
		}
	}

	/**
	 * The agent's side plays the visitor's voice messages by themselves, in order: each one the
	 * agent has not read yet, the first time it shows up.
	 */
	#autoplay(messages: readonly ChatMessage[]) {
		if (this.#options.me.side !== 'agent') return;
		for (const m of messages) {
			if (m.kind !== 'voice' || m.sender_kind !== 'visitor' || this.#heard.has(m.id)) continue;
			this.#heard.add(m.id);
			const path = parseAttachment(m.attachment)?.path;
			if (path && m.read_at === null)
				void this.voice().then((player) => player.enqueue(m.id, () => this.attachments.link(path)));
		}
	}

	/** Messages, conversation, typists, connection and unread count, as they are now. */
	get snapshot(): SessionSnapshot {
		return this.#snapshot;
	}

	/** Why the last files could not be sent, for the person to read; null when all went. */
	get notice(): string | null {
		return this.#notice;
	}

	dismissNotice(): void {
		this.#notice = null;
	}

	/** Whether this conversation can take attachments (it has a storage to put them in). */
	get canAttach(): boolean {
		return this.#options.storage !== undefined;
	}

	#loadStorage(): Promise<AttachmentStorage> {
		const load = this.#options.storage;
		if (!load) return Promise.reject(new Error('no storage for attachments'));
		this.#storage ??= load().catch((err) => {
			this.#storage = null;
			throw err;
		});
		return this.#storage;
	}

	/** Links, local bytes and cancel for the message list. */
	readonly attachments: AttachmentHost = {
		link: (path, download) => {
			const key = `${path}\n${download ?? ''}`;
			const held = this.#links.get(key);
			if (held && Date.now() - held.at < LINK_REUSE_MS) return held.url;
			const url = this.#loadStorage().then((s) => s.signedUrl(path, download));
			url.catch(() => this.#links.delete(key));
			this.#links.set(key, { url, at: Date.now() });
			return url;
		},
		local: (id) => this.session.localFile(id),
		cancel: (id) => void this.session.cancel(id),
		voice: () => this.voice()
	};

	/**
	 * Sends files (picked, dropped, pasted, or a recording): the upload code loads on first
	 * use; files the conversation cannot take are named in `notice`.
	 */
	async attach(
		files: readonly File[],
		extra: { kind?: AttachmentKind; duration_ms?: number } = {}
	): Promise<void> {
		if (!files.length) return;
		this.#notice = null;
		try {
			const code = await import('$lib/conversations/attach.ts');
			this.#limits ??= code.fetchLimits(this.#options.db, this.session.conversationId);
			const limits = await this.#limits.catch((err) => {
				this.#limits = null;
				throw err;
			});
			const refused = await code.sendFiles(this.session, this.#options.me, limits, files, extra);
			this.#notice =
				refused
					.map((r) =>
						wt(`attach.refused.${r.refusal}`, { name: r.name, max: formatSize(r.maxBytes) })
					)
					.join(' ') || null;
		} catch {
			this.#notice = wt('attach.unavailable');
		}
	}

	/** Leaves the conversation's channel. */
	close(): Promise<void> {
		clearTimeout(this.#warmUp);
		this.#stop();
		void this.#voice?.then((player) => player.close());
		return this.session.close();
	}
}
