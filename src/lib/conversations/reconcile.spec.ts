import { describe, expect, it } from 'vitest';
import { emptyState, reconcileAll, type Change, type LocalState } from './reconcile.ts';
import { row, T } from './fixtures.ts';
import type { ChatMessage, MessageRow } from './types.ts';

const mine = (id: string, s: number): ChatMessage => row(id, s, { sender_kind: 'agent' });
const rows = (...r: MessageRow[]): Change => ({ type: 'rows', rows: r });
const receipt = (reader: 'visitor' | 'agent', s: number, read = true): Change => ({
	type: 'receipt',
	receipt: {
		conversation_id: 'c',
		reader_kind: reader,
		delivered_at: T(s),
		read_at: read ? T(s) : null
	}
});

/** Each message as id, with its pending state or receipt marks. */
const show = (s: LocalState) =>
	s.messages.map(
		(m) =>
			m.id +
			(m.pending
				? `:${m.pending.state}${m.pending.state === 'failed' ? `(${m.pending.reason})` : ''}`
				: '') +
			(m.read_at ? ':read' : m.delivered_at ? ':delivered' : '')
	);

describe('reconcile', () => {
	const cases: [string, Change[], string[]][] = [
		[
			'rows arriving out of order are held in server order',
			[rows(row('b', 2)), rows(row('a', 1))],
			['a', 'b']
		],
		['a duplicate row is held once', [rows(row('a', 1)), rows(row('a', 1), row('a', 1))], ['a']],
		[
			'a fetch page overlapping realtime rows neither drops nor doubles',
			[rows(row('c', 3)), rows(row('a', 1), row('b', 2), row('c', 3))],
			['a', 'b', 'c']
		],
		[
			'a receipt before its message marks the message when it arrives',
			[receipt('visitor', 5), rows(mine('a', 4))],
			['a:read']
		],
		[
			'a receipt does not mark messages written after it',
			[receipt('visitor', 5), rows(mine('a', 4), mine('b', 6))],
			['a:read', 'b']
		],
		[
			'a delivered receipt after a read one does not unread',
			[receipt('visitor', 5), receipt('visitor', 6, false), rows(mine('a', 4))],
			['a:read']
		],
		[
			'a queued message waits after the confirmed ones',
			[rows(row('a', 1)), { type: 'queued', message: mine('q', 0) }, rows(row('b', 2))],
			['a', 'b', 'q:queued']
		],
		[
			'queued messages keep the order they were written in',
			[
				{ type: 'queued', message: mine('q1', 9) },
				{ type: 'queued', message: mine('q2', 1) }
			],
			['q1:queued', 'q2:queued']
		],
		[
			'a network error puts a sending message back in the queue',
			[
				{ type: 'queued', message: mine('q', 1) },
				{ type: 'sending', id: 'q' },
				{ type: 'network', id: 'q' }
			],
			['q:queued']
		],
		[
			'a message the server refused is failed with the reason, not queued',
			[
				{ type: 'queued', message: mine('q', 1) },
				{ type: 'sending', id: 'q' },
				{ type: 'refused', id: 'q', reason: 'closed' }
			],
			['q:failed(closed)']
		],
		[
			'the row of a queued message confirms it, taking the server time',
			[
				{ type: 'queued', message: mine('q', 9) },
				rows(row('a', 1)),
				rows(mine('q', 2)),
				rows(row('b', 3))
			],
			['a', 'q', 'b']
		],
		[
			'a message queued again after another tab confirmed it stays confirmed',
			[rows(mine('q', 2)), { type: 'queued', message: mine('q', 9) }],
			['q']
		],
		[
			'a confirmation without a row shows the message as sent',
			[
				{ type: 'queued', message: mine('q', 1) },
				{ type: 'confirmed', id: 'q' }
			],
			['q']
		],
		[
			'a delete removes the message and a late copy of it does not bring it back',
			[
				rows(row('a', 1), row('b', 2)),
				{ type: 'deleted', id: 'a' },
				rows(row('a', 1, { read_at: T(3) }))
			],
			['b']
		],
		[
			'an update racing a delete loses whichever arrives first',
			[rows(row('a', 1, { delivered_at: T(2) })), { type: 'deleted', id: 'a' }],
			[]
		],
		['a receipt for unknown messages changes nothing but is kept', [receipt('agent', 5)], []]
	];
	it.each(cases)('%s', (_name, changes, expected) => {
		expect(show(reconcileAll(emptyState(), changes))).toEqual(expected);
	});

	it('returns the same state when a change changes nothing', () => {
		const state = reconcileAll(emptyState(), [rows(row('a', 1))]);
		expect(reconcileAll(state, [{ type: 'confirmed', id: 'zzz' }])).toBe(state);
		expect(reconcileAll(state, [rows()])).toBe(state);
	});
});
