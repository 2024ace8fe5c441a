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
	sender_kind: string;
	sender_id: string | null;
}

/** A conversation as far as translating it goes. */
export interface ConversationLanguage {
	visitor_language: string;
	visitor_language_source: 'browser' | 'detected' | 'agent';
	translation_enabled: boolean;
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
	/** The conversation's languages and whether translation is on; null when there is none. */
	conversation(conversationId: string): Promise<ConversationLanguage | null>;
	/** The agent's own language (agent_preferences), or null when they never set one. */
	agentLanguage(userId: string): Promise<string | null>;
	/** The visitor's first `limit` text messages, oldest first. */
	visitorTexts(conversationId: string, limit: number): Promise<string[]>;
	/**
	 * Keeps a detected visitor language, unless an agent has set it meanwhile (their word wins).
	 * Answers whether it was kept.
	 */
	saveDetected(conversationId: string, language: string): Promise<boolean>;
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
				.select('kind, body, internal, sender_kind, sender_id')
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
		async conversation(conversationId) {
			const { data, error } = await admin
				.from('conversations')
				.select('visitor_language, visitor_language_source, translation_enabled')
				.eq('id', conversationId)
				.maybeSingle();
			if (error) throw new Error(`reading conversation ${conversationId}: ${error.message}`);
			return data as ConversationLanguage | null;
		},
		async agentLanguage(userId) {
			const { data, error } = await admin
				.from('agent_preferences')
				.select('language')
				.eq('user_id', userId)
				.maybeSingle();
			if (error) throw new Error(`reading the language of ${userId}: ${error.message}`);
			return (data as { language: string } | null)?.language ?? null;
		},
		async visitorTexts(conversationId, limit) {
			const { data, error } = await admin
				.from('messages')
				.select('body')
				.eq('conversation_id', conversationId)
				.eq('sender_kind', 'visitor')
				.eq('kind', 'text')
				.order('created_at', { ascending: true })
				.limit(limit);
			if (error) throw new Error(`reading messages of ${conversationId}: ${error.message}`);
			return (data as { body: string }[]).map((m) => m.body);
		},
		async saveDetected(conversationId, language) {
			const { data, error } = await admin
				.from('conversations')
				.update({ visitor_language: language, visitor_language_source: 'detected' })
				.eq('id', conversationId)
				.neq('visitor_language_source', 'agent')
				.select('id');
			if (error) throw new Error(`keeping the language of ${conversationId}: ${error.message}`);
			return (data ?? []).length > 0;
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
