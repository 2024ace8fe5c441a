/**
 * postgres_changes filters beyond the comparisons (`like`, `ilike`, `is`, `match`, `imatch`,
 * `isdistinct`, `not.`, comma-separated `and`), the `select` column restriction, and broadcast
 * replay on private channels, through the unmodified supabase-js client.
 */
import { describe, expect, it } from 'vitest';
import {
	ALICE,
	changesSubscribed,
	sleep,
	subscribed,
	until,
	userJwt,
	useRealtimeStack
} from './realtime-helpers.ts';

const { t, connect } = useRealtimeStack();

type Change = { eventType: string; new: Record<string, unknown>; old: Record<string, unknown> };

const insertNote = (room: string, n: number, body: string | null) =>
	t().db.asRole({ role: 'authenticated', claims: { role: 'authenticated', sub: ALICE } }, (tx) =>
		tx.query(`insert into rt_notes (owner, room, n, body) values ($1, $2, $3, $4) returning id`, [
			ALICE,
			room,
			n,
			body
		])
	);

/** Subscribes one INSERT binding per filter; returns the `n` of each row each one received. */
async function collectByFilter(topic: string, filters: string[]): Promise<Map<string, number[]>> {
	const alice = await connect({ token: await userJwt(t(), ALICE) });
	const got = new Map<string, number[]>(filters.map((f) => [f, []]));
	let ch = alice.channel(topic);
	for (const f of filters)
		ch = ch.on(
			'postgres_changes',
			{ event: 'INSERT', schema: 'public', table: 'rt_notes', filter: f },
			(p) => got.get(f)!.push((p as unknown as Change).new.n as number)
		);
	expect(await changesSubscribed(ch)).toMatchObject({ status: 'ok' });
	return got;
}

describe('postgres_changes filter operators', () => {
	it('applies like ilike is match imatch isdistinct and their not. forms', async () => {
		const expected: Record<string, number[]> = {
			'body=like.hello%': [1],
			'body=ilike.hello%': [1, 2],
			'body=is.null': [3],
			'body=not.is.null': [1, 2],
			'body=match.^hel+o w': [1],
			'body=imatch.^HEL': [1, 2],
			'body=isdistinct.hello world': [2, 3],
			'body=not.isdistinct.hello world': [1],
			// A NULL body matches neither like nor not.like, as in Postgres.
			'body=not.like.hello%': [2],
			'n=not.eq.2': [1, 3],
			'n=not.in.(1,3)': [2]
		};
		const got = await collectByFilter('pg-ops', Object.keys(expected));
		await insertNote('ops', 1, 'hello world');
		await insertNote('ops', 2, 'Hello there');
		await insertNote('ops', 3, null);
		// Rows arrive in order: once a binding has its last row, the earlier ones are in too.
		await until(() => got.get('body=not.is.null')!.length === 2, 5000, 'all three rows');
		await sleep(300);
		expect(Object.fromEntries(got)).toEqual(expected);
	});

	it('composes comma-separated conditions with and', async () => {
		const expected: Record<string, number[]> = {
			'n=gt.1,n=lt.3': [2],
			'room=in.(and-a,and-c),n=gte.2': [3],
			'body=eq."x,y",n=eq.1': [1]
		};
		const got = await collectByFilter('pg-and', Object.keys(expected));
		await insertNote('and-a', 1, 'x,y');
		await insertNote('and-b', 2, 'x,y');
		await insertNote('and-c', 3, null);
		await until(() => got.get('room=in.(and-a,and-c),n=gte.2')!.length === 1, 5000, 'row 3');
		await sleep(300);
		expect(Object.fromEntries(got)).toEqual(expected);
	});
});

describe('postgres_changes select', () => {
	it('restricts the payload to the chosen columns and the primary key', async () => {
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const narrow: Change[] = [];
		const full: Change[] = [];
		const ch = alice
			.channel('pg-select')
			.on(
				'postgres_changes',
				{ event: 'INSERT', schema: 'public', table: 'rt_notes', select: ['n', 'body'] },
				(p) => narrow.push(p as unknown as Change)
			)
			.on(
				'postgres_changes',
				{ event: 'INSERT', schema: 'public', table: 'rt_notes', filter: 'room=eq.sel' },
				(p) => full.push(p as unknown as Change)
			);
		expect(await changesSubscribed(ch)).toMatchObject({ status: 'ok' });
		const id = Number((await insertNote('sel', 7, 'picked')).rows[0].id);
		await until(() => narrow.length === 1 && full.length === 1, 5000, 'both payloads');
		expect(narrow[0].new).toEqual({ id, n: 7, body: 'picked' });
		expect(full[0].new).toEqual({ id, owner: ALICE, room: 'sel', n: 7, body: 'picked' });
	});
});

