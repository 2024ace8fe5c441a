/**
 * Transactions on PGlite that cross into WebAssembly as few times as they can.
 *
 * PGlite's own `transaction()` sends `BEGIN` and `COMMIT` each as a query and a `Sync` of its
 * own, and its `query()` sends parse, describe, bind, describe, execute and sync one call at a
 * time: a REST request (begin, its role and claims, its statement, commit) took six calls into
 * PGlite, each with its own promise, lock and result parser. Here the protocol messages of one
 * transaction are batched as a driver pipelines them over a socket: `BEGIN` waits to go with
 * the first statement, a statement whose result nobody reads (`deferred`, the request's
 * settings) goes with the next one, and `COMMIT` is one message. A REST request is two calls.
 *
 * What Postgres sees is the same sequence of messages, and each batch of extended-protocol
 * messages ends with a `Sync`, so after an error the server skips only to the end of its own
 * batch; the error is thrown to whoever sent that batch, and the transaction is then rolled
 * back as before (`COMMIT` of a failed transaction answers `ROLLBACK`, which throws 25P02).
 */
import type { PGlite, Results } from '@electric-sql/pglite';
import {
	frontend,
	QUERY,
	resultOf,
	type BackendMessage,
	type Parsers,
	type PgliteWire
} from './pglite-wire.ts';

export type { Parsers };

/** One transaction's way to PGlite: what it sends, with what waits to go before it. */
export interface Exchange {
	readonly closed: boolean;
	/**
	 * Sends the messages waiting (see `defer`) and then `parts`, in one call into PGlite, and
	 * gives every message the backend answered. `parts` ends with a `Sync` or is a query.
	 */
	send(parts: Uint8Array[]): Promise<BackendMessage[]>;
	/**
	 * Queues extended-protocol messages to go before the next `send`. If the batch they go in
	 * fails, `onError` hears its error (which may be theirs or the sender's).
	 */
	defer(parts: Uint8Array[], onError?: (err: unknown) => void): void;
}

