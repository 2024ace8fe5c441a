/**
 * The database thread of `openPgliteThread` (pglite-thread.ts): opens PGlite with `openPglite`
 * and answers the main thread's requests. Statements of one transaction run in the order they
 * were sent, between the `begin` and `end` of that transaction; everything else queues on
 * PGlite's own lock, as on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applyRoleContext, openPglite, type RoleContext, type Sql } from './db.ts';
import { createAnonymousUser } from './auth/anonymous.ts';
import type { ClientInfo } from './auth/sessions.ts';
import type { JsonObject } from './auth/request.ts';
import type { PlainAuthSettings } from './auth/settings.ts';
import type { ProcedureName } from './procedures.ts';
import { canWriteHere, readPoliciesHere, type Extension } from './realtime/authorization.ts';
import { createRestEngine, type RestEngine } from './rest/index.ts';
import {
	toWireError,
	type Begin,
	type DatabaseThreadData,
	type End,
	type FromThread,
	type ToThread,
	type TxStatement,
	type WireError
} from './pglite-thread-protocol.ts';

if (!parentPort) throw new Error('pglite-thread-worker.ts runs as a worker thread');
const port = parentPort;
const post = (message: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
const data = workerData as DatabaseThreadData;

const opened = await openPglite({
	dataDir: data.dataDir,
	...(data.sharedBuffers ? { sharedBuffers: data.sharedBuffers } : {}),
	...(data.preparedMax ? { preparedMax: data.preparedMax } : {}),
	...(data.loadDataDir ? { loadDataDir: new Blob([data.loadDataDir]) } : {})
}).catch((err: unknown) => {
	// The main thread rejects the open; closing the port ends this thread.
	post({ t: 'failed', error: toWireError(err) });
	port.close();
	return null;
});

const db = opened!;

/** Answers request `id` with `value`, or with why it cannot cross (the caller must hear). */
function reply(id: number, value: unknown, transfer?: ArrayBuffer[]): void {
	try {
		post({ t: 'reply', id, value }, transfer);
	} catch (err) {
		post({ t: 'reply', id, error: toWireError(err) });
	}
}

function answer(id: number, run: () => Promise<unknown>): void {
	run().then(
		(value) => reply(id, value),
		(err: unknown) => post({ t: 'reply', id, error: toWireError(err) })
	);
}

/** A transaction in progress: what the main thread sent for it and the loop has not taken. */
interface OpenTx {
	queue: (TxStatement | End)[];
	wake: ((op: TxStatement | End) => void) | null;
	/** Why it could not begin (its prelude or role failed); set once the loop has ended. */
	failure: WireError | null;
}
const transactions = new Map<number, OpenTx>();
const ROLLBACK = Symbol('rollback');

function runStatement(sql: Sql, op: TxStatement): Promise<unknown> {
	return op.t === 'query' ? sql.query(op.text, op.params, op.opts) : sql.exec(op.text);
}

function begin(m: Begin): void {
	const tx: OpenTx = { queue: [], wake: null, failure: null };
	transactions.set(m.tx, tx);
	const next = () =>
		tx.queue.length > 0
			? Promise.resolve(tx.queue.shift()!)
			: new Promise<TxStatement | End>((wake) => (tx.wake = wake));
	let end: End | undefined;
	db.transaction(
		async (sql) => {
			if (m.role) await applyRoleContext(sql, m.role);
			for (;;) {
				const op = await next();
				if (op.t === 'end') {
					end = op;
					if (op.commit) return;
					throw ROLLBACK;
				}
				// A statement's error goes to its caller, who decides whether the transaction goes
				// on (Postgres refuses anything but a rollback after an error, as it would anyway).
				await runStatement(sql, op).then(
					(value) => reply(op.id, value),
					(err: unknown) => post({ t: 'reply', id: op.id, error: toWireError(err) })
				);
			}
		},
		m.prelude ? { prelude: m.prelude } : undefined
	).then(
		() => {
			transactions.delete(m.tx);
			post({ t: 'reply', id: end!.id });
		},
		(err: unknown) => {
			if (end) {
				transactions.delete(m.tx);
				// A rollback asked for is an answer; a commit that failed is an error.
				post(
					err === ROLLBACK || !end.commit
						? { t: 'reply', id: end.id }
						: { t: 'reply', id: end.id, error: toWireError(err) }
				);
				return;
			}
			// It never began: every statement sent for it fails with the reason, and its end with
			// it too unless the end is a rollback. The entry stays until the end arrives.
			tx.failure = toWireError(err);
			for (const op of tx.queue.splice(0)) settleFailed(m.tx, tx, op);
			tx.wake = null;
		}
	);
}

