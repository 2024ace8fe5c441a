import { describe, expect, it } from 'vitest';
import {
	asConversationSignal,
	ringFor,
	type AttentionContext,
	type ConversationSignal
} from './decide.ts';

const ME = '11111111-1111-4111-8111-111111111111';
const COLLEAGUE = '22222222-2222-4222-8222-222222222222';
const SINCE = Date.parse('2026-12-02T10:00:00Z');

const ctx: AttentionContext = {
	me: ME,
	muted: false,
	openConversationId: null,
	pageVisible: true,
	since: SINCE
};
function conv(over: Partial<ConversationSignal> = {}): ConversationSignal {
	return {
		id: 'c1',
		site_id: 's1',
		status: 'open',
		assigned_agent_id: null,
		agent_unread: 0,
		created_at: SINCE + 1000,
		last_message_at: null,
		...over
	};
}

describe('ringFor', () => {
	it.each<
		[
			string,
			ConversationSignal | undefined,
			ConversationSignal,
			Partial<AttentionContext>,
			string | null
		]
	>([
		['a new conversation rings', undefined, conv(), {}, 'conversation'],
		['a new left message rings', undefined, conv({ agent_unread: 1 }), {}, 'conversation'],
		[
			'a visitor message in an unassigned one rings',
			conv(),
			conv({ agent_unread: 1 }),
			{},
			'message'
		],
		[
			'a visitor message in mine rings',
			conv({ assigned_agent_id: ME }),
			conv({ assigned_agent_id: ME, agent_unread: 2 }),
			{},
			'message'
		],
		[
			'my own message does not (agent_unread unchanged)',
			conv({ assigned_agent_id: ME }),
			conv({ assigned_agent_id: ME, last_message_at: SINCE + 5000 }),
			{},
			null
		],
		['reading it does not', conv({ agent_unread: 3 }), conv({ agent_unread: 0 }), {}, null],
		[
			'a colleague’s conversation does not',
			conv({ assigned_agent_id: COLLEAGUE }),
			conv({ assigned_agent_id: COLLEAGUE, agent_unread: 1 }),
			{},
			null
		],
		[
			'a new one taken by a colleague at once does not',
			undefined,
			conv({ assigned_agent_id: COLLEAGUE }),
			{},
			null
		],
		[
			'the conversation on screen does not',
			conv(),
			conv({ agent_unread: 1 }),
			{ openConversationId: 'c1' },
			null
		],
		[
			'the conversation on a hidden screen does',
			conv(),
			conv({ agent_unread: 1 }),
			{ openConversationId: 'c1', pageVisible: false },
			'message'
		],
		[
			'another conversation than the one on screen does',
			conv({ id: 'c2' }),
			conv({ id: 'c2', agent_unread: 1 }),
			{ openConversationId: 'c1' },
			'message'
		],
		['muted does not', conv(), conv({ agent_unread: 1 }), { muted: true }, null],
		['muted: not for a new conversation either', undefined, conv(), { muted: true }, null],
		[
			'a closed conversation does not',
			conv(),
			conv({ status: 'closed', agent_unread: 1 }),
			{},
			null
		],
		[
			'an old conversation seen for the first time, quiet, does not',
			undefined,
			conv({ created_at: SINCE - 60_000 }),
			{},
			null
		],
		[
			'an old conversation with a visitor message since the start does',
			undefined,
			conv({ created_at: SINCE - 60_000, agent_unread: 1, last_message_at: SINCE + 10 }),
			{},
			'message'
		],
		[
			'an old conversation with old unread messages does not',
			undefined,
			conv({ created_at: SINCE - 60_000, agent_unread: 1, last_message_at: SINCE - 10 }),
			{},
			null
		]
	])('%s', (_name, prev, next, over, ring) => {
		expect(ringFor(prev, next, { ...ctx, ...over })).toBe(ring);
	});
});

describe('asConversationSignal', () => {
	const row = {
		id: 'c1',
		site_id: 's1',
		status: 'open',
		assigned_agent_id: null,
		agent_unread: 2,
		created_at: '2026-12-02T10:00:01Z',
		last_message_at: '2026-12-02T10:00:02Z'
	};
	it('reads a row and a broadcast_changes record', () => {
		expect(asConversationSignal(row)).toMatchObject({ id: 'c1', agent_unread: 2 });
		expect(asConversationSignal({ record: row })).toMatchObject({ id: 'c1' });
	});
	it.each([
		['not an object', 'x'],
		['no id', { ...row, id: 1 }],
		['bad status', { ...row, status: 'weird' }],
		['no created_at', { ...row, created_at: 'soon' }]
	])('refuses %s', (_n, value) => expect(asConversationSignal(value)).toBeNull());
	it('treats a bad counter as 0', () => {
		expect(asConversationSignal({ ...row, agent_unread: -4 })?.agent_unread).toBe(0);
		expect(asConversationSignal({ ...row, agent_unread: 'lots' })?.agent_unread).toBe(0);
	});
});
