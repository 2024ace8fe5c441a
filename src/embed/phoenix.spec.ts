import { describe, expect, it } from 'vitest';
import { actionOf, backoffMs, decode, type Frame } from './phoenix';

const TOPIC = 'realtime:visitor:v1';
const frame = (f: Partial<Frame>): Frame => ({
	topic: TOPIC,
	event: '',
	payload: {},
	ref: null,
	...f
});

describe('decode', () => {
	it('reads a vsn 1.0.0 object frame', () => {
		const f = {
			topic: TOPIC,
			event: 'phx_reply',
			payload: { status: 'ok' },
			ref: '1',
			join_ref: '1'
		};
		expect(decode(JSON.stringify(f))).toEqual(f);
	});

	it.each([['not json'], ['[null,"1","t","e",{}]'], ['{"topic":"t","event":"e"}'], ['null']])(
		'returns null for %s',
		(data) => expect(decode(data)).toBe(null)
	);
});

describe('actionOf', () => {
	it('takes an ok reply to our join as joined, an error reply as a reason to rejoin', () => {
		expect(
			actionOf(frame({ event: 'phx_reply', ref: '3', payload: { status: 'ok' } }), TOPIC, '3')
		).toBe(1);
		expect(
			actionOf(frame({ event: 'phx_reply', ref: '3', payload: { status: 'error' } }), TOPIC, '3')
		).toBe(2);
	});

	it('ignores replies to other pushes (access_token, heartbeats)', () => {
		expect(
			actionOf(frame({ event: 'phx_reply', ref: '4', payload: { status: 'ok' } }), TOPIC, '3')
		).toBeFalsy();
	});

	it('rejoins when the server errors or closes the channel', () => {
		expect(actionOf(frame({ event: 'phx_error' }), TOPIC, '1')).toBe(2);
		expect(actionOf(frame({ event: 'phx_close' }), TOPIC, '1')).toBe(2);
	});

	it('unwraps a broadcast into its event and payload', () => {
		const payload = { type: 'broadcast', event: 'invitation', payload: { id: 'i1' } };
		expect(actionOf(frame({ event: 'broadcast', payload }), TOPIC, '1')).toEqual([
			'invitation',
			{ id: 'i1' }
		]);
	});

	it('gives a broadcast without a payload an empty one, and ignores one without an event', () => {
		expect(
			actionOf(frame({ event: 'broadcast', payload: { event: 'conversation' } }), TOPIC, '1')
		).toEqual(['conversation', {}]);
		expect(
			actionOf(frame({ event: 'broadcast', payload: { payload: {} } }), TOPIC, '1')
		).toBeFalsy();
	});

	it('ignores other topics and other events', () => {
		expect(actionOf(frame({ topic: 'phoenix', event: 'phx_reply', ref: '1' }), TOPIC, '1')).toBe(0);
		expect(actionOf(frame({ topic: 'realtime:visitor:v2', event: 'broadcast' }), TOPIC, '1')).toBe(
			0
		);
		expect(actionOf(frame({ event: 'presence_state' }), TOPIC, '1')).toBe(0);
	});
});

describe('backoffMs', () => {
	it('doubles from about a second up to 30 s, jittered by up to half', () => {
		expect(backoffMs(0, 1)).toBe(1000);
		expect(backoffMs(0, 0)).toBe(500);
		expect(backoffMs(3, 1)).toBe(8000);
		expect(backoffMs(10, 1)).toBe(30_000);
		expect(backoffMs(50, 0)).toBe(15_000);
	});
});
