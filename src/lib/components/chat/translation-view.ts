/** What a message bubble shows of a message's translation (see ChatTranslations.view). */
export interface TranslationView {
	/** The translation, or null when the message shows as written. */
	text: string | null;
	/** Why there is no translation: the service could not help now, or lacks the pair. */
	failure: 'unavailable' | 'unsupported' | null;
}

/** Looks up the translation view of a message (the list's prop). */
export type TranslationLookup = (
	message: import('$lib/conversations/types.ts').ChatMessage
) => TranslationView | null;
