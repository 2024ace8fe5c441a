/**
 * A call's messages on the conversation's channel (`conversation:<id>`): `call`, a row of
 * `public.calls` the database broadcasts on every change (how the other side rings and learns
 * the call was answered or ended), and `signal`, the WebRTC offers, answers and candidates the
 * two clients send each other. Both arrive from the network, so each is checked here.
 */
import type { Side } from '$lib/conversations/types.ts';

/** The broadcast events of a call, by name. */
export const CALL_EVENTS = { call: 'call', signal: 'signal' } as const;

export type CallMedia = 'audio' | 'video';
export type CallStatus =
	'ringing' | 'active' | 'ended' | 'declined' | 'cancelled' | 'missed' | 'failed';

/** A row of `public.calls` as the `call` event and the call_* functions give it. */
export interface CallRow {
	id: string;
	conversation_id: string;
	media: CallMedia;
	started_by: string;
	started_side: Side;
	answered_by: string | null;
	status: CallStatus;
	created_at: string;
	answered_at: string | null;
	connected_at: string | null;
	ended_at: string | null;
	/** How long the call rings before it counts as missed. */
	ring_seconds?: number;
}

/** What simple-peer hands over to be relayed to the other peer. */
export type SignalData =
	| { type: 'offer' | 'answer'; sdp: string }
	| {
			type: 'candidate';
			candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null };
	  }
	| { type: 'renegotiate'; renegotiate: true }
	| { type: 'transceiverRequest'; transceiverRequest: { kind: string; init?: unknown } };

/** `signal`: from one participant's device to the other's, for one call. */
export interface Signal {
	call_id: string;
	/** The sender's user id (the channel admits only the conversation's participants). */
	from: string;
	data: SignalData;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An SDP of a two-track call is a few kilobytes; far more is not a call's. */
export const SDP_MAX_CHARS = 20_000;
const CANDIDATE_MAX_CHARS = 1_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isTime = (v: unknown): v is string | null =>
	v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));

const STATUSES: readonly string[] = [
	'ringing',
	'active',
	'ended',
	'declined',
	'cancelled',
	'missed',
	'failed'
];

/** Whether a `call` payload is a call row with everything a client relies on. */
export function isCallRow(p: unknown): p is CallRow {
	return (
		isObject(p) &&
		isUuid(p.id) &&
		isUuid(p.conversation_id) &&
		(p.media === 'audio' || p.media === 'video') &&
		isUuid(p.started_by) &&
		(p.started_side === 'visitor' || p.started_side === 'agent') &&
		(p.answered_by === null || isUuid(p.answered_by)) &&
		typeof p.status === 'string' &&
		STATUSES.includes(p.status) &&
		typeof p.created_at === 'string' &&
		isTime(p.answered_at ?? null) &&
		isTime(p.connected_at ?? null) &&
		isTime(p.ended_at ?? null) &&
		(p.ring_seconds === undefined ||
			(typeof p.ring_seconds === 'number' && p.ring_seconds > 0 && p.ring_seconds <= 600))
	);
}

function isSignalData(d: unknown): d is SignalData {
	if (!isObject(d)) return false;
	switch (d.type) {
		case 'offer':
		case 'answer':
			return typeof d.sdp === 'string' && d.sdp.length > 0 && d.sdp.length <= SDP_MAX_CHARS;
		case 'candidate': {
			const c = d.candidate;
			return (
				isObject(c) &&
				typeof c.candidate === 'string' &&
				c.candidate.length <= CANDIDATE_MAX_CHARS &&
				(c.sdpMid === undefined || c.sdpMid === null || typeof c.sdpMid === 'string') &&
				(c.sdpMLineIndex === undefined ||
					c.sdpMLineIndex === null ||
					(Number.isInteger(c.sdpMLineIndex) && (c.sdpMLineIndex as number) >= 0))
			);
		}
		case 'renegotiate':
			return d.renegotiate === true;
		case 'transceiverRequest':
			return (
				isObject(d.transceiverRequest) &&
				(d.transceiverRequest.kind === 'audio' || d.transceiverRequest.kind === 'video')
			);
		default:
			return false;
	}
}

/** Whether a `signal` payload is a well-formed signal for some call. */
export function isSignal(p: unknown): p is Signal {
	return isObject(p) && isUuid(p.call_id) && isUuid(p.from) && isSignalData(p.data);
}

/** A call that still rings or talks. */
export const isLive = (row: CallRow): boolean =>
	row.status === 'ringing' || row.status === 'active';
