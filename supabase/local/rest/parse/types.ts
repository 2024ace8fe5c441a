/** The typed request PostgREST's query grammar parses into (cf. ApiRequest/Types.hs). */

/** One `->` / `->>` step of a JSON path; numeric keys index arrays. */
export interface JsonStep {
	arrow: '->' | '->>';
	key: string | number;
}

/** A column, optionally followed by a JSON path. */
export interface FieldRef {
	name: string;
	path: JsonStep[];
}

export interface SelectStar {
	kind: 'star';
}
/** PostgREST's aggregate functions (`select=amount.sum()`, `select=count()`). */
export type AggregateName = 'count' | 'sum' | 'avg' | 'max' | 'min';

export interface SelectField {
	kind: 'field';
	/** `count()` without a column has the field `*`. */
	field: FieldRef;
	alias?: string;
	/** Cast of the column, before any aggregate: `amount::int.sum()`. */
	cast?: string;
	agg?: AggregateName;
	/** Cast of the aggregate's result: `amount.sum()::text`. */
	aggCast?: string;
}
export interface SelectEmbed {
	kind: 'embed';
	name: string;
	alias?: string;
	hint?: string;
	inner: boolean;
	spread: boolean;
	items: SelectItem[];
}
export type SelectItem = SelectStar | SelectField | SelectEmbed;

export const OPERATORS = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'match',
	'imatch',
	'in',
	'is',
	'isdistinct',
	'fts',
	'plfts',
	'phfts',
	'wfts',
	'cs',
	'cd',
	'ov',
	'sl',
	'sr',
	'nxr',
	'nxl',
	'adj'
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Operators that take `(any)` / `(all)` with a `{a,b}` list. */
export const QUANTIFIABLE: ReadonlySet<Operator> = new Set([
	'eq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'match',
	'imatch'
]);
export const FTS_OPERATORS: ReadonlySet<Operator> = new Set(['fts', 'plfts', 'phfts', 'wfts']);

export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type OpExpr =
	| { op: 'in'; negated: boolean; values: string[] }
	| { op: 'is'; negated: boolean; value: IsValue }
	| { op: 'fts' | 'plfts' | 'phfts' | 'wfts'; negated: boolean; config?: string; value: string }
	| {
			op: Exclude<Operator, 'in' | 'is' | 'fts' | 'plfts' | 'phfts' | 'wfts'>;
			negated: boolean;
			quant?: 'any' | 'all';
			value: string;
			values?: string[];
	  };

export interface Filter {
	kind: 'filter';
	field: FieldRef;
	expr: OpExpr;
}
export interface LogicTree {
	kind: 'logic';
	op: 'and' | 'or';
	negated: boolean;
	children: Condition[];
}
export type Condition = Filter | LogicTree;

export interface OrderTerm {
	/** Set for `rel(col)`: ordering by a column of a to-one embedded resource. */
	relation?: string;
	field: FieldRef;
	dir?: 'asc' | 'desc';
	nulls?: 'first' | 'last';
}
