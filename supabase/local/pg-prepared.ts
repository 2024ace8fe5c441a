/**
 * Named prepared statements on PostgreSQL's pooled connections, as PostgREST keeps them on its
 * own (`db-prepared-statements`, on by default). Without a name, Postgres parses, analyzes,
 * rewrites and plans a REST request's statement on every request, and row level security
 * expands each policy into it; by name, it binds and runs what it kept (pglite-prepared.ts
 * does the same on PGlite, and says when Postgres analyzes a kept statement again).
 *
 * node-postgres parses a named statement once per connection and binds it by name after that,
 * but never closes one, and keeps every name's text for the connection's life. So each
 * connection here keeps at most `max` statements: the least recently used is deallocated
 * before the connection's next transaction, outside it, so a failure there touches no request.
 * After an error that says a statement is stale (its result changed, or it is gone) its text
 * gets a new statement next time.
 */
import type { ClientBase } from 'pg';

/** How many statements each pooled connection keeps prepared (PostgreSQL holds them per backend). */
export const PG_PREPARED_STATEMENTS_MAX = 200;

/** SQLSTATEs after which a statement is prepared again: its result changed, or it is gone. */
const STALE_CODES = new Set(['0A000', '26000']);

interface Kept {
	/** Names by text, least recently used first. */
	byText: Map<string, string>;
	/** Names to deallocate before the connection's next transaction. */
	closing: string[];
}

/** What node-postgres keeps per connection about the named statements it parsed. */
interface ParsedStatements {
	connection?: { parsedStatements?: Record<string, string> };
}

export class PgPreparedStatements {
	readonly #max: number;
	readonly #kept = new WeakMap<ClientBase, Kept>();
	#next = 0;

	constructor(max = PG_PREPARED_STATEMENTS_MAX) {
		if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be ≥ 1, not ${max}`);
		this.#max = max;
	}

	#of(client: ClientBase): Kept {
		let kept = this.#kept.get(client);
		if (!kept) this.#kept.set(client, (kept = { byText: new Map(), closing: [] }));
		return kept;
	}

	/**
	 * The name `text` runs under on `client`: the one it has, or a new one (node-postgres
	 * parses it on first use), making room by queueing the least recently used for closing.
	 */
	nameFor(client: ClientBase, text: string): string {
		const kept = this.#of(client);
		let name = kept.byText.get(text);
		if (name) kept.byText.delete(text);
		else {
			while (kept.byText.size >= this.#max) {
				const [oldest, oldName] = kept.byText.entries().next().value!;
				kept.byText.delete(oldest);
				kept.closing.push(oldName);
			}
			name = `parley_${++this.#next}`;
		}
		// Most recently used last.
		kept.byText.set(text, name);
		return name;
	}

	/** After `err` from running `text`: a stale statement is closed, and prepared anew next time. */
	failed(client: ClientBase, text: string, err: unknown): void {
		const code = (err as { code?: unknown } | null)?.code;
		if (typeof code !== 'string' || !STALE_CODES.has(code)) return;
		const kept = this.#kept.get(client);
		const name = kept?.byText.get(text);
		if (!kept || !name) return;
		kept.byText.delete(text);
		kept.closing.push(name);
	}

	/**
	 * Deallocates the statements queued on `client`; call it outside a transaction. Each goes
	 * on its own, so one already gone (SQLSTATE 26000) does not keep the others.
	 */
	async close(client: ClientBase): Promise<void> {
		const kept = this.#kept.get(client);
		if (!kept?.closing.length) return;
		const names = kept.closing;
		kept.closing = [];
		const parsed = (client as ClientBase & ParsedStatements).connection?.parsedStatements;
		for (const name of names) {
			await client.query(`deallocate "${name}"`).catch(() => undefined);
			// Its text would otherwise stay in node-postgres's table for the connection's life.
			if (parsed) delete parsed[name];
		}
	}
}
