import { describe, expect, it } from 'vitest';
import { RestError } from '../errors.ts';
import { parseRequest, parseTarget, planContentType, tokenizeMediaType } from './request.ts';

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

	it('counts as negotiated by profile when a header names it or several schemas are exposed (ApiRequest.hs getSchema)', () => {
		const profiled = (list: string[], headers: Record<string, string> = {}) =>
			parseTarget({
				method: 'GET',
				path: '/items',
				query: new URLSearchParams(),
				header: (name) => headers[name],
				headerAll: () => [],
				schemas: list
			}).profiled;
		expect(profiled(['api', 'public'])).toBe(true);
		expect(profiled(['public'])).toBe(false);
		expect(profiled(['public'], { 'accept-profile': 'public' })).toBe(true);
	});
});

describe('Accept: application/vnd.pgrst.plan (PostgREST MediaType.hs, db-plan-enabled)', () => {
	/** The plan a request's Accept header asks for, as its Content-Type, or its error. */
	function planOf(accept: string, plansEnabled = true): string {
		try {
			const req = parseRequest({
				method: 'GET',
				path: '/tasks',
				query: new URLSearchParams(),
				header: (name) => (name === 'accept' ? accept : undefined),
				headerAll: () => [],
				schemas: ['public'],
				plansEnabled
			});
			return req.plan ? `${planContentType(req.plan)} → ${req.media}` : `no plan → ${req.media}`;
		} catch (err) {
			if (!(err instanceof RestError)) throw err;
			return `${err.status} ${err.body.code} ${err.body.message}`;
		}
	}

	it('is text for application/json by default, JSON with +json', () => {
		expect(planOf('application/vnd.pgrst.plan')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8 → json'
		);
		expect(planOf('application/vnd.pgrst.plan;')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8 → json'
		);
		expect(planOf('application/vnd.pgrst.plan+text')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8 → json'
		);
		expect(planOf('application/vnd.pgrst.plan+json')).toBe(
			'application/vnd.pgrst.plan+json; for="application/json"; charset=utf-8 → json'
		);
		expect(planOf('Application/Vnd.PgRsT.Plan+JSON')).toBe(
			'application/vnd.pgrst.plan+json; for="application/json"; charset=utf-8 → json'
		);
	});

	it('takes the media type the plan is for from `for`, written back as PostgREST does', () => {
		expect(planOf('application/vnd.pgrst.plan ; for="text/csv" ; options=analyze')).toBe(
			'application/vnd.pgrst.plan+text; for="text/csv"; options=analyze; charset=utf-8 → csv'
		);
		expect(planOf('application/vnd.pgrst.plan+json; for="application/vnd.pgrst.object"')).toBe(
			'application/vnd.pgrst.plan+json; for="application/vnd.pgrst.object+json"; charset=utf-8 → object'
		);
		expect(planOf('application/vnd.pgrst.plan; for="application/vnd.pgrst.array+json"')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8 → json'
		);
		// Unquoted, a value ends at the first character other than a letter, digit, | or -.
		expect(planOf('application/vnd.pgrst.plan; for=text/csv')).toBe(
			'406 PGRST107 None of these media types are available: application/vnd.pgrst.plan+text; for="text"'
		);
	});

	it('keeps known options in PostgREST’s order and ignores unknown ones', () => {
		expect(
			planOf('application/vnd.pgrst.plan+text; options=wal|buffers|settings|verbose|analyze')
		).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; options=analyze|verbose|settings|buffers|wal; charset=utf-8 → json'
		);
		expect(planOf('application/vnd.pgrst.plan; options=analyze|costs|ANALYZE')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; options=analyze; charset=utf-8 → json'
		);
		expect(planOf('application/vnd.pgrst.plan; options=nope')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8 → json'
		);
	});

	it('reads what supabase-js .explain() sends, an empty options= and a trailing semicolon included', () => {
		expect(planOf('application/vnd.pgrst.plan+text; for="application/json"; options=;')).toBe(
			'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8 → json'
		);
		expect(
			planOf('application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|verbose|buffers;')
		).toBe(
			'application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|verbose|buffers; charset=utf-8 → csv'
		);
	});

	it('is not acceptable while db-plan-enabled is off (the default): 406 PGRST107', () => {
		expect(planOf('application/vnd.pgrst.plan', false)).toBe(
			'406 PGRST107 None of these media types are available: application/vnd.pgrst.plan+text; for="application/json"'
		);
		expect(
			planOf('application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|wal;', false)
		).toBe(
			'406 PGRST107 None of these media types are available: application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|wal'
		);
		expect(planOf('application/vnd.pgrst.plan, application/json', false)).toBe('no plan → json');
	});

	it('is not acceptable for a media type the request could not be answered in', () => {
		expect(planOf('application/vnd.pgrst.plan; for="text/xml"')).toBe(
			'406 PGRST107 None of these media types are available: application/vnd.pgrst.plan+text; for="text/xml"'
		);
		expect(planOf('application/vnd.pgrst.plan; for="application/vnd.twkb"')).toBe(
			'406 PGRST107 None of these media types are available: application/vnd.pgrst.plan+text; for="application/vnd.twkb"'
		);
	});
});

describe('tokenizeMediaType (PostgREST MediaType.hs)', () => {
	it('splits type, subtype and parameters, stopping at the first parameter that does not parse', () => {
		const t = (s: string) => {
			const r = tokenizeMediaType(s);
			return r && [r.type, Object.fromEntries(r.params)];
		};
		expect(t('application/vnd.pgrst.plan+json;for="text/csv"')).toEqual([
			'application/vnd.pgrst.plan+json',
			{ for: 'text/csv' }
		]);
		expect(t('*/*')).toEqual(['*/*', {}]);
		expect(t('application/vnd.pgrst.plan;wat="application/json;text/csv"')).toEqual([
			'application/vnd.pgrst.plan',
			{ wat: 'application/json;text/csv' }
		]);
		expect(
			t(
				'application/vnd.pgrst.plan+text; for="text/xml"; options=analyze|verbose|settings|buffers|wal'
			)
		).toEqual([
			'application/vnd.pgrst.plan+text',
			{ for: 'text/xml', options: 'analyze|verbose|settings|buffers|wal' }
		]);
		expect(t('text/csv; options=; for="x/y"')).toEqual(['text/csv', {}]);
		expect(t('nonsense')).toBeNull();
	});
});
