/**
 * The console's one database on the device (IndexedDB through Dexie), one per signed-in
 * person: the agent's sites, live visitors (as last loaded), conversations, messages,
 * attachments' metadata, the outbox and its unsent files' bytes.
 * Components read it through live queries; only `$lib/sync` writes what the server says.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { ConversationRow } from '$lib/components/console/inbox.ts';
import type { ChatMessage, MessageRow } from '$lib/conversations/types.ts';
import type { VisitorRow } from '$lib/monitoring/types.ts';

/** A site as the console last loaded it, with the person's membership of it. */
export interface StoredSite {
	id: string;
	row: Record<string, unknown>;
	membership: Record<string, unknown>;
	/** Load order, so the first site stays first offline. */
	position: number;
}

/** An own message waiting to be sent; `seq` keeps the order it was written in. */
export interface OutboxEntry extends ChatMessage {
	seq: number;
}

/** What is known of a message's attachment without downloading it (no UI yet). */
export interface StoredAttachment {
	id: string;
	message_id: string;
	conversation_id: string;
	name: string;
	mime: string;
	bytes: number;
	url: string | null;
}

/** The bytes of an own attachment not sent yet, so a reload can still send it. */
export interface StoredFile {
	id: string;
	conversation_id: string;
	blob: Blob;
}

/** A message's machine translation as the server kept it, for reading offline. */
export interface StoredTranslation {
	message_id: string;
	conversation_id: string;
	language: string;
	body: string;
}

export interface Meta {
	key: string;
	value: string;
}

const NAME_PREFIX = 'parley-console-';

export class ConsoleDb extends Dexie {
	sites!: EntityTable<StoredSite, 'id'>;
	conversations!: EntityTable<ConversationRow, 'id'>;
	messages!: EntityTable<MessageRow, 'id'>;
	attachments!: EntityTable<StoredAttachment, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'id'>;
	meta!: EntityTable<Meta, 'key'>;
	visitors!: EntityTable<VisitorRow, 'id'>;
	files!: EntityTable<StoredFile, 'id'>;
	translations!: EntityTable<StoredTranslation, 'message_id'>;

	constructor(userId: string) {
		super(`${NAME_PREFIX}${userId}`);
		// v1: the first offline store. Versions only ever append, each with a note on its upgrade.
		this.version(1).stores({
			sites: 'id, position',
			conversations: 'id, site_id, [site_id+updated_at]',
			messages: 'id, conversation_id, [conversation_id+created_at]',
			attachments: 'id, message_id, conversation_id',
			outbox: 'id, conversation_id, seq',
			meta: 'key'
		});
		// v2: the live visitors as last loaded, per site (nothing to move: the table is new).
		this.version(2).stores({ visitors: 'id, site_id' });
		// v3: unsent attachments' bytes, by message id (new table, nothing to move).
		this.version(3).stores({ files: 'id, conversation_id' });
		// v4: messages' translations, one per message and language (new table, nothing to move).
		this.version(4).stores({ translations: '[message_id+language], conversation_id' });
	}
}

let current: ConsoleDb | null = null;

/** The database of `userId` on this device (one connection per tab). */
export function consoleDb(userId: string): ConsoleDb {
	if (current?.name !== `${NAME_PREFIX}${userId}`) {
		current?.close();
		current = new ConsoleDb(userId);
	}
	return current;
}

/** Deletes every console database on this device: signing out leaves nobody's data behind. */
export async function wipeConsoleData(): Promise<void> {
	current?.close();
	current = null;
	const names = await Dexie.getDatabaseNames().catch(() => [] as string[]);
	await Promise.all(names.filter((n) => n.startsWith(NAME_PREFIX)).map((n) => Dexie.delete(n)));
}
