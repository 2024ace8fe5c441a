/**
 * The console's sync engine: the only writer of what the server says into the device database.
 * On every (re)join it pulls the conversations changed since its cursor and their new
 * messages, then the live channel keeps them current; it sends every conversation's outbox
 * (one tab at a time per conversation) and forgets the sites the person no longer belongs to.
 */
import { liveQuery } from 'dexie';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	applyConversation,
	asConversationRow,
	withActivity,
	type ConversationActivity,
	type ConversationRow
} from '$lib/components/console/inbox.ts';
import { flushOutbox, waiting, type SessionStore } from '$lib/conversations/outbox.ts';
import type { MessageRow } from '$lib/conversations/types.ts';
import type { VisitorRow } from '$lib/monitoring/types.ts';
import { consoleDb, type ConsoleDb, type StoredSite } from '$lib/db/index.ts';
import { asKept, type KeptTranslation } from '$lib/translation/book.ts';
import { asMessageRow } from './guards.ts';
import { dexieStore } from './store.ts';

/** How many conversations a first pull loads; later pulls take every change since the cursor. */
export const FIRST_PULL_LIMIT = 300;
/** PostgREST answers at most this many rows; a full page means there is more. */
const PAGE_ROWS = 1000;
/** The newest messages of changed conversations fetched in one pull. */
const MESSAGE_PULL_LIMIT = 1000;
/** The newest translations of changed conversations fetched in one pull. */
const TRANSLATION_PULL_LIMIT = 1000;
const TRANSLATION_COLUMNS = 'message_id,conversation_id,language,body';
const MESSAGE_COLUMNS =
	'id,conversation_id,sender_id,sender_kind,kind,body,attachment,created_at,delivered_at,read_at,internal,to_agent_id,draft';

const cursorKey = (siteId: string) => `cursor:conversations:${siteId}`;
/** When the stored live visitors of a site were loaded (ms since the epoch, server clock). */
const visitorsKey = (siteId: string) => `cursor:visitors:${siteId}`;

/** Every table that holds a site's data, for transactions that drop sites. */
const siteData = (db: ConsoleDb) => [
	db.sites,
	db.conversations,
	db.messages,
	db.attachments,
	db.outbox,
	db.files,
	db.translations,
	db.visitors,
	db.meta
];

export class ConsoleSync {
	readonly db: ConsoleDb;
	readonly store: SessionStore;
	#client: SupabaseClient;
	#flushing: Promise<void> | null = null;
	/** Conversations being fetched because only their activity came (see applyActivity). */
	readonly #fetching = new Map<string, Promise<ConversationRow | null>>();

	constructor(client: SupabaseClient, userId: string, locks?: LockManager) {
		this.#client = client;
		this.db = consoleDb(userId);
		this.store = dexieStore(this.db, locks);
	}

	/** Keeps the sites and memberships the server answered; forgets sites no longer listed. */
	async saveSites(
		sites: Record<string, unknown>[],
		memberships: { site_id: string }[]
	): Promise<void> {
		const rows: StoredSite[] = [];
		sites.forEach((row, position) => {
			const membership = memberships.find((m) => m.site_id === row.id);
			if (typeof row.id === 'string' && membership)
				rows.push({ id: row.id, row, membership, position });
		});
		const keep = new Set(rows.map((r) => r.id));
		const db = this.db;
		// Only a site that left the list needs its data looked for (most loads change nothing).
		const before = await db.sites.toCollection().primaryKeys();
		const left = before.some((id) => !keep.has(id));
		await db.transaction('rw', siteData(db), async () => {
			await db.sites.clear();
			await db.sites.bulkPut(rows);
			// Removed from a site: nothing of it stays on the device.
			if (left) await this.#dropSitesExcept(keep);
		});
	}

	/**
	 * Forgets a site the person was just removed from (told on its channel): the site, its
	 * conversations, messages, queued replies and cursor leave the device at once.
	 */
	async forgetSite(siteId: string): Promise<void> {
		const db = this.db;
		await db.transaction('rw', siteData(db), async () => {
			await db.sites.delete(siteId);
			const keep = new Set(await db.sites.toCollection().primaryKeys());
			await this.#dropSitesExcept(keep);
		});
	}

