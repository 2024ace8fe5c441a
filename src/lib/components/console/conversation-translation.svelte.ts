/**
 * Translation in an open conversation of the console: the conversation's translations (kept
 * on the device too, for reading offline), and a look at the visitor's first messages on the
 * server to confirm or correct the language their browser gave.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { ChatTranslations } from '$lib/components/chat/translations.svelte.ts';
import type { ChatMessage } from '$lib/conversations/types.ts';
import type { ConsoleDb } from '$lib/db/index.ts';
import { dexieTranslations } from '$lib/sync/translations.ts';
import type { TranslationContext } from '$lib/translation/book.ts';
import { DETECT_FIRST_MESSAGES } from '$lib/translation/detect.ts';
import type { ConversationRow } from './inbox.ts';

export class ConsoleTranslation {
	readonly translations: ChatTranslations;
	#client: SupabaseClient;
	#conversationId: string;
	/** How many of the visitor's messages detection has looked at. */
	#looked = 0;

	constructor(client: SupabaseClient, conversationId: string, db: ConsoleDb) {
		this.#client = client;
		this.#conversationId = conversationId;
		this.translations = new ChatTranslations({
			conversationId,
			db: client,
			token: () => this.#token(),
			local: dexieTranslations(db)
		});
	}

	async #token(): Promise<string> {
		return (await this.#client.auth.getSession()).data.session?.access_token ?? '';
	}

	/** The messages, the conversation or the agent's language changed. */
	update(
		ctx: TranslationContext,
		conversation: ConversationRow | null,
		messages: readonly ChatMessage[]
	): void {
		this.translations.update(ctx, messages);
		if (!ctx.enabled || conversation?.visitor_language_source !== 'browser') return;
		// The visitor's first few text messages, each looked at once (the server keeps the result).
		const written = messages.filter(
			(m) => m.sender_kind === 'visitor' && m.kind === 'text' && !m.pending
		).length;
		const seen = Math.min(written, DETECT_FIRST_MESSAGES);
		if (seen <= this.#looked) return;
		this.#looked = seen;
		void this.#detect();
	}

	async #detect(): Promise<void> {
		try {
			await fetch('/api/translate/detect', {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Bearer ${await this.#token()}`
				},
				body: JSON.stringify({ conversation_id: this.#conversationId })
			});
		} catch {
			// Offline: the browser's language stands; the next message looks again.
			this.#looked--;
		}
	}

	close(): void {
		this.translations.close();
	}
}
