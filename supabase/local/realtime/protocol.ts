/**
 * Phoenix channel frames as realtime-js speaks them. vsn 1.0.0 sends JSON objects
 * `{join_ref, ref, topic, event, payload}`; vsn 2.0.0 sends JSON arrays
 * `[join_ref, ref, topic, event, payload]` plus binary broadcast frames: client pushes
 * (kind 3, `userBroadcastPush`) and server broadcasts (kind 4, `userBroadcast`).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Vsn = '1.0.0' | '2.0.0';
export const SUPPORTED_VSNS: readonly Vsn[] = ['1.0.0', '2.0.0'];

/** One text frame, either direction. */
export interface PhxMessage {
	joinRef: string | null;
	ref: string | null;
	topic: string;
	event: string;
	payload: Json;
}

/** A broadcast's user payload: JSON (kept as its UTF-8 text when it arrived that way) or bytes. */
export type BroadcastBody =
	| { encoding: 'json'; value: Json }
	| { encoding: 'json-bytes'; bytes: Buffer }
	| { encoding: 'binary'; bytes: Buffer };

/** A kind 3 frame: a client's broadcast on a joined channel. */
export interface UserBroadcastPush {
	joinRef: string | null;
	ref: string | null;
	topic: string;
	userEvent: string;
	metadata: JsonObject;
	body: BroadcastBody;
}

export type Decoded =
	| { kind: 'message'; message: PhxMessage }
	| { kind: 'user_broadcast'; push: UserBroadcastPush }
	| { kind: 'invalid'; reason: string };

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const ENCODING_BINARY = 0;
const ENCODING_JSON = 1;
const PUSH_HEADER_BYTES = 7;
const MAX_U8 = 255;

function refOf(value: unknown): string | null | undefined {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageFrom(
	joinRef: unknown,
	ref: unknown,
	topic: unknown,
	event: unknown,
	payload: unknown
): Decoded {
	const jr = refOf(joinRef);
	const r = refOf(ref);
	if (jr === undefined || r === undefined)
		return { kind: 'invalid', reason: 'refs must be strings or null' };
	if (typeof topic !== 'string' || typeof event !== 'string')
		return { kind: 'invalid', reason: 'topic and event must be strings' };
	return {
		kind: 'message',
		message: { joinRef: jr, ref: r, topic, event, payload: (payload ?? {}) as Json }
	};
}

/** Decodes a text frame for the socket's protocol version. */
export function decodeText(vsn: Vsn, text: string): Decoded {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { kind: 'invalid', reason: 'frame is not JSON' };
	}
	if (vsn === '2.0.0') {
		if (!Array.isArray(value) || value.length !== 5)
			return { kind: 'invalid', reason: 'a 2.0.0 frame is a JSON array of five elements' };
		return messageFrom(value[0], value[1], value[2], value[3], value[4]);
	}
	if (!isObject(value)) return { kind: 'invalid', reason: 'a 1.0.0 frame is a JSON object' };
	return messageFrom(value.join_ref, value.ref, value.topic, value.event, value.payload);
}

/** Decodes a binary frame; only 2.0.0 sockets may send them, and only kind 3. */
export function decodeBinary(vsn: Vsn, data: Buffer): Decoded {
	if (vsn !== '2.0.0') return { kind: 'invalid', reason: 'binary frames need vsn 2.0.0' };
	if (data.length < PUSH_HEADER_BYTES || data[0] !== KIND_USER_BROADCAST_PUSH)
		return { kind: 'invalid', reason: 'unknown binary frame kind' };
	const lengths = [data[1], data[2], data[3], data[4], data[5]];
	const encoding = data[6];
	if (encoding !== ENCODING_BINARY && encoding !== ENCODING_JSON)
		return { kind: 'invalid', reason: 'unknown payload encoding' };
	let offset = PUSH_HEADER_BYTES;
	const fields: string[] = [];
	for (const length of lengths) {
		if (offset + length > data.length) return { kind: 'invalid', reason: 'truncated binary frame' };
		fields.push(data.toString('utf8', offset, offset + length));
		offset += length;
	}
	const [joinRef, ref, topic, userEvent, metaText] = fields;
	let metadata: JsonObject = {};
	if (metaText) {
		try {
			const parsed: unknown = JSON.parse(metaText);
			if (!isObject(parsed)) return { kind: 'invalid', reason: 'metadata must be a JSON object' };
			metadata = parsed;
		} catch {
			return { kind: 'invalid', reason: 'metadata is not JSON' };
		}
	}
	const bytes = data.subarray(offset);
	let body: BroadcastBody;
	if (encoding === ENCODING_JSON) {
		// Validate once here so subscribers never get a frame they cannot parse.
		try {
			JSON.parse(bytes.toString('utf8'));
		} catch {
			return { kind: 'invalid', reason: 'payload is not JSON' };
		}
		body = { encoding: 'json-bytes', bytes: Buffer.from(bytes) };
	} else {
		body = { encoding: 'binary', bytes: Buffer.from(bytes) };
	}
	return {
		kind: 'user_broadcast',
		push: { joinRef: joinRef || null, ref: ref || null, topic, userEvent, metadata, body }
	};
}

