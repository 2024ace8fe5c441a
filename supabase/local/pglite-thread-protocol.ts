/**
 * The messages between the main thread and PGlite's thread (pglite-thread.ts and
 * pglite-thread-worker.ts). Every request but `begin` carries an id its reply answers.
 */
import type { StackConfig } from './config.ts';
import type { QueryOptions, RoleContext } from './db.ts';
import type { ProcedureName } from './procedures.ts';
import type { RestRequest } from './rest/index.ts';

/** What the thread is started with. */
export interface DatabaseThreadData {
	dataDir: string;
	sharedBuffers?: string;
	preparedMax?: number;
	/** A `dumpDataDir()` tarball to start from. */
	loadDataDir?: ArrayBuffer;
}

export interface Query {
	t: 'query';
	id: number;
	/** The transaction it belongs to; none: on its own, as `db.query`. */
	tx?: number;
	text: string;
	params: unknown[];
	opts?: QueryOptions;
}
export interface Exec {
	t: 'exec';
	id: number;
	tx?: number;
	text: string;
}
export type TxStatement = Query | Exec;
/**
 * Opens transaction `tx`; no reply. Its statements follow at once (the main thread does not
 * wait for the `begin`); a failure to begin is the answer to each of them.
 */
export interface Begin {
	t: 'begin';
	tx: number;
	/** SQL run first inside it. */
	prelude?: string;
	/** The request context to set first, as `asRole` does. */
	role?: RoleContext;
}
/** Commits or rolls back transaction `tx`. */
export interface End {
	t: 'end';
	id: number;
	tx: number;
	commit: boolean;
}

export type ToThread =
	| TxStatement
	| Begin
	| End
	| { t: 'listen' | 'unlisten'; id: number; channel: string }
	| { t: 'dump' | 'close'; id: number }
	/** Starts the REST engine on the thread (its answer: nothing), then runs requests on it. */
	| { t: 'rest-start'; id: number; config: StackConfig }
	| { t: 'rest'; id: number; request: RestRequest }
	/** Runs a whole transaction's work on the thread (procedures.ts). */
	| { t: 'procedure'; id: number; name: ProcedureName; args: unknown[] };

/** An error as it crosses threads: its message and its string and number fields (SQLSTATE…). */
export interface WireError {
	message: string;
	[field: string]: string | number | undefined;
}

export type FromThread =
	| { t: 'ready' }
	| { t: 'failed'; error: WireError }
	| { t: 'reply'; id: number; value?: unknown; error?: WireError }
	| { t: 'notify'; channel: string; payload: string };

export function toWireError(err: unknown): WireError {
	if (!(err instanceof Error)) return { message: String(err) };
	const wire: WireError = { message: err.message };
	for (const [key, value] of Object.entries(err))
		if (typeof value === 'string' || typeof value === 'number') wire[key] = value;
	if (err.stack) wire.stack = err.stack;
	return wire;
}

/** The error again on this side, with the fields it had (a Postgres error keeps its `code`). */
export function fromWireError(wire: WireError): Error {
	const err = new Error(wire.message);
	for (const [key, value] of Object.entries(wire))
		if (key !== 'message' && key !== 'stack') Object.assign(err, { [key]: value });
	if (typeof wire.stack === 'string') err.stack = wire.stack;
	return err;
}
