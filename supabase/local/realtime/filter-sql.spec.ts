import { describe, expect, it } from 'vitest';
import { conditionSql, filterSql } from './filter-sql.ts';
import { parseFilter } from './filters.ts';

function sql(filter: string): { text: string; params: string[] } {
	const params: string[] = [];
	const text = filterSql('r', parseFilter(filter), (v) => {
		params.push(v);
		return `$${params.length}`;
	});
	return { text, params };
}

describe('postgres_changes filter SQL', () => {
	it.each([
		['id=eq.5', 'coalesce(r."id" = $1, false)', ['5']],
		['id=neq.5', 'coalesce(r."id" <> $1, false)', ['5']],
		['id=in.(1,2)', 'coalesce(r."id" = any ($1), false)', ['{1,2}']],
		['b=like.a%', 'coalesce(r."b" like $1, false)', ['a%']],
		['b=ilike.a%', 'coalesce(r."b" ilike $1, false)', ['a%']],
		['b=match.^a', 'coalesce(r."b" ~ $1, false)', ['^a']],
		['b=imatch.^a', 'coalesce(r."b" ~* $1, false)', ['^a']],
		['b=is.null', 'coalesce(r."b" is null, false)', []],
		['b=not.is.true', 'coalesce(not (r."b" is true), false)', []],
		['n=isdistinct.3', 'coalesce(r."n" is distinct from $1, false)', ['3']],
		['n=not.eq.3', 'coalesce(not (r."n" = $1), false)', ['3']]
	])('writes %s as %s', (filter, text, params) => {
		expect(sql(filter)).toEqual({ text, params });
	});

	it('joins conditions with and, and quotes column names', () => {
		expect(sql('a"b=gt.0,a"b=lt.9').text).toBe(
			'coalesce(r."a""b" > $1, false) and coalesce(r."a""b" < $2, false)'
		);
	});

	it('refuses an is keyword Realtime does not know, so it never reaches SQL', () => {
		expect(() =>
			conditionSql('r', { column: 'b', op: 'is', value: 'maybe; drop', negate: false }, (v) => v)
		).toThrow('invalid value for is filter');
	});
});