export function concat(parts: Uint8Array[]): Uint8Array {
	let length = 0;
	for (const p of parts) length += p.length;
	const out = new Uint8Array(length);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/**
 * The result of the last statement in `messages`, which begin with the answers to what waited
 * before it: only its own messages are read, from its `BindComplete` on, so its rows, its
 * `affectedRows` (PGlite's parser adds up those of every command it reads) and an empty result
 * are its own.
 */
export function lastResult<T>(
	messages: BackendMessage[],
	parsers: Parsers,
	extra?: Parsers
): Results<T> {
	let from = messages.length;
	while (from > 0 && messages[from - 1].name !== 'bindComplete') from--;
	return resultOf<T>(from > 0 ? messages.slice(from) : messages, parsers, extra);
}

/**
 * The parameter types of the statement described last in `messages` (earlier messages may
 * answer what waited before it).
 */
export function paramTypesOf(messages: BackendMessage[]): number[] {
	for (let i = messages.length - 1; i >= 0; i--) {
		const m = messages[i];
		if (m.name === 'parameterDescription') return m.dataTypeIDs;
	}
	return [];
}

const TRANSACTION_CLOSED = 'the transaction is closed';

/** The transaction's own statements, written once (they are copied into each call, never changed). */
const CONTROL = {
	BEGIN: frontend.query('BEGIN'),
	COMMIT: frontend.query('COMMIT'),
	ROLLBACK: frontend.query('ROLLBACK')
};

/** A transaction in progress, as `runTransaction` hands it to its function. */
export class PgliteTransaction implements Exchange {
	readonly #pg: PGlite;
	readonly #wire: PgliteWire;
	/** Messages that go with the next call; `BEGIN` until the first one. */
	#waiting: Uint8Array[];
	/** Whether `#waiting` holds extended-protocol messages (a query must then follow a Sync). */
	#waitingExtended = false;
	/** Who deferred what waits, to hear of a failed batch. */
	#waitingOnError: ((err: unknown) => void)[] = [];
	/** Whether `BEGIN` has gone to PGlite (so the end must be a COMMIT or ROLLBACK). */
	#begun = false;
	#closed = false;

	constructor(pg: PGlite, wire: PgliteWire) {
		this.#pg = pg;
		this.#wire = wire;
		this.#waiting = [CONTROL.BEGIN];
	}

	get closed(): boolean {
		return this.#closed;
	}

	defer(parts: Uint8Array[], onError?: (err: unknown) => void): void {
		if (this.#closed) throw new Error(TRANSACTION_CLOSED);
		this.#waiting.push(...parts);
		this.#waitingExtended = true;
		if (onError) this.#waitingOnError.push(onError);
	}

	async send(parts: Uint8Array[]): Promise<BackendMessage[]> {
		if (this.#closed) throw new Error(TRANSACTION_CLOSED);
		// Taken now, so that messages go in the order they were given.
		const onError = this.#waitingOnError;
		const message = concat([...this.#take(parts[0]?.[0] === QUERY), ...parts]);
		this.#begun = true;
		try {
			return await this.#wire.exchange(message);
		} catch (err) {
			for (const hear of onError) hear(err);
			throw err;
		}
	}

	/** A statement without parameters or a script of several, by the simple protocol. */
	async exec(text: string): Promise<void> {
		await this.send([frontend.query(text)]);
	}

	/** A statement by the extended protocol, parsed afresh (unnamed). */
	async query<T>(text: string, params: readonly unknown[], parsers?: Parsers): Promise<Results<T>> {
		let types: number[] = [];
		if (params.length > 0) {
			// The parameters' types decide how each value is written (an array as text[] or JSON).
			const described = await this.send([
				frontend.parse('', text),
				frontend.describe('S'),
				frontend.sync()
			]);
			types = paramTypesOf(described);
		}
		const values = serializeParams(this.#pg, params, types);
		const messages = await this.send([
			...(params.length > 0 ? [] : [frontend.parse('', text)]),
			frontend.bind('', values),
			frontend.describe('P'),
			frontend.execute(),
			frontend.sync()
		]);
		return lastResult<T>(messages, this.#pg.parsers, parsers);
	}

	/**
	 * Commits what was sent (nothing if nothing was). Messages still waiting go first, on their
	 * own: if they fail, the transaction is still open for a rollback.
	 */
	async commit(): Promise<void> {
		if (this.#waitingExtended) await this.send([frontend.sync()]);
		this.#closed = true;
		if (!this.#begun) return;
		const done = resultOf(await this.#end('COMMIT'), this.#pg.parsers);
		if (done.command === 'ROLLBACK')
			throw Object.assign(new Error('Transaction was rolled back instead of committed'), {
				code: '25P02',
				severity: 'ERROR'
			});
	}

	/** Rolls back what was sent. */
	async rollback(): Promise<void> {
		this.#closed = true;
		if (!this.#begun) return;
		await this.#end('ROLLBACK');
	}

	/** Sends `COMMIT` or `ROLLBACK` as one simple-protocol message; its messages back. */
	#end(command: 'COMMIT' | 'ROLLBACK') {
		return this.#wire.exchange(CONTROL[command]);
	}

	#take(beforeQuery: boolean): Uint8Array[] {
		const waiting = this.#waiting;
		// An error in extended messages skips everything up to the next Sync, a query included.
		if (beforeQuery && this.#waitingExtended) waiting.push(frontend.sync());
		this.#waiting = [];
		this.#waitingExtended = false;
		this.#waitingOnError = [];
		return waiting;
	}
}

/** Parameter values as text, each written by the serializer of its type. */
export function serializeParams(
	pg: PGlite,
	params: readonly unknown[],
	types: readonly number[]
): (string | null)[] {
	return params.map((value, i) => {
		if (value === null || value === undefined) return null;
		const write = pg.serializers[types[i]];
		return write ? (write(value) as string) : String(value);
	});
}

/**
 * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Holds
 * PGlite's transaction lock throughout, as PGlite's own `transaction()` does, so nothing else
 * runs between its statements.
 */
export function runTransaction<T>(
	pg: PGlite,
	wire: PgliteWire,
	fn: (tx: PgliteTransaction) => Promise<T>
): Promise<T> {
	return pg._runExclusiveTransaction(async () => {
		const tx = new PgliteTransaction(pg, wire);
		try {
			const value = await fn(tx);
			await tx.commit();
			return value;
		} catch (err) {
			// A COMMIT that failed has ended the transaction (closed); anything else is rolled back.
			if (!tx.closed) await tx.rollback();
			throw err;
		}
	});
}
