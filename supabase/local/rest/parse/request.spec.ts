import { describe, expect, it } from 'vitest';
import { RestError } from '../errors.ts';
import { parseRequest } from './request.ts';

/** The PGRST code a request's query string is refused with, or 'ok'. */
function outcome(method: string, query: string): string {
	try {
		parseRequest({
			method,
			path: '/tasks',
			query: new URLSearchParams(query),
			header: () => undefined,
			headerAll: () => []
		});
		return 'ok';
	} catch (err) {
		return err instanceof RestError ? err.body.code : String(err);
	}
}

describe('range rules for writes (PostgREST 13 and later)', () => {
	const cases: [string, string, string][] = [
		['PATCH', 'id=eq.1', 'ok'],
		['PATCH', 'limit=1', 'ok'],
		['PATCH', 'limit=1&order=id', 'ok'],
		['PATCH', 'offset=0', 'ok'],
		['PATCH', 'order=id', 'ok'],
		['DELETE', 'limit=2&status=eq.open', 'ok'],
		['DELETE', 'limit=2&order=id.desc', 'ok'],
		['DELETE', 'cities.limit=1', 'ok'],
		['DELETE', 'limit=1&cities.order=name', 'ok'],
		['PUT', 'id=eq.1', 'ok'],
		['PUT', 'id=eq.1&limit=1', 'PGRST114'],
		['PUT', 'id=eq.1&offset=2', 'PGRST114'],
		['PUT', 'id=eq.1&offset=0', 'ok'],
		['PUT', 'id=eq.1&cities.limit=1', 'ok'],
		['GET', 'limit=1', 'ok'],
		['POST', 'limit=1', 'ok']
	];
	it.each(cases)('%s ?%s → %s', (method, query, expected) => {
		expect(outcome(method, query)).toBe(expected);
	});
});
