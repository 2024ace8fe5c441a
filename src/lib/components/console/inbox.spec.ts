import { describe, expect, it } from 'vitest';
import {
	applyConversation,
	asConversationEvent,
	asConversationRow,
	inView,
	sortConversations,
	unreadCount,
	withActivity,
	type ConversationActivity,
	type ConversationRow,
	type InboxView
} from './inbox.ts';

function conversation(id: string, over: Partial<ConversationRow> = {}): ConversationRow {
	return {
		id,
		site_id: 's',
		visitor_id: 'v',
		assigned_agent_id: null,
		status: 'open',
		visitor_language: '',
		visitor_name: null,
		visitor_email: null,
		offline: false,
		created_at: '2026-12-01T12:00:00Z',
		updated_at: '2026-12-01T12:00:00Z',
		closed_at: null,
		last_message_at: null,
		last_message_preview: '',
		agent_unread: 0,
		visitor_unread: 0,
		...over
	};
}

describe('inView', () => {
	const cases: [string, Partial<ConversationRow>, InboxView[]][] = [
		['a new chat nobody took', {}, ['unassigned', 'all']],
		['a chat I took', { assigned_agent_id: 'me' }, ['mine', 'all']],
		['a colleague’s chat', { assigned_agent_id: 'them' }, ['all']],
		['a closed chat', { status: 'closed', assigned_agent_id: 'me' }, ['closed']],
		['a left message', { offline: true }, ['offline']],
		['a left message I took', { offline: true, assigned_agent_id: 'me' }, ['mine', 'offline']]
	];
	it.each(cases)('lists %s in %j', (_name, over, views) => {
		const row = conversation('c', over);
		const listed = (['unassigned', 'mine', 'all', 'closed', 'offline'] as const).filter((v) =>
			inView(row, v, 'me')
		);
		expect(listed).toEqual(views);
	});
});

describe('unreadCount', () => {
	it('counts open unread chats that are unassigned or mine, not a colleague’s or closed ones', () => {
		const rows = [
			conversation('a', { agent_unread: 2 }),
			conversation('b', { agent_unread: 1, assigned_agent_id: 'me' }),
			conversation('c', { agent_unread: 5, assigned_agent_id: 'them' }),
			conversation('d', { agent_unread: 1, status: 'closed' }),
			conversation('e')
		];
		expect(unreadCount(rows, 'me')).toBe(2);
	});
});

describe('sortConversations', () => {
	it('puts the latest message first, falling back to the last change', () => {
		const rows = [
			conversation('a', { last_message_at: '2026-12-01T12:01:00Z' }),
			conversation('b', { updated_at: '2026-12-01T12:02:00Z' }),
			conversation('c', { last_message_at: '2026-12-01T12:03:00Z' })
		];
		expect(sortConversations(rows).map((r) => r.id)).toEqual(['c', 'b', 'a']);
	});
});

describe('applyConversation', () => {
	it('takes a newer row and ignores an older one', () => {
		const first = applyConversation(
			new Map(),
			conversation('a', { updated_at: '2026-12-01T12:01:00Z' })
		);
		const taken = applyConversation(
			first,
			conversation('a', { assigned_agent_id: 'me', updated_at: '2026-12-01T12:02:00Z' })
		);
		expect(taken.get('a')?.assigned_agent_id).toBe('me');
		expect(
			applyConversation(taken, conversation('a', { updated_at: '2026-12-01T12:01:30Z' }))
		).toBe(taken);
	});
});

describe('asConversationRow', () => {
	it.each([
		['a row', conversation('a'), true],
		['an unknown status', { ...conversation('a'), status: 'snoozed' }, false],
		['nothing', null, false]
	])('reads %s', (_name, payload, ok) => {
		expect(asConversationRow(payload) !== null).toBe(ok);
	});
});

function activity(over: Partial<ConversationActivity> = {}): ConversationActivity {
	return {
		id: 'a',
		site_id: 's',
		status: 'open',
		assigned_agent_id: null,
		created_at: '2026-12-01T12:00:00Z',
		updated_at: '2026-12-01T12:05:00Z',
		last_message_at: '2026-12-01T12:05:00Z',
		last_message_preview: 'Where is my order?',
		agent_unread: 2,
		visitor_unread: 0,
		...over
	};
}

describe('asConversationEvent', () => {
	it('tells a whole row from an activity event', () => {
		expect(asConversationEvent(conversation('a'))).toEqual({
			kind: 'row',
			row: asConversationRow(conversation('a'))
		});
		expect(asConversationEvent(activity())).toEqual({ kind: 'activity', activity: activity() });
	});

	it.each([
		['no updated_at', { updated_at: undefined }],
		['a count that is not a whole number', { agent_unread: 1.5 }],
		['a negative count', { visitor_unread: -1 }],
		['an unknown status', { status: 'snoozed' }],
		['a preview that is not text', { last_message_preview: null }],
		['an agent that is not an id', { assigned_agent_id: 7 }]
	])('refuses an activity with %s', (_name, over) => {
		expect(asConversationEvent({ ...activity(), ...over })).toBeNull();
	});

	it('keeps only the activity’s own fields', () => {
		const event = asConversationEvent({ ...activity(), visitor_email: 'x@example.com' });
		expect(event?.kind === 'activity' && Object.keys(event.activity).sort()).toEqual(
			Object.keys(activity()).sort()
		);
	});
});

describe('withActivity', () => {
	it('applies a newer activity and keeps the rest of the row', () => {
		const row = conversation('a', { visitor_name: 'Vera', agent_unread: 1 });
		expect(withActivity(row, activity())).toEqual({
			...row,
			updated_at: '2026-12-01T12:05:00Z',
			last_message_at: '2026-12-01T12:05:00Z',
			last_message_preview: 'Where is my order?',
			agent_unread: 2
		});
	});

	it('ignores a late activity, and another conversation’s', () => {
		const row = conversation('a', { updated_at: '2026-12-01T12:06:00Z' });
		expect(withActivity(row, activity())).toBeNull();
		expect(withActivity(conversation('b'), activity())).toBeNull();
		expect(withActivity(conversation('a', { site_id: 't' }), activity())).toBeNull();
	});
});
