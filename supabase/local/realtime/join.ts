/**
 * `phx_join` on `realtime:<name>`: parse the channel config, confirm the token, authorise a
 * private topic, then reply `{postgres_changes:[…params, id]}` and start presence and
 * postgres_changes, as Realtime's `RealtimeChannel.join/3` does.
 */
import { randomUUID } from 'node:crypto';
import { readPolicies } from './authorization.ts';
import { Channel, roleContextOf, type ChannelHost, type RealtimeDeps } from './channel.ts';
import { JOIN_ERRORS, REPLY_ERRORS } from './errors.ts';
import { BindingError, parseBinding, type PgBinding } from './filters.ts';
import { isObject, type Json, type JsonObject, type PhxMessage } from './protocol.ts';
import { parseReplay, readReplay, type ReplayedMessage } from './replay.ts';
import { confirmToken, TokenError, type ChannelToken } from './tokens.ts';

export interface JoinHost extends ChannelHost {
	/** The token the socket connected with (its `apikey`), used when a join carries none. */
	readonly connectToken: string;
	channels(): Map<string, Channel>;
}

function joinError(err: TokenError): string {
	switch (err.reason) {
		case 'expired':
			return JOIN_ERRORS.tokenExpired(err.secondsAgo);
		case 'missing_claims':
			return JOIN_ERRORS.missingClaims();
		case 'malformed':
			return JOIN_ERRORS.malformedToken();
		default:
			return JOIN_ERRORS.signature();
	}
}

function objectAt(obj: JsonObject, key: string): JsonObject {
	const value = obj[key];
	return isObject(value) ? value : {};
}

interface ParsedBindings {
	active: PgBinding[];
	echo: Json[];
	errors: string[];
}

function parseBindings(config: JsonObject): ParsedBindings {
	const list = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
	const out: ParsedBindings = { active: [], echo: [], errors: [] };
	for (const item of list) {
		if (item === null) continue;
		try {
			const binding = parseBinding(item);
			out.active.push(binding);
			out.echo.push({ ...binding.params, id: binding.id });
		} catch (err) {
			if (!(err instanceof BindingError)) throw err;
			out.errors.push(err.message);
			if (isObject(item)) out.echo.push({ ...item, id: 0 });
		}
	}
	return out;
}

/** Handles a `phx_join`; every failure becomes an error reply for this topic only. */
export async function join(deps: RealtimeDeps, host: JoinHost, msg: PhxMessage): Promise<void> {
	const fail = (reason: string) => host.reply(msg.topic, msg.joinRef, msg.ref, 'error', { reason });
	if (!msg.topic.startsWith('realtime:')) return fail(REPLY_ERRORS.unmatchedTopic);
	const subTopic = msg.topic.slice('realtime:'.length);
	if (subTopic === '') return fail(JOIN_ERRORS.topicRequired());
	if (!isObject(msg.payload)) return fail(JOIN_ERRORS.invalidPayload());

	// Joining a topic again replaces the earlier join, as Phoenix does.
	host.channels().get(msg.topic)?.close();
	if (host.channels().size >= deps.settings.maxChannelsPerSocket)
		return fail(JOIN_ERRORS.tooManyChannels());

	const payload = msg.payload;
	const config = objectAt(payload, 'config');
	const given = typeof payload.access_token === 'string' ? payload.access_token : undefined;
	const tokenText = given && !given.startsWith('sb_') ? given : host.connectToken;
	let token: ChannelToken;
	try {
		token = await confirmToken(deps.config, tokenText);
	} catch (err) {
		if (err instanceof TokenError) return fail(joinError(err));
		throw err;
	}

	const isPrivate = config.private === true;
	let read = { broadcast: true, presence: true };
	if (isPrivate) {
		try {
			read = await readPolicies(deps.db, roleContextOf(token), subTopic);
		} catch (err) {
			console.error('realtime: read authorisation failed:', (err as Error).message);
			return fail(JOIN_ERRORS.database());
		}
		if (!read.broadcast && !read.presence) return fail(JOIN_ERRORS.unauthorized(subTopic));
	}

	const broadcast = objectAt(config, 'broadcast');
	let replayed: ReplayedMessage[] = [];
	if ('replay' in broadcast) {
		// Realtime's order: read policy first, then public channels, then the params.
		if (isPrivate && !read.broadcast) return fail(JOIN_ERRORS.unauthorized(subTopic));
		if (!isPrivate) return fail(JOIN_ERRORS.replayPublic());
		const plan = parseReplay(broadcast.replay);
		if (plan === 'invalid') return fail(JOIN_ERRORS.replayParams());
		if (plan) {
			try {
				replayed = await readReplay(deps.db, subTopic, plan);
			} catch (err) {
				console.error('realtime: replay failed:', (err as Error).message);
				return fail(JOIN_ERRORS.replayFailed());
			}
		}
	}
	const presence = objectAt(config, 'presence');
	const bindings = parseBindings(config);
	const presenceKey =
		typeof presence.key === 'string' && presence.key !== '' ? presence.key : randomUUID();
	const channel = new Channel(deps, host, {
		topic: msg.topic,
		joinRef: msg.joinRef,
		isPrivate,
		self: broadcast.self === true,
		ack: broadcast.ack === true,
		presenceEnabled: presence.enabled === true,
		presenceKey,
		pgBindings: bindings.active,
		token,
		readBroadcast: read.broadcast,
		readPresence: read.presence,
		replayedIds: new Set(replayed.map((m) => m.id))
	});
	host.channels().set(msg.topic, channel);
	deps.hub.add(channel);
	host.reply(msg.topic, msg.joinRef, msg.ref, 'ok', { postgres_changes: bindings.echo });
	for (const m of replayed)
		host.push(msg.topic, msg.joinRef, 'broadcast', {
			type: 'broadcast',
			event: m.event,
			payload: m.payload,
			meta: { replayed: true, id: m.id }
		});
	if (channel.presenceEnabled) channel.sendPresenceState();
	if (bindings.echo.length > 0) await startPostgresChanges(deps, host, channel, bindings);
}

async function startPostgresChanges(
	deps: RealtimeDeps,
	host: JoinHost,
	channel: Channel,
	bindings: ParsedBindings
): Promise<void> {
	const problem = bindings.errors[0] ?? (await deps.pg.prepare(bindings.active));
	const system = (status: 'ok' | 'error', message: string) =>
		host.push(channel.topic, channel.joinRef, 'system', {
			extension: 'postgres_changes',
			status,
			message,
			channel: channel.subTopic
		});
	if (problem) {
		// Realtime creates no subscription when one is refused: nothing may be delivered.
		channel.pgBindings.length = 0;
		system('error', problem);
	} else system('ok', 'Subscribed to PostgreSQL');
}
