/**
 * The database layer: one interface over embedded PGlite and a real PostgreSQL.
 * Every API request runs inside `asRole`, a transaction that first sets, transaction-local,
 * the role and JWT claims Supabase sets, so Postgres itself enforces row level security.
 */
import { mkdir } from 'node:fs/promises';
import type { Results } from '@electric-sql/pglite';
import type { Claims } from './jwt.ts';
import { PgPreparedStatements } from './pg-prepared.ts';
import { PreparedStatements } from './pglite-prepared.ts';
import { runTransaction, type PgliteTransaction } from './pglite-transaction.ts';
import { PgliteWire } from './pglite-wire.ts';

export interface Field {
	name: string;
	dataTypeID: number;
}
export interface QueryResult<T = Record<string, unknown>> {
	rows: T[];
	fields: Field[];
	/** Rows a command touched (INSERT/UPDATE/DELETE), or rows returned. */
	rowCount: number;
}

/** Per-query options. */
export interface QueryOptions {
	/** Give json and jsonb values as the text Postgres sent, unparsed. */
	jsonAsText?: boolean;
	/**
	 * Keep the statement prepared and run it again by name next time (inside a transaction;
	 * see pglite-prepared.ts and pg-prepared.ts). For statements sent again and again with
	 * other parameters, as PostgREST prepares its own.
	 */
	prepared?: boolean;
	/**
	 * Nobody reads the result (the request's settings): on PGlite the statement goes with the
	 * transaction's next one, in the same call, and an error of it is thrown there. PostgreSQL
	 * runs it at once.
	 */
	deferred?: boolean;
}

/** The type OIDs of json and jsonb. */
const JSON_TYPES = new Set([114, 3802]);

/** Anything SQL can be sent to: the database itself, or an open transaction. */
export interface Sql {
	query<T = Record<string, unknown>>(
		text: string,
		params?: unknown[],
		opts?: QueryOptions
	): Promise<QueryResult<T>>;
	/** Runs a script of several statements without parameters. */
	exec(text: string): Promise<void>;
}

/** Who a request runs as: the role and claims of its JWT, plus request facts PostgREST exposes. */
export interface RoleContext {
	role: string;
	claims: Claims | null;
	method?: string;
	path?: string;
	headers?: Record<string, string>;
	/**
	 * Schemas to search, in order (REST: the request's schema, then `[api] extra_search_path`).
	 * Default: REQUEST_SEARCH_PATH.
	 */
	searchPath?: readonly string[];
}

