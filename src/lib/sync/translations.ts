/**
 * Messages' translations on the device (the console's Dexie), so a conversation opened offline
 * still reads translated. Written with what the server kept or just made; forgotten for a
 * conversation whose visitor language was corrected (those were made from the old one).
 */
import type { ConsoleDb } from '$lib/db/index.ts';
import type { BookDeps, KeptTranslation } from '$lib/translation/book.ts';
import { asKept } from '$lib/translation/book.ts';

export function dexieTranslations(db: ConsoleDb): NonNullable<BookDeps['local']> {
	return {
		async load(conversationId, language) {
			const rows = await db.translations.where('conversation_id').equals(conversationId).toArray();
			return rows.filter((r) => r.language === language);
		},
		keep(rows: readonly KeptTranslation[]) {
			const valid = rows.map(asKept).filter((r): r is KeptTranslation => r !== null);
			if (valid.length) void db.translations.bulkPut(valid).catch(() => {});
		},
		forget(conversationId) {
			void db.translations
				.where('conversation_id')
				.equals(conversationId)
				.delete()
				.catch(() => {});
		}
	};
}
