import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, joinChannel } from './phoenix';

/** A WebSocket stand-in: records what is sent, and lets the test open, answer and drop it. */
class FakeSocket {
	static all: FakeSocket[] = [];
	readyState = 0;
	sent: { topic: string; event: string; payload: unknown; ref: string; join_ref: string }[] = [];
	onopen?: () => void;
	onmessage?: (m: { data: string }) => void;
	onclose?: () => void;
	url: string;
	constructor(url: string) {
		this.url = url;
		FakeSocket.all.push(this);
	}
	send(text: string) {
		if (this.readyState != 1) throw new DOMException('not open', 'InvalidStateError');
		this.sent.push(JSON.parse(text));
	}
	close() {
		this.readyState = 3;
		this.onclose?.();
	}
	open() {
		this.readyState = 1;
		this.onopen?.();
	}
	receive(frame: object | string) {
		this.onmessage?.({ data: typeof frame == 'string' ? frame : JSON.stringify(frame) });
	}
}

const URL = 'ws://stack/realtime/v1/websocket?apikey=k';
const last = () => FakeSocket.all.at(-1)!;
const reply = (status: string, ref = 'phx_join') => ({
	topic: 'realtime:visitor:v1',
	event: 'phx_reply',
	payload: { status, response: {} },
	ref
});

let topic: string;
let token: string;
let events: [string, unknown][];
function connect() {
	return joinChannel(
		URL,
		() => topic,
		() => ({ config: { private: true }, access_token: token }),
		(event, payload) => events.push([event, payload])
	);
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.stubGlobal('WebSocket', FakeSocket);
	vi.spyOn(Math, 'random').mockReturnValue(1);
	FakeSocket.all = [];
	topic = 'realtime:visitor:v1';
	token = 't1';
	events = [];
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('joinChannel', () => {
	it('joins the topic with the current token once the socket opens, and says when joined', () => {
		connect();
		expect(last().url).toBe(URL);
		last().open();
		expect(last().sent).toEqual([
			{
				topic: 'realtime:visitor:v1',
				event: 'phx_join',
				payload: { config: { private: true }, access_token: 't1' },
				ref: 'phx_join',
				join_ref: 'phx_join'
			}
		]);
		last().receive(reply('ok'));
		expect(events).toEqual([['phx_join', {}]]);
	});

	it('hands on broadcasts as event and payload, and ignores replies to other pushes', () => {
		const channel = connect();
		last().open();
		last().receive(reply('ok'));
		events = [];
		channel.push('access_token', { access_token: 't2' });
		last().receive(reply('ok', 'access_token'));
		last().receive({
			topic: 'realtime:visitor:v1',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'invitation', payload: { id: 'i1' } },
			ref: null
		});
		expect(events).toEqual([['invitation', { id: 'i1' }]]);
		expect(last().sent.at(-1)).toMatchObject({
			event: 'access_token',
			payload: { access_token: 't2' }
		});
	});

	it('pushes nothing (and throws nothing) while the socket is not open', () => {
		const channel = connect();
		expect(channel.push('heartbeat', {}, 'phoenix')).toBe(false);
		expect(last().sent).toEqual([]);
	});

	it('swallows frames it cannot read', () => {
		connect();
		last().open();
		expect(() => last().receive('not json')).not.toThrow();
		expect(() => last().receive({ event: 'broadcast' })).not.toThrow();
	});

	it('reconnects with backoff and joins again, with the token and topic of that moment', () => {
		const channel = connect();
		last().open();
		last().receive(reply('ok'));
		// A new identity: the caller closes, the socket comes back on the new topic.
		topic = 'realtime:visitor:v2';
		token = 't2';
		channel.close();
		expect(FakeSocket.all).toHaveLength(1);
		vi.advanceTimersByTime(backoffMs(0, 1));
		expect(FakeSocket.all).toHaveLength(2);
		last().open();
		expect(last().sent[0]).toMatchObject({
			topic: 'realtime:visitor:v2',
			payload: { access_token: 't2' }
		});
	});

	it('drops the connection on a refused join, a channel error or close, backing off further each time until a join succeeds', () => {
		connect();
		last().open();
		last().receive(reply('error'));
		vi.advanceTimersByTime(backoffMs(0, 1));
		last().open();
		last().receive({ topic: 'realtime:visitor:v1', event: 'phx_error', payload: {}, ref: null });
		vi.advanceTimersByTime(backoffMs(1, 1) - 1);
		expect(FakeSocket.all).toHaveLength(2);
		vi.advanceTimersByTime(1);
		last().open();
		last().receive({ topic: 'realtime:visitor:v1', event: 'phx_close', payload: {}, ref: null });
		vi.advanceTimersByTime(backoffMs(2, 1));
		expect(FakeSocket.all).toHaveLength(4);
		last().open();
		last().receive(reply('ok'));
		last().close();
		vi.advanceTimersByTime(backoffMs(0, 1));
		expect(FakeSocket.all).toHaveLength(5);
		expect(events.filter(([e]) => e == 'phx_join')).toHaveLength(1);
	});
});

describe('backoffMs', () => {
	it('waits anywhere up to a second, doubling to 30 s', () => {
		expect(backoffMs(0, 1)).toBe(1000);
		expect(backoffMs(0, 0)).toBe(0);
		expect(backoffMs(3, 1)).toBe(8000);
		expect(backoffMs(3, 0.5)).toBe(4000);
		expect(backoffMs(10, 1)).toBe(30_000);
	});
});
