import { describe, expect, it } from 'vitest';
import {
	asTransfer,
	incomingOffers,
	isOfferedTo,
	mergeTransfer,
	msLeft,
	offerOutcome,
	openOffer,
	type TransferRow
} from './offers.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ANA = id(1);
const BEA = id(2);
const CY = id(3);
const NOW = Date.parse('2026-12-02T10:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

const offer = (over: Partial<TransferRow> = {}): TransferRow => ({
	id: id(100),
	site_id: id(200),
	conversation_id: id(300),
	from_agent_id: ANA,
	to_agent_id: BEA,
	note: '',
	status: 'pending',
	created_at: at(-5_000),
	expires_at: at(55_000),
	answered_at: null,
	answered_by: null,
	declined_by: [],
	...over
});

describe('asTransfer', () => {
	it('reads a row as the database sends it', () => {
		expect(asTransfer({ ...offer(), extra: 1 })).toEqual(offer());
	});
	it.each([
		['not an object', 'x'],
		['a bad id', { ...offer(), id: 'x' }],
		['an unknown status', { ...offer(), status: 'maybe' }],
		['a bad expiry', { ...offer(), expires_at: 'soon' }],
		['a bad colleague', { ...offer(), to_agent_id: 42 }]
	])('refuses %s', (_, payload) => expect(asTransfer(payload)).toBeNull());
	it('keeps only ids in declined_by and caps the note', () => {
		expect(
			asTransfer({ ...offer(), declined_by: [BEA, 'x', 3], note: 'n'.repeat(900) })
		).toMatchObject({ declined_by: [BEA], note: 'n'.repeat(500) });
	});
});

describe('who is asked', () => {
	const cases: [string, TransferRow, string, boolean][] = [
		['the colleague it was offered to', offer(), BEA, true],
		['not another colleague', offer(), CY, false],
		['not the one who offered it', offer(), ANA, false],
		['nobody once it is answered', offer({ status: 'declined' }), BEA, false],
		['nobody once its time is up', offer({ expires_at: at(0) }), BEA, false],
		['anyone but its sender, for an offer to anyone', offer({ to_agent_id: null }), CY, true],
		['not its sender, for an offer to anyone', offer({ to_agent_id: null }), ANA, false],
		[
			'not someone who declined an offer to anyone',
			offer({ to_agent_id: null, declined_by: [CY] }),
			CY,
			false
		]
	];
	it.each(cases)('%s', (_, row, me, expected) => expect(isOfferedTo(row, me, NOW)).toBe(expected));

	it('lists the waiting offers oldest first', () => {
		const later = offer({ id: id(101), conversation_id: id(301), created_at: at(-1_000) });
		const map = new Map([
			[later.id, later],
			[offer().id, offer()]
		]);
		expect(incomingOffers(map, BEA, NOW).map((r) => r.id)).toEqual([id(100), id(101)]);
	});
});

describe('merging and time', () => {
	it('an answered offer does not go back to pending on a late event', () => {
		const answered = offer({ status: 'accepted', answered_at: at(0) });
		const map = mergeTransfer(new Map(), answered);
		expect(mergeTransfer(map, offer())).toBe(map);
		expect(mergeTransfer(map, offer({ status: 'cancelled' })).get(id(100))?.status).toBe(
			'cancelled'
		);
	});
	it('finds the open offer of a conversation', () => {
		const map = mergeTransfer(new Map(), offer());
		expect(openOffer(map, id(300))?.id).toBe(id(100));
		expect(openOffer(mergeTransfer(map, offer({ status: 'expired' })), id(300))).toBeNull();
	});
	it('counts the time left by the server clock, never below zero', () => {
		expect(msLeft(offer(), NOW)).toBe(55_000);
		expect(msLeft(offer(), NOW + 90_000)).toBe(0);
	});
});

describe('offerOutcome', () => {
	it('tells an agent coming late what became of the offer', () => {
		expect(offerOutcome(offer(), BEA, NOW)).toEqual({ kind: 'open' });
		// Past its time by the server's clock, even before anyone recorded the expiry.
		expect(offerOutcome(offer(), BEA, NOW + 55_000)).toEqual({ kind: 'expired' });
		expect(offerOutcome(offer({ status: 'expired' }), BEA, NOW)).toEqual({ kind: 'expired' });
		expect(offerOutcome(offer({ status: 'accepted', answered_by: BEA }), BEA, NOW)).toEqual({
			kind: 'mine'
		});
		expect(
			offerOutcome(offer({ status: 'accepted', to_agent_id: null, answered_by: CY }), BEA, NOW)
		).toEqual({ kind: 'taken', by: CY });
		expect(offerOutcome(offer({ status: 'cancelled' }), BEA, NOW)).toEqual({ kind: 'cancelled' });
		expect(offerOutcome(offer({ status: 'declined', declined_by: [BEA] }), BEA, NOW)).toEqual({
			kind: 'declined'
		});
	});
});
