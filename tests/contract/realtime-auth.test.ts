import { describe, expect, it } from 'vitest';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { READ_PROBE_SELECT } from '../../supabase/local/realtime/authorization.ts';
import { seqScannedTables } from './helpers/plan.ts';
import {
	ALICE,
	BOB,
	sleep,
	subscribed,
	until,
	userJwt,
	type TokenHolder,
	useRealtimeStack
} from './realtime-helpers.ts';

const { t, connect } = useRealtimeStack();
const client = (holder: TokenHolder = {}) => connect(holder);

async function joinError(channel: RealtimeChannel): Promise<string> {
	try {
		await subscribed(channel);
	} catch (err) {
		return (err as Error).message;
	}
	throw new Error('the join succeeded');
}

type System = { extension: string; status: string; message: string; channel: string };

describe('private channels', () => {
	it('lets a user join a topic the select policy allows, and refuses anon and other topics', async () => {
		const alice = await client({ token: await userJwt(t(), ALICE) });
		await subscribed(alice.channel('open:lobby', { config: { private: true } }));
		const anon = await client();
		expect(await joinError(anon.channel('open:lobby', { config: { private: true } }))).toBe(
			'Unauthorized: You do not have permissions to read from this Channel topic: open:lobby'
		);
		expect(await joinError(alice.channel('closed:x', { config: { private: true } }))).toBe(
			'Unauthorized: You do not have permissions to read from this Channel topic: closed:x'
		);
		// The same name as a public channel is a different topic and needs no policy.
		await subscribed(anon.channel('closed:x'));
	});

	it('delivers sends the insert policy allows and drops the others', async () => {
		const aliceToken = await userJwt(t(), ALICE);
		const sender = await client({ token: aliceToken });
		const reader = await client({ token: await userJwt(t(), BOB) });
		const got: unknown[] = [];
		const open = { config: { private: true, broadcast: { ack: true } } };
		await subscribed(
			reader
				.channel('open:chat', { config: { private: true } })
				.on('broadcast', { event: 'm' }, (m) => got.push(m.payload))
		);
		await subscribed(
			reader
				.channel('readonly:news', { config: { private: true } })
				.on('broadcast', { event: 'm' }, (m) => got.push(m.payload))
		);
		const chOpen = await subscribed(sender.channel('open:chat', open));
		const chReadonly = await subscribed(sender.channel('readonly:news', open));
		expect(await chOpen.send({ type: 'broadcast', event: 'm', payload: { n: 1 } })).toBe('ok');
		// Realtime gives no reply to a refused broadcast, so an acked send times out.
		expect(
			await chReadonly.send({ type: 'broadcast', event: 'm', payload: { n: 2 } }, { timeout: 500 })
		).toBe('timed out');
		await until(() => got.length === 1, 5000, 'the allowed broadcast');
		await sleep(200);
		expect(got).toEqual([{ n: 1 }]);
		// Presence needs the insert policy too.
		expect(await chReadonly.track({ online: true })).toBe('error');
		expect(await chOpen.track({ online: true })).toBe('ok');
	});
});

describe('access tokens on a live socket', () => {
	it('keeps a channel on a refreshed token and ends it when the new token loses read access', async () => {
		const holder: TokenHolder = { token: await userJwt(t(), ALICE) };
		const alice = await client(holder);
		const systems: System[] = [];
		const got: unknown[] = [];
		let closed = false;
		const ch = alice
			.channel(`mine:${ALICE}`, { config: { private: true } })
			.on('system', {}, (p) => systems.push(p as System))
			.on('broadcast', { event: 'm' }, (m) => got.push(m.payload));
		ch.subscribe((status) => {
			if (status === 'CLOSED') closed = true;
		});
		await until(() => ch.state === 'joined', 5000, 'join');

		// A fresh token for the same user: the channel carries on.
		holder.token = await userJwt(t(), ALICE, 7200);
		await alice.realtime.setAuth(holder.token);
		await sleep(200);
		const admin = await fetch(`${t().url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: {
				apikey: t().serviceRoleKey,
				authorization: `Bearer ${t().serviceRoleKey}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({
				messages: [{ topic: `mine:${ALICE}`, event: 'm', payload: { n: 1 }, private: true }]
			})
		});
		expect(admin.status).toBe(202);
		await until(() => got.length === 1, 5000, 'broadcast after refresh');

		// Bob's token cannot read mine:<alice>: the server ends the channel.
		holder.token = await userJwt(t(), BOB);
		await alice.realtime.setAuth(holder.token);
		await until(() => closed, 5000, 'channel closed');
		expect(systems.at(-1)).toEqual({
			extension: 'system',
			status: 'error',
			message: `You no longer have permission to read from this Channel topic: mine:${ALICE}`,
			channel: `mine:${ALICE}`
		});
	});

	it('ends the subscriptions a token authorised when it expires', async () => {
		const holder: TokenHolder = { token: await userJwt(t(), ALICE, 2) };
		const alice = await client(holder);
		const systems: System[] = [];
		let closed = false;
		const ch = alice
			.channel('expiring', { config: {} })
			.on('system', {}, (p) => systems.push(p as System))
			.on('postgres_changes', { event: '*', schema: 'public', table: 'rt_notes' }, () => undefined);
		ch.subscribe((status) => {
			if (status === 'CLOSED') closed = true;
		});
		await until(() => closed, 6000, 'expiry shutdown');
		const last = systems.at(-1)!;
		expect(last.extension).toBe('system');
		expect(last.status).toBe('error');
		expect(last.message).toMatch(/^Token has expired \d+ seconds ago$/);
	});

	it('refuses a join with an expired token', async () => {
		const alice = await client({ token: await userJwt(t(), ALICE, -30) });
		expect(await joinError(alice.channel('late'))).toMatch(
			/^InvalidJWTToken: Token has expired (29|30|31) seconds ago$/
		);
	});
});

describe('a join when realtime.messages holds many broadcasts', () => {
	it('checks its probe rows by id, without reading every stored broadcast', async () => {
		const db = t().db;
		await db.exec(
			`insert into realtime.messages (topic, extension, event, payload, private)
			 select case when g % 10 = 0 then 'open:busy' else 'open:busy-' || g end,
			        'broadcast', 'stored', '{}', true
			   from generate_series(1, 20000) g;
			 analyze realtime.messages;`
		);
		try {
			const alice = await client({ token: await userJwt(t(), ALICE) });
			await subscribed(alice.channel('open:busy', { config: { private: true } }));
			// The probe's read as the join runs it: as the user, with the topic set.
			const scanned = await db.asRole(
				{ role: 'authenticated', claims: { role: 'authenticated', sub: ALICE } },
				async (tx) => {
					await tx.query(`select set_config('realtime.topic', $1, true)`, ['open:busy']);
					const now = await tx.query<{ at: string }>('select now()::timestamp::text as at');
					return seqScannedTables(tx, READ_PROBE_SELECT, [
						'open:busy',
						'00000000-0000-4000-8000-000000000001',
						'00000000-0000-4000-8000-000000000002',
						now.rows[0].at
					]);
				}
			);
			// Neither the table nor any of its partitions.
			expect(scanned.filter((table) => table.startsWith('realtime.messages'))).toEqual([]);
		} finally {
			await db.exec(`delete from realtime.messages where event = 'stored'`);
		}
	});
});
