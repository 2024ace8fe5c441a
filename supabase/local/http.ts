/** Small HTTP helpers shared by every endpoint family of the local stack. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * How long an idle client connection stays open: 65 s. Node closes one after 5 s, so a widget
 * sending a message every few seconds opened a new connection (behind TLS, a new handshake)
 * for nearly each one. A browser keeps a used connection for minutes, and Supabase's gateway
 * (nginx under Kong, whose default is 75 s) keeps it open too. Above 60 s, a common load
 * balancer's idle timeout, so the balancer in front closes first and never sends a request
 * down a connection the server is closing.
 */
export const KEEP_ALIVE_MS = 65_000;

/** Keeps `server`'s idle connections open for `KEEP_ALIVE_MS`, said in `Keep-Alive: timeout=65`. */
export function keepConnectionsOpen(server: Server): Server {
	server.keepAliveTimeout = KEEP_ALIVE_MS;
	return server;
}

export class BodyTooLargeError extends Error {
	override name = 'BodyTooLargeError';
	readonly limitBytes: number;
	constructor(limitBytes: number) {
		super(`request body exceeds ${limitBytes} bytes`);
		this.limitBytes = limitBytes;
	}
}

/** Reads a whole request body, refusing (and draining) anything over `limitBytes`. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limitBytes) {
		req.resume();
		throw new BodyTooLargeError(limitBytes);
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limitBytes) {
			req.resume();
			throw new BodyTooLargeError(limitBytes);
		}
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** Writes a JSON reply (or an empty one for `undefined`). */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string | number> = {}
): void {
	if (res.headersSent) {
		res.end();
		return;
	}
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
		'content-length': Buffer.byteLength(text),
		...headers
	});
	res.end(text);
}

/** Lower-cased single-valued view of request headers. */
export function headerOf(req: Pick<IncomingMessage, 'headers'>, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** CORS as the Supabase gateway answers it: any origin, the headers the client asks for. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
	res.setHeader('access-control-allow-origin', headerOf(req, 'origin') ?? '*');
	res.setHeader('vary', 'Origin');
	res.setHeader('access-control-allow-credentials', 'true');
	res.setHeader(
		'access-control-expose-headers',
		'Content-Range, Content-Location, Content-Type, Content-Length, Preference-Applied, Range-Unit, X-Total-Count, ETag, Last-Modified, Cache-Control, X-Supabase-Api-Version'
	);
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
	res.writeHead(204, {
		'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
		'access-control-allow-headers':
			headerOf(req, 'access-control-request-headers') ??
			'authorization, x-client-info, apikey, content-type, prefer, range, accept-profile, content-profile, x-upsert, x-supabase-api-version',
		'access-control-max-age': '86400'
	});
	res.end();
}
