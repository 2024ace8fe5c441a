/**
 * Broadcast over HTTP, as Realtime's broadcast controllers answer it:
 * - `POST /api/broadcast/{topic}/events/{event}[?private=true]` (realtime-js `httpSend`):
 *   JSON or `application/octet-stream` body, 202 when sent, 403 when a private topic's
 *   policies refuse the insert, 422 for an invalid message.
 * - `POST /api/broadcast {messages:[{topic, event, payload, private}]}` (the legacy batch):
 *   202; private messages the policies refuse are skipped, as upstream.
 * The service role bypasses the policies, as it bypasses RLS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, headerOf, readBody, sendJson } from '../http.ts';
import { identify, IdentityError } from '../identity.ts';
import type { RoleContext } from '../db.ts';
import { canWrite } from './authorization.ts';
import type { RealtimeDeps } from './channel.ts';
import { topicKey } from './hub.ts';
import { isObject, type BroadcastBody, type Json } from './protocol.ts';

const SINGLE_PATH = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/;

type Reply = { status: number; body?: Json };

const unprocessable = (field: string, message: string): Reply => ({
	status: 422,
	body: { errors: { [field]: [message] } }
});

async function mayWrite(deps: RealtimeDeps, ctx: RoleContext, topic: string): Promise<boolean> {
	if (ctx.role === 'service_role') return true;
	return canWrite(deps.db, ctx, topic, 'broadcast');
}

function bodySize(body: BroadcastBody): number {
	return body.encoding === 'json'
		? Buffer.byteLength(JSON.stringify(body.value))
		: body.bytes.length;
}

async function single(
	deps: RealtimeDeps,
	ctx: RoleContext,
	req: IncomingMessage,
	url: URL,
	raw: Buffer,
	m: RegExpExecArray
): Promise<Reply> {
	let topic: string;
	let event: string;
	try {
		topic = decodeURIComponent(m[1]);
		event = decodeURIComponent(m[2]);
	} catch {
		return unprocessable('topic', 'is invalid');
	}
	const isPrivate = url.searchParams.get('private') === 'true';
	const binary = (headerOf(req, 'content-type') ?? '').startsWith('application/octet-stream');
	let body: BroadcastBody;
	if (binary) body = { encoding: 'binary', bytes: raw };
	else {
		try {
			body = { encoding: 'json', value: JSON.parse(raw.toString('utf8')) as Json };
		} catch {
			return unprocessable('payload', "can't be blank");
		}
	}
	if (bodySize(body) > deps.settings.maxPayloadBytes)
		return unprocessable('payload', 'Payload size exceeds tenant limit');
	if (isPrivate && !(await mayWrite(deps, ctx, topic)))
		return { status: 403, body: { message: 'Unauthorized' } };
	deps.hub.broadcast(topicKey(isPrivate, topic), { event, body, binaryFrame: true });
	return { status: 202 };
}

async function batch(deps: RealtimeDeps, ctx: RoleContext, raw: Buffer): Promise<Reply> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw.toString('utf8'));
	} catch {
		return unprocessable('messages', "can't be blank");
	}
	const messages = isObject(parsed) ? parsed.messages : undefined;
	if (!Array.isArray(messages) || messages.length === 0)
		return unprocessable('messages', "can't be blank");
	const valid = messages.every(
		(m) =>
			isObject(m) &&
			typeof m.topic === 'string' &&
			m.topic !== '' &&
			typeof m.event === 'string' &&
			m.event !== '' &&
			isObject(m.payload) &&
			(m.private === undefined || typeof m.private === 'boolean')
	);
	if (!valid) return unprocessable('messages', 'is invalid');
	const allowed = new Map<string, boolean>();
	for (const m of messages as {
		topic: string;
		event: string;
		payload: Json;
		private?: boolean;
	}[]) {
		const isPrivate = m.private === true;
		if (isPrivate) {
			if (!allowed.has(m.topic)) allowed.set(m.topic, await mayWrite(deps, ctx, m.topic));
			if (!allowed.get(m.topic)) continue;
		}
		deps.hub.broadcast(topicKey(isPrivate, m.topic), {
			event: m.event,
			body: { encoding: 'json', value: m.payload },
			binaryFrame: false
		});
	}
	return { status: 202 };
}

/** Answers a request under `/realtime/v1/api/broadcast`; returns false for other paths. */
export async function handleBroadcastApi(
	deps: RealtimeDeps,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	path: string
): Promise<boolean> {
	const m = SINGLE_PATH.exec(path);
	if (path !== '/api/broadcast' && !m) return false;
	if (req.method !== 'POST') {
		sendJson(res, 405, { message: 'Method not allowed' });
		return true;
	}
	let ctx: RoleContext;
	try {
		// Realtime itself wants a key or a token, behind the CLI's gateway too.
		ctx = (await identify(deps.config, req, url, { requireApiKey: true })).ctx;
	} catch (err) {
		if (!(err instanceof IdentityError)) throw err;
		sendJson(res, 401, { message: err.message });
		return true;
	}
	let raw: Buffer;
	try {
		raw = await readBody(req, deps.settings.maxFrameBytes);
	} catch (err) {
		if (!(err instanceof BodyTooLargeError)) throw err;
		sendJson(res, 413, { message: 'Payload too large' });
		return true;
	}
	let reply: Reply;
	try {
		reply = m ? await single(deps, ctx, req, url, raw, m) : await batch(deps, ctx, raw);
	} catch (err) {
		console.error('realtime: broadcast api failed:', (err as Error).message);
		reply = { status: 500, body: { message: 'Unable to authorize broadcast' } };
	}
	if (reply.body === undefined) {
		res.writeHead(reply.status, { 'content-length': 0 });
		res.end();
	} else sendJson(res, reply.status, reply.body);
	return true;
}
