/**
 * A minimal Phoenix channel client for the visitor's one private Realtime topic, speaking
 * vsn 1.0.0 (JSON object frames, the server's default): join, `access_token` after a
 * refresh, reconnect with backoff, and broadcasts handed on as `(event, payload)`.
 *
 * Anything that goes wrong closes the socket, and a closed socket reconnects and joins
 * again: a refused join, a channel error or close from the server, a dropped connection. The
 * topic and join payload are read at each join, so a new identity only needs `close()`.
 */
import { safe } from './safe';

const MAX_BACKOFF_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): anywhere up to 1 s doubling to 30 s
 * ("full jitter", so many visitors cut off at once do not come back at once).
 */
export const backoffMs = (attempt: number, random = Math.random()) =>
	random * Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);

/** The live channel: push an event on it (false while not connected), or drop the connection. */
export interface Channel {
	push(event: string, payload: object, topic?: string): unknown;
	close(): void;
}

/**
 * Connects to `url` and joins `topic()` with `joinPayload()`. Calls `onEvent` for every
 * broadcast, and `onEvent('phx_join', {})` after each successful join (the first and every
 * rejoin). The caller keeps the socket alive with a `heartbeat` push on topic `phoenix` at
 * least every 30 s.
 *
 * A push's ref is its event name: the client only ever waits for the reply to its join, so
 * refs need not be unique, and the join's ref doubles as every push's join ref.
 */
export function joinChannel(
	url: string,
	topic: () => string,
	joinPayload: () => object,
	onEvent: (event: string, payload: Record<string, unknown>) => unknown
): Channel {
	let ws: WebSocket;
	let joined: string;
	let attempt = 0;

	const push = (event: string, payload: object, t = joined) =>
		// Sending while still connecting would throw.
		ws.readyState == 1 &&
		ws.send(JSON.stringify({ topic: t, event, payload, ref: event, join_ref: 'phx_join' }));
	const connect = () => {
		ws = new WebSocket(url);
		ws.onopen = () => push('phx_join', joinPayload(), (joined = topic()));
		ws.onmessage = safe((m: MessageEvent) => {
			const { event, payload, ref } = JSON.parse(m.data);
			return event == 'broadcast'
				? onEvent(payload.event, payload.payload)
				: event == 'phx_reply'
					? ref == 'phx_join' &&
						(payload.status == 'ok' ? ((attempt = 0), onEvent(ref, {})) : ws.close())
					: (event == 'phx_error' || event == 'phx_close') && ws.close();
		});
		ws.onclose = () => setTimeout(connect, backoffMs(attempt++));
	};
	connect();
	return { push, close: () => ws.close() };
}
