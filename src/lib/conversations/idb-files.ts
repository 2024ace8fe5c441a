/**
 * Unsent attachments' bytes in IndexedDB, for the widget (the console has its Dexie database):
 * localStorage, where the widget's outbox lives, cannot hold a file. Loaded with the first
 * file sent or found waiting, never with the widget's first screen.
 */
import type { FileStore } from './outbox.ts';

const DB = 'parley-widget-files';
const STORE = 'files';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
	return (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(DB, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	}).catch((err: unknown) => {
		opening = null;
		throw err;
	}));
}

/** Runs one request on the files store and answers its result. */
async function run<T>(
	mode: IDBTransactionMode,
	make: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	const db = await open();
	return new Promise<T>((resolve, reject) => {
		const tx = db.transaction(STORE, mode);
		const request = make(tx.objectStore(STORE));
		tx.oncomplete = () => resolve(request.result);
		tx.onerror = tx.onabort = () => reject(tx.error ?? request.error);
	});
}

export const idbFiles: FileStore = {
	put: async (id, conversationId, blob) =>
		void (await run('readwrite', (s) => s.put({ conversation_id: conversationId, blob }, id))),
	get: async (id) => {
		const kept = await run<{ blob?: unknown } | undefined>('readonly', (s) => s.get(id));
		return kept?.blob instanceof Blob ? kept.blob : undefined;
	},
	remove: async (id) => void (await run('readwrite', (s) => s.delete(id)))
};
