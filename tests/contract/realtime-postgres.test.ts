import { describe, expect, it } from 'vitest';
import type {
	REALTIME_POSTGRES_CHANGES_LISTEN_EVENT,
	RealtimePostgresChangesFilter,
	SupabaseClient
} from '@supabase/supabase-js';
import {
	ALICE,
	BOB,
	changesSubscribed,
	sleep,
	subscribed,
	until,
	userJwt,
	useRealtimeStack
} from './realtime-helpers.ts';

const { t, connect } = useRealtimeStack();
const client = (token?: string) => connect({ token });

const asUser = (sub: string, sql: string, params: unknown[] = []) =>
	t().db.asRole({ role: 'authenticated', claims: { role: 'authenticated', sub } }, (tx) =>
		tx.query(sql, params)
	);

type Change = {
	eventType: string;
	new: Record<string, unknown>;
	old: Record<string, unknown>;
	table: string;
};

type Binding = RealtimePostgresChangesFilter<`${REALTIME_POSTGRES_CHANGES_LISTEN_EVENT}`>;

/** Joins `topic` with one postgres_changes binding; returns the list its changes are pushed to. */
async function collectChanges(
	client: SupabaseClient,
	topic: string,
	binding: Binding
): Promise<Change[]> {
	const got: Change[] = [];
	await changesSubscribed(
		client
			.channel(topic)
			// realtime-js types one overload per event; the binding's event is any of them.
			.on('postgres_changes', binding as RealtimePostgresChangesFilter<'*'>, (p) =>
				got.push(p as unknown as Change)
			)
	);
	return got;
}

