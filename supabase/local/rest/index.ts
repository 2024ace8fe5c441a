/**
 * /rest/v1 (PostgREST): parse the request → plan it against the schema cache → build SQL →
 * run it in the caller's role transaction (so RLS applies) → reply with PostgREST's headers
 * and error shapes.
 *
 * The work after reading the body is `RestEngine`, which takes a request as plain data and
 * gives the reply as plain data: where PGlite runs on a thread of its own, the engine runs on
 * that thread too (pglite-thread.ts), so a request's transaction never waits on the main
 * thread, as PostgREST runs beside its database rather than beside the gateway.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { StackConfig } from '../config.ts';
import type { Database } from '../db.ts';
import { BodyTooLargeError, headerOf, readBody } from '../http.ts';
import { bearerOf, identify, IdentityError, type Identity } from '../identity.ts';
import type { ServiceFactory } from '../service.ts';
import { Catalog } from './catalog.ts';
import { DEFAULT_DB_CONFIG, readDbConfig, type DbConfig } from './db-config.ts';
import { fromPgError, isCacheMiss, isPgError, pgrst, RestError } from './errors.ts';
import type { ExecContext, Outcome, Run } from './exec/context.ts';
import { planMutation } from './exec/mutate.ts';
import { planTableRead } from './exec/read.ts';
import { planRpc } from './exec/rpc.ts';
import { parseRequest, type ApiRequest } from './parse/request.ts';
import { openApiDocument } from './root.ts';

/** A request as the engine takes it: what came over HTTP, with its body read. */
export interface RestRequest {
	method: string;
	/** The path under the stack's origin and the query string, as `req.url`. */
	url: string;
	headers: IncomingHttpHeaders;
	body?: Uint8Array;
}

/** A reply as the engine gives it; no body for HEAD and 204. */
export interface RestReply {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

export interface RestEngine {
	answer(req: RestRequest): Promise<RestReply>;
	close(): Promise<void>;
}

/** A database that runs the REST engine beside itself (PGlite on its own thread). */
export interface RestEngineHost {
	startRestEngine(config: StackConfig): Promise<RestEngine>;
}

function hostsRestEngine(db: Database): db is Database & RestEngineHost {
	return typeof (db as Partial<RestEngineHost>).startRestEngine === 'function';
}

const PREFIX = '/rest/v1';

function send(res: ServerResponse, reply: RestReply): void {
	if (res.headersSent) {
		res.end();
		return;
	}
	const h: Record<string, string | number> = { ...reply.headers };
	if (reply.body !== undefined) h['content-length'] = Buffer.byteLength(reply.body);
	else if (reply.status !== 204) h['content-length'] = 0;
	res.writeHead(reply.status, h);
	res.end(reply.body);
}

function errorReply(err: RestError, head = false): RestReply {
	return {
		status: err.status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'proxy-status': `PostgREST; error=${err.body.code}`,
			...err.headers
		},
		...(head ? {} : { body: JSON.stringify(err.body) })
	};
}

/** The gateway's and PostgREST's answers to a failed key or JWT check. */
function identityError(
	err: IdentityError,
	req: Pick<IncomingMessage, 'headers'>
): { status: number; body: object; headers: Record<string, string> } {
	if (err.reason === 'no_api_key')
		return { status: 401, body: { message: 'No API key found in request' }, headers: {} };
	if (err.reason === 'invalid_api_key')
		return {
			status: 401,
			body: {
				message: 'Invalid API key',
				hint: 'Double check your Supabase `anon` or `service_role` API key.'
			},
			headers: {}
		};
	const invalid = (message: string) => ({
		'www-authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`
	});
	if (err.reason === 'jwt_expired')
		return {
			status: 401,
			body: { code: 'PGRST303', message: 'JWT expired', details: null, hint: null },
			headers: invalid('JWT expired')
		};
	const parts = (bearerOf(req) ?? '').split('.').length;
	if (parts !== 3) {
		const message = `Expected 3 parts in JWT; got ${parts}`;
		return {
			status: 401,
			body: { code: 'PGRST301', message, details: null, hint: null },
			headers: invalid(message)
		};
	}
	const message = 'No suitable key or wrong key type';
	return {
		status: 401,
		body: {
			code: 'PGRST301',
			message,
			details: 'None of the keys was able to decode the JWT',
			hint: null
		},
		headers: invalid(message)
	};
}