	/** Deletes every conversation (and what hangs off it) of the sites not in `keep`. */
	async #dropSitesExcept(keep: ReadonlySet<string>): Promise<void> {
		const db = this.db;
		const gone = await db.conversations
			.where('site_id')
			.noneOf([...keep])
			.primaryKeys();
		if (gone.length) {
			await db.conversations.bulkDelete(gone);
			await db.messages.where('conversation_id').anyOf(gone).delete();
			await db.attachments.where('conversation_id').anyOf(gone).delete();
			await db.outbox.where('conversation_id').anyOf(gone).delete();
			await db.files.where('conversation_id').anyOf(gone).delete();
			await db.translations.where('conversation_id').anyOf(gone).delete();
		}
		await db.visitors
			.where('site_id')
			.noneOf([...keep])
			.delete();
		await db.meta
			.filter((m) => m.key.startsWith('cursor:') && !keep.has(m.key.split(':')[2]))
			.delete();
	}

	/** Keeps the live visitors of a site as loaded at `at` (replacing the previous copy). */
	async saveVisitors(siteId: string, rows: readonly VisitorRow[], at: number): Promise<void> {
		const db = this.db;
		await db.transaction('rw', [db.visitors, db.meta], async () => {
			await db.visitors.where('site_id').equals(siteId).delete();
			await db.visitors.bulkPut(rows.filter((r) => r.site_id === siteId).map((r) => ({ ...r })));
			await db.meta.put({ key: visitorsKey(siteId), value: String(at) });
		});
	}

	/** The live visitors of a site as last loaded, and when; null when none were kept. */
	async storedVisitors(siteId: string): Promise<{ rows: VisitorRow[]; at: number } | null> {
		const at = Number((await this.db.meta.get(visitorsKey(siteId)))?.value);
		if (!Number.isFinite(at) || at <= 0) return null;
		return { rows: await this.db.visitors.where('site_id').equals(siteId).toArray(), at };
	}

	/** The sites and memberships as last loaded, for a console opened offline. */
	async storedSites(): Promise<StoredSite[]> {
		return this.db.sites.orderBy('position').toArray();
	}

	/** Stores a conversation row unless the device holds a newer one. */
	async putConversation(row: ConversationRow): Promise<void> {
		await this.putConversations([row]);
	}

	async putConversations(rows: readonly ConversationRow[]): Promise<void> {
		if (!rows.length) return;
		const db = this.db;
		await db.transaction('rw', [db.conversations, db.translations], async () => {
			const held = await db.conversations.bulkGet(rows.map((r) => r.id));
			let map: ReadonlyMap<string, ConversationRow> = new Map(
				held.filter((r): r is ConversationRow => !!r).map((r) => [r.id, r])
			);
			for (const row of rows) map = applyConversation(map, row);
			// A corrected visitor language: the kept translations were made from the old one (the
			// server drops them too; the reader asks again).
			const relanguaged = held
				.filter((r): r is ConversationRow => !!r)
				.filter((r) => (map.get(r.id)?.visitor_language ?? '') !== r.visitor_language)
				.map((r) => r.id);
			if (relanguaged.length)
				await db.translations.where('conversation_id').anyOf(relanguaged).delete();
			await db.conversations.bulkPut([...map.values()]);
		});
	}

	/**
	 * Applies a conversation's activity (a message, a read) to the row the device holds and
	 * stores it; a conversation the device does not hold is fetched whole (one request per
	 * conversation however many events arrive meanwhile). Resolves to the row as stored, or
	 * null when there is none to show (a late event, or the server has no such conversation).
	 */
	async applyActivity(activity: ConversationActivity): Promise<ConversationRow | null> {
		const held = await this.db.conversations.get(activity.id);
		if (held) {
			const next = withActivity(held, activity);
			if (next) await this.putConversation(next);
			return next;
		}
		let fetching = this.#fetching.get(activity.id);
		if (!fetching) {
			fetching = this.fetchConversation(activity.id).finally(() =>
				this.#fetching.delete(activity.id)
			);
			this.#fetching.set(activity.id, fetching);
		}
		return fetching;
	}

	/** Fetches one conversation the device does not hold (opened from a link); throws when unreachable. */
	async fetchConversation(id: string): Promise<ConversationRow | null> {
		const { data, error } = await this.#client
			.from('conversations')
			.select('*')
			.eq('id', id)
			.maybeSingle();
		if (error) throw new Error(error.message);
		const row = asConversationRow(data);
		if (row) await this.putConversation(row);
		return row;
	}

	/**
	 * Pulls what changed on a site since the cursor: conversations by `updated_at` (every new
	 * message, receipt or status change moves it), then those conversations' newest messages.
	 */
	async pull(siteId: string): Promise<void> {
		const cursor = (await this.db.meta.get(cursorKey(siteId)))?.value ?? null;
		const changed: ConversationRow[] = [];
		if (!cursor) {
			const { data, error } = await this.#client
				.from('conversations')
				.select('*')
				.eq('site_id', siteId)
				.order('updated_at', { ascending: false })
				.limit(FIRST_PULL_LIMIT);
			if (error) throw new Error(error.message);
			for (const raw of data ?? []) {
				const row = asConversationRow(raw);
				if (row && row.site_id === siteId) changed.push(row);
			}
		} else {
			for (let since = cursor; ;) {
				const { data, error } = await this.#client
					.from('conversations')
					.select('*')
					.eq('site_id', siteId)
					.gte('updated_at', since)
					.order('updated_at', { ascending: true })
					.limit(PAGE_ROWS);
				if (error) throw new Error(error.message);
				const page = (data ?? [])
					.map(asConversationRow)
					.filter((r) => r?.site_id === siteId) as ConversationRow[];
				changed.push(...page);
				const last = page.at(-1)?.updated_at;
				if ((data ?? []).length < PAGE_ROWS || !last || last === since) break;
				since = last;
			}
		}
		await this.putConversations(changed);
		await this.#pullMessages(changed.map((c) => c.id));
		const newest = changed.reduce<string | null>(
			(max, r) => (!max || Date.parse(r.updated_at) > Date.parse(max) ? r.updated_at : max),
			cursor
		);
		if (newest && newest !== cursor)
			await this.db.meta.put({ key: cursorKey(siteId), value: newest });
	}

	async #pullMessages(ids: string[]): Promise<void> {
		// Fifty at a time keeps the request's URL short.
		for (let i = 0; i < ids.length; i += 50) {
			const { data, error } = await this.#client
				.from('messages')
				.select(MESSAGE_COLUMNS)
				.in('conversation_id', ids.slice(i, i + 50))
				.order('created_at', { ascending: false })
				.limit(MESSAGE_PULL_LIMIT);
			if (error) throw new Error(error.message);
			const rows = (data ?? []).map(asMessageRow).filter((r): r is MessageRow => r !== null);
			if (rows.length) await this.db.messages.bulkPut(rows);
			await this.#pullTranslations(ids.slice(i, i + 50));
		}
	}

	/**
	 * The translations the server keeps for these conversations' messages, so a conversation
	 * never opened on this device still reads translated offline (an open one also gets them
	 * live on its channel).
	 */
	async #pullTranslations(ids: string[]): Promise<void> {
		const { data, error } = await this.#client
			.from('message_translations')
			.select(TRANSLATION_COLUMNS)
			.in('conversation_id', ids)
			.order('created_at', { ascending: false })
			.limit(TRANSLATION_PULL_LIMIT);
		if (error) throw new Error(error.message);
		const rows = (data ?? []).map(asKept).filter((r): r is KeptTranslation => r !== null);
		if (rows.length) await this.db.translations.bulkPut(rows);
	}

	/** Sends every conversation's outbox (also conversations no tab has open). */
	flushAll(): Promise<void> {
		if (this.#flushing) return this.#flushing;
		this.#flushing = (async () => {
			const entries = await this.db.outbox.orderBy('seq').toArray();
			const ids = [...new Set(entries.filter(waiting).map((e) => e.conversation_id))];
			for (const id of ids)
				await flushOutbox(this.#client, this.store, id, () => {}).catch(() => false);
		})().finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	/** A site's most recently changed stored conversations: a quick first screen before the rest. */
	async newestConversations(siteId: string, limit: number): Promise<ConversationRow[]> {
		return this.db.conversations
			.where('[site_id+updated_at]')
			.between([siteId, ''], [siteId, '\uffff'])
			.reverse()
			.limit(limit)
			.toArray();
	}

	/** Calls `next` with a site's stored conversations now and after every change. */
	watchConversations(siteId: string, next: (rows: ConversationRow[]) => void): () => void {
		const sub = liveQuery(() =>
			this.db.conversations.where('site_id').equals(siteId).toArray()
		).subscribe({
			next,
			error: () => {}
		});
		return () => sub.unsubscribe();
	}

	/** Calls `next` with how many replies wait in the outbox, now and after every change. */
	watchQueued(next: (count: number) => void): () => void {
		const sub = liveQuery(() => this.db.outbox.filter(waiting).count()).subscribe({
			next,
			error: () => {}
		});
		return () => sub.unsubscribe();
	}
}
