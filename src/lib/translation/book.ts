/**
 * A conversation's translations as one client reads them: which messages want one, in which
 * language, what is kept already (on the server with the message, and in the console on the
 * device), and asking POST /api/translate for the rest, by message id so the translation is
 * kept with the message and every reader gets it once. Framework-free; the widget and the
 * console render `entry()` and call `update()` whenever the messages or settings change.
 */
import type { ChatMessage, Side } from '../conversations/types.ts';
import { parseTag } from './tags.ts';

/** What a client knows about translating a conversation. */
export interface TranslationContext {
	side: Side;
	/** Translation is set up on the server and on for this conversation. */
	enabled: boolean;
	/** The conversation's visitor language ('' when not known yet). */
	visitorLanguage: string;
	/** The agent's own language (the console's interface language); '' on the visitor's side. */
	agentLanguage: string;
}

/** Why a message shows as written: the service could not help now, or lacks the pair. */
export type TranslationFailure = 'unavailable' | 'unsupported';

/** A message's translation as the reader's client holds it. */
export type Entry =
	| { state: 'pending' }
	| { state: 'done'; text: string }
	| { state: 'failed'; failure: TranslationFailure; at: number }
	/** Nothing to show: same language, or translation is off on the server. */
	| { state: 'none' };

/** A kept translation. */
export interface KeptTranslation {
	message_id: string;
	conversation_id: string;
	language: string;
	body: string;
}

/** Whether two tags name the same language (`es` and `es-ES` do). */
export function sameLanguage(a: string, b: string): boolean {
	const x = parseTag(a);
	const y = parseTag(b);
	return !!x && !!y && x.language === y.language;
}

/**
 * The language `message` is translated into for this client, or null when it is not: only
 * text messages between the visitor and the agents, never internal notes. The visitor reads
 * the agents' messages in their language; agents read the visitor's in theirs, and see their
 * own side's messages as the visitor reads them.
 */
export function translationTarget(
	message: Pick<ChatMessage, 'kind' | 'body' | 'internal' | 'sender_kind' | 'pending'>,
	ctx: TranslationContext
): string | null {
	if (!ctx.enabled || message.kind !== 'text' || message.internal || message.pending) return null;
	if (!message.body.trim()) return null;
	const visitor = parseTag(ctx.visitorLanguage)?.tag;
	if (!visitor) return null;
	if (ctx.side === 'visitor') return message.sender_kind === 'agent' ? visitor : null;
	const agent = parseTag(ctx.agentLanguage)?.tag;
	if (!agent || sameLanguage(agent, visitor)) return null;
	if (message.sender_kind === 'visitor') return agent;
	if (message.sender_kind === 'agent') return visitor;
	return null;
}

const errorCode = (body: unknown): unknown =>
	((body as { error?: { code?: unknown } } | null)?.error ?? {}).code;

/** What the route's answer means for the reader (`status` 0: the network failed). */
export function entryFromAnswer(status: number, body: unknown, now: number): Entry {
	const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	if (status === 200 && typeof b.translation === 'string')
		return { state: 'done', text: b.translation };
	if (status === 200 && b.reason === 'off') return { state: 'none' };
	if (status === 200 && b.reason === 'unsupported_pair')
		return { state: 'failed', failure: 'unsupported', at: now };
	const code = errorCode(body);
	// Nothing to translate (same language, not known yet, not a text): the original is all there is.
	if (status === 400 || status === 404)
		return code === 'same_language' || code === 'unknown_language' || status === 404
			? { state: 'none' }
			: { state: 'failed', failure: 'unavailable', at: now };
	return { state: 'failed', failure: 'unavailable', at: now };
}

