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
import type { PGlite, Results, Transaction } from '@electric-sql/pglite';

type PgliteModule = typeof import('@electric-sql/pglite');
type Parsers = Record<number, (value: string) => unknown>;

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

function concat(parts: Uint8Array[]): Uint8Array {
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

export class PreparedStatements {
	readonly #pg: PGlite;
	readonly #module: PgliteModule;
	readonly #max: number;
	/** By text, least recently used first. */
	readonly #statements = new Map<string, Statement>();
	/** Statements to close with the next preparation. */
	#closing: string[] = [];
	#next = 0;

	constructor(pg: PGlite, module: PgliteModule, max = PREPARED_STATEMENTS_MAX) {
		if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be ≥ 1, not ${max}`);
		this.#pg = pg;
		this.#module = module;
		this.#max = max;
	}

	/** How many statements are prepared now. */
	get size(): number {
		return this.#statements.size;
	}

	/**
	 * Runs `text` with `params` as a prepared statement, preparing it the first time. Only
	 * inside a transaction (`tx` is its handle): PGlite's transaction lock is what keeps other
	 * statements out while the protocol messages run.
	 */
	async query<T>(
		tx: Transaction,
		text: string,
		params: readonly unknown[],
		parsers?: Parsers
	): Promise<Results<T>> {
		if (tx.closed) throw new Error('the transaction is closed');
		const statement = this.#statements.get(text) ?? (await this.#prepare(text));
		// Most recently used last.
		this.#statements.delete(text);
		this.#statements.set(text, statement);
		const { serialize } = this.#module.protocol;
		const values = params.map((value, i) => {
			if (value === null || value === undefined) return null;
			const write = this.#pg.serializers[statement.paramTypes[i]];
			return write ? (write(value) as string) : String(value);
		});
		let messages;
		try {
			messages = await this.#exclusive(() =>
				this.#pg.execProtocolStream(
					concat([
						serialize.bind({ statement: statement.name, values }),
						serialize.describe({ type: 'P' }),
						serialize.execute({}),
						serialize.sync()
					]),
					{ syncToFs: false }
				)
			);
		} catch (err) {
			const code = (err as { code?: unknown }).code;
			if (typeof code === 'string' && STALE_CODES.has(code)) this.#forget(text);
			throw err;
		}
		const [result] = this.#module.parse.parseResults(
			messages,
			this.#pg.parsers,
			parsers ? { parsers } : undefined
		);
		return result as Results<T>;
	}

	/** PGlite's lock for one statement: its `query()` takes it too. */
	#exclusive<T>(fn: () => Promise<T>): Promise<T> {
		return this.#pg._runExclusiveQuery(fn);
	}

	#forget(text: string): void {
		const statement = this.#statements.get(text);
		if (!statement) return;
		this.#statements.delete(text);
		this.#closing.push(statement.name);
	}

	async #prepare(text: string): Promise<Statement> {
		const { serialize } = this.#module.protocol;
		while (this.#statements.size >= this.#max) {
			const [oldest] = this.#statements.keys();
			this.#forget(oldest);
		}
		const name = `parley_${++this.#next}`;
		const parts = this.#closing.map((n) => serialize.close({ type: 'S', name: n }));
		// Closing is done once sent, whatever the parse does after it.
		this.#closing = [];
		parts.push(
			serialize.parse({ name, text, types: [] }),
			serialize.describe({ type: 'S', name }),
			serialize.sync()
		);
		const messages = await this.#exclusive(() =>
			this.#pg.execProtocolStream(concat(parts), { syncToFs: false })
		);
		const statement = {
			name,
			paramTypes: this.#module.parse.parseDescribeStatementResults(messages)
		};
		this.#statements.set(text, statement);
		return statement;
	}
}