describe('postgres_changes', () => {
	it('delivers INSERT, UPDATE and DELETE of a published table with the client payload shape', async () => {
		const alice = await client(await userJwt(t(), ALICE));
		const got: Change[] = [];
		const ch = alice
			.channel('pg-all')
			.on('postgres_changes', { event: '*', schema: 'public', table: 'rt_notes' }, (p) =>
				got.push(p as unknown as Change)
			);
		expect(await changesSubscribed(ch)).toMatchObject({
			status: 'ok',
			message: 'Subscribed to PostgreSQL'
		});

		const { rows } = await asUser(
			ALICE,
			`insert into rt_notes (owner, room, n, body) values ($1, 'r1', 1, 'hi') returning id`,
			[ALICE]
		);
		const id = Number(rows[0].id);
		await asUser(ALICE, `update rt_notes set body = 'edited' where id = $1`, [id]);
		await asUser(ALICE, `delete from rt_notes where id = $1`, [id]);
		await until(() => got.length === 3, 5000, 'three changes');
		expect(got.map((c) => c.eventType)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
		expect(got[0].new).toEqual({ id, owner: ALICE, room: 'r1', n: 1, body: 'hi' });
		expect(got[1].new.body).toBe('edited');
		expect(got[1].old).toEqual({ id });
		expect(got[2].old).toEqual({ id });
		expect(got[0].table).toBe('rt_notes');
	});

	it('applies eq neq lt lte gt gte in filters', async () => {
		const alice = await client(await userJwt(t(), ALICE));
		const filters = [
			'n=eq.5',
			'n=neq.5',
			'n=lt.5',
			'n=lte.5',
			'n=gt.5',
			'n=gte.5',
			'room=in.(a,"b c")'
		];
		const got = new Map<string, number[]>(filters.map((f) => [f, []]));
		let ch = alice.channel('pg-filters');
		for (const f of filters)
			ch = ch.on(
				'postgres_changes',
				{ event: 'INSERT', schema: 'public', table: 'rt_notes', filter: f },
				(p) => got.get(f)!.push((p as unknown as Change).new.n as number)
			);
		await changesSubscribed(ch);
		for (const [n, room] of [
			[4, 'a'],
			[5, 'b c'],
			[6, 'z']
		] as const)
			await asUser(ALICE, `insert into rt_notes (owner, room, n) values ($1, $2, $3)`, [
				ALICE,
				room,
				n
			]);
		await until(
			() => got.get('n=gte.5')!.length === 2 && got.get('room=in.(a,"b c")')!.length === 2,
			5000,
			'filtered'
		);
		await sleep(100);
		expect(Object.fromEntries(got)).toEqual({
			'n=eq.5': [5],
			'n=neq.5': [4, 6],
			'n=lt.5': [4],
			'n=lte.5': [4, 5],
			'n=gt.5': [6],
			'n=gte.5': [5, 6],
			'room=in.(a,"b c")': [4, 5]
		});
	});

	it('checks RLS per subscriber: a user who cannot read the row gets nothing', async () => {
		const alice = await client(await userJwt(t(), ALICE));
		const bob = await client(await userJwt(t(), BOB));
		const anon = await client();
		const binding = {
			event: 'INSERT',
			schema: 'public',
			table: 'rt_notes',
			filter: 'room=eq.rls'
		} as const;
		const atAlice = await collectChanges(alice, 'pg-rls', binding);
		const atBob = await collectChanges(bob, 'pg-rls', binding);
		const atAnon = await collectChanges(anon, 'pg-rls', binding);
		await asUser(ALICE, `insert into rt_notes (owner, room, body) values ($1, 'rls', 'secret')`, [
			ALICE
		]);
		await asUser(BOB, `insert into rt_notes (owner, room, body) values ($1, 'rls', 'bob''s')`, [
			BOB
		]);
		await until(() => atAlice.length === 1 && atBob.length === 1, 5000, 'own rows');
		await sleep(200);
		expect(atAlice.map((c) => c.new.body)).toEqual(['secret']);
		expect(atBob.map((c) => c.new.body)).toEqual(["bob's"]);
		expect(atAnon).toEqual([]);
	});

	it('delivers nothing for a rolled-back transaction', async () => {
		const alice = await client(await userJwt(t(), ALICE));
		const got = await collectChanges(alice, 'pg-rollback', {
			event: 'INSERT',
			schema: 'public',
			table: 'rt_notes'
		});
		await expect(
			t().db.transaction(async (tx) => {
				await tx.query(`insert into rt_notes (owner, room, body) values ($1, 'rb', 'never')`, [
					ALICE
				]);
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		await asUser(ALICE, `insert into rt_notes (owner, room, body) values ($1, 'rb', 'committed')`, [
			ALICE
		]);
		await until(() => got.length >= 1, 5000, 'the committed insert');
		await sleep(200);
		expect(got.map((c) => c.new.body)).toEqual(['committed']);
	});

	it('subscribes to an unpublished table but never delivers its changes', async () => {
		const alice = await client(await userJwt(t(), ALICE));
		const got = await collectChanges(alice, 'pg-unpub', {
			event: '*',
			schema: 'public',
			table: 'rt_unpublished'
		});
		await asUser(ALICE, `insert into rt_unpublished values (1, 'x')`);
		await sleep(300);
		expect(got).toEqual([]);
	});

	it('captures changes of a table only while somebody follows it', async () => {
		// A table of its own: the other tests' subscriptions to rt_notes stay until the file ends.
		await t().db.exec(`
			create table public.rt_wanted (id serial primary key, body text);
			grant select on public.rt_wanted to authenticated;
			alter publication supabase_realtime add table public.rt_wanted;
			select realtime.sync_change_triggers();`);
		// Counted inside the writing transaction, then rolled back: nothing is ever delivered.
		const captured = async () => {
			let n = -1;
			await t()
				.db.transaction(async (tx) => {
					await tx.query(`insert into public.rt_wanted (body) values ('x')`);
					const { rows } = await tx.query<{ n: number }>(
						`select count(*)::int as n from realtime.pending_changes where table_name = 'rt_wanted'`
					);
					n = rows[0].n;
					throw new Error('roll back');
				})
				.catch(() => undefined);
			return n;
		};
		const followed = async () =>
			(
				await t().db.query<{ table_name: string }>(
					`select table_name from realtime.capture_wanted
					  where schema_name = 'public' and table_name in ('rt_wanted', '*') order by 1`
				)
			).rows
				.map((r) => r.table_name)
				.join();
		// The capture trigger runs only while the table is followed: disabled, a write costs nothing.
		const triggerOn = async () =>
			(
				await t().db.query<{ on: boolean }>(
					`select tgenabled <> 'D' as on from pg_trigger
					  where tgrelid = 'public.rt_wanted'::regclass and tgname = 'realtime_capture_change'`
				)
			).rows[0]?.on;
		const settled = async (want: string, what: string) => {
			const deadline = Date.now() + 5000;
			while ((await followed()) !== want) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
				await sleep(20);
			}
		};
		expect(await followed()).toBe('');
		expect(await triggerOn()).toBe(false);
		expect(await captured()).toBe(0);

		const alice = await client(await userJwt(t(), ALICE));
		const ch = alice
			.channel('pg-wanted')
			.on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_wanted' }, () => {});
		await changesSubscribed(ch);
		expect(await followed()).toBe('rt_wanted');
		expect(await triggerOn()).toBe(true);
		expect(await captured()).toBe(1);

		// A binding on every table of the schema follows them all.
		const all = alice
			.channel('pg-wanted-all')
			.on('postgres_changes', { event: '*', schema: 'public' }, () => {});
		await changesSubscribed(all);
		expect(await followed()).toBe('*,rt_wanted');

		await alice.removeChannel(ch);
		await settled('*', 'rt_wanted let go');
		expect(await triggerOn()).toBe(true);
		expect(await captured()).toBe(1);
		await alice.removeChannel(all);
		await settled('', 'nothing followed');
		expect(await triggerOn()).toBe(false);
		expect(await captured()).toBe(0);
	});

	it('reports a filter on an unknown column as a postgres_changes system error', async () => {
		const alice = await client(await userJwt(t(), ALICE));
		const ch = alice
			.channel('pg-bad')
			.on(
				'postgres_changes',
				{ event: '*', schema: 'public', table: 'rt_notes', filter: 'nope=eq.1' },
				() => undefined
			);
		const system = await changesSubscribed(ch);
		expect(system.status).toBe('error');
		expect(system.message).toMatch(/^Unable to subscribe to changes with given parameters/);
	});
});

describe('broadcasts from the database', () => {
	it('delivers realtime.broadcast_changes() from a trigger to a private topic after commit', async () => {
		const alice = await client(await userJwt(t(), ALICE));
		// notes:* is not readable under the fixture's policies, so use the service role's view: the
		// topic is private, and only a reader allowed by policy gets it.
		await t().db.exec(
			`create policy rt_read_notes on realtime.messages for select to authenticated using (realtime.topic() = 'notes:bc')`
		);
		const got: { event: string; payload: Record<string, unknown> }[] = [];
		await subscribed(
			alice
				.channel('notes:bc', { config: { private: true } })
				.on('broadcast', { event: 'INSERT' }, (m) =>
					got.push(m as unknown as { event: string; payload: Record<string, unknown> })
				)
		);
		await asUser(
			ALICE,
			`insert into rt_notes (owner, room, body) values ($1, 'bc', 'via trigger')`,
			[ALICE]
		);
		await until(() => got.length === 1, 5000, 'broadcast_changes message');
		expect(got[0].event).toBe('INSERT');
		expect(got[0].payload).toMatchObject({
			operation: 'INSERT',
			table: 'rt_notes',
			schema: 'public',
			old_record: null,
			record: { owner: ALICE, room: 'bc', body: 'via trigger' }
		});
		expect(typeof got[0].payload.id).toBe('string');
	});

	it('delivers realtime.send() from a trigger to a public topic, and nothing when rolled back', async () => {
		const anon = await client();
		const got: unknown[] = [];
		await subscribed(
			anon.channel('lobby').on('broadcast', { event: 'announcement' }, (m) => got.push(m.payload))
		);
		await expect(
			t().db.transaction(async (tx) => {
				await tx.query(`insert into rt_announcements values (1, 'rolled back')`);
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		await t().db.query(`insert into rt_announcements values (2, 'hello lobby')`);
		await until(() => got.length === 1, 5000, 'announcement');
		await sleep(200);
		expect(got).toHaveLength(1);
		expect(got[0]).toMatchObject({ text: 'hello lobby' });
	});

	it('delivers realtime.send() payloads too large for a notification, and two equal ones of one transaction', async () => {
		const anon = await client();
		const got: Record<string, unknown>[] = [];
		await subscribed(
			anon.channel('lobby-sizes').on('broadcast', { event: 'note' }, (m) => got.push(m.payload))
		);
		const big = 'x'.repeat(20_000);
		await t().db.query(
			`select realtime.send(jsonb_build_object('text', $1::text), 'note', 'lobby-sizes', false)`,
			[big]
		);
		await t().db.transaction(async (tx) => {
			for (let i = 0; i < 2; i++)
				await tx.query(
					`select realtime.send('{"text":"same"}'::jsonb, 'note', 'lobby-sizes', false)`
				);
		});
		await until(() => got.length === 3, 5000, 'three notes');
		expect(got[0].text).toBe(big);
		expect(got.slice(1).map((p) => p.text)).toEqual(['same', 'same']);
	});
});
