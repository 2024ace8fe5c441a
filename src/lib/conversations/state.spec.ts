import { describe, expect, it } from 'vitest';
import {
	agentNames,
	conversationAfter,
	applyReceipt,
	hasUndelivered,
	mergeMessages,
	messageState,
	unreadCount
} from './state.ts';
import { row, T } from './fixtures.ts';
import type { ChatMessage, MessageRow } from './types.ts';

const sending = (id: string, s: number): ChatMessage => ({
	...row(id, s),
	pending: { state: 'sending' }
});
const failed = (id: string, s: number): ChatMessage => ({
	...row(id, s),
	pending: { state: 'failed', reason: 'network' }
});
const ids = (ms: ChatMessage[]) => ms.map((m) => m.id + (m.pending ? `:${m.pending.state}` : ''));

describe('mergeMessages', () => {
	const cases: [string, ChatMessage[], MessageRow[], string[]][] = [
		['nothing and nothing is nothing', [], [], []],
		[
			'a fetch into an empty list is taken in server order',
			[],
			[row('b', 2), row('a', 1)],
			['a', 'b']
		],
		['a row confirms the pending message of the same id', [sending('a', 9)], [row('a', 1)], ['a']],
		['a failed message stays until the server has it', [failed('a', 1)], [], ['a:failed']],
		[
			'pending messages come after confirmed ones, whatever their clock says',
			[sending('p', 0), row('x', 5)],
			[row('y', 6)],
			['x', 'y', 'p:sending']
		],
		[
			'pending messages keep the order they were sent in',
			[sending('p2', 1), sending('p1', 9)],
			[],
			['p2:sending', 'p1:sending']
		],
		['the same row twice is kept once', [row('a', 1)], [row('a', 1), row('a', 1)], ['a']],
		[
			'held rows missing from a fetch are kept (a fetch may be one page)',
			[row('old', 1)],
			[row('new', 2)],
			['old', 'new']
		],
		['rows of the same time are ordered by id', [], [row('b', 1), row('a', 1)], ['a', 'b']]
	];
	for (const [name, local, remote, expected] of cases) {
		it(name, () => expect(ids(mergeMessages(local, remote))).toEqual(expected));
	}

	it('keeps the later receipt of held and fetched rows', () => {
		const held: ChatMessage[] = [row('a', 1, { delivered_at: T(2), read_at: T(3) })];
		const stale = [row('a', 1, { delivered_at: T(2) })];
		expect(mergeMessages(held, stale)[0]).toMatchObject({ delivered_at: T(2), read_at: T(3) });
		const fresh = [row('a', 1, { delivered_at: T(2), read_at: T(4) })];
		expect(mergeMessages(held, fresh)[0].read_at).toBe(T(4));
	});

	it('does not change its inputs', () => {
		const local = [sending('a', 1)];
		const remote = [row('a', 1)];
		mergeMessages(local, remote);
		expect(local[0].pending).toEqual({ state: 'sending' });
	});
});

describe('messageState', () => {
	const cases: [string, ChatMessage, string][] = [
		['sending while the insert is under way', sending('a', 1), 'sending'],
		['failed when it could not be sent', failed('a', 1), 'failed'],
		['sent once the server has it', row('a', 1), 'sent'],
		['delivered when the other side received it', row('a', 1, { delivered_at: T(2) }), 'delivered'],
		['read when the other side read it', row('a', 1, { delivered_at: T(2), read_at: T(3) }), 'read']
	];
	for (const [name, message, state] of cases)
		it(name, () => expect(messageState(message)).toBe(state));
});