/**
 * A text frame already encoded as UTF-8, for a frame that goes to many sockets: `ws` turns a
 * string into bytes again for each socket it is sent to (100 times a message, for a site's
 * agents), and a Buffer it sends as it is.
 */
export class TextBytes {
	readonly bytes: Buffer;
	constructor(text: string) {
		this.bytes = Buffer.from(text, 'utf8');
	}
}

/** A frame for many sockets: text encoded once, binary as it is. */
export function forMany<F extends string | Buffer | null>(
	frame: F
): Exclude<F, string> | TextBytes {
	return (typeof frame === 'string' ? new TextBytes(frame) : frame) as
		Exclude<F, string> | TextBytes;
}

/** Encodes a text frame for the socket's protocol version. */
export function encodeText(vsn: Vsn, m: PhxMessage): string {
	if (vsn === '2.0.0') return JSON.stringify([m.joinRef, m.ref, m.topic, m.event, m.payload]);
	return JSON.stringify({
		join_ref: m.joinRef,
		ref: m.ref,
		topic: m.topic,
		event: m.event,
		payload: m.payload
	});
}

/** The JSON value of a broadcast body (null for raw bytes, which JSON cannot carry). */
export function bodyJson(body: BroadcastBody): Json | undefined {
	if (body.encoding === 'json') return body.value;
	if (body.encoding === 'json-bytes') return JSON.parse(body.bytes.toString('utf8')) as Json;
	return undefined;
}

/**
 * Encodes a server broadcast as a kind 4 frame, or returns null when a header field does
 * not fit its one-byte length (the caller then falls back to a JSON frame).
 */
export function encodeUserBroadcast(
	topic: string,
	event: string,
	body: BroadcastBody
): Buffer | null {
	const topicBytes = Buffer.from(topic, 'utf8');
	const eventBytes = Buffer.from(event, 'utf8');
	if (topicBytes.length > MAX_U8 || eventBytes.length > MAX_U8) return null;
	const payload =
		body.encoding === 'json' ? Buffer.from(JSON.stringify(body.value), 'utf8') : body.bytes;
	const header = Buffer.allocUnsafe(5);
	header[0] = KIND_USER_BROADCAST;
	header[1] = topicBytes.length;
	header[2] = eventBytes.length;
	header[3] = 0;
	header[4] = body.encoding === 'binary' ? ENCODING_BINARY : ENCODING_JSON;
	return Buffer.concat([header, topicBytes, eventBytes, payload]);
}

/** Builds a kind 3 frame (what realtime-js sends); used by tests and the benchmark. */
export function encodeUserBroadcastPush(push: UserBroadcastPush): Buffer {
	const parts = [push.joinRef ?? '', push.ref ?? '', push.topic, push.userEvent].map((s) =>
		Buffer.from(s, 'utf8')
	);
	const meta = Buffer.from(
		Object.keys(push.metadata).length ? JSON.stringify(push.metadata) : '',
		'utf8'
	);
	const body = push.body;
	const payload =
		body.encoding === 'json' ? Buffer.from(JSON.stringify(body.value), 'utf8') : body.bytes;
	const header = Buffer.from([
		KIND_USER_BROADCAST_PUSH,
		parts[0].length,
		parts[1].length,
		parts[2].length,
		parts[3].length,
		meta.length,
		body.encoding === 'binary' ? ENCODING_BINARY : ENCODING_JSON
	]);
	return Buffer.concat([header, ...parts, meta, payload]);
}

export { isObject };
