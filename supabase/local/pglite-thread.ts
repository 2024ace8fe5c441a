/**
 * PGlite on a thread of its own. PGlite runs Postgres in WebAssembly on the thread that calls
 * it, so on the main thread every statement stops HTTP, WebSocket frames and the app until it
 * ends: under load the database was two thirds of the main thread (bench/README.md, "PGlite on
 * a thread of its own"). Here the same `openPglite` runs in a worker thread and this module
 * puts the `Database` interface in front of it; requests, results, errors (with their SQLSTATE)
 * and notifications cross as messages.
 *
 * A transaction run from this thread holds PGlite's one lock while each of its statements
 * crosses (they are sent without waiting for its `begin`). So the work that matters runs whole
 * on the database's thread instead: the REST engine (`startRestEngine`) and named procedures
 * (`runProcedure`, see procedures.ts), each one crossing there and one back.
 */
import { Worker } from 'node:worker_threads';
import type { Database, PgliteOptions, QueryResult, RoleContext, Sql } from './db.ts';
import type { ProcedureHost } from './procedures.ts';
import type { RestEngineHost, RestReply, RestRequest } from './rest/index.ts';
import {
	fromWireError,
	type DatabaseThreadData,
	type FromThread,
	type ToThread
} from './pglite-thread-protocol.ts';

type Request = ToThread extends infer M
	? M extends { id: number }
		? Omit<M, 'id'>
		: never
	: never;

/** The database thread's name, as `top -H` and /proc/<pid>/task/<tid>/comm show it. */
export const DATABASE_THREAD_NAME = 'parley-db';

/** What `openPgliteThread` takes beyond `openPglite`'s options. */
export interface DatabaseThreadOptions extends PgliteOptions {
	/**
	 * Called once if the thread ends or fails without being closed. Every statement fails from
	 * then on, so a server can do no more than stop (and be started again by whatever runs it).
	 */
	onLost?: (reason: Error) => void;
}

