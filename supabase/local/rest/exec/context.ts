/** What every executor gets, and what it hands back for the reply. */
import type { QueryOptions, Sql } from '../../db.ts';
import type { SchemaCache } from '../catalog.ts';
import type { ApiRequest } from '../parse/request.ts';

export interface ExecContext {
	req: ApiRequest;
	cache: SchemaCache;
	/** The parsed JSON body of POST/PATCH/PUT. */
	body: unknown;
	/** Largest number of rows a read or function call returns (`[api] max_rows`). */
	maxRows: number;
	/** PostgREST's `db-aggregates-enabled`: `pgrst.db_aggregates_enabled` of the authenticator role. */
	aggregates: boolean;
}

/** A reply: status, headers and the body text (JSON made by Postgres), or none. */
export interface Outcome {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

/**
 * A request's main statement stays prepared, as PostgREST's do (`db-prepared-statements`):
 * its text repeats with other parameters, and planning it with its policies is costly.
 */
export const PREPARED: QueryOptions = { prepared: true };

/** Runs the planned SQL inside the request's role transaction. */
export type Run = (tx: Sql) => Promise<Outcome>;

/**
 * Runs `run` in a READ ONLY transaction, as PostgREST does for GET/HEAD and for calls of
 * stable or immutable functions: a write then fails with SQLSTATE 25006 (HTTP 405).
 */
export function readOnly(run: Run): Run {
	return async (tx) => {
		await tx.query('set transaction read only');
		return run(tx);
	};
}