export interface Database extends Sql {
	readonly kind: 'pglite' | 'postgres';
	/**
	 * Runs fn in a transaction as the superuser; a throw rolls it back. `prelude`, SQL without
	 * parameters, runs first inside the transaction (on PostgreSQL in the same round trip as
	 * `begin`).
	 */
	transaction<T>(fn: (tx: Sql) => Promise<T>, opts?: { prelude?: string }): Promise<T>;
	/**
	 * Runs fn in a transaction as `ctx.role` with the request's claims set. With
	 * `rollback: true` the transaction is always rolled back (used for permission probes).
	 */
	asRole<T>(
		ctx: RoleContext,
		fn: (tx: Sql) => Promise<T>,
		opts?: { rollback?: boolean }
	): Promise<T>;
	/** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/**
 * The search path of a request that names none: the one PostgREST sets for the `public`
 * schema with Supabase's default `extra_search_path` (`public, extensions`).
 */
export const REQUEST_SEARCH_PATH = 'public, extensions';

/** The settings PostgREST sets for a request, in the order `roleContextValues` gives them. */
const ROLE_CONTEXT_SETTINGS = [
	'role',
	'request.jwt.claims',
	'request.jwt.claim.sub',
	'request.jwt.claim.role',
	'request.method',
	'request.path',
	'request.headers',
	'search_path'
] as const;

function roleContextValues(ctx: RoleContext): string[] {
	const claims = ctx.claims ?? { role: ctx.role };
	return [
		ctx.role,
		JSON.stringify(claims),
		typeof claims.sub === 'string' ? claims.sub : '',
		ctx.role,
		ctx.method ?? '',
		ctx.path ?? '',
		JSON.stringify(ctx.headers ?? {}),
		ctx.searchPath ? searchPathOf(ctx.searchPath) : REQUEST_SEARCH_PATH
	];
}

/**
 * `value` as an SQL string literal: `E'…'` with backslashes and quotes doubled, which reads the
 * same whatever `standard_conforming_strings` says. Null for a value with a NUL character,
 * which no SQL text can carry.
 */
export function sqlLiteral(value: string): string | null {
	if (value.includes('\0')) return null;
	return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * The statement that sets a request's context with its values written in, for PostgreSQL: sent
 * with the simple protocol in the same round trip as `begin`, it saves a round trip. Null when
 * a value cannot be written as a literal.
 */
export function roleContextStatement(ctx: RoleContext): string | null {
	const literals = roleContextValues(ctx).map(sqlLiteral);
	if (literals.some((l) => l === null)) return null;
	return `select ${ROLE_CONTEXT_SETTINGS.map((name, i) => `set_config('${name}', ${literals[i]}, true)`).join(', ')}`;
}

/** A search path setting that names exactly these schemas, quoted as PostgREST quotes them. */
export function searchPathOf(schemas: readonly string[]): string {
	return schemas.map((s) => `"${s.replaceAll('"', '""')}"`).join(', ');
}

/** The statement that sets a request's context from parameters, in `roleContextValues` order. */
const ROLE_CONTEXT_PARAMETERS = `select ${ROLE_CONTEXT_SETTINGS.map((name, i) => `set_config('${name}', $${i + 1}, true)`).join(', ')}`;

/**
 * Sets the transaction-local settings PostgREST sets before running a request's SQL, with one
 * statement kept prepared on the connection: parsed once, each request only binds its values.
 * On PGlite that costs about half of the literal statement, whose text (the request's claims
 * and headers, over a kilobyte) the parser reads anew every time.
 */
export async function applyRoleContext(tx: Sql, ctx: RoleContext): Promise<void> {
	await tx.query(ROLE_CONTEXT_PARAMETERS, roleContextValues(ctx), {
		prepared: true,
		deferred: true
	});
}

class RollbackSignal<T> {
	readonly value: T;
	constructor(value: T) {
		this.value = value;
	}
}

/**
 * Runs fn in a transaction with `ctx` set. `withBegin`: the settings go as a literal statement
 * in `begin`'s round trip (PostgreSQL, where a round trip costs more than parsing); otherwise
 * as the prepared `applyRoleContext` (PGlite, where there are no round trips to save).
 */
async function runAsRole<T>(
	db: Database,
	ctx: RoleContext,
	fn: (tx: Sql) => Promise<T>,
	rollback: boolean,
	withBegin: boolean
): Promise<T> {
	try {
		const statement = withBegin ? roleContextStatement(ctx) : null;
		return await db.transaction(
			async (tx) => {
				if (!statement) await applyRoleContext(tx, ctx);
				const value = await fn(tx);
				if (rollback) throw new RollbackSignal(value);
				return value;
			},
			statement ? { prelude: statement } : undefined
		);
	} catch (err) {
		if (err instanceof RollbackSignal) return err.value as T;
		throw err;
	}
}

// ---------------------------------------------------------------- PGlite

export interface PgliteOptions {
	/** A directory for the data files, or `memory://` for a throwaway database. */
	dataDir: string;
	/** A tarball from `dumpDataDir()` to start from (tests start each file from one). */
	loadDataDir?: Blob | File;
	/** Postgres's `shared_buffers` inside PGlite (see PGLITE_SHARED_BUFFERS). */
	sharedBuffers?: string;
	/** How many statements to keep prepared (PREPARED_STATEMENTS_MAX). */
	preparedMax?: number;
}

/**
 * PGlite's `shared_buffers`, less than Postgres's 128MB: inside PGlite the buffers are part of
 * the WebAssembly memory, which never shrinks, and the same pages are cached again outside it
 * (by the operating system for a data directory on disk), so each page was held twice. The
 * app and stack of `npm start` settled at about 420 MB resident with 32MB against about 510
 * with 128MB (bench/README.md, "PGlite's memory").
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/**
 * PGlite's `wal_init_zero`, off where Postgres has it on. With it on, each new 16 MB WAL segment
 * is filled with zeros before use, a write that runs on the server's one thread: a commit that
 * crossed into a new segment took 100 to 160 ms, every few thousand chat messages (each
 * writes several kilobytes of WAL), and stopped every request meanwhile. Off, the segment is
 * created at its size without being written (as on copy-on-write file systems, where Postgres
 * advises it); PGlite runs with `fsync` off, so zeroing bought no durability here.
 */
export const PGLITE_WAL_INIT_ZERO = 'off';

/** Opens (creating if needed) an embedded PGlite database. */
export async function openPglite(
	opts: PgliteOptions
): Promise<Database & { dump(): Promise<Blob> }> {
	const pgliteModule = await import('@electric-sql/pglite');
	const { PGlite } = pgliteModule;
	const { pgcrypto } = await import('@electric-sql/pglite/contrib/pgcrypto');
	const { uuid_ossp } = await import('@electric-sql/pglite/contrib/uuid_ossp');
	if (!opts.dataDir.startsWith('memory://')) await mkdir(opts.dataDir, { recursive: true });
	const pg = await PGlite.create(opts.dataDir, {
		extensions: { pgcrypto, uuid_ossp },
		startParams: [
			...PGlite.defaultStartParams,
			'-c',
			`shared_buffers=${opts.sharedBuffers ?? PGLITE_SHARED_BUFFERS}`,
			// See PGLITE_WAL_INIT_ZERO.
			'-c',
			`wal_init_zero=${PGLITE_WAL_INIT_ZERO}`
		],
		...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {})
	});
	const wire = new PgliteWire(pg, pgliteModule);
	const prepared = new PreparedStatements(pg, opts.preparedMax);
	const asText = (value: string) => value;
	const parsersFor = (opts?: QueryOptions) =>
		opts?.jsonAsText ? { 114: asText, 3802: asText } : undefined;
	// PGlite counts only the rows a write changed (0 for a select); node-postgres reads the
	// command tag, which for a select is its rows.
	const toResult = <T>(res: Results<T>): QueryResult<T> => ({
		rows: res.rows,
		fields: res.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
		rowCount: res.affectedRows || res.rows.length
	});
	const base: Sql = {
		async query<T>(text: string, params: unknown[] = [], opts?: QueryOptions) {
			const parsers = parsersFor(opts);
			return toResult(await pg.query<T>(text, params, parsers ? { parsers } : undefined));
		},
		async exec(text: string) {
			await pg.exec(text);
		}
	};
	/** Statements in a transaction: prepared ones kept by name, the others parsed each time. */
	const inTransaction = (tx: PgliteTransaction): Sql => ({
		async query<T>(text: string, params: unknown[] = [], opts?: QueryOptions) {
			const parsers = parsersFor(opts);
			return toResult(
				opts?.prepared
					? await prepared.query<T>(tx, text, params, parsers, opts.deferred ?? false)
					: await tx.query<T>(text, params, parsers)
			);
		},
		exec: (text: string) => tx.exec(text)
	});
	const db: Database & { dump(): Promise<Blob> } = {
		kind: 'pglite',
		...base,
		transaction: (fn, o) =>
			runTransaction(pg, wire, async (tx) => {
				if (o?.prelude) await tx.exec(o.prelude);
				return fn(inTransaction(tx));
			}),
		asRole: (ctx, fn, o) => runAsRole(db, ctx, fn, o?.rollback ?? false, false),
		listen: (channel, onPayload) => wire.listen(channel, onPayload),
		async close() {
			if (!pg.closed) await pg.close();
		},
		dump: () => pg.dumpDataDir('gzip')
	};
	return db;
}

// ---------------------------------------------------------------- PostgreSQL

export interface PostgresOptions {
	/** How many statements each connection keeps prepared (PG_PREPARED_STATEMENTS_MAX). */
	preparedMax?: number;
}

/** Connects to a real PostgreSQL through a pool; LISTEN gets a dedicated connection. */
export async function openPostgres(
	url: string,
	poolSize = 10,
	opts: PostgresOptions = {}
): Promise<Database> {
	const { default: pgModule } = await import('pg');
	const pool = new pgModule.Pool({ connectionString: url, max: poolSize });
	pool.on('error', (err) => console.error('postgres pool error:', err.message));
	const prepared = new PgPreparedStatements(opts.preparedMax);
	const jsonAsText = {
		getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
			JSON_TYPES.has(oid)
				? (value: string) => value
				: pgModule.types.getTypeParser(oid, format)) as typeof pgModule.types.getTypeParser
	};
	/** `client` when q is a transaction's connection: prepared statements run only there. */
	const wrap = (q: { query: typeof pool.query }, client?: import('pg').PoolClient): Sql => ({
		async query<T>(text: string, params: unknown[] = [], opts?: QueryOptions) {
			const name = opts?.prepared && client ? prepared.nameFor(client, text) : undefined;
			let res;
			try {
				res = await q.query({
					text,
					values: params,
					...(name ? { name } : {}),
					...(opts?.jsonAsText ? { types: jsonAsText } : {})
				});
			} catch (err) {
				if (name) prepared.failed(client!, text, err);
				throw err;
			}
			return {
				rows: res.rows as T[],
				fields: res.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
				rowCount: res.rowCount ?? res.rows.length
			};
		},
		async exec(text: string) {
			await q.query(text);
		}
	});
	let listener: import('pg').Client | undefined;
	const handlers = new Map<string, Set<(payload: string) => void>>();
	const db: Database = {
		kind: 'postgres',
		...wrap(pool),
		async transaction(fn, o) {
			const client = await pool.connect();
			try {
				await prepared.close(client);
				await client.query(o?.prelude ? `begin; ${o.prelude}` : 'begin');
				const value = await fn(wrap(client, client));
				await client.query('commit');
				return value;
			} catch (err) {
				await client.query('rollback').catch(() => undefined);
				throw err;
			} finally {
				client.release();
			}
		},
		asRole: (ctx, fn, o) => runAsRole(db, ctx, fn, o?.rollback ?? false, true),
		async listen(channel, onPayload) {
			if (!listener) {
				listener = new pgModule.Client({ connectionString: url });
				await listener.connect();
				listener.on('notification', (msg) => {
					for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
				});
			}
			let set = handlers.get(channel);
			if (!set) {
				handlers.set(channel, (set = new Set()));
				await listener.query(`listen "${channel.replaceAll('"', '""')}"`);
			}
			set.add(onPayload);
			return async () => {
				set.delete(onPayload);
			};
		},
		async close() {
			await listener?.end().catch(() => undefined);
			await pool.end();
		}
	};
	return db;
}
