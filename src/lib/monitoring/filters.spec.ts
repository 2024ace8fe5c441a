import { describe, expect, it } from 'vitest';
import {
	filterVisitors,
	isFiltering,
	languagesOf,
	NO_FILTER,
	primaryLanguage,
	type VisitorFilter
} from './filters.ts';
import type { VisitorRow } from './types.ts';

function visitor(
	id: string,
	url: string,
	title: string,
	language: string,
	visits: number
): VisitorRow {
	return {
		id,
		site_id: 's',
		created_at: '',
		last_seen_at: '',
		ended_at: null,
		current_url: url,
		current_title: title,
		referrer: '',
		language,
		user_agent: '',
		screen: '',
		pages_seen: 1,
		visit_count: visits,
		visit_started_at: ''
	};
}

const ROWS = [
	visitor('a', 'https://shop.test/pricing', 'Pricing', 'en-GB', 1),
	visitor('b', 'https://shop.test/cart', 'Your cart', 'de-AT', 3),
	visitor('c', 'https://shop.test/blog/pricing-changes', 'Blog', 'de', 1),
	visitor('d', 'https://shop.test/', 'Home', '', 2)
];

describe('filterVisitors', () => {
	it.each<[string, Partial<VisitorFilter>, string[]]>([
		['no filter lets everyone through', {}, ['a', 'b', 'c', 'd']],
		['a page matches the URL', { page: 'pricing' }, ['a', 'c']],
		['a page matches the title, ignoring case', { page: 'CART' }, ['b']],
		['blank page text is no filter', { page: '   ' }, ['a', 'b', 'c', 'd']],
		['a language matches its regional variants', { language: 'de' }, ['b', 'c']],
		['new visitors are on their first visit', { recurrence: 'new' }, ['a', 'c']],
		['returning visitors came before', { recurrence: 'returning' }, ['b', 'd']],
		['filters combine', { page: 'pricing', language: 'de', recurrence: 'new' }, ['c']]
	])('%s', (_name, filter, ids) => {
		expect(filterVisitors(ROWS, { ...NO_FILTER, ...filter }).map((r) => r.id)).toEqual(ids);
	});
});

describe('isFiltering', () => {
	it('is false for the empty filter and true for any narrowing', () => {
		expect(isFiltering(NO_FILTER)).toBe(false);
		expect(isFiltering({ ...NO_FILTER, recurrence: 'new' })).toBe(true);
	});
});

describe('languagesOf', () => {
	it('lists primary languages, most common first', () => {
		expect(languagesOf(ROWS)).toEqual(['de', 'en']);
	});
});

describe('primaryLanguage', () => {
	it.each([
		['pt-BR', 'pt'],
		['EN', 'en'],
		['zh_Hant', 'zh'],
		['', '']
	])('%j → %j', (tag, expected) => {
		expect(primaryLanguage(tag)).toBe(expected);
	});
});
