/**
 * One joined channel (Realtime's `RealtimeChannel` process): its config, token, policies and
 * the events a client may push on it: broadcast, presence, access_token, phx_leave.
 */
import type { StackConfig } from '../config.ts';
import type { Database, RoleContext } from '../db.ts';
import { canWrite, readPolicies } from './authorization.ts';
import { REPLY_ERRORS, SHUTDOWN_REASONS } from './errors.ts';
import type { PgBinding } from './filters.ts';
import { topicKey, type Hub, type Member, type Outlet } from './hub.ts';
import type { PgChanges } from './pg-changes.ts';
import { isObject, type BroadcastBody, type Json, type JsonObject } from './protocol.ts';
import type { RealtimeSettings } from './settings.ts';
import { confirmToken, TokenError, type ChannelToken } from './tokens.ts';

/** What every channel shares. */
export interface RealtimeDeps {
	config: StackConfig;
	db: Database;
	hub: Hub;
	pg: PgChanges;
	settings: RealtimeSettings;
}

/** The socket as a channel sees it: where frames go, and how to forget a channel. */
export interface ChannelHost extends Outlet {
	reply(
		topic: string,
		joinRef: string | null,
		ref: string | null,
		status: 'ok' | 'error',
		response: Json
	): void;
	push(topic: string, joinRef: string | null, event: string, payload: Json): void;
	forget(channel: Channel): void;
}

export interface ChannelInit {
	topic: string;
	joinRef: string | null;
	isPrivate: boolean;
	self: boolean;
	ack: boolean;
	presenceEnabled: boolean;
	presenceKey: string;
	pgBindings: PgBinding[];
	token: ChannelToken;
	readBroadcast: boolean;
	readPresence: boolean;
	/** Messages already sent by replay, which live delivery then skips. */
	replayedIds: ReadonlySet<string>;
}

/** A token's claims as the role context its database checks run under. */
export function roleContextOf(token: ChannelToken): RoleContext {
	return { role: token.claims.role, claims: token.claims };
}

const MAX_TIMER_MS = 2 ** 31 - 1;
/** Fire the expiry check just after `exp`, so the token is already expired when checked. */
const EXPIRY_SLACK_MS = 20;

function shutdownReason(err: TokenError): string {
	switch (err.reason) {
		case 'expired':
			return SHUTDOWN_REASONS.tokenExpired(err.secondsAgo);
		case 'missing_claims':
			return SHUTDOWN_REASONS.missingClaims();
		case 'malformed':
			return SHUTDOWN_REASONS.malformedToken();
		default:
			return SHUTDOWN_REASONS.signature();
	}
}

function bodyBytes(body: BroadcastBody): number {
	return body.encoding === 'json'
		? Buffer.byteLength(JSON.stringify(body.value))
		: body.bytes.length;
}

export class Channel implements Member {
	readonly outlet: ChannelHost;
	readonly topic: string;
	readonly subTopic: string;
	readonly joinRef: string | null;
	readonly isPrivate: boolean;
	readonly presenceKey: string;
	readonly pgBindings: PgBinding[];
	readonly replayedIds: ReadonlySet<string>;
	presenceEnabled: boolean;
	readBroadcast: boolean;
	readPresence: boolean;
	ctx: RoleContext;
	#deps: RealtimeDeps;
	#self: boolean;
	#ack: boolean;
	#token: ChannelToken;
	#writeBroadcast: boolean | null = null;
	#writePresence: boolean | null = null;
	#expiryTimer: NodeJS.Timeout | undefined;
	#closed = false;

	constructor(deps: RealtimeDeps, host: ChannelHost, init: ChannelInit) {
		this.#deps = deps;
		this.outlet = host;
		this.topic = init.topic;
		this.subTopic = init.topic.slice('realtime:'.length);
		this.joinRef = init.joinRef;
		this.isPrivate = init.isPrivate;
		this.presenceKey = init.presenceKey;
		this.pgBindings = init.pgBindings;
		this.replayedIds = init.replayedIds;
		this.presenceEnabled = init.presenceEnabled;
		this.readBroadcast = init.readBroadcast;
		this.readPresence = init.readPresence;
		this.#self = init.self;
		this.#ack = init.ack;
		this.#token = init.token;
		this.ctx = roleContextOf(init.token);
		this.#armExpiry();
	}

	get key(): string {
		return topicKey(this.isPrivate, this.subTopic);
	}

	/** Handles one pushed event; resolves when its reply (if any) is sent. */
	async handleIn(event: string, payload: Json, ref: string | null): Promise<void> {
		switch (event) {
			case 'broadcast':
				return this.#broadcastJson(payload, ref);
			case 'presence':
				return this.#presence(payload, ref);
			case 'access_token':
				return this.#accessToken(payload);
			case 'phx_leave':
				this.outlet.reply(this.topic, this.joinRef, ref, 'ok', {});
				this.close();
				return;
			default:
				this.outlet.reply(this.topic, this.joinRef, ref, 'error', {
					reason: REPLY_ERRORS.unknownEvent(event)
				});
		}
	}

	/** A broadcast pushed as a binary (kind 3) frame. */
	async handleUserBroadcast(event: string, body: BroadcastBody, ref: string | null): Promise<void> {
		await this.#broadcast(event, body, true, ref);
	}

