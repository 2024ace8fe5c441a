import { describe, expect, it } from 'vitest';
import { isCallRow, isSignal, SDP_MAX_CHARS } from './protocol.ts';

const ID = '0b6b4a47-8a51-4a8e-9d5c-2b1a1e9f3c11';
const USER = '5f0c2d9e-41a8-4a9b-8f47-7e1d0c6a2b33';
const row = {
	id: ID,
	conversation_id: ID,
	media: 'video',
	started_by: USER,
	started_side: 'visitor',
	answered_by: null,
	status: 'ringing',
	created_at: '2026-12-04T10:00:00Z',
	answered_at: null,
	connected_at: null,
	ended_at: null,
	ring_seconds: 45
};

describe('isCallRow', () => {
	it('accepts a row as the database broadcasts it', () => {
		expect(isCallRow(row)).toBe(true);
		expect(isCallRow({ ...row, status: 'active', answered_by: USER })).toBe(true);
	});

	it.each([
		['no id', { ...row, id: undefined }],
		['another media', { ...row, media: 'screen' }],
		['an unknown status', { ...row, status: 'on-hold' }],
		['a side that is no side', { ...row, started_side: 'system' }],
		['a bad time', { ...row, ended_at: 'yesterday' }],
		['a huge ring', { ...row, ring_seconds: 1e9 }],
		['not an object', 'call']
	])('refuses %s', (_, payload) => {
		expect(isCallRow(payload)).toBe(false);
	});
});

describe('isSignal', () => {
	const base = { call_id: ID, from: USER };
	it('accepts offers, answers, candidates and renegotiation requests', () => {
		expect(isSignal({ ...base, data: { type: 'offer', sdp: 'v=0\r\n' } })).toBe(true);
		expect(isSignal({ ...base, data: { type: 'answer', sdp: 'v=0\r\n' } })).toBe(true);
		expect(
			isSignal({
				...base,
				data: {
					type: 'candidate',
					candidate: {
						candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
						sdpMid: '0',
						sdpMLineIndex: 0
					}
				}
			})
		).toBe(true);
		expect(isSignal({ ...base, data: { type: 'renegotiate', renegotiate: true } })).toBe(true);
	});

	it.each([
		['an unknown type', { type: 'bye' }],
		['an empty offer', { type: 'offer', sdp: '' }],
		['a huge offer', { type: 'offer', sdp: 'x'.repeat(SDP_MAX_CHARS + 1) }],
		['a candidate without text', { type: 'candidate', candidate: {} }],
		[
			'a negative line index',
			{ type: 'candidate', candidate: { candidate: '', sdpMLineIndex: -1 } }
		],
		[
			'a transceiver of another kind',
			{ type: 'transceiverRequest', transceiverRequest: { kind: 'data' } }
		]
	])('refuses %s', (_, data) => {
		expect(isSignal({ ...base, data })).toBe(false);
	});

	it('refuses a signal without a call or a sender', () => {
		expect(isSignal({ from: USER, data: { type: 'offer', sdp: 'v=0' } })).toBe(false);
		expect(isSignal({ call_id: ID, from: 'me', data: { type: 'offer', sdp: 'v=0' } })).toBe(false);
	});
});