function settleFailed(id: number, tx: OpenTx, op: TxStatement | End): void {
	if (op.t === 'end') {
		transactions.delete(id);
		post(op.commit ? { t: 'reply', id: op.id, error: tx.failure! } : { t: 'reply', id: op.id });
	} else post({ t: 'reply', id: op.id, error: tx.failure! });
}

function toTransaction(op: TxStatement | End): void {
	const tx = transactions.get(op.tx!);
	if (!tx) {
		post({
			t: 'reply',
			id: op.id,
			error: { message: `no transaction ${op.tx} is open on the database thread` }
		});
		return;
	}
	if (tx.failure) return settleFailed(op.tx!, tx, op);
	if (tx.wake) {
		const wake = tx.wake;
		tx.wake = null;
		wake(op);
	} else tx.queue.push(op);
}

/** The REST engine, once the main thread's REST service has asked for it. */
let rest: Promise<RestEngine> | undefined;

/** What each procedure runs, on this thread's connection; arguments as the main thread sent them. */
const procedures: Record<ProcedureName, (args: unknown[]) => Promise<unknown>> = {
	'realtime.readPolicies': ([ctx, topic]) =>
		readPoliciesHere(db, ctx as RoleContext, topic as string),
	'realtime.canWrite': ([ctx, topic, extension]) =>
		canWriteHere(db, ctx as RoleContext, topic as string, extension as Extension),
	'auth.signupAnonymously': ([settings, aud, data, client]) =>
		createAnonymousUser(
			db,
			settings as PlainAuthSettings,
			aud as string,
			data as JsonObject,
			client as ClientInfo
		)
};

/** LISTENs by channel, each resolving to its UNLISTEN. */
const listening = new Map<string, Promise<() => Promise<void>>>();

if (opened)
	port.on('message', (m: ToThread) => {
		switch (m.t) {
			case 'query':
			case 'exec':
				if (m.tx !== undefined) return toTransaction(m);
				return answer(m.id, () => runStatement(db, m));
			case 'begin':
				return begin(m);
			case 'end':
				return toTransaction(m);
			case 'listen':
				return answer(m.id, async () => {
					if (listening.has(m.channel)) return;
					const unlisten = db.listen(m.channel, (payload) =>
						post({ t: 'notify', channel: m.channel, payload })
					);
					listening.set(m.channel, unlisten);
					await unlisten;
				});
			case 'unlisten':
				return answer(m.id, async () => {
					const unlisten = listening.get(m.channel);
					listening.delete(m.channel);
					if (unlisten) await (await unlisten)();
				});
			case 'dump':
				db.dump()
					.then((blob) => blob.arrayBuffer())
					.then(
						(bytes) => reply(m.id, bytes, [bytes]),
						(err: unknown) => post({ t: 'reply', id: m.id, error: toWireError(err) })
					);
				return;
			case 'rest-start':
				return answer(m.id, async () => {
					rest ??= createRestEngine(m.config, db);
					await rest;
				});
			case 'rest':
				return answer(m.id, async () => {
					if (!rest) throw new Error('the REST engine has not been started on the database thread');
					return (await rest).answer(m.request);
				});
			case 'procedure':
				return answer(m.id, async () => {
					const run = Object.hasOwn(procedures, m.name) ? procedures[m.name] : undefined;
					if (!run) throw new Error(`no procedure ${m.name} on the database thread`);
					return run(m.args);
				});
			case 'close':
				return answer(m.id, async () => {
					if (rest) await (await rest).close();
					await db.close();
				});
		}
	});
if (opened) post({ t: 'ready' });
