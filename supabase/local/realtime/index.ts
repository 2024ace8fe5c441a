/**
 * /realtime/v1: Supabase Realtime's Phoenix channels over WebSocket at `/websocket`, broadcast
 * over HTTP at `/api/broadcast`, and delivery of `realtime.send()` messages and row changes
 * that the database announces (NOTIFY, after commit) to the subscribers allowed to see them.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { sendJson } from '../http.ts';
import { checkApiKey } from '../identity.ts';
import type { ServiceFactory } from '../service.ts';
import { handleBroadcastApi } from './broadcast-api.ts';
import type { RealtimeDeps } from './channel.ts';
import { Connection } from './connection.ts';
import { CLOSE_CODES, CLOSE_REASONS } from './errors.ts';
import { Hub, topicKey } from './hub.ts';
import { startJanitor } from './janitor.ts';
import { PgChanges } from './pg-changes.ts';
import { SUPPORTED_VSNS, type Json, type Vsn } from './protocol.ts';
import { loadRealtimeSettings } from './settings.ts';

const PREFIX = '/realtime/v1';
const MIN_SWEEP_MS = 50;
const MAX_SWEEP_MS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuseUpgrade(socket: Duplex, status: number, text: string, message: string): void {
	const body = JSON.stringify({ message });
	socket.end(
		`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-type: application/json\r\n` +
			`content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}

/** Runs notification handlers one at a time, in the order the database sent them. */
function serial(handler: (payload: string) => Promise<void>): {
	push: (payload: string) => void;
	/** Resolves when every handler queued so far has finished. */
	idle: () => Promise<void>;
} {
	let chain = Promise.resolve();
	return {
		push(payload) {
			chain = chain
				.then(() => handler(payload))
				.catch((err: unknown) => {
					console.error('realtime: delivery failed:', (err as Error).message);
				});
		},
		idle: () => chain
	};
}

export const createRealtimeService: ServiceFactory = async ({ config, db }) => {
	const settings = loadRealtimeSettings();
	const hub = new Hub();
	const pg = new PgChanges(db, hub);
	const deps: RealtimeDeps = { config, db, hub, pg, settings };
	const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxFrameBytes });
	const connections = new Set<Connection>();

	await pg.syncTriggers();
	// Changes captured while no service was listening are stale: nobody was subscribed to them.
	await db.query('delete from realtime.pending_changes');
	await pg.resetWanted();
	const stopJanitor = await startJanitor(db);
	const changes = serial((id) => pg.deliver(id));
	type Notified = {
		id: string;
		topic: string;
		event: string;
		payload: Json;
		private: boolean | null;
	};
	const messages = serial(async (text) => {
		let m: Notified | undefined;
		if (text.startsWith('{')) m = JSON.parse(text) as Notified;
		else if (UUID.test(text))
			// Too large for a NOTIFY payload: the row has it.
			m = (
				await db.query<Notified>(
					`select id::text as id, topic, event, payload, private from realtime.messages where id = $1::uuid limit 1`,
					[text]
				)
			).rows[0];
		if (!m) return;
		hub.broadcast(topicKey(m.private === true, m.topic), {
			event: m.event,
			body: { encoding: 'json', value: m.payload ?? {} },
			binaryFrame: false,
			id: m.id
		});
	});
	const unlisten = [
		await db.listen('realtime_pg_changes', changes.push),
		await db.listen('realtime_messages', messages.push)
	];

	const sweepMs = Math.min(
		MAX_SWEEP_MS,
		Math.max(MIN_SWEEP_MS, Math.floor(settings.heartbeatTimeoutMs / 4))
	);
	const sweep = setInterval(() => {
		const deadline = Date.now() - settings.heartbeatTimeoutMs;
		for (const conn of connections)
			if (conn.lastSeenMs < deadline) conn.close(CLOSE_CODES.normal, CLOSE_REASONS.heartbeat);
	}, sweepMs);
	sweep.unref();

	async function accept(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		url: URL
	): Promise<void> {
		const vsn = (url.searchParams.get('vsn') ?? '1.0.0') as Vsn;
		if (!SUPPORTED_VSNS.includes(vsn))
			return refuseUpgrade(socket, 403, 'Forbidden', `unsupported vsn ${vsn}`);
		const key = url.searchParams.get('apikey') ?? (req.headers['apikey'] as string | undefined);
		if (!key) return refuseUpgrade(socket, 403, 'Forbidden', 'No API key found in request');
		try {
			await checkApiKey(config, key);
		} catch {
			return refuseUpgrade(socket, 403, 'Forbidden', 'Invalid API key');
		}
		wss.handleUpgrade(req, socket, head, (ws) => {
			const conn = new Connection(deps, ws, vsn, key, socket);
			connections.add(conn);
			ws.on('close', () => connections.delete(conn));
		});
	}

	return {
		prefix: PREFIX,
		async handle(req, res, url) {
			const path = url.pathname.slice(PREFIX.length);
			if (await handleBroadcastApi(deps, req, res, url, path)) return;
			sendJson(res, 404, { message: 'Not found' });
		},
		upgrade(req, socket, head, url) {
			if (url.pathname !== `${PREFIX}/websocket` && url.pathname !== `${PREFIX}/websocket/`)
				return false;
			accept(req, socket, head, url).catch((err: unknown) => {
				console.error('realtime: upgrade failed:', err);
				socket.destroy();
			});
			return true;
		},
		async close() {
			clearInterval(sweep);
			stopJanitor();
			for (const conn of connections) conn.close(CLOSE_CODES.goingAway, CLOSE_REASONS.shutdown);
			for (const stop of unlisten) await stop();
			// Deliveries already queued finish before the database is closed under them.
			await Promise.all([changes.idle(), messages.idle()]);
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
};