function parseJson(buf: Uint8Array): unknown {
	try {
		return JSON.parse(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8'));
	} catch {
		throw pgrst('invalidBody', 'Empty or invalid json');
	}
}

/** The REST engine over `db`, reading its schema cache and settings from it. */
export async function createRestEngine(config: StackConfig, db: Database): Promise<RestEngine> {
	const catalog = new Catalog(db, config.api.extraSearchPath);
	// PostgREST's in-database configuration, read at start and on NOTIFY pgrst, 'reload config'.
	// Requests wait for a read in progress, so one sent after the notification sees its result;
	// a read that fails keeps the configuration before it.
	const readConfig = (previous: DbConfig) =>
		readDbConfig(db).catch((err: unknown) => {
			console.error('rest: reading the pgrst settings failed:', err);
			return previous;
		});
	let dbConfig: Promise<DbConfig> = readConfig(DEFAULT_DB_CONFIG);
	const unlisten = await db.listen('pgrst', (payload) => {
		if (payload.trim() === '' || payload.includes('reload schema')) catalog.clear();
		if (payload.includes('reload config')) dbConfig = dbConfig.then(readConfig);
	});
	await dbConfig;

	/**
	 * Plans with the cached schema; a miss reloads the cache once and plans again. Planning
	 * consumes parts of the request (its filters), so the second attempt plans a fresh parse
	 * (`reparse`), and the usual single attempt copies nothing.
	 */
	async function plan(req: ApiRequest, reparse: () => ApiRequest, body: unknown): Promise<Run> {
		const attempt = async (req: ApiRequest, reload: boolean) => {
			const cache = await catalog.get(req.schema, reload);
			const ctx: ExecContext = {
				req,
				cache,
				body,
				maxRows: config.api.maxRows,
				aggregates: (await dbConfig).aggregatesEnabled
			};
			const target = req.target;
			if (target.kind === 'rpc') return planRpc(ctx, target.name);
			if (target.kind !== 'table') throw pgrst('path', 'Invalid path specified in request URL');
			return req.method === 'GET' || req.method === 'HEAD'
				? planTableRead(ctx, target.name)
				: planMutation(ctx, target.name);
		};
		try {
			return await attempt(req, false);
		} catch (err) {
			if (isCacheMiss(err) && (await catalog.changed(req.schema))) return attempt(reparse(), true);
			throw err;
		}
	}

	async function answer(input: RestRequest): Promise<RestReply> {
		const head = input.method === 'HEAD';
		const url = new URL(input.url, 'http://stack.local');
		const req = { method: input.method, headers: input.headers };
		let identity: Identity;
		try {
			// PostgREST runs a JWT without a `role` claim as its anonymous role.
			identity = await identify(config, req, url, { anonRole: 'anon' });
		} catch (err) {
			if (!(err instanceof IdentityError)) throw err;
			const e = identityError(err, req);
			return {
				status: e.status,
				headers: { 'content-type': 'application/json; charset=utf-8', ...e.headers },
				...(head ? {} : { body: JSON.stringify(e.body) })
			};
		}
		const authed = identity.ctx.role !== 'anon';
		try {
			const plansEnabled = (await dbConfig).planEnabled;
			const parse = () =>
				parseRequest({
					method: input.method,
					path: url.pathname.slice(PREFIX.length),
					query: url.searchParams,
					header: (name) => headerOf(req, name),
					headerAll: (name) => {
						const v = input.headers[name];
						return v === undefined ? [] : Array.isArray(v) ? v : [v];
					},
					schemas: config.api.schemas,
					plansEnabled
				});
			const apiReq = parse();
			if (apiReq.target.kind === 'root') {
				const cache = await catalog.get(apiReq.schema);
				return {
					status: 200,
					headers: {
						'content-type': 'application/openapi+json; charset=utf-8',
						...(apiReq.profiled ? { 'content-profile': apiReq.schema } : {})
					},
					...(head ? {} : { body: JSON.stringify(openApiDocument(cache, config.publicUrl)) })
				};
			}
			let body: unknown;
			if (apiReq.method === 'POST' || apiReq.method === 'PATCH' || apiReq.method === 'PUT') {
				const raw = input.body ?? new Uint8Array();
				body = raw.length === 0 && apiReq.target.kind === 'rpc' ? {} : parseJson(raw);
			}
			const run = await plan(apiReq, parse, body);
			// PostgREST's search path: the request's schema, then `[api] extra_search_path`.
			const searchPath = [apiReq.schema, ...config.api.extraSearchPath];
			const outcome: Outcome = await db.asRole({ ...identity.ctx, searchPath }, run, {
				rollback: apiReq.prefs.tx === 'rollback'
			});
			const headers = { ...outcome.headers };
			if (apiReq.profiled && headers['content-type']) headers['content-profile'] = apiReq.schema;
			return { status: outcome.status, headers, ...(head ? {} : { body: outcome.body }) };
		} catch (err) {
			if (err instanceof RestError) return errorReply(err, head);
			if (isPgError(err)) return errorReply(fromPgError(err, authed), head);
			console.error('rest: unexpected error:', err);
			return errorReply(
				new RestError(500, {
					code: 'PGRSTX00',
					message: 'Internal server error',
					details: null,
					hint: null
				}),
				head
			);
		}
	}

	return {
		answer,
		async close() {
			await unlisten();
		}
	};
}

/** Reads the body a method carries, then lets the engine (here, or beside PGlite) answer. */
export const createRestService: ServiceFactory = async ({ config, db }) => {
	const engine = hostsRestEngine(db)
		? await db.startRestEngine(config)
		: await createRestEngine(config, db);

	async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		let body: Uint8Array | undefined;
		if (req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') {
			try {
				body = await readBody(req, config.maxBodyBytes);
			} catch (err) {
				if (err instanceof BodyTooLargeError) {
					send(res, {
						status: 413,
						headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
						body: JSON.stringify({ message: 'Request size limit exceeded' })
					});
					return;
				}
				// A client that hung up while sending its body gets no reply, and is no fault of ours.
				if (req.destroyed && (err as NodeJS.ErrnoException)?.code === 'ECONNRESET') return;
				throw err;
			}
		}
		const reply = await engine.answer({
			method: req.method ?? 'GET',
			url: url.pathname + url.search,
			headers: req.headers,
			...(body ? { body } : {})
		});
		send(res, reply);
	}

	return { prefix: PREFIX, handle, close: () => engine.close() };
};
