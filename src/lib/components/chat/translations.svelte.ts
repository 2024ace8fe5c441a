/**
 * A conversation's translations as Svelte state, over `TranslationBook`: the message list asks
 * `view(message)`, the owner calls `update()` when the messages or settings change and
 * `listen()` once the conversation's channel exists. One per open conversation; `close()`.
 */
import { untrack } from 'svelte';
import {
	TranslationBook,
	type BookDeps,
	type KeptTranslation,
	type TranslationContext
} from '$lib/translation/book.ts';
import type { ChatMessage } from '$lib/conversations/types.ts';
import type { TranslationView } from './translation-view.ts';

/** How long a translation may take before the reader is told, in milliseconds. */
const REQUEST_TIMEOUT_MS = 6_000;
/** The visitor's side gives the agent's own request this long before asking itself. */
const VISITOR_WAIT_MS = 1_500;

/** The parts of postgrest-js / supabase-js this reads with. */
interface TranslationsDb {
	from(table: 'message_translations'): {
		select(columns: string): {
			eq(
				column: string,
				value: string
			): {
				eq(
					column: string,
					value: string
				): PromiseLike<{ data: unknown[] | null; error: { message: string } | null }>;
			};
		};
	};
}

/** POST /api/translate as the person of `token`. */
export function translateRoute(
	token: () => string | Promise<string>,
	fetcher: typeof fetch = fetch
): BookDeps['post'] {
	return async (body) => {
		try {
			const response = await fetcher('/api/translate', {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
			});
			return { status: response.status, body: await response.json().catch(() => null) };
		} catch {
			return { status: 0, body: null };
		}
	};
}

export interface ChatTranslationsOptions {
	conversationId: string;
	db: unknown;
	token: () => string | Promise<string>;
	local?: BookDeps['local'];
}

export class ChatTranslations {
	#book: TranslationBook;
	/** Bumped on every change: views read it, so they follow. */
	#version = $state(0);
	#stopListening: (() => void) | null = null;

	constructor(options: ChatTranslationsOptions) {
		const db = options.db as TranslationsDb;
		this.#book = new TranslationBook({
			conversationId: options.conversationId,
			post: translateRoute(options.token),
			async stored(language) {
				const { data, error } = await db
					.from('message_translations')
					.select('message_id, conversation_id, language, body')
					.eq('conversation_id', options.conversationId)
					.eq('language', language);
				if (error) throw new Error(error.message);
				return (data ?? []) as KeptTranslation[];
			},
			local: options.local,
			// Never a dependency of whoever caused the change (an effect calling update()).
			onChange: () => untrack(() => this.#version++),
			waitMs: VISITOR_WAIT_MS
		});
	}

	/** The messages or the settings changed. */
	update(ctx: TranslationContext, messages: readonly ChatMessage[]): void {
		// The caller's effect follows ctx and messages, not what the book reads meanwhile.
		untrack(() => this.#book.update(ctx, messages));
	}

	/** Hears translations on the conversation's channel (`listen` as ConversationChannel has it). */
	listen(channel: { listen(event: string, fn: (payload: unknown) => void): () => void }): void {
		untrack(() => {
			this.#stopListening?.();
			this.#stopListening = channel.listen('translation', (p) => this.#book.receive(p));
		});
	}

	/** What the message list shows for `message`: its translation, the reason it has none, or null. */
	view(message: ChatMessage): TranslationView | null {
		void this.#version;
		const entry = this.#book.entry(message);
		if (!entry) return null;
		if (entry.state === 'done') return { text: entry.text, failure: null };
		if (entry.state === 'failed') return { text: null, failure: entry.failure };
		return null;
	}

	close(): void {
		this.#stopListening?.();
		this.#book.close();
	}
}
