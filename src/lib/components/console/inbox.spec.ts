import { describe, expect, it } from 'vitest';
import {
	applyConversation,
	asConversationRow,
	inView,
	sortConversations,
	unreadCount,
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
