/**
 * A minimal Phoenix channel client for one private Realtime topic, speaking vsn 1.0.0 (JSON
 * object frames): join, heartbeat, `access_token` after a refresh, reconnect with backoff,
 * and broadcasts handed on as `(event, payload)`.
 */

export const HEARTBEAT_INTERVAL_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;

/** One vsn 1.0.0 frame. */
export interface Frame {
	topic: string;
	event: string;
	payload: { status?: unknown; event?: unknown; payload?: unknown };
	ref: string | null;
	join_ref?: string | null;
}

/** A frame from a WebSocket message, or null when it is not one. */
export function decode(data: unknown): Frame | null {
	try {
		const f = JSON.parse(data as string);
		return typeof f.topic == 'string' && typeof f.event == 'string' && f.payload ? f : null;
	} catch {
		return null;
	}
}

/** Delay before reconnect attempt `attempt` (0-based): 1 s doubling to 30 s, with jitter. */
export const backoffMs = (attempt: number, random = Math.random()) =>
	Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.5 + random / 2);

/** What a frame asks of the client: 1 joined, 2 rejoin, a broadcast's [event, payload], else nothing. */
export type Action = 0 | 1 | 2 | false | [event: string, payload: Record<string, unknown>];

/** Interprets a frame for `topic`, whose join was sent with ref `joinRef`. */
export const actionOf = (f: Frame, topic: string, joinRef: string | null): Action =>
	f.topic != topic
		? 0
		: f.event == 'phx_reply'
			? f.ref == joinRef && (f.payload.status == 'ok' ? 1 : 2)
			: f.event == 'broadcast'
				? typeof f.payload.event == 'string' && [f.payload.event, Object(f.payload.payload)]
				: f.event == 'phx_error' || f.event == 'phx_close'
					? 2
					: 0;

/** The live channel: refresh its token, or close it for good. */
export interface Channel {
	token(accessToken: string): void;
	close(): void;
}

/**
 * Connects to `url` and joins `topic` with `joinPayload()` (read at each join, so a
 * reconnect uses the current token). Calls `onEvent` for every broadcast; it must not throw.
 */
export function joinChannel(
	url: string,
	topic: string,
	joinPayload: () => object,
	onEvent: (event: string, payload: Record<string, unknown>) => void
): Channel {
	let ws: WebSocket;
	let ref = 0;
	let joinRef: string;
	let attempt = 0;
	let closed = false;
	let retry: ReturnType<typeof setTimeout>;

	const send = (t: string, event: string, payload: object) =>
		ws.readyState == 1 &&
		ws.send(JSON.stringify({ topic: t, event, payload, ref: String(++ref), join_ref: joinRef }));
	// Keeps the server from closing the socket as idle; replies need no handling.
	const beat = setInterval(() => send('phoenix', 'heartbeat', {}), HEARTBEAT_INTERVAL_MS);
	const connect = () => {
		ws = new WebSocket(url);
		ws.onopen = () => send(topic, 'phx_join', ((joinRef = String(ref + 1)), joinPayload()));
		ws.onmessage = (m) => {
			const f = decode(m.data);
			const a = f && actionOf(f, topic, joinRef);
			if (a == 1) attempt = 0;
			else if (a == 2) ws.close();
			else if (a) onEvent(...a);
		};
		ws.onclose = () => closed || (retry = setTimeout(connect, backoffMs(attempt++)));
	};
	connect();

	return {
		token: (accessToken) => send(topic, 'access_token', { access_token: accessToken }),
		close() {
			closed = true;
			clearInterval(beat);
			clearTimeout(retry);
			ws.close();
		}
	};
}