	async #broadcastJson(payload: Json, ref: string | null): Promise<void> {
		if (!isObject(payload) || typeof payload.event !== 'string') {
			this.outlet.reply(this.topic, this.joinRef, ref, 'error', {
				reason: 'broadcast needs an event'
			});
			return;
		}
		await this.#broadcast(
			payload.event,
			{ encoding: 'json', value: payload.payload ?? {} },
			false,
			ref
		);
	}

	async #broadcast(
		event: string,
		body: BroadcastBody,
		binaryFrame: boolean,
		ref: string | null
	): Promise<void> {
		if (this.isPrivate) {
			this.#writeBroadcast ??= await this.#probeWrite('broadcast');
			// Realtime drops a broadcast the policies refuse without a reply.
			if (!this.#writeBroadcast || this.#closed) return;
		}
		if (bodyBytes(body) > this.#deps.settings.maxPayloadBytes) {
			if (this.#ack)
				this.outlet.reply(this.topic, this.joinRef, ref, 'error', {
					reason: REPLY_ERRORS.payloadTooLarge
				});
			return;
		}
		this.#deps.hub.broadcast(this.key, { event, body, binaryFrame }, this.#self ? undefined : this);
		if (this.#ack) this.outlet.reply(this.topic, this.joinRef, ref, 'ok', {});
	}

	async #presence(payload: Json, ref: string | null): Promise<void> {
		const kind = isObject(payload) ? payload.event : undefined;
		if (kind === 'untrack') {
			this.#deps.hub.untrack(this);
			this.outlet.reply(this.topic, this.joinRef, ref, 'ok', {});
			return;
		}
		const meta = isObject(payload) ? payload.payload : undefined;
		if (kind !== 'track' || !isObject(meta)) {
			this.outlet.reply(this.topic, this.joinRef, ref, 'error', {
				reason: REPLY_ERRORS.presencePayload
			});
			return;
		}
		if (this.isPrivate) {
			this.#writePresence ??= await this.#probeWrite('presence');
			if (!this.#writePresence) {
				this.outlet.reply(this.topic, this.joinRef, ref, 'error', {});
				return;
			}
		}
		if (this.#closed) return;
		const enabling = !this.presenceEnabled;
		this.presenceEnabled = true;
		this.#deps.hub.track(this, meta as JsonObject);
		this.outlet.reply(this.topic, this.joinRef, ref, 'ok', {});
		// A track can be what turns presence on: the client then needs the whole state.
		if (enabling) this.sendPresenceState();
	}

	sendPresenceState(): void {
		if (!this.readPresence) return;
		this.outlet.push(
			this.topic,
			this.joinRef,
			'presence_state',
			this.#deps.hub.presenceState(this) as unknown as Json
		);
	}

	async #probeWrite(extension: 'broadcast' | 'presence'): Promise<boolean> {
		try {
			return await canWrite(this.#deps.db, this.ctx, this.subTopic, extension);
		} catch (err) {
			console.error('realtime: write authorisation failed:', (err as Error).message);
			return false;
		}
	}

	async #accessToken(payload: Json): Promise<void> {
		const token = isObject(payload) ? payload.access_token : undefined;
		if (typeof token !== 'string' || token.startsWith('sb_') || token === this.#token.token) return;
		let next: ChannelToken;
		try {
			next = await confirmToken(this.#deps.config, token);
		} catch (err) {
			if (err instanceof TokenError) return this.shutdown(shutdownReason(err));
			throw err;
		}
		if (this.#closed) return;
		const ctx = roleContextOf(next);
		if (this.isPrivate) {
			let read;
			try {
				read = await readPolicies(this.#deps.db, ctx, this.subTopic);
			} catch {
				return this.shutdown(SHUTDOWN_REASONS.database());
			}
			if ((this.readBroadcast && !read.broadcast) || (this.readPresence && !read.presence))
				return this.shutdown(SHUTDOWN_REASONS.readRevoked(this.subTopic));
			this.readBroadcast = read.broadcast;
			this.readPresence = read.presence;
		}
		this.#token = next;
		this.ctx = ctx;
		this.#writeBroadcast = null;
		this.#writePresence = null;
		this.#armExpiry();
	}

	#armExpiry(): void {
		clearTimeout(this.#expiryTimer);
		const expiresAt = this.#token.expiresAtMs;
		if (expiresAt === null) return;
		const delay = Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now() + EXPIRY_SLACK_MS));
		this.#expiryTimer = setTimeout(() => void this.#confirmStillValid(), delay);
		this.#expiryTimer.unref();
	}

	async #confirmStillValid(): Promise<void> {
		try {
			await confirmToken(this.#deps.config, this.#token.token);
			this.#armExpiry();
		} catch (err) {
			if (err instanceof TokenError) this.shutdown(shutdownReason(err));
		}
	}

	/** Ends the channel from the server side: a `system` error, then `phx_close`. */
	shutdown(message: string): void {
		if (this.#closed) return;
		this.outlet.push(this.topic, this.joinRef, 'system', {
			extension: 'system',
			status: 'error',
			message,
			channel: this.subTopic
		});
		this.close();
	}

	/** Leaves the hub and tells the client the channel is closed. */
	close(): void {
		if (this.#closed) return;
		this.outlet.push(this.topic, this.joinRef, 'phx_close', {});
		this.teardown();
	}

	/** Forgets the channel without telling the client (its socket is gone). */
	teardown(): void {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#expiryTimer);
		this.#deps.hub.remove(this);
		this.outlet.forget(this);
	}
}
