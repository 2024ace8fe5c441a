import { describe, expect, it } from 'vitest';
import { invitationState, pairingLink, type AgentInvitation } from './api.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const BASE: AgentInvitation = {
	id: 'i',
	site_id: 's',
	name: 'Sam',
	email: null,
	expires_at: '2026-11-26T11:00:00Z',
	used_at: null,
	revoked_at: null,
	created_at: '2026-11-25T11:00:00Z'
};

describe('invitationState', () => {
	it.each<[string, Partial<AgentInvitation>, string]>([
		['an open invitation', {}, 'pending'],
		[
			'a used one, even when past expiry',
			{ used_at: NOW.toISOString(), expires_at: '2026-11-01T00:00:00Z' },
			'used'
		],
		['a revoked one', { revoked_at: NOW.toISOString() }, 'revoked'],
		['one whose 24 hours are up', { expires_at: NOW.toISOString() }, 'expired']
	])('calls %s %s', (_label, change, state) => {
		expect(invitationState({ ...BASE, ...change }, NOW)).toBe(state);
	});
});

it('puts the pairing token in the fragment of the link', () => {
	expect(pairingLink('https://chat.example.com', 'pair_abc')).toBe(
		'https://chat.example.com/pair#pair_abc'
	);
});