/** How the book reaches the server and the device. */
export interface BookDeps {
	conversationId: string;
	/** POST /api/translate with this body; `status` 0 when the network failed. */
	post(body: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
	/** The translations kept on the server for this conversation into `language`. */
	stored(language: string): Promise<KeptTranslation[]>;
	/** The device's copy (the console's Dexie): read before the server answers, then kept. */
	local?: {
		load(conversationId: string, language: string): Promise<KeptTranslation[]>;
		keep(rows: readonly KeptTranslation[]): void;
		forget(conversationId: string): void;
	};
	onChange(): void;
	/**
	 * The visitor's side waits this long before asking itself: the agent's client asks when it
	 * sends, and the translation usually arrives on the channel first.
	 */
	waitMs?: number;
	now?: () => number;
	setTimeout?: (fn: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
}

/** A failed translation is asked again after this long, when the messages next change. */
export const RETRY_AFTER_MS = 30_000;
/** At most this many translations are asked for at once. */
const CONCURRENT_REQUESTS = 3;
/** Opening a long history asks for the newest this many only (older ones show as written). */
const HISTORY_REQUESTS = 40;

const key = (messageId: string, language: string) => `${messageId}\n${language}`;

export class TranslationBook {
	#d: BookDeps;
	#ctx: TranslationContext | null = null;
	#entries = new Map<string, Entry>();
	/** Languages whose kept translations were loaded. */
	#loaded = new Map<string, Promise<void>>();
	#queue: { messageId: string; target: string; sender: string | null }[] = [];
	/** Agents who write in the visitor's language: their messages are not asked for again. */
	#sameAs = new Set<string>();
	/** The server has no engine: nothing more is asked. */
	#off = false;
	/** Bumped when the visitor's language changes: answers asked for before are stale. */
	#generation = 0;
	#running = 0;
	#timers = new Set<unknown>();
	#closed = false;

	constructor(deps: BookDeps) {
		this.#d = deps;
	}

	/** The translation of `message` for this client, or null when it has none to show. */
	entry(message: ChatMessage): Entry | null {
		const target = this.#ctx && translationTarget(message, this.#ctx);
		return target ? (this.#entries.get(key(message.id, target)) ?? null) : null;
	}

	/** The context or the messages changed: loads what is kept and asks for what is missing. */
	update(ctx: TranslationContext, messages: readonly ChatMessage[]): void {
		if (this.#closed) return;
		const before = this.#ctx;
		this.#ctx = ctx;
		// Translations of the visitor's words were made from the old language: start over.
		if (before && before.visitorLanguage !== ctx.visitorLanguage) {
			this.#generation++;
			this.#entries.clear();
			this.#loaded.clear();
			this.#queue = [];
			this.#d.local?.forget(this.#d.conversationId);
		}
		const wanted = messages
			.map((m) => ({ m, target: translationTarget(m, ctx) }))
			.filter((w): w is { m: ChatMessage; target: string } => w.target !== null);
		const languages = new Set(wanted.map((w) => w.target));
		for (const language of languages) {
			void this.#load(language).then(() => {
				if (this.#ctx === ctx)
					this.#ask(
						wanted.filter((w) => w.target === language),
						ctx
					);
			});
		}
		// What shows changes with the settings (not with every new message: asking reports that).
		if (
			!before ||
			before.enabled !== ctx.enabled ||
			before.visitorLanguage !== ctx.visitorLanguage ||
			before.agentLanguage !== ctx.agentLanguage
		)
			this.#d.onChange();
	}

	/** A translation broadcast on the conversation's channel (the `translation` event). */
	receive(payload: unknown): void {
		const row = asKept(payload);
		if (!row || row.conversation_id !== this.#d.conversationId || this.#closed) return;
		this.#entries.set(key(row.message_id, row.language), { state: 'done', text: row.body });
		this.#d.local?.keep([row]);
		this.#d.onChange();
	}

	#load(language: string): Promise<void> {
		let loading = this.#loaded.get(language);
		if (loading) return loading;
		const put = (rows: readonly KeptTranslation[]) => {
			for (const r of rows)
				if (this.#entries.get(key(r.message_id, r.language))?.state !== 'done')
					this.#entries.set(key(r.message_id, r.language), { state: 'done', text: r.body });
			if (rows.length) this.#d.onChange();
		};
		loading = (async () => {
			const local = this.#d.local;
			if (local) put(await local.load(this.#d.conversationId, language).catch(() => []));
			try {
				const rows = await this.#d.stored(language);
				put(rows);
				local?.keep(rows);
			} catch {
				// Offline: the device's copy is what there is; asking below fails softly too.
			}
		})();
		this.#loaded.set(language, loading);
		return loading;
	}

	#ask(wanted: { m: ChatMessage; target: string }[], ctx: TranslationContext) {
		const now = (this.#d.now ?? Date.now)();
		const missing = wanted.filter(({ m, target }) => {
			const held = this.#entries.get(key(m.id, target));
			return !held || (held.state === 'failed' && now - held.at > RETRY_AFTER_MS);
		});
		for (const { m, target } of missing.slice(-HISTORY_REQUESTS)) {
			const k = key(m.id, target);
			if (this.#off || (m.sender_id && this.#sameAs.has(m.sender_id))) {
				this.#entries.set(k, { state: 'none' });
				continue;
			}
			this.#entries.set(k, { state: 'pending' });
			const wait = ctx.side === 'visitor' ? (this.#d.waitMs ?? 0) : 0;
			if (!wait) {
				this.#enqueue(m.id, target, m.sender_id);
				continue;
			}
			const timer = (this.#d.setTimeout ?? setTimeout)(() => {
				this.#timers.delete(timer);
				if (this.#entries.get(k)?.state === 'pending') this.#enqueue(m.id, target, m.sender_id);
			}, wait);
			this.#timers.add(timer);
		}
	}

	#enqueue(messageId: string, target: string, sender: string | null) {
		this.#queue.push({ messageId, target, sender });
		this.#pump();
	}

	#pump() {
		while (this.#running < CONCURRENT_REQUESTS && this.#queue.length && !this.#closed) {
			const next = this.#queue.shift()!;
			this.#running++;
			void this.#request(next.messageId, next.target, next.sender).finally(() => {
				this.#running--;
				this.#pump();
			});
		}
	}

	async #request(messageId: string, target: string, sender: string | null) {
		const k = key(messageId, target);
		if (this.#entries.get(k)?.state !== 'pending') return;
		const generation = this.#generation;
		let answer: { status: number; body: unknown };
		try {
			answer = await this.#d.post({
				conversation_id: this.#d.conversationId,
				message_id: messageId,
				target
			});
		} catch {
			answer = { status: 0, body: null };
		}
		if (this.#closed || generation !== this.#generation || this.#entries.get(k)?.state === 'done')
			return;
		const entry = entryFromAnswer(answer.status, answer.body, (this.#d.now ?? Date.now)());
		if (sender && answer.status === 400 && errorCode(answer.body) === 'same_language')
			this.#sameAs.add(sender);
		if (answer.status === 200 && (answer.body as { reason?: unknown } | null)?.reason === 'off')
			this.#off = true;
		this.#entries.set(k, entry);
		if (entry.state === 'done')
			this.#d.local?.keep([
				{
					message_id: messageId,
					conversation_id: this.#d.conversationId,
					language: target,
					body: entry.text
				}
			]);
		this.#d.onChange();
	}

	/** Stops asking and forgets the timers. */
	close(): void {
		this.#closed = true;
		this.#queue = [];
		for (const timer of this.#timers) (this.#d.clearTimeout ?? clearTimeout)(timer as never);
		this.#timers.clear();
	}
}

/** A kept translation from the network or the device, or null when it is not one. */
export function asKept(payload: unknown): KeptTranslation | null {
	const p = payload as Partial<Record<keyof KeptTranslation, unknown>> | null;
	if (!p || typeof p !== 'object') return null;
	const { message_id, conversation_id, language, body } = p;
	return typeof message_id === 'string' &&
		typeof conversation_id === 'string' &&
		typeof language === 'string' &&
		typeof body === 'string'
		? { message_id, conversation_id, language, body }
		: null;
}
