/**
 * Who is subscribed to what: joined channels grouped by topic (public and private topics of
 * the same name are apart, as on Supabase), presence per topic, and fan-out that encodes each
 * message once per protocol version.
 */
import { WIDE_FANOUT } from './coalesce.ts';
import type { RoleContext } from '../db.ts';
import type { PgBinding } from './filters.ts';
import { PresenceTopic, type PresenceDiff, type PresenceState } from './presence.ts';
import {
	bodyJson,
	encodeText,
	encodeUserBroadcast,
	forMany,
	TextBytes,
	type BroadcastBody,
	type Json,
	type JsonObject,
	type Vsn
} from './protocol.ts';

/** The socket side a subscription writes to. */
export interface Outlet {
	readonly vsn: Vsn;
	/**
	 * A string or `TextBytes` as a text frame, a Buffer as a binary one. `wide`: the frame goes
	 * to many sockets at once, and may wait a few milliseconds to share a write (coalesce.ts).
	 */
	send(frame: string | Buffer | TextBytes, wide?: boolean): void;
}

/** A joined channel, as the hub needs to see it. */
export interface Member {
	readonly outlet: Outlet;
	readonly topic: string;
	readonly subTopic: string;
	readonly isPrivate: boolean;
	readonly presenceKey: string;
	presenceEnabled: boolean;
	/** Private channels: what the read policies allowed at join (public: both true). */
	readBroadcast: boolean;
	readPresence: boolean;
	readonly pgBindings: PgBinding[];
	/** Stored messages this member got by replay; live delivery skips them. */
	readonly replayedIds?: ReadonlySet<string>;
	ctx: RoleContext;
}

/** A broadcast on its way out. `binaryFrame`: send it to 2.0.0 sockets as a kind 4 frame. */
export interface OutgoingBroadcast {
	event: string;
	body: BroadcastBody;
	binaryFrame: boolean;
	/** The `realtime.messages` id of a broadcast sent from the database. */
	id?: string;
}

interface Topic {
	members: Set<Member>;
	presence: PresenceTopic<Member>;
}

/** The hub key of a topic: public and private channels of one name never mix. */
export function topicKey(isPrivate: boolean, subTopic: string): string {
	return `${isPrivate ? 'private' : 'public'}:${subTopic}`;
}

export class Hub {
	#topics = new Map<string, Topic>();
	#pgMembers = new Set<Member>();
	#presenceRef = 0;
	/** Called when a member with postgres_changes bindings leaves. */
	onPgMemberLeft: (() => void) | null = null;

	#topic(key: string): Topic {
		let topic = this.#topics.get(key);
		if (!topic) {
			topic = {
				members: new Set(),
				presence: new PresenceTopic(() => String(++this.#presenceRef))
			};
			this.#topics.set(key, topic);
		}
		return topic;
	}

	add(member: Member): void {
		this.#topic(topicKey(member.isPrivate, member.subTopic)).members.add(member);
		if (member.pgBindings.length > 0) this.#pgMembers.add(member);
	}

	/** Removes a member and its presence (telling the others it left). */
	remove(member: Member): void {
		const key = topicKey(member.isPrivate, member.subTopic);
		const topic = this.#topics.get(key);
		if (this.#pgMembers.delete(member)) this.onPgMemberLeft?.();
		if (!topic) return;
		topic.members.delete(member);
		const diff = topic.presence.untrack(member);
		if (diff) this.#sendPresenceDiff(topic, member.topic, diff);
		if (topic.members.size === 0 && topic.presence.size === 0) this.#topics.delete(key);
	}

	/** Members with postgres_changes bindings. */
	pgMembers(): Iterable<Member> {
		return this.#pgMembers;
	}

	/** Sends a broadcast to the members of a topic that may read it (except `sender`, when given). */
	broadcast(key: string, message: OutgoingBroadcast, except?: Member): number {
		const topic = this.#topics.get(key);
		if (!topic) return 0;
		const frames: Partial<Record<Vsn, TextBytes | Buffer | null>> = {};
		const wide = topic.members.size >= WIDE_FANOUT;
		let delivered = 0;
		for (const member of topic.members) {
			if (member === except || !member.readBroadcast) continue;
			if (message.id !== undefined && member.replayedIds?.has(message.id)) continue;
			const vsn = member.outlet.vsn;
			if (!(vsn in frames)) frames[vsn] = forMany(encodeBroadcast(vsn, member.topic, message));
			const frame = frames[vsn];
			if (frame === null || frame === undefined) continue;
			member.outlet.send(frame, wide);
			delivered++;
		}
		return delivered;
	}

	track(member: Member, payload: JsonObject): void {
		const topic = this.#topic(topicKey(member.isPrivate, member.subTopic));
		this.#sendPresenceDiff(
			topic,
			member.topic,
			topic.presence.track(member, member.presenceKey, payload)
		);
	}

	untrack(member: Member): void {
		const topic = this.#topics.get(topicKey(member.isPrivate, member.subTopic));
		const diff = topic?.presence.untrack(member);
		if (topic && diff) this.#sendPresenceDiff(topic, member.topic, diff);
	}

	presenceState(member: Member): PresenceState {
		return this.#topics.get(topicKey(member.isPrivate, member.subTopic))?.presence.state() ?? {};
	}

	#sendPresenceDiff(topic: Topic, topicName: string, diff: PresenceDiff): void {
		const payload = diff as unknown as Json;
		const frames: Partial<Record<Vsn, TextBytes>> = {};
		const wide = topic.members.size >= WIDE_FANOUT;
		for (const member of topic.members) {
			if (!member.presenceEnabled || !member.readPresence) continue;
			const vsn = member.outlet.vsn;
			frames[vsn] ??= new TextBytes(
				encodeText(vsn, {
					joinRef: null,
					ref: null,
					topic: topicName,
					event: 'presence_diff',
					payload
				})
			);
			member.outlet.send(frames[vsn], wide);
		}
	}
}

/** One broadcast frame for a protocol version, or null when that version cannot carry it. */
export function encodeBroadcast(
	vsn: Vsn,
	topic: string,
	message: OutgoingBroadcast
): string | Buffer | null {
	if (vsn === '2.0.0' && message.binaryFrame) {
		const frame = encodeUserBroadcast(topic, message.event, message.body);
		if (frame) return frame;
	}
	const value = bodyJson(message.body);
	// 1.0.0 has no way to carry raw bytes; Realtime skips such messages for those sockets too.
	if (value === undefined) return null;
	return encodeText(vsn, {
		joinRef: null,
		ref: null,
		topic,
		event: 'broadcast',
		payload: { type: 'broadcast', event: message.event, payload: value }
	});
}
