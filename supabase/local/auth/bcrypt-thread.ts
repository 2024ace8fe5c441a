/**
 * bcrypt on a thread of its own. bcryptjs is JavaScript: one hash at GoTrue's cost takes about
 * 50 ms of CPU, and its asynchronous form runs in slices of up to 100 ms on the calling thread.
 * On the stack's main thread every password sign-up, sign-in and change stopped HTTP,
 * WebSocket frames and (under `npm start`) the app's pages for that long. GoTrue, in Go, hashes
 * beside its other work; so does this. The thread starts on the first call, does not keep the
 * process alive while idle, ends after `BCRYPT_IDLE_MS` without a call (passwords are rare, and
 * a thread holds a JavaScript heap of its own), and is started again by the next call.
 */
import { Worker } from 'node:worker_threads';

type BcryptCall =
	| { op: 'hash'; password: string; cost: number }
	| { op: 'compare'; password: string; hash: string };
export type BcryptRequest = BcryptCall & { id: number };
export type BcryptReply = { id: number; value: string | boolean } | { id: number; error: string };

type Pending = { resolve(value: string | boolean): void; reject(err: Error): void };

/** How long the thread stays after its last answer. */
export const BCRYPT_IDLE_MS = 10_000;

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;
let idle: ReturnType<typeof setTimeout> | null = null;

function thread(): Worker {
	if (worker) return worker;
	const started = new Worker(new URL('./bcrypt-thread-worker.ts', import.meta.url), {
		name: 'parley-bcrypt'
	});
	started.on('message', (m: BcryptReply) => {
		const call = pending.get(m.id);
		if (!call) return;
		pending.delete(m.id);
		if (pending.size === 0) {
			started.unref();
			idle = setTimeout(() => {
				idle = null;
				if (worker !== started || pending.size > 0) return;
				worker = null;
				void started.terminate();
			}, BCRYPT_IDLE_MS);
			idle.unref();
		}
		if ('error' in m) call.reject(new Error(m.error));
		else call.resolve(m.value);
	});
	const lost = (reason: Error) => {
		if (worker === started) worker = null;
		for (const call of pending.values()) call.reject(reason);
		pending.clear();
	};
	started.on('error', (err) => lost(err));
	started.on('exit', (code) => lost(new Error(`the bcrypt thread exited (code ${code})`)));
	started.unref();
	worker = started;
	return started;
}

function call(request: BcryptCall): Promise<string | boolean> {
	if (idle) {
		clearTimeout(idle);
		idle = null;
	}
	const id = ++nextId;
	const target = thread();
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject });
		target.ref();
		target.postMessage({ ...request, id });
	});
}

/** bcrypt's hash of `password` at `cost`, made on the bcrypt thread. */
export async function bcryptHash(password: string, cost: number): Promise<string> {
	return (await call({ op: 'hash', password, cost })) as string;
}

/** Whether `password` matches the bcrypt `hash`, checked on the bcrypt thread; throws on a malformed hash. */
export async function bcryptCompare(password: string, hash: string): Promise<boolean> {
	return (await call({ op: 'compare', password, hash })) as boolean;
}
