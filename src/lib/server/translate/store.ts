/**
 * Translations kept with their messages (public.message_translations), read and written with
 * the service role: participants may read them under RLS, but only the app server writes, so
 * a stored translation is always what the provider made of the message's own text.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ProviderName } from '../../translation/types.ts';

/** A message as far as translating it goes. */
export interface StoredMessage {
	kind: string;
	body: string;
	/** An internal note between agents: never translated here (the visitor must not see it). */
	internal: boolean;
}

/** A translation kept with its message. */
export interface StoredTranslation {
	body: string;
	provider: ProviderName;
}

/** Where translations are kept. Methods throw on a database failure. */
export interface TranslationStore {
	/** The message if it belongs to the conversation, else null. */
	message(conversationId: string, messageId: string): Promise<StoredMessage | null>;
	/** The translation of the message into `language`, if one was kept. */
	translation(messageId: string, language: string): Promise<StoredTranslation | null>;
	/** Keeps a translation; the first one kept for a message and language stays. */
	save(row: {
		messageId: string;
		conversationId: string;
		language: string;
		body: string;
		provider: ProviderName;
	}): Promise<void>;
}

/** The store over Supabase, with a service-role client. */
export function supabaseTranslationStore(admin: SupabaseClient): TranslationStore {
	return {
		async message(conversationId, messageId) {
			const { data, error } = await admin
				.from('messages')
				.select('kind, body, internal')
				.eq('id', messageId)
				.eq('conversation_id', conversationId)
				.maybeSingle();
			if (error) throw new Error(`reading message ${messageId}: ${error.message}`);
			return data as StoredMessage | null;
		},
		async translation(messageId, language) {
			const { data, error } = await admin
				.from('message_translations')
				.select('body, provider')
				.eq('message_id', messageId)
				.eq('language', language)
				.maybeSingle();
			if (error) throw new Error(`reading translation of ${messageId}: ${error.message}`);
			return data as StoredTranslation | null;
		},
		async save(row) {
			const { error } = await admin.from('message_translations').upsert(
				{
					message_id: row.messageId,
					conversation_id: row.conversationId,
					language: row.language,
					body: row.body,
					provider: row.provider
				},
				{ onConflict: 'message_id,language', ignoreDuplicates: true }
			);
			if (error) throw new Error(`keeping translation of ${row.messageId}: ${error.message}`);
		}
	};
}
