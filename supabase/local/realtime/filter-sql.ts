/**
 * A parsed `postgres_changes` filter as SQL, the way Realtime's `realtime.check_equality_op`
 * applies each operator: the row's value on the left, the filter value cast to the column's
 * type on the right, `not.` negating the result. A condition that is NULL (a NULL column
 * under most operators) does not match, negated or not.
 */
import type { Condition, Filter, FilterOp } from './filters.ts';
import { IS_VALUES } from './filters.ts';

const INFIX: Record<Exclude<FilterOp, 'in' | 'is' | 'isdistinct'>, string> = {
	eq: '=',
	neq: '<>',
	lt: '<',
	lte: '<=',
	gt: '>',
	gte: '>=',
	like: 'like',
	ilike: 'ilike',
	match: '~',
	imatch: '~*'
};

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Collects bind parameters, returning each one's placeholder. */
export type AddParam = (value: string) => string;

/** One condition on `alias`'s column; throws for an `is` keyword Realtime refuses. */
export function conditionSql(alias: string, c: Condition, param: AddParam): string {
	const col = `${alias}.${ident(c.column)}`;
	let test: string;
	switch (c.op) {
		case 'in':
			test = `${col} = any (${param(c.value)})`;
			break;
		case 'is':
			if (!(IS_VALUES as readonly string[]).includes(c.value))
				throw new Error('invalid value for is filter: must be null, true, false, or unknown');
			test = `${col} is ${c.value}`;
			break;
		case 'isdistinct':
			test = `${col} is distinct from ${param(c.value)}`;
			break;
		default:
			test = `${col} ${INFIX[c.op]} ${param(c.value)}`;
	}
	return c.negate ? `coalesce(not (${test}), false)` : `coalesce(${test}, false)`;
}

/** Every condition of a filter, joined with `and`; `true` for no filter. */
export function filterSql(alias: string, filter: Filter, param: AddParam): string {
	return filter.length ? filter.map((c) => conditionSql(alias, c, param)).join(' and ') : 'true';
}
