import { describe, expect, it } from 'vitest';
import {
	applyInvitation,
	asInvitationRow,
	invitationState,
	messageChoices,
	msUntilExpiry,
	opensConversation,
	secondsLeft,
	type InvitationRow
} from './invitations.ts';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

function invitation(over: Partial<InvitationRow> = {}): InvitationRow {
	return {
		id: 'i1',
		site_id: 's',
		visitor_id: 'v',
		agent_id: 'me',
		message: 'Hi!',
		status: 'pending',
		expires_at: at(60_000),
		created_at: at(0),
		answered_at: null,
		seen_at: null,
		conversation_id: null,
		...over
	};
}

describe('invitationState', () => {
	it.each<[string, Partial<InvitationRow>, string]>([
		['pending and not yet shown', {}, 'sent'],
		['pending and shown on the page', { seen_at: at(1_000) }, 'seen'],
		['accepted', { status: 'accepted', seen_at: at(1_000) }, 'accepted'],
		['declined', { status: 'declined' }, 'declined'],
		['expired', { status: 'expired' }, 'expired'],
		['replaced by a newer one', { status: 'cancelled' }, 'cancelled']
	])('an invitation %s reads as %s', (_name, over, state) => {
		expect(invitationState(invitation(over))).toBe(state);
	});
});

describe('msUntilExpiry', () => {
	it.each<[string, Partial<InvitationRow>, number, number | null]>([
		['a minute to go', {}, 0, 60_000],
		['by the server clock, not the device', {}, 45_000, 15_000],
		['past expiry', {}, 61_000, 0],
		['answered', { status: 'declined' }, 0, null],
		['an unreadable time', { expires_at: 'never' }, 0, null]
	])('%s', (_name, over, elapsed, expected) => {
		expect(msUntilExpiry(invitation(over), NOW + elapsed)).toBe(expected);
	});

	it('counts down in whole seconds, rounding up', () => {
		expect(secondsLeft(invitation(), NOW + 500)).toBe(60);
		expect(secondsLeft(invitation(), NOW + 59_001)).toBe(1);
		expect(secondsLeft(invitation({ status: 'expired' }), NOW)).toBe(0);
	});
});

describe('opensConversation', () => {
	it.each<[string, Partial<InvitationRow>, boolean]>([
		[
			'my accepted invitation with its conversation',
			{ status: 'accepted', conversation_id: 'c' },
			true
		],
		[
			'a colleague’s accepted invitation',
			{ status: 'accepted', conversation_id: 'c', agent_id: 'them' },
			false
		],
		['my declined invitation', { status: 'declined' }, false],
		['accepted without a conversation yet', { status: 'accepted' }, false]
	])('%s → %s', (_name, over, expected) => {
		expect(opensConversation(invitation(over), 'me')).toBe(expected);
	});
});

describe('messageChoices', () => {
	it.each<[string, string, string[], string[]]>([
		[
			'greeting first, then saved ones',
			'Hello',
			['Need help?', 'Ask us'],
			['Hello', 'Need help?', 'Ask us']
		],
		['no repeats and no blanks', ' Hello ', ['Hello', '', '  ', 'Hi'], ['Hello', 'Hi']],
		['no greeting', '', ['Hi'], ['Hi']],
		['nothing saved', '', [], []]
	])('%s', (_name, greeting, saved, expected) => {
		expect(messageChoices(greeting, saved)).toEqual(expected);
	});
});

describe('applyInvitation', () => {
	it('keeps the latest invitation per visitor', () => {
		const first = applyInvitation(new Map(), invitation());
		const second = applyInvitation(first, invitation({ id: 'i2', created_at: at(5_000) }));
		expect(second.get('v')?.id).toBe('i2');
		expect(applyInvitation(second, invitation({ status: 'cancelled' })).get('v')?.id).toBe('i2');
	});
	it('follows one invitation from sent to seen to answered, never back', () => {
		let map = applyInvitation(new Map(), invitation());
		map = applyInvitation(map, invitation({ seen_at: at(1_000) }));
		expect(invitationState(map.get('v')!)).toBe('seen');
		map = applyInvitation(map, invitation({ status: 'declined', seen_at: at(1_000) }));
		expect(applyInvitation(map, invitation({ seen_at: at(1_000) }))).toBe(map);
	});
	it('stays seen when the inviter’s own answer arrives after the visitor’s seen event', () => {
		const seen = applyInvitation(new Map(), invitation({ seen_at: at(1_000) }));
		expect(applyInvitation(seen, invitation())).toBe(seen);
		expect(invitationState(applyInvitation(seen, invitation()).get('v')!)).toBe('seen');
	});
});

describe('asInvitationRow', () => {
	it('reads a site event with the agent’s name', () => {
		const row = asInvitationRow({ ...invitation(), agent_name: 'Sam' });
		expect(row?.agent_name).toBe('Sam');
		expect(row?.status).toBe('pending');
	});
	it.each([
		['nothing', null],
		['an unknown status', { ...invitation(), status: 'maybe' }],
		['no expiry', { ...invitation(), expires_at: undefined }]
	])('refuses %s', (_name, payload) => {
		expect(asInvitationRow(payload)).toBeNull();
	});
});
