import { describe, expect, it } from 'vitest';
import {
	ALICE,
	BOB,
	sleep,
	subscribed,
	until,
	userJwt,
	useRealtimeStack
} from './realtime-helpers.ts';

const { t, connect } = useRealtimeStack();
const client = (token?: string, vsn?: '1.0.0' | '2.0.0') => connect({ token }, vsn);

describe('broadcast over the socket', () => {
	it('delivers to others, echoes to the sender only with self, and acks with ack', async () => {
		const a = await client();
		const b = await client();
		const gotA: unknown[] = [];
		const gotB: unknown[] = [];
		const chA = a
			.channel('room-1', { config: { broadcast: { self: true, ack: true } } })
			.on('broadcast', { event: 'msg' }, (m) => gotA.push(m));
		const chB = b.channel('room-1').on('broadcast', { event: 'msg' }, (m) => gotB.push(m));
		await subscribed(chA);
		await subscribed(chB);
		const payload = { text: 'hé 😀', n: 1 };
		expect(await chA.send({ type: 'broadcast', event: 'msg', payload })).toBe('ok');
		await until(() => gotA.length === 1 && gotB.length === 1, 5000, 'both copies');
		expect(gotA[0]).toEqual({ type: 'broadcast', event: 'msg', payload });
		expect(gotB[0]).toEqual({ type: 'broadcast', event: 'msg', payload });

		// Without self, the sender does not get its own message back.
		await chB.send({ type: 'broadcast', event: 'msg', payload: { from: 'b' } });
		await until(() => gotA.length === 2, 5000, 'a copy at a');
		await sleep(100);
		expect(gotB).toHaveLength(1);
	});

	it('carries binary payloads to 2.0.0 clients', async () => {
		const a = await client();
		const b = await client();
		let got: { payload: unknown } | undefined;
		const chB = b
			.channel('bin-room')
			.on('broadcast', { event: 'bytes' }, (m) => (got = m as unknown as { payload: unknown }));
		const chA = a.channel('bin-room');
		await subscribed(chB);
		await subscribed(chA);
		const bytes = new Uint8Array([0, 1, 2, 250, 255]);
		await chA.send({ type: 'broadcast', event: 'bytes', payload: bytes.buffer });
		await until(() => got, 5000, 'binary broadcast');
		expect(new Uint8Array(got!.payload as ArrayBuffer)).toEqual(bytes);
	});

	it('lets 1.0.0 and 2.0.0 clients talk to each other', async () => {
		const v1 = await client(undefined, '1.0.0');
		const v2 = await client(undefined, '2.0.0');
		expect(v1.realtime.vsn).toBe('1.0.0');
		const at1: unknown[] = [];
		const at2: unknown[] = [];
		const ch1 = v1.channel('mixed').on('broadcast', { event: 'e' }, (m) => at1.push(m.payload));
		const ch2 = v2.channel('mixed').on('broadcast', { event: 'e' }, (m) => at2.push(m.payload));
		await subscribed(ch1);
		await subscribed(ch2);
		await ch1.send({ type: 'broadcast', event: 'e', payload: { from: 1 } });
		await ch2.send({ type: 'broadcast', event: 'e', payload: { from: 2 } });
		await until(() => at1.length === 1 && at2.length === 1, 5000, 'cross-version delivery');
		expect(at1).toEqual([{ from: 2 }]);
		expect(at2).toEqual([{ from: 1 }]);
	});
});

describe('presence', () => {
	it('syncs joins and leaves across three clients and cleans up a socket that dies', async () => {
		const [a, b, c] = [await client(), await client(), await client()];
		const chans = [a, b, c].map((cl, i) =>
			cl.channel('lobby-p', { config: { presence: { key: `user-${i}` } } })
		);
		const leaves: string[] = [];
		chans[0].on('presence', { event: 'sync' }, () => undefined);
		chans[0].on('presence', { event: 'leave' }, ({ key }) => leaves.push(key));
		for (const ch of chans) ch.on('presence', { event: 'sync' }, () => undefined);
		for (const ch of chans) await subscribed(ch);
		for (const [i, ch] of chans.entries()) expect(await ch.track({ name: `n${i}` })).toBe('ok');
		for (const ch of chans)
			await until(() => Object.keys(ch.presenceState()).length === 3, 5000, 'three presences');
		const state = chans[0].presenceState<{ name: string }>();
		expect(Object.keys(state).sort()).toEqual(['user-0', 'user-1', 'user-2']);
		expect(state['user-1'][0].name).toBe('n1');
		expect(typeof state['user-1'][0].presence_ref).toBe('string');

		await chans[1].untrack();
		await until(() => leaves.includes('user-1'), 5000, 'untrack leave');
		expect(Object.keys(chans[0].presenceState()).sort()).toEqual(['user-0', 'user-2']);

		// Client c's socket goes away without leaving: its presence must go too.
		c.realtime.disconnect();
		await until(() => leaves.includes('user-2'), 5000, 'leave of a dead socket');
		expect(Object.keys(chans[0].presenceState())).toEqual(['user-0']);
	});
});

