import { describe, expect, it } from 'vitest';
import type { VisitorEvent } from './site-events.ts';
import type { VisitorRow } from './types.ts';
import { applyVisitorEvents, fromLoad, isOnline, pruneStale, sortVisitors } from './visitors.ts';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

function visitor(id: string, over: Partial<VisitorRow> = {}): VisitorRow {
	return {
		id,
		site_id: 'site',
		created_at: ago(60_000),
		last_seen_at: ago(1_000),
		ended_at: null,
		current_url: `https://shop.test/${id}`,
		current_title: id,
		referrer: '',
		language: 'en-GB',
		user_agent: '',
		screen: '',
		pages_seen: 1,
		visit_count: 1,
		visit_started_at: ago(60_000),
		...over
	};
}
const row = (r: VisitorRow): VisitorEvent => ({ kind: 'row', row: r });
const patch = (id: string, last: number, ended: number | null = null): VisitorEvent => ({
	kind: 'patch',
	patch: {
		id,
		site_id: 'site',
		last_seen_at: ago(last),
		ended_at: ended === null ? null : ago(ended)
	}
});

describe('isOnline', () => {
	it.each([
		['a heartbeat 1 s ago', { last_seen_at: ago(1_000), ended_at: null }, true],
		['a heartbeat 29.9 s ago', { last_seen_at: ago(29_900), ended_at: null }, true],
		['a heartbeat exactly 30 s ago', { last_seen_at: ago(30_000), ended_at: null }, false],
		['a leave, however fresh', { last_seen_at: ago(0), ended_at: ago(0) }, false],
		['an unreadable time', { last_seen_at: 'soon', ended_at: null }, false]
	])('is %s → %s', (_name, stamp, expected) => {
		expect(isOnline(stamp, NOW)).toBe(expected);
	});
});

describe('fromLoad', () => {
	it('keeps only visitors online by the server clock', () => {
		const map = fromLoad(
			[
				visitor('a'),
				visitor('b', { last_seen_at: ago(31_000) }),
				visitor('c', { ended_at: ago(1) })
			],
			NOW
		);
		expect([...map.keys()]).toEqual(['a']);
	});
});

describe('applyVisitorEvents', () => {
	const start = fromLoad([visitor('a'), visitor('b')], NOW);

	it.each<[string, VisitorEvent[], string[], string[]]>([
		['a first page view adds the visitor', [row(visitor('c'))], ['a', 'b', 'c'], []],
		['a leave removes the visitor at once', [patch('a', 1_000, 0)], ['b'], []],
		[
			'a stale row of an unknown visitor is not listed',
			[row(visitor('z', { last_seen_at: ago(40_000) }))],
			['a', 'b'],
			[]
		],
		['a heartbeat of an unknown visitor asks for their row', [patch('z', 0)], ['a', 'b'], ['z']],
		[
			'a heartbeat then a leave of an unknown visitor asks for nothing',
			[patch('z', 0), patch('z', 0, 0)],
			['a', 'b'],
			[]
		],
		['a leave of an unknown visitor changes nothing', [patch('z', 1_000, 0)], ['a', 'b'], []]
	])('%s', (_name, events, ids, missing) => {
		const merged = applyVisitorEvents(start, events, NOW);
		expect([...merged.map.keys()].sort()).toEqual(ids);
		expect(merged.missing).toEqual(missing);
	});

	it('a navigation replaces the current page', () => {
		const next = visitor('a', {
			current_url: 'https://shop.test/cart',
			pages_seen: 2,
			last_seen_at: ago(0)
		});
		expect(applyVisitorEvents(start, [row(next)], NOW).map.get('a')?.current_url).toBe(
			'https://shop.test/cart'
		);
	});

	it('a heartbeat keeps the page and moves last_seen_at', () => {
		const merged = applyVisitorEvents(start, [patch('a', 0)], NOW).map.get('a');
		expect(merged?.current_url).toBe('https://shop.test/a');
		expect(merged?.last_seen_at).toBe(ago(0));
	});

	it('an event older than the row held is ignored', () => {
		const fresh = applyVisitorEvents(
			start,
			[row(visitor('a', { last_seen_at: ago(0), pages_seen: 3 }))],
			NOW
		).map;
		const late = visitor('a', { last_seen_at: ago(500), pages_seen: 2 });
		expect(applyVisitorEvents(fresh, [row(late)], NOW).map).toBe(fresh);
	});

	it('a visitor who left and comes back with a page view is listed again', () => {
		const gone = applyVisitorEvents(start, [patch('a', 1_000, 500)], NOW).map;
		const back = applyVisitorEvents(gone, [row(visitor('a', { last_seen_at: ago(0) }))], NOW).map;
		expect(back.has('a')).toBe(true);
	});

	it('returns the same map when nothing changed', () => {
		expect(applyVisitorEvents(start, [patch('z', 1_000, 0)], NOW).map).toBe(start);
	});
});

describe('pruneStale', () => {
	it('drops visitors silent for 30 s and keeps the rest', () => {
		const map = fromLoad([visitor('a', { last_seen_at: ago(20_000) }), visitor('b')], NOW);
		expect([...pruneStale(map, NOW + 10_000).keys()]).toEqual(['b']);
	});
	it('returns the same map when everyone is fresh', () => {
		const map = fromLoad([visitor('a')], NOW);
		expect(pruneStale(map, NOW)).toBe(map);
	});
});

describe('sortVisitors', () => {
	it('lists the newest visit first, ties by id', () => {
		const rows = [
			visitor('b', { visit_started_at: ago(5_000) }),
			visitor('a', { visit_started_at: ago(5_000) }),
			visitor('c', { visit_started_at: ago(1_000) })
		];
		expect(sortVisitors(rows).map((r) => r.id)).toEqual(['c', 'a', 'b']);
	});
});