describe('applyReceipt', () => {
	const mine = row('v1', 1);
	const theirs = row('a1', 2, { sender_kind: 'agent', sender_id: 'ag' });
	const later = row('v2', 10);

	it("marks the other side's messages up to the receipt's time", () => {
		const next = applyReceipt([mine, theirs, later], {
			conversation_id: 'c',
			reader_kind: 'agent',
			read_at: T(5),
			delivered_at: T(5)
		});
		expect(next.map(messageState)).toEqual(['read', 'sent', 'sent']);
	});

	it('a delivery receipt does not mark read', () => {
		const [m] = applyReceipt([mine], {
			conversation_id: 'c',
			reader_kind: 'agent',
			read_at: null,
			delivered_at: T(5)
		});
		expect(messageState(m)).toBe('delivered');
	});

	it('leaves pending messages and the reader’s own messages alone, returning the same array', () => {
		const list = [sending('p', 1), theirs];
		expect(
			applyReceipt(list, {
				conversation_id: 'c',
				reader_kind: 'agent',
				read_at: T(9),
				delivered_at: T(9)
			})
		).toBe(list);
	});

	it('keeps an earlier read time', () => {
		const read = row('v1', 1, { delivered_at: T(2), read_at: T(3) });
		const [m] = applyReceipt([read], {
			conversation_id: 'c',
			reader_kind: 'agent',
			read_at: T(8),
			delivered_at: T(8)
		});
		expect(m.read_at).toBe(T(3));
	});
});

describe('counters and names', () => {
	const agentMsg = (id: string, extra: Partial<MessageRow> = {}) =>
		row(id, 1, { sender_kind: 'agent', sender_id: 'ag', ...extra });
	const joined = row('j', 0, {
		sender_kind: 'system',
		sender_id: 'ag2',
		kind: 'event',
		attachment: { event: 'joined', agent_name: 'Alice' }
	});

	it("counts the other side's unread messages, not system events", () => {
		expect(
			unreadCount([agentMsg('a'), agentMsg('b', { read_at: T(2) }), joined, row('v', 1)], 'visitor')
		).toBe(1);
		expect(unreadCount([row('v', 1)], 'agent')).toBe(1);
	});

	it('knows when something of the other side is not delivered yet', () => {
		expect(hasUndelivered([agentMsg('a')], 'visitor')).toBe(true);
		expect(hasUndelivered([agentMsg('a', { delivered_at: T(1) })], 'visitor')).toBe(false);
		expect(hasUndelivered([row('v', 1)], 'visitor')).toBe(false);
	});

	it("names agents from joined events and the conversation's assigned agent", () => {
		const names = agentNames([joined, agentMsg('a')], { id: 'ag', name: 'Bob' });
		expect(Object.fromEntries(names)).toEqual({ ag: 'Bob', ag2: 'Alice' });
	});
});

describe('conversationAfter', () => {
	const open = { id: 'c', status: 'open' as const, assigned_agent_id: null };
	const event = (id: string, s: number, attachment: Record<string, unknown>, sender = 'ag') =>
		row(id, s, { sender_kind: 'system', kind: 'event', sender_id: sender, attachment });
	const cases: [string, MessageRow[], object | null][] = [
		['text messages change nothing', [row('a', 1)], open],
		[
			'a joined event assigns the agent with their name',
			[event('j', 1, { event: 'joined', agent_name: 'Alice' })],
			{ ...open, assigned_agent_id: 'ag', agent_name: 'Alice' }
		],
		[
			'a hand-over to a colleague assigns them, with their name',
			[
				event('j', 1, { event: 'joined', agent_name: 'Alice' }),
				event('t', 2, { event: 'transferred', agent_name: 'Bea', from_name: 'Alice' }, 'bea')
			],
			{ ...open, assigned_agent_id: 'bea', agent_name: 'Bea' }
		],
		[
			'the agents’ own record of an offer changes nothing',
			[event('o', 1, { event: 'transfer_offered', to_name: 'Bea' })],
			open
		],
		[
			'a closed event closes it',
			[event('x', 2, { event: 'closed', by: 'agent' })],
			{ ...open, status: 'closed', closed_at: T(2) }
		]
	];
	for (const [name, rows, expected] of cases)
		it(name, () => expect(conversationAfter(open, rows)).toEqual(expected));
	it('without a conversation there is nothing to change', () => {
		expect(conversationAfter(null, [event('x', 2, { event: 'closed' })])).toBeNull();
	});
});
