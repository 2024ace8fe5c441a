import { describe, expect, it } from 'vitest';
import {
	decodeBinary,
	decodeText,
	encodeText,
	encodeUserBroadcast,
	encodeUserBroadcastPush,
	forMany,
	TextBytes,
	type UserBroadcastPush
} from './protocol.ts';

describe('text frames', () => {
	it('reads 2.0.0 arrays and 1.0.0 objects into the same message', () => {
		const message = {
			joinRef: '1',
			ref: '2',
			topic: 'realtime:a',
			event: 'phx_join',
			payload: { config: {} }
		};
		expect(decodeText('2.0.0', '["1","2","realtime:a","phx_join",{"config":{}}]')).toEqual({
			kind: 'message',
			message
		});
		expect(
			decodeText(
				'1.0.0',
				'{"join_ref":"1","ref":"2","topic":"realtime:a","event":"phx_join","payload":{"config":{}}}'
			)
		).toEqual({ kind: 'message', message });
	});

	it('accepts null refs and numeric refs', () => {
		const d = decodeText('2.0.0', '[null,7,"phoenix","heartbeat",{}]');
		expect(d).toEqual({
			kind: 'message',
			message: { joinRef: null, ref: '7', topic: 'phoenix', event: 'heartbeat', payload: {} }
		});
	});

	it.each([
		['2.0.0', 'not json'],
		['2.0.0', '{"topic":"x"}'],
		['2.0.0', '[1,2,3]'],
		['2.0.0', '[null,null,5,"e",{}]'],
		['2.0.0', '[{},null,"t","e",{}]'],
		['1.0.0', '["1","2","t","e",{}]']
	] as const)('marks a malformed %s frame invalid: %s', (vsn, text) => {
		expect(decodeText(vsn, text).kind).toBe('invalid');
	});

	it('writes each version in its own shape', () => {
		const m = {
			joinRef: null,
			ref: '3',
			topic: 'phoenix',
			event: 'phx_reply',
			payload: { status: 'ok', response: {} }
		};
		expect(JSON.parse(encodeText('2.0.0', m))).toEqual([
			null,
			'3',
			'phoenix',
			'phx_reply',
			{ status: 'ok', response: {} }
		]);
		expect(JSON.parse(encodeText('1.0.0', m))).toEqual({
			join_ref: null,
			ref: '3',
			topic: 'phoenix',
			event: 'phx_reply',
			payload: { status: 'ok', response: {} }
		});
	});
});

describe('frames for many sockets', () => {
	it('encodes text once, as UTF-8, and leaves binary frames and none as they are', () => {
		const text = encodeText('2.0.0', {
			joinRef: null,
			ref: null,
			topic: 'realtime:site:é',
			event: 'broadcast',
			payload: { preview: 'naïve 日本' }
		});
		const once = forMany(text);
		expect(once).toBeInstanceOf(TextBytes);
		expect((once as TextBytes).bytes.toString('utf8')).toBe(text);
		expect((once as TextBytes).bytes.length).toBe(Buffer.byteLength(text));
		const binary = Buffer.from([4, 1, 2]);
		expect(forMany(binary)).toBe(binary);
		expect(forMany(null)).toBeNull();
	});
});

describe('binary frames', () => {
	const push: UserBroadcastPush = {
		joinRef: '1',
		ref: '4',
		topic: 'realtime:café',
		userEvent: 'typing',
		metadata: {},
		body: { encoding: 'json', value: { typing: true, emoji: 'é😀' } }
	};

	it('decodes a kind 3 push with multi-byte text intact', () => {
		const d = decodeBinary('2.0.0', encodeUserBroadcastPush(push));
		expect(d.kind).toBe('user_broadcast');
		if (d.kind !== 'user_broadcast') return;
		expect(d.push.topic).toBe('realtime:café');
		expect(d.push.userEvent).toBe('typing');
		expect(d.push.body.encoding).toBe('json-bytes');
		if (d.push.body.encoding === 'json-bytes')
			expect(JSON.parse(d.push.body.bytes.toString())).toEqual({ typing: true, emoji: 'é😀' });
	});

	it('keeps raw binary payloads as bytes', () => {
		const bytes = Buffer.from([0, 255, 1]);
		const d = decodeBinary(
			'2.0.0',
			encodeUserBroadcastPush({ ...push, body: { encoding: 'binary', bytes } })
		);
		expect(d.kind === 'user_broadcast' && d.push.body).toEqual({ encoding: 'binary', bytes });
	});

	it('refuses binary frames on 1.0.0, unknown kinds, truncation and bad JSON payloads', () => {
		const good = encodeUserBroadcastPush(push);
		expect(decodeBinary('1.0.0', good).kind).toBe('invalid');
		expect(decodeBinary('2.0.0', Buffer.from([4, 0, 0, 0, 0, 0, 1])).kind).toBe('invalid');
		expect(decodeBinary('2.0.0', good.subarray(0, 12)).kind).toBe('invalid');
		const badJson = encodeUserBroadcastPush({
			...push,
			body: { encoding: 'json-bytes', bytes: Buffer.from('{nope') }
		});
		expect(decodeBinary('2.0.0', badJson).kind).toBe('invalid');
	});

	it('encodes a kind 4 broadcast the way realtime-js decodes it', () => {
		const frame = encodeUserBroadcast('realtime:r', 'ev', { encoding: 'json', value: { a: 1 } })!;
		expect([...frame.subarray(0, 5)]).toEqual([4, 10, 2, 0, 1]);
		expect(frame.subarray(5).toString()).toBe('realtime:rev{"a":1}');
		expect(encodeUserBroadcast('x'.repeat(256), 'ev', { encoding: 'json', value: {} })).toBeNull();
	});
});
