/**
 * One WebSocket (Phoenix's socket transport): decodes frames for its `vsn`, answers
 * heartbeats, routes events to its channels in arrival order, and protects everyone else
 * from it: malformed frames and floods close this socket only; a silent socket is closed
 * by the service's heartbeat sweep.
 */
import type { WebSocket } from 'ws';
import { Channel, type RealtimeDeps } from './channel.ts';
import { holdUntilTurnEnds, type Corkable } from './coalesce.ts';
import { CLOSE_CODES, CLOSE_REASONS, REPLY_ERRORS } from './errors.ts';
import { join, type JoinHost } from './join.ts';
import {
	decodeBinary,
	decodeText,
	encodeText,
	TextBytes,
	type Decoded,
	type Json,
	type Vsn
} from './protocol.ts';

const RATE_WINDOW_MS = 1000;
/** `ws` sends a Buffer as a binary frame unless told otherwise. */
const AS_TEXT = { binary: false } as const;

export class Connection implements JoinHost {
	readonly vsn: Vsn;
	readonly connectToken: string;
	lastSeenMs = Date.now();
	#ws: WebSocket;
	/** The connection's TCP socket, when known: frames of one event-loop turn share a write. */
	#socket: Corkable | undefined;
	#deps: RealtimeDeps;
	#channels = new Map<string, Channel>();
	#queue: Promise<void> = Promise.resolve();
	#windowStartMs = 0;
	#windowCount = 0;
	#closed = false;

	constructor(
		deps: RealtimeDeps,
		ws: WebSocket,
		vsn: Vsn,
		connectToken: string,
		socket?: Corkable
	) {
		this.#deps = deps;
		this.#ws = ws;
		this.#socket = socket;
		this.vsn = vsn;
		this.connectToken = connectToken;
		ws.on('message', (data, isBinary) => this.#receive(data as Buffer, isBinary));
		ws.on('close', () => this.dispose());
		ws.on('error', () => this.dispose());
	}

	channels(): Map<string, Channel> {
		return this.#channels;
	}

	send(frame: string | Buffer | TextBytes, wide = false): void {
		if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
		if (this.#socket) holdUntilTurnEnds(this.#socket, wide);
		if (frame instanceof TextBytes) this.#ws.send(frame.bytes, AS_TEXT);
		else this.#ws.send(frame);
	}

	reply(
		topic: string,
		joinRef: string | null,
		ref: string | null,
		status: 'ok' | 'error',
		response: Json
	): void {
		this.send(
			encodeText(this.vsn, {
				joinRef,
				ref,
				topic,
				event: 'phx_reply',
				payload: { status, response }
			})
		);
	}

	push(topic: string, joinRef: string | null, event: string, payload: Json): void {
		// Phoenix sends phx_close with the join's ref as its ref too.
		const ref = event === 'phx_close' ? joinRef : null;
		this.send(encodeText(this.vsn, { joinRef, ref, topic, event, payload }));
	}

	forget(channel: Channel): void {
		if (this.#channels.get(channel.topic) === channel) this.#channels.delete(channel.topic);
	}

	/** Closes the socket; its channels and presences go with it. */
	close(code: number, reason: string): void {
		if (this.#closed) return;
		this.dispose();
		this.#ws.close(code, reason);
		// A peer that never answers the close handshake must not keep the socket open.
		setTimeout(() => this.#ws.terminate(), 1000).unref();
	}

	/** Drops every channel (telling other members about presences that left). */
	dispose(): void {
		if (this.#closed) return;
		this.#closed = true;
		for (const channel of [...this.#channels.values()]) channel.teardown();
		this.#channels.clear();
	}

	#receive(data: Buffer, isBinary: boolean): void {
		if (this.#closed) return;
		const now = Date.now();
		this.lastSeenMs = now;
		if (now - this.#windowStartMs >= RATE_WINDOW_MS) {
			this.#windowStartMs = now;
			this.#windowCount = 0;
		}
		if (++this.#windowCount > this.#deps.settings.maxEventsPerSecond) {
			this.close(CLOSE_CODES.policy, CLOSE_REASONS.flood);
			return;
		}
		const decoded = isBinary
			? decodeBinary(this.vsn, data)
			: decodeText(this.vsn, data.toString('utf8'));
		if (decoded.kind === 'invalid') {
			this.close(CLOSE_CODES.malformed, CLOSE_REASONS.malformed);
			return;
		}
		// Frames are handled one after another, so a join finishes before the pushes behind it.
		this.#queue = this.#queue
			.then(() => this.#dispatch(decoded))
			.catch((err: unknown) => {
				console.error('realtime: frame handling failed:', err);
			});
	}

	async #dispatch(decoded: Exclude<Decoded, { kind: 'invalid' }>): Promise<void> {
		if (this.#closed) return;
		if (decoded.kind === 'user_broadcast') {
			const { push } = decoded;
			const channel = this.#channels.get(push.topic);
			if (!channel)
				return this.reply(push.topic, push.joinRef, push.ref, 'error', {
					reason: REPLY_ERRORS.unmatchedTopic
				});
			return channel.handleUserBroadcast(push.userEvent, push.body, push.ref);
		}
		const msg = decoded.message;
		if (msg.topic === 'phoenix' && msg.event === 'heartbeat')
			return this.reply('phoenix', null, msg.ref, 'ok', {});
		if (msg.event === 'phx_join') return join(this.#deps, this, msg);
		const channel = this.#channels.get(msg.topic);
		if (!channel)
			return this.reply(msg.topic, msg.joinRef, msg.ref, 'error', {
				reason: REPLY_ERRORS.unmatchedTopic
			});
		return channel.handleIn(msg.event, msg.payload, msg.ref);
	}
}
