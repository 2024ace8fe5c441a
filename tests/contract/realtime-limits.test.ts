/**
 * The socket protocol at the frame level, with a raw `ws` client: both vsn framings, error
 * replies, and that a misbehaving socket is closed without touching anyone else's messages.
 * Limits are lowered through the PARLEY_REALTIME_* variables so the tests stay short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeUserBroadcastPush } from '../../supabase/local/realtime/protocol.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { REALTIME_FIXTURE, sleep, until } from './realtime-helpers.ts';

const HEARTBEAT_TIMEOUT_MS = 800;
const LIMITS = {
	PARLEY_REALTIME_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
	PARLEY_REALTIME_MAX_EVENTS_PER_SECOND: '30',
	PARLEY_REALTIME_MAX_FRAME_BYTES: '4096',
	PARLEY_REALTIME_MAX_PAYLOAD_BYTES: '512'
};

let t: TestStack;
const sockets: Raw[] = [];

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

/** A bare Phoenix client: frames in and out, nothing else. */
class Raw {
	ws: WebSocket;
	frames: Frame[] = [];
	binary: Buffer[] = [];
	closed: { code: number; reason: string } | undefined;
	#ref = 0;
	#beat: NodeJS.Timeout | undefined;
	readonly vsn: '1.0.0' | '2.0.0';
	constructor(url: string, vsn: '1.0.0' | '2.0.0') {
		this.vsn = vsn;
		this.ws = new WebSocket(url);
		this.ws.on('message', (data, isBinary) => {
			if (isBinary) return this.binary.push(data as Buffer);
			const v = JSON.parse(String(data));
			this.frames.push(
				Array.isArray(v) ? (v as Frame) : [v.join_ref, v.ref, v.topic, v.event, v.payload]
			);
		});
		this.ws.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
		sockets.push(this);
	}
	static async open(vsn: '1.0.0' | '2.0.0' = '2.0.0', key = t.anonKey): Promise<Raw> {
		const raw = new Raw(
			`${t.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${key}&vsn=${vsn}`,
			vsn
		);
		await new Promise((resolve, reject) => {
			raw.ws.once('open', resolve);
			raw.ws.once('error', reject);
		});
		return raw;
	}
	/** Sends heartbeats often enough to stay under the lowered timeout. */
	keepAlive() {
		this.#beat = setInterval(() => this.push('phoenix', 'heartbeat', {}), HEARTBEAT_TIMEOUT_MS / 4);
	}
	push(topic: string, event: string, payload: unknown, joinRef: string | null = null): string {
		const ref = String(++this.#ref);
		const frame =
			this.vsn === '2.0.0'
				? [joinRef, ref, topic, event, payload]
				: { join_ref: joinRef, ref, topic, event, payload };
		this.ws.send(JSON.stringify(frame));
		return ref;
	}
	async reply(ref: string): Promise<{ status: string; response: Record<string, unknown> }> {
		const f = await until(
			() => this.frames.find((x) => x[1] === ref && x[3] === 'phx_reply'),
			5000,
			`reply ${ref}`
		);
		return f[4] as { status: string; response: Record<string, unknown> };
	}
	async join(topic: string, config: Record<string, unknown> = {}) {
		const ref = this.push(topic, 'phx_join', { config });
		return { ref, reply: await this.reply(ref) };
	}
	stop() {
		clearInterval(this.#beat);
		this.ws.terminate();
	}
}

const broadcasts = (raw: Raw, topic: string) =>
	raw.frames.filter((f) => f[2] === topic && f[3] === 'broadcast').map((f) => f[4].payload);

beforeAll(async () => {
	Object.assign(process.env, LIMITS);
	t = await startTestStack({ sql: REALTIME_FIXTURE });
});
afterAll(async () => {
	for (const s of sockets) s.stop();
	for (const k of Object.keys(LIMITS)) delete process.env[k];
	await t?.stop();
});

describe('frames and replies', () => {
	it('answers heartbeats and joins in vsn 2.0.0 arrays and 1.0.0 objects', async () => {
		for (const vsn of ['2.0.0', '1.0.0'] as const) {
			const raw = await Raw.open(vsn);
			const beat = raw.push('phoenix', 'heartbeat', {});
			expect(await raw.reply(beat)).toEqual({ status: 'ok', response: {} });
			const { reply } = await raw.join('realtime:frames', {
				postgres_changes: [{ event: 'INSERT', schema: 'public', table: 'rt_notes' }]
			});
			expect(reply.status).toBe('ok');
			const changes = reply.response.postgres_changes as Record<string, unknown>[];
			expect(changes).toEqual([
				{ event: 'INSERT', schema: 'public', table: 'rt_notes', id: expect.any(Number) }
			]);
			raw.stop();
		}
	});

	it('gives error replies for unknown topics, events, empty topic names and oversized payloads', async () => {
		const raw = await Raw.open();
		raw.keepAlive();
		expect(await raw.reply(raw.push('realtime:not-joined', 'broadcast', {}))).toEqual({
			status: 'error',
			response: { reason: 'unmatched topic' }
		});
		expect((await raw.join('elsewhere')).reply).toEqual({
			status: 'error',
			response: { reason: 'unmatched topic' }
		});
		expect((await raw.join('realtime:')).reply).toEqual({
			status: 'error',
			response: { reason: 'TopicNameRequired: You must provide a topic name' }
		});
		const { ref: joinRef } = await raw.join('realtime:replies', { broadcast: { ack: true } });
		expect(await raw.reply(raw.push('realtime:replies', 'wat', {}, joinRef))).toEqual({
			status: 'error',
			response: { reason: 'Unexpected message from client of type `wat`' }
		});
		const big = { type: 'broadcast', event: 'e', payload: { s: 'x'.repeat(1000) } };
		expect(await raw.reply(raw.push('realtime:replies', 'broadcast', big, joinRef))).toEqual({
			status: 'error',
			response: { reason: 'payload_size_exceeded' }
		});
		expect(raw.closed).toBeUndefined();
	});

	it('relays a binary broadcast as a kind 4 frame to 2.0.0 and as JSON to 1.0.0', async () => {
		const sender = await Raw.open('2.0.0');
		const v2 = await Raw.open('2.0.0');
		const v1 = await Raw.open('1.0.0');
		const { ref: joinRef } = await sender.join('realtime:bin', { broadcast: { ack: true } });
		await v2.join('realtime:bin');
		await v1.join('realtime:bin');
		sender.ws.send(
			encodeUserBroadcastPush({
				joinRef,
				ref: '99',
				topic: 'realtime:bin',
				userEvent: 'hi',
				metadata: {},
				body: { encoding: 'json', value: { a: 'é' } }
			})
		);
		expect(await sender.reply('99')).toEqual({ status: 'ok', response: {} });
		const frame = await until(() => v2.binary[0], 5000, 'kind 4 frame');
		expect(frame[0]).toBe(4);
		expect(frame.subarray(5).toString()).toBe('realtime:binhi{"a":"é"}');
		await until(() => broadcasts(v1, 'realtime:bin').length === 1, 5000, 'JSON copy');
		expect(broadcasts(v1, 'realtime:bin')).toEqual([{ a: 'é' }]);
	});
});

describe('a misbehaving socket is closed, and only that one', () => {
	async function bystander() {
		const calm = await Raw.open();
		calm.keepAlive();
		await calm.join('realtime:calm');
		const speaker = await Raw.open();
		speaker.keepAlive();
		const { ref } = await speaker.join('realtime:calm');
		let n = 0;
		const say = async () => {
			speaker.push(
				'realtime:calm',
				'broadcast',
				{ type: 'broadcast', event: 'e', payload: { n: ++n } },
				ref
			);
			await until(() => broadcasts(calm, 'realtime:calm').length === n, 5000, `message ${n}`);
		};
		return { calm, speaker, say };
	}

	it.each([
		['malformed JSON', (raw: Raw) => raw.ws.send('{not json'), 1007],
		['a frame of the wrong shape', (raw: Raw) => raw.ws.send('{"topic":"x"}'), 1007],
		['an unknown binary frame', (raw: Raw) => raw.ws.send(Buffer.from([9, 9, 9])), 1007],
		['an oversized frame', (raw: Raw) => raw.ws.send('x'.repeat(5000)), 1009],
		[
			'a flood',
			(raw: Raw) => {
				for (let i = 0; i < 40; i++) raw.push('phoenix', 'heartbeat', {});
			},
			1008
		]
	])('closes the socket that sends %s', async (_name, misbehave, code) => {
		const { calm, say } = await bystander();
		await say();
		const bad = await Raw.open();
		await bad.join('realtime:calm');
		misbehave(bad);
		await until(() => bad.closed, 5000, 'close');
		expect(bad.closed!.code).toBe(code);
		await say();
		expect(calm.closed).toBeUndefined();
	});

	it('closes a socket that stays silent past the heartbeat timeout', async () => {
		const { calm, say } = await bystander();
		const silent = await Raw.open();
		await silent.join('realtime:calm');
		await until(() => silent.closed, HEARTBEAT_TIMEOUT_MS * 4, 'silent socket closed');
		expect(silent.closed).toEqual({ code: 1000, reason: 'heartbeat timeout' });
		await say();
		expect(calm.closed).toBeUndefined();
	});

	it('refuses a socket without a valid API key', async () => {
		for (const key of ['', 'not-a-key']) {
			const status = await new Promise<number>((resolve) => {
				const ws = new WebSocket(
					`${t.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${key}&vsn=2.0.0`
				);
				ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
				ws.on('open', () => resolve(101));
			});
			expect(status).toBe(403);
		}
		await sleep(10);
	});
});