/** Opens PGlite (as `openPglite` does) on a worker thread. */
export async function openPgliteThread(
	opts: DatabaseThreadOptions
): Promise<Database & RestEngineHost & ProcedureHost & { dump(): Promise<Blob> }> {
	const data: DatabaseThreadData = {
		dataDir: opts.dataDir,
		...(opts.sharedBuffers ? { sharedBuffers: opts.sharedBuffers } : {}),
		...(opts.preparedMax ? { preparedMax: opts.preparedMax } : {}),
		...(opts.loadDataDir ? { loadDataDir: await opts.loadDataDir.arrayBuffer() } : {})
	};
	const worker = new Worker(new URL('./pglite-thread-worker.ts', import.meta.url), {
		// The thread's name in `top -H`, `ps -L` and /proc/<pid>/task/*/comm.
		name: DATABASE_THREAD_NAME,
		workerData: data,
		transferList: data.loadDataDir ? [data.loadDataDir] : []
	});

	const calls = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
	const handlers = new Map<string, Set<(payload: string) => void>>();
	const listening = new Map<string, Promise<unknown>>();
	let nextId = 0;
	let nextTx = 0;
	/** Why the thread is gone, once it is. */
	let stopped: Error | null = null;

	await new Promise<void>((ready, fail) => {
		const onMessage = (m: FromThread) => {
			if (m.t === 'ready') done();
			else if (m.t === 'failed') done(fromWireError(m.error));
		};
		const onError = (err: Error) => done(err);
		const onExit = (code: number) => done(new Error(`the database thread exited (code ${code})`));
		const done = (err?: Error) => {
			worker.off('message', onMessage).off('error', onError).off('exit', onExit);
			if (err) fail(err);
			else ready();
		};
		worker.on('message', onMessage).on('error', onError).on('exit', onExit);
	});

	// The thread keeps the process alive only while an answer is awaited, as a socket would.
	const settle = () => {
		if (calls.size === 0) worker.unref();
	};
	worker.unref();
	worker.on('message', (m: FromThread) => {
		if (m.t === 'notify') {
			for (const handler of handlers.get(m.channel) ?? [])
				try {
					handler(m.payload);
				} catch (err) {
					// One listener's failure must not cost the replies behind it.
					console.error(`a listener of ${m.channel} failed:`, err);
				}
			return;
		}
		if (m.t !== 'reply') return;
		const call = calls.get(m.id);
		if (!call) return;
		calls.delete(m.id);
		settle();
		if (m.error) call.reject(fromWireError(m.error));
		else call.resolve(m.value);
	});
	const stop = (reason: Error) => {
		stopped ??= reason;
		for (const call of calls.values()) call.reject(stopped);
		calls.clear();
	};
	let closing = false;
	const lost = (reason: Error) => {
		const first = !stopped;
		stop(reason);
		if (first && !closing) opts.onLost?.(reason);
	};
	worker.on('error', (err) => {
		console.error('database thread failed:', err);
		lost(new Error(`the database thread failed: ${err.message}`));
	});
	worker.on('exit', (code) => {
		if (closing) return stop(new Error('the database thread is closed'));
		console.error(`database thread exited (code ${code})`);
		lost(new Error(`the database thread exited (code ${code})`));
	});

	function send(message: ToThread): void {
		if (stopped) throw stopped;
		worker.postMessage(message);
	}
	function call<T>(request: Request, transfer: ArrayBuffer[] = []): Promise<T> {
		if (stopped) return Promise.reject(stopped);
		const id = ++nextId;
		return new Promise<T>((resolve, reject) => {
			try {
				worker.postMessage({ ...request, id }, transfer);
			} catch (err) {
				// A parameter that cannot be copied to the thread (a function, say).
				reject(err as Error);
				return;
			}
			calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
			worker.ref();
		});
	}

	const sql = (tx?: number): Sql => ({
		query: <T>(text: string, params: unknown[] = [], o?: Parameters<Sql['query']>[2]) =>
			call<QueryResult<T>>({ t: 'query', tx, text, params, ...(o ? { opts: o } : {}) }),
		exec: (text: string) => call<void>({ t: 'exec', tx, text })
	});

	async function transaction<T>(
		begin: { prelude?: string; role?: RoleContext },
		fn: (tx: Sql) => Promise<T>,
		rollback: boolean
	): Promise<T> {
		const tx = ++nextTx;
		send({ t: 'begin', tx, ...begin });
		let value: T;
		try {
			value = await fn(sql(tx));
		} catch (err) {
			await call({ t: 'end', tx, commit: false }).catch(() => undefined);
			throw err;
		}
		await call({ t: 'end', tx, commit: !rollback });
		return value;
	}

	return {
		kind: 'pglite',
		...sql(),
		transaction: (fn, o) => transaction(o?.prelude ? { prelude: o.prelude } : {}, fn, false),
		asRole: (ctx, fn, o) => transaction({ role: ctx }, fn, o?.rollback ?? false),
		async listen(channel, onPayload) {
			let set = handlers.get(channel);
			if (!set) {
				handlers.set(channel, (set = new Set()));
				listening.set(channel, call({ t: 'listen', channel }));
			}
			set.add(onPayload);
			await listening.get(channel);
			return async () => {
				set.delete(onPayload);
				if (set.size > 0 || handlers.get(channel) !== set) return;
				handlers.delete(channel);
				listening.delete(channel);
				if (!stopped) await call({ t: 'unlisten', channel });
			};
		},
		async startRestEngine(config) {
			await call({ t: 'rest-start', config });
			return {
				answer(request: RestRequest) {
					// The body is copied into a buffer of its own and moved, not cloned.
					const body = request.body ? new Uint8Array(request.body) : undefined;
					return call<RestReply>(
						{ t: 'rest', request: { ...request, ...(body ? { body } : {}) } },
						body ? [body.buffer] : []
					);
				},
				// The engine stops with the database.
				close: async () => undefined
			};
		},
		runProcedure: (name, args) => call({ t: 'procedure', name, args: [...args] }),
		async dump() {
			return new Blob([await call<ArrayBuffer>({ t: 'dump' })]);
		},
		async close() {
			if (stopped) return;
			closing = true;
			await call({ t: 'close' });
			// The database is closed and its files written: nothing is left on the thread.
			await worker.terminate();
		}
	};
}
