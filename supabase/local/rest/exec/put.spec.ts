import { describe, expect, it } from 'vitest';
import type { Table } from '../catalog.ts';
import { RestError } from '../errors.ts';
import { applyFilters, parseRequest } from '../parse/request.ts';
import { checkPutFilters } from './put.ts';

const table = (pk: string[]): Table => ({
	schema: 'public',
	name: 't',
	kind: 'table',
	columns: new Map(
		['a', 'b', 'c'].map((name) => [name, { name, type: 'int', notNull: false, hasDefault: false }])
	),
	pk,
	uniques: [pk],
	computed: new Set()
});

function outcome(pk: string[], query: string): string {
	const req = parseRequest({
		method: 'PUT',
		path: '/t',
		query: new URLSearchParams(query),
		header: () => undefined,
		headerAll: () => [],
		schemas: ['public']
	});
	applyFilters(req, req.rawFilters.splice(0));
	try {
		checkPutFilters(req, table(pk));
		return 'ok';
	} catch (err) {
		return err instanceof RestError ? `${err.status} ${err.body.code}` : String(err);
	}
}

describe('PUT filters (PostgREST mutatePlan MutationSingleUpsert)', () => {
	const cases: [string[], string, string][] = [
		[['a'], 'a=eq.1', 'ok'],
		[['a'], 'a=eq.1&select=b', 'ok'],
		[['a', 'b'], 'a=eq.1&b=eq.2', 'ok'],
		[['a', 'b'], 'b=eq.2&a=eq.1', 'ok'],
		[['a'], '', '405 PGRST105'],
		[['a'], 'a=gt.1', '405 PGRST105'],
		[['a'], 'a=not.eq.1', '405 PGRST105'],
		[['a'], 'a=eq(any).{1,2}', '405 PGRST105'],
		[['a'], 'a=in.(1)', '405 PGRST105'],
		[['a'], 'a=eq.1&b=eq.2', '405 PGRST105'],
		[['a'], 'a=eq.1&or=(a.eq.1)', '405 PGRST105'],
		[['a'], 'a=eq.1&x.or=(a.eq.1)', '405 PGRST105'],
		[['a', 'b'], 'a=eq.1', '405 PGRST105'],
		[[], 'a=eq.1', '405 PGRST105'],
		// The same column twice still names exactly the key; the rows then never match.
		[['a'], 'a=eq.1&a=eq.2', 'ok']
	];
	it.each(cases)('pk %j ?%s → %s', (pk, query, expected) => {
		expect(outcome(pk, query)).toBe(expected);
	});
});
