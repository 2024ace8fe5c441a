/**
 * Named prepared statements on PGlite, as PostgREST keeps them on its connections
 * (`db-prepared-statements`, on by default). PGlite's `query()` parses, analyzes and plans
 * every statement again, and a REST request's statement is costly to analyze: row level
 * security expands each policy into it. Kept prepared, a message's insert costs about a third
 * less (bench/README.md, "Prepared statements on PGlite").
 *
 * Postgres itself keeps a prepared statement right: it analyzes and plans it again when a
 * table, function or policy it uses changes, when the role or search path differs from the
 * one it was planned for, and it never caches a plan across those. The one change it refuses
 * is a statement whose result columns change (SQLSTATE 0A000); REST's statements always
 * return the same columns, and after such an error (or 26000, a statement that is gone) the
 * text is prepared afresh next time.
 *
 * At most `max` statements are kept; the least recently used is closed to make room.
 */
import type { PGlite, Results } from '@electric-sql/pglite';
import {
	lastResult,
	paramTypesOf,
	serializeParams,
	type Exchange,
	type Parsers
} from './pglite-transaction.ts';
import { frontend } from './pglite-wire.ts';

/**
 * How many statements one database keeps prepared. Each holds its analyzed query, and its
 * generic plan once Postgres makes one, in PGlite's memory: about 15 KB for a REST read as
 * measured in `pg_backend_memory_contexts`, more with a plan, so a full cache stays within a
 * few MB of memory that WebAssembly never gives back.
 */
export const PREPARED_STATEMENTS_MAX = 200;

/** SQLSTATEs after which a statement is prepared again: its result changed, or it is gone. */
const STALE_CODES = new Set(['0A000', '26000']);

interface Statement {
	name: string;
	/** The parameters' type OIDs, as Postgres inferred them (how each value is serialized). */
	paramTypes: number[];
}

export class PreparedStatements {
	readonly #pg: PGlite;
	readonly #max: number;
	/** By text, least recently used first. */
	readonly #statements = new Map<string, Statement>();
	/** Statements to close with the next preparation. */
	#closing: string[] = [];
	#next = 0;

	constructor(pg: PGlite, max = PREPARED_STATEMENTS_MAX) {
		if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be ≥ 1, not ${max}`);
		this.#pg = pg;
		this.#max = max;
	}

	/** How many statements are prepared now. */
	get size(): number {
		return this.#statements.size;
	}

	/**
	 * Runs `text` with `params` as a prepared statement, preparing it the first time, in the
	 * transaction `tx` (pglite-transaction.ts), whose lock keeps other statements out. With
	 * `deferred`, nobody reads the result: the statement goes with the transaction's next one,
	 * and an error of it is thrown there; it resolves to an empty result.
	 */
	async query<T>(
		tx: Exchange,
		text: string,
		params: readonly unknown[],
		parsers?: Parsers,
		deferred = false
	): Promise<Results<T>> {
		if (tx.closed) throw new Error('the transaction is closed');
		const statement = this.#statements.get(text) ?? (await this.#prepare(tx, text));
		// Most recently used last.
		this.#statements.delete(text);
		this.#statements.set(text, statement);
		const bind = frontend.bind(
			statement.name,
			serializeParams(this.#pg, params, statement.paramTypes)
		);
		// A statement gone stale is prepared afresh next time; a failed batch may be another
		// statement's doing, and preparing again costs only that.
		const forgetIfStale = (err: unknown) => {
			const code = (err as { code?: unknown }).code;
			if (typeof code === 'string' && STALE_CODES.has(code)) this.#forget(text);
		};
		if (deferred) {
			// Its result is never read (lastResult reads the next statement's own messages).
			tx.defer([bind, frontend.execute()], forgetIfStale);
			return { rows: [], fields: [], affectedRows: 0 };
		}
		let messages;
		try {
			messages = await tx.send([bind, frontend.describe('P'), frontend.execute(), frontend.sync()]);
		} catch (err) {
			forgetIfStale(err);
			throw err;
		}
		return lastResult<T>(messages, this.#pg.parsers, parsers);
	}

	#forget(text: string): void {
		const statement = this.#statements.get(text);
		if (!statement) return;
		this.#statements.delete(text);
		this.#closing.push(statement.name);
	}

	async #prepare(tx: Exchange, text: string): Promise<Statement> {
		while (this.#statements.size >= this.#max) {
			const [oldest] = this.#statements.keys();
			this.#forget(oldest);
		}
		const name = `parley_${++this.#next}`;
		const parts = this.#closing.map((n) => frontend.close(n));
		// Closing is done once sent, whatever the parse does after it.
		this.#closing = [];
		parts.push(frontend.parse(name, text), frontend.describe('S', name), frontend.sync());
		const messages = await tx.send(parts);
		const statement = {
			name,
			paramTypes: paramTypesOf(messages)
		};
		this.#statements.set(text, statement);
		return statement;
	}
}