describe('postgres_changes filter errors', () => {
	it.each([
		['body=foo.x', 'Error parsing `filter` params: ["foo", "x"]'],
		['undefined', 'Error parsing `filter` params: ["undefined"]'],
		['n=in.1,2', 'Error parsing `filter` params: `in` filter value must be wrapped by parentheses'],
		[
			'n=eq.1,,n=eq.2',
			'Error parsing `filter` params: filter must not contain empty segments (check for extra commas)'
		]
	])("answers the malformed filter %s with Realtime's parse error", async (filter, message) => {
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const ch = alice
			.channel(`pg-bad-${filter}`)
			.on(
				'postgres_changes',
				{ event: '*', schema: 'public', table: 'rt_notes', filter },
				() => undefined
			);
		expect(await changesSubscribed(ch)).toEqual({
			extension: 'postgres_changes',
			status: 'error',
			message,
			channel: `pg-bad-${filter}`
		});
	});

	it.each([
		['n=is.maybe', 'invalid value for is filter: must be null, true, false, or unknown'],
		['n=is.true', 'is true filter requires a boolean column, got integer'],
		['n=like.1%', 'operator like requires a text-compatible column type, got integer'],
		['body=match.(', 'invalid regular expression for match filter'],
		['nope=eq.1', 'invalid column for filter nope'],
		['n=eq.abc', 'invalid input syntax for type integer']
	])('refuses %s when subscribing and delivers nothing for it', async (filter, reason) => {
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const got: Change[] = [];
		const ch = alice
			.channel(`pg-refused-${filter}`)
			.on('postgres_changes', { event: '*', schema: 'public', table: 'rt_notes', filter }, (p) =>
				got.push(p as unknown as Change)
			);
		const system = await changesSubscribed(ch);
		expect(system.status).toBe('error');
		expect(system.message).toMatch(
			/^Unable to subscribe to changes with given parameters\. An exception happened/
		);
		expect(system.message).toContain(reason);
		await insertNote('refused', 1, 'hello');
		await sleep(300);
		expect(got).toEqual([]);
	});

	it('refuses a select naming an unknown column', async () => {
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const ch = alice
			.channel('pg-bad-select')
			.on(
				'postgres_changes',
				{ event: '*', schema: 'public', table: 'rt_notes', select: ['n', 'nope'] },
				() => undefined
			);
		const system = await changesSubscribed(ch);
		expect(system.status).toBe('error');
		expect(system.message).toContain('invalid column for select nope');
	});
});

type Replayed = {
	event: string;
	payload: Record<string, unknown>;
	meta?: { replayed?: boolean; id?: string };
};

/** Stores a private broadcast in realtime.messages, `agoMs` in the past. */
async function store(topic: string, event: string, n: number, agoMs: number): Promise<string> {
	const res = await t().db.query<{ id: string }>(
		`insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
		 values ($1, 'broadcast', $2, jsonb_build_object('n', $3::int), true,
		         (now() - make_interval(secs => $4::float8 / 1000))::timestamp)
		 returning id::text as id`,
		[topic, event, n, agoMs]
	);
	return res.rows[0].id;
}

describe('broadcast replay', () => {
	it('replays the stored private broadcasts since `since`, oldest first, marked replayed', async () => {
		const topic = 'open:replay';
		await store(topic, 'e', 1, 60_000);
		const id2 = await store(topic, 'e', 2, 20_000);
		const id3 = await store(topic, 'other', 3, 10_000);
		await store('open:elsewhere', 'e', 9, 10_000);
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const got: Replayed[] = [];
		await subscribed(
			alice
				.channel(topic, {
					config: { private: true, broadcast: { replay: { since: Date.now() - 30_000 } } }
				})
				.on('broadcast', { event: '*' }, (m) => got.push(m as unknown as Replayed))
		);
		await until(() => got.length === 2, 5000, 'two replayed messages');
		await sleep(300);
		expect(got).toEqual([
			{ type: 'broadcast', event: 'e', payload: { n: 2 }, meta: { replayed: true, id: id2 } },
			{ type: 'broadcast', event: 'other', payload: { n: 3 }, meta: { replayed: true, id: id3 } }
		]);
	});

	it('keeps only the latest `limit` messages, and never more than 25', async () => {
		const topic = 'open:replay-limit';
		for (let n = 1; n <= 30; n++) await store(topic, 'e', n, 60_000 - n * 100);
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const join = async (name: string, limit: number) => {
			const got: number[] = [];
			await subscribed(
				alice
					.channel(topic, {
						config: { private: true, broadcast: { replay: { since: 0, limit } } }
					})
					.on('broadcast', { event: 'e' }, (m) => got.push(m.payload.n as number))
			);
			return got;
		};
		const three = await join('three', 3);
		await until(() => three.length === 3, 5000, 'three replayed');
		await sleep(200);
		expect(three).toEqual([28, 29, 30]);
		await alice.removeAllChannels();
		const many = await join('many', 100);
		await until(() => many.length === 25, 5000, '25 replayed');
		await sleep(200);
		expect(many).toEqual(Array.from({ length: 25 }, (_, i) => i + 6));
	});

	it('sends a broadcast stored after the join live, without the replayed mark', async () => {
		const topic = 'open:replay-live';
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const got: Replayed[] = [];
		await subscribed(
			alice
				.channel(topic, {
					config: { private: true, broadcast: { replay: { since: Date.now() - 1000 } } }
				})
				.on('broadcast', { event: 'e' }, (m) => got.push(m as unknown as Replayed))
		);
		await t().db.query(`select realtime.send('{"n": 5}'::jsonb, 'e', $1, true)`, [topic]);
		await until(() => got.length === 1, 5000, 'the live message');
		await sleep(300);
		expect(got).toHaveLength(1);
		expect(got[0].payload).toMatchObject({ n: 5 });
		expect(got[0].meta?.replayed).toBeUndefined();
	});

	it('refuses invalid replay params and a reader the policies refuse', async () => {
		const alice = await connect({ token: await userJwt(t(), ALICE) });
		const joinError = (topic: string, replay: unknown) =>
			subscribed(
				alice.channel(topic, {
					config: { private: true, broadcast: { replay: replay as { since: number } } }
				})
			).then(
				() => 'subscribed',
				(err: Error) => err.message
			);
		expect(await joinError('open:replay-bad', { since: 'yesterday' })).toBe(
			'UnableToReplayMessages: Replay params are not valid'
		);
		expect(await joinError('open:replay-bad2', { since: 0, limit: 2.5 })).toBe(
			'UnableToReplayMessages: Replay params are not valid'
		);
		expect(await joinError('secret:replay', { since: 0 })).toBe(
			'Unauthorized: You do not have permissions to read from this Channel topic: secret:replay'
		);
	});
});
