import { describe, expect, it } from 'vitest';
import { RestError } from '../errors.ts';
import { parseRequest, parseTarget } from './request.ts';

/** The PGRST code a request's query string is refused with, or 'ok'. */
function outcome(method: string, query: string): string {
	try {
		parseRequest({
			method,
			path: '/tasks',
			query: new URLSearchParams(query),
			header: () => undefined,
			headerAll: () => [],
			schemas: ['public']
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

describe('the schema of a request (PostgREST db-schemas, from [api] schemas)', () => {
	const schemas = ['api', 'public'];
	/** The schema a request resolves to, or its error as status, code, message and hint. */
	function schemaOf(method: string, headers: Record<string, string> = {}): string {
		try {
			return parseTarget({
				method,
				path: '/items',
				query: new URLSearchParams(),
				header: (name) => headers[name],
				headerAll: () => [],
				schemas
			}).schema;
		} catch (err) {
			if (!(err instanceof RestError)) throw err;
			return `${err.status} ${err.body.code} ${err.body.message} | ${err.body.details} | ${err.body.hint}`;
		}
	}

	it('is the first configured schema when no profile header names one', () => {
		expect(schemaOf('GET')).toBe('api');
		expect(schemaOf('POST')).toBe('api');
	});

	it('is any configured schema a read names in Accept-Profile, a write in Content-Profile', () => {
		expect(schemaOf('GET', { 'accept-profile': 'public' })).toBe('public');
		expect(schemaOf('HEAD', { 'accept-profile': 'api' })).toBe('api');
		expect(schemaOf('PATCH', { 'content-profile': 'public' })).toBe('public');
		// A write goes by Content-Profile only, as in PostgREST.
		expect(schemaOf('POST', { 'accept-profile': 'public' })).toBe('api');
	});

	it('refuses a schema that is not configured with PostgREST’s 406, listing the configured ones', () => {
		const refused =
			'406 PGRST106 Invalid schema: graphql_public | null | Only the following schemas are exposed: api, public';
		expect(schemaOf('GET', { 'accept-profile': 'graphql_public' })).toBe(refused);
		expect(schemaOf('DELETE', { 'content-profile': 'graphql_public' })).toBe(refused);
		expect(schemaOf('GET', { 'accept-profile': 'API' })).toMatch(
			/^406 PGRST106 Invalid schema: API /
		);
	});
});