describe('broadcast over HTTP', () => {
	it('accepts httpSend with 202 and delivers it', async () => {
		const a = await client();
		const got: unknown[] = [];
		const ch = a
			.channel('http-room')
			.on('broadcast', { event: 'ping' }, (m) => got.push(m.payload));
		await subscribed(ch);
		const sender = (await client()).channel('http-room');
		expect(await sender.httpSend('ping', { x: 1 })).toEqual({ success: true });
		await until(() => got.length === 1, 5000, 'http broadcast');
		expect(got[0]).toEqual({ x: 1 });
	});

	it('answers the endpoints with exact statuses and bodies', async () => {
		const headers = { apikey: t().anonKey, 'content-type': 'application/json' };
		const single = await fetch(`${t().url}/realtime/v1/api/broadcast/a%3Ab/events/ev`, {
			method: 'POST',
			headers,
			body: '{"k":"v"}'
		});
		expect(single.status).toBe(202);
		expect(await single.text()).toBe('');

		const legacy = await fetch(`${t().url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ messages: [{ topic: 'x', event: 'e', payload: {} }] })
		});
		expect(legacy.status).toBe(202);

		const invalid = await fetch(`${t().url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers,
			body: '{}'
		});
		expect(invalid.status).toBe(422);
		expect(await invalid.json()).toEqual({ errors: { messages: ["can't be blank"] } });

		const noKey = await fetch(`${t().url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			body: '{}'
		});
		expect(noKey.status).toBe(401);

		const privateAnon = await fetch(
			`${t().url}/realtime/v1/api/broadcast/open%3Ax/events/ev?private=true`,
			{
				method: 'POST',
				headers,
				body: '{}'
			}
		);
		expect(privateAnon.status).toBe(403);
		expect(await privateAnon.json()).toEqual({ message: 'Unauthorized' });
	});

	it('sends the legacy batch to public subscribers and to private ones only when policies allow', async () => {
		const alice = await userJwt(t(), ALICE);
		const reader = await client(alice);
		const pub: unknown[] = [];
		const priv: unknown[] = [];
		await subscribed(
			reader.channel('batch-pub').on('broadcast', { event: 'e' }, (m) => pub.push(m.payload))
		);
		await subscribed(
			reader
				.channel('readonly:batch', { config: { private: true } })
				.on('broadcast', { event: 'e' }, (m) => priv.push(m.payload))
		);
		const post = (token: string, messages: unknown[]) =>
			fetch(`${t().url}/realtime/v1/api/broadcast`, {
				method: 'POST',
				headers: {
					apikey: t().anonKey,
					authorization: `Bearer ${token}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify({ messages })
			});
		const bob = await userJwt(t(), BOB);
		// Bob may not write to readonly:*, so only the public message goes out.
		const res = await post(bob, [
			{ topic: 'batch-pub', event: 'e', payload: { n: 1 } },
			{ topic: 'readonly:batch', event: 'e', payload: { n: 2 }, private: true }
		]);
		expect(res.status).toBe(202);
		await until(() => pub.length === 1, 5000, 'public batch message');
		// The service role bypasses the policies.
		const res2 = await post(t().serviceRoleKey, [
			{ topic: 'readonly:batch', event: 'e', payload: { n: 3 }, private: true }
		]);
		expect(res2.status).toBe(202);
		await until(() => priv.length === 1, 5000, 'private batch message');
		expect(priv).toEqual([{ n: 3 }]);
	});
});
