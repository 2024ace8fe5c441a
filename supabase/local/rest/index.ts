/**
 * /rest/v1 (PostgREST): parse the request → plan it against the schema cache → build SQL →
 * run it in the caller's role transaction (so RLS applies) → reply with PostgREST's headers
 * and error shapes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

const PREFIX = '/rest/v1';

function send(
	res: ServerResponse,
	status: number,
	headers: Record<string, string>,
	body?: string
): void {
	if (res.headersSent) {
		res.end();
		return;
	}
	const h: Record<string, string | number> = { ...headers };
	if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
	else if (status !== 204) h['content-length'] = 0;
	res.writeHead(status, h);
	res.end(body);
}

function sendError(res: ServerResponse, err: RestError, head = false): void {
	const body = JSON.stringify(err.body);
	send(
		res,
		err.status,
		{
			'content-type': 'application/json; charset=utf-8',
			'proxy-status': `PostgREST; error=${err.body.code}`,
			...err.headers
		},
		head ? undefined : body
	);
}

/** The gateway's and PostgREST's answers to a failed key or JWT check. */
function identityError(
	err: IdentityError,
	req: IncomingMessage
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

function parseJson(buf: Buffer): unknown {
	try {
		return JSON.parse(buf.toString('utf8'));
	} catch {
		throw pgrst('invalidBody', 'Empty or invalid json');
	}
}

export const createRestService: ServiceFactory = async ({ config, db }) => {
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

	async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const head = req.method === 'HEAD';
		let identity: Identity;
		try {
			// PostgREST runs a JWT without a `role` claim as its anonymous role.
			identity = await identify(config, req, url, { anonRole: 'anon' });
		} catch (err) {
			if (!(err instanceof IdentityError)) throw err;
			const e = identityError(err, req);
			send(
				res,
				e.status,
				{ 'content-type': 'application/json; charset=utf-8', ...e.headers },
				head ? undefined : JSON.stringify(e.body)
			);
			return;
		}
		const authed = identity.ctx.role !== 'anon';
		try {
			const plansEnabled = (await dbConfig).planEnabled;
			const parse = () =>
				parseRequest({
					method: req.method ?? 'GET',
					path: url.pathname.slice(PREFIX.length),
					query: url.searchParams,
					header: (name) => headerOf(req, name),
					headerAll: (name) => {
						const v = req.headers[name];
						return v === undefined ? [] : Array.isArray(v) ? v : [v];
					},
					schemas: config.api.schemas,
					plansEnabled
				});
			const apiReq = parse();
			if (apiReq.target.kind === 'root') {
				const cache = await catalog.get(apiReq.schema);
				const body = JSON.stringify(openApiDocument(cache, config.publicUrl));
				send(
					res,
					200,
					{
						'content-type': 'application/openapi+json; charset=utf-8',
						...(apiReq.profiled ? { 'content-profile': apiReq.schema } : {})
					},
					head ? undefined : body
				);
				return;
			}
			let body: unknown;
			if (apiReq.method === 'POST' || apiReq.method === 'PATCH' || apiReq.method === 'PUT') {
				const raw = await readBody(req, config.maxBodyBytes);
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
			send(res, outcome.status, headers, head ? undefined : outcome.body);
		} catch (err) {
			if (err instanceof RestError) return sendError(res, err, head);
			if (err instanceof BodyTooLargeError) {
				send(
					res,
					413,
					{ 'content-type': 'application/json; charset=utf-8', connection: 'close' },
					JSON.stringify({ message: 'Request size limit exceeded' })
				);
				return;
			}
			if (isPgError(err)) return sendError(res, fromPgError(err, authed), head);
			// A client that hung up while sending its body gets no reply, and is no fault of ours.
			if (req.destroyed && (err as NodeJS.ErrnoException)?.code === 'ECONNRESET') return;
			console.error('rest: unexpected error:', err);
			sendError(
				res,
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
		prefix: PREFIX,
		handle,
		async close() {
			await unlisten();
		}
	};
};
