import { describe, expect, it } from 'vitest';
import { RestError } from '../errors.ts';
import { parseFilterValue, parseLogic, parseOrder } from './filter.ts';
import { parsePrefer } from './prefer.ts';
import { parseSelect } from './select.ts';

const codeOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (err) {
		return err instanceof RestError ? err.body.code : String(err);
	}
	return 'no error';
};

describe('parseSelect', () => {
	const cases: [string, unknown][] = [
		['*', [{ kind: 'star' }]],
		['', []],
		[
			'id,name',
			[
				{ kind: 'field', field: { name: 'id', path: [] } },
				{ kind: 'field', field: { name: 'name', path: [] } }
			]
		],
		['label:name', [{ kind: 'field', field: { name: 'name', path: [] }, alias: 'label' }]],
		['id::text', [{ kind: 'field', field: { name: 'id', path: [] }, cast: 'text' }]],
		[
			'meta->a->>0',
			[
				{
					kind: 'field',
					field: {
						name: 'meta',
						path: [
							{ arrow: '->', key: 'a' },
							{ arrow: '->>', key: 0 }
						]
					}
				}
			]
		],
		['"a b":"c,d"', [{ kind: 'field', field: { name: 'c,d', path: [] }, alias: 'a b' }]],
		[
			'cities(*)',
			[{ kind: 'embed', name: 'cities', inner: false, spread: false, items: [{ kind: 'star' }] }]
		],
		[
			'c:cities!fk!inner(name)',
			[
				{
					kind: 'embed',
					name: 'cities',
					alias: 'c',
					hint: 'fk',
					inner: true,
					spread: false,
					items: [{ kind: 'field', field: { name: 'name', path: [] } }]
				}
			]
		],
		[
			'cities!inner!fk()',
			[{ kind: 'embed', name: 'cities', hint: 'fk', inner: true, spread: false, items: [] }]
		],
		[
			'...countries(name)',
			[
				{
					kind: 'embed',
					name: 'countries',
					inner: false,
					spread: true,
					items: [{ kind: 'field', field: { name: 'name', path: [] } }]
				}
			]
		],
		[
			'a(b(c))',
			[
				{
					kind: 'embed',
					name: 'a',
					inner: false,
					spread: false,
					items: [
						{
							kind: 'embed',
							name: 'b',
							inner: false,
							spread: false,
							items: [{ kind: 'field', field: { name: 'c', path: [] } }]
						}
					]
				}
			]
		]
	];
	const f = (name: string, extra: Record<string, unknown> = {}) => ({
		kind: 'field',
		field: { name, path: [] },
		...extra
	});
	const aggregates: [string, unknown][] = [
		['amount.sum()', [f('amount', { agg: 'sum' })]],
		['count()', [f('*', { agg: 'count' })]],
		['n:count()::text', [f('*', { alias: 'n', agg: 'count', aggCast: 'text' })]],
		['amount.count()', [f('amount', { agg: 'count' })]],
		[
			'total:amount::int.avg()::text,category',
			[f('amount', { alias: 'total', cast: 'int', agg: 'avg', aggCast: 'text' }), f('category')]
		],
		['amount.max(),amount.min()', [f('amount', { agg: 'max' }), f('amount', { agg: 'min' })]],
		[
			'data->>tax::numeric.sum()',
			[
				{
					kind: 'field',
					field: { name: 'data', path: [{ arrow: '->>', key: 'tax' }] },
					cast: 'numeric',
					agg: 'sum'
				}
			]
		],
		[
			'name,orders(amount.sum())',
			[
				f('name'),
				{
					kind: 'embed',
					name: 'orders',
					inner: false,
					spread: false,
					items: [f('amount', { agg: 'sum' })]
				}
			]
		],
		[
			'...items(count())',
			[
				{
					kind: 'embed',
					name: 'items',
					inner: false,
					spread: true,
					items: [f('*', { agg: 'count' })]
				}
			]
		],
		// A column named count is still a column.
		['count', [f('count')]]
	];
	it.each(aggregates)('parses the aggregate in %j', (input, expected) => {
		expect(parseSelect(input)).toEqual(expected);
	});

	it.each(cases)('parses %j', (input, expected) => {
		expect(parseSelect(input)).toEqual(expected);
	});

	const errors: [string, string][] = [
		['id,', 'PGRST100'],
		['id);drop table x;--', 'PGRST100'],
		['a(b', 'PGRST100'],
		['"open', 'PGRST100'],
		['id::', 'PGRST100'],
		['id::int;drop', 'PGRST100'],
		['population.sum', 'PGRST100'],
		['population.total()', 'PGRST100'],
		['population.sum()x', 'PGRST100'],
		['population.sum()::', 'PGRST100'],
		['count()x', 'PGRST100'],
		[':id', 'PGRST100']
	];
	it.each(errors)('refuses %j with %s', (input, code) => {
		expect(codeOf(() => parseSelect(input))).toBe(code);
	});

	it('reports the position like PostgREST', () => {
		try {
			parseSelect('id,name(');
		} catch (err) {
			expect((err as RestError).body.message).toBe(
				'"failed to parse select parameter (id,name()" (line 1, column 9)'
			);
		}
	});
});

describe('parseFilterValue', () => {
	const cases: [string, unknown][] = [
		['eq.1', { op: 'eq', negated: false, value: '1' }],
		['eq.a.b.c', { op: 'eq', negated: false, value: 'a.b.c' }],
		['not.eq.', { op: 'eq', negated: true, value: '' }],
		['in.(1,"a,b",c\\d)', { op: 'in', negated: false, values: ['1', 'a,b', 'c\\d'] }],
		['in.()', { op: 'in', negated: false, values: [] }],
		['in.("a\\"b")', { op: 'in', negated: false, values: ['a"b'] }],
		['is.NULL', { op: 'is', negated: false, value: 'null' }],
		['not.is.unknown', { op: 'is', negated: true, value: 'unknown' }],
		[
			'like(any).{a*,b%}',
			{ op: 'like', negated: false, quant: 'any', value: '', values: ['a*', 'b%'] }
		],
		[
			'fts(english).cat & dog',
			{ op: 'fts', negated: false, config: 'english', value: 'cat & dog' }
		],
		['wfts.a b', { op: 'wfts', negated: false, value: 'a b' }],
		['cs.{1,2}', { op: 'cs', negated: false, value: '{1,2}' }],
		['adj.[1,2)', { op: 'adj', negated: false, value: '[1,2)' }]
	];
	const f = (name: string, extra: Record<string, unknown> = {}) => ({
		kind: 'field',
		field: { name, path: [] },
		...extra
	});
	const aggregates: [string, unknown][] = [
		['amount.sum()', [f('amount', { agg: 'sum' })]],
		['count()', [f('*', { agg: 'count' })]],
		['n:count()::text', [f('*', { alias: 'n', agg: 'count', aggCast: 'text' })]],
		['amount.count()', [f('amount', { agg: 'count' })]],
		[
			'total:amount::int.avg()::text,category',
			[f('amount', { alias: 'total', cast: 'int', agg: 'avg', aggCast: 'text' }), f('category')]
		],
		['amount.max(),amount.min()', [f('amount', { agg: 'max' }), f('amount', { agg: 'min' })]],
		[
			'data->>tax::numeric.sum()',
			[
				{
					kind: 'field',
					field: { name: 'data', path: [{ arrow: '->>', key: 'tax' }] },
					cast: 'numeric',
					agg: 'sum'
				}
			]
		],
		[
			'name,orders(amount.sum())',
			[
				f('name'),
				{
					kind: 'embed',
					name: 'orders',
					inner: false,
					spread: false,
					items: [f('amount', { agg: 'sum' })]
				}
			]
		],
		[
			'...items(count())',
			[
				{
					kind: 'embed',
					name: 'items',
					inner: false,
					spread: true,
					items: [f('*', { agg: 'count' })]
				}
			]
		],
		// A column named count is still a column.
		['count', [f('count')]]
	];
	it.each(aggregates)('parses the aggregate in %j', (input, expected) => {
		expect(parseSelect(input)).toEqual(expected);
	});

	it.each(cases)('parses %j', (input, expected) => {
		expect(parseFilterValue(input)).toEqual(expected);
	});
	it.each([
		'foo.1',
		'eq',
		'is.maybe',
		'in.1,2',
		'in.(1',
		'neq(any).{1}',
		'fts(a-b).x',
		'not.not.eq.1'
	])('refuses %j', (input) => {
		expect(codeOf(() => parseFilterValue(input))).toBe('PGRST100');
	});
});

describe('parseLogic', () => {
	it('parses nested and negated trees with quoted and list values', () => {
		expect(
			parseLogic('or', false, '(a.eq.1,not.and(b.gt.2,c.in.(x,y)),d.not.is.null,e.eq."x,)")')
		).toEqual({
			kind: 'logic',
			op: 'or',
			negated: false,
			children: [
				{
					kind: 'filter',
					field: { name: 'a', path: [] },
					expr: { op: 'eq', negated: false, value: '1' }
				},
				{
					kind: 'logic',
					op: 'and',
					negated: true,
					children: [
						{
							kind: 'filter',
							field: { name: 'b', path: [] },
							expr: { op: 'gt', negated: false, value: '2' }
						},
						{
							kind: 'filter',
							field: { name: 'c', path: [] },
							expr: { op: 'in', negated: false, values: ['x', 'y'] }
						}
					]
				},
				{
					kind: 'filter',
					field: { name: 'd', path: [] },
					expr: { op: 'is', negated: true, value: 'null' }
				},
				{
					kind: 'filter',
					field: { name: 'e', path: [] },
					expr: { op: 'eq', negated: false, value: 'x,)' }
				}
			]
		});
	});
	it('keeps JSON paths and array literals intact', () => {
		const tree = parseLogic('and', true, '(meta->>a.eq.1,tags.cs.{a,b})');
		expect(tree.negated).toBe(true);
		expect(tree.children[0]).toMatchObject({
			field: { name: 'meta', path: [{ arrow: '->>', key: 'a' }] }
		});
		expect(tree.children[1]).toMatchObject({ expr: { op: 'cs', value: '{a,b}' } });
	});
	it.each(['a.eq.1', '(a.eq.1', '(a.eq.1,)', '(and(a.eq.1)', '()', '(a.eq.1))'])(
		'refuses %j',
		(input) => {
			expect(codeOf(() => parseLogic('or', false, input))).toBe('PGRST100');
		}
	);
});

describe('parseOrder', () => {
	const cases: [string, unknown][] = [
		['id', [{ field: { name: 'id', path: [] } }]],
		['id.desc', [{ field: { name: 'id', path: [] }, dir: 'desc' }]],
		[
			'id.asc.nullsfirst,name.nullslast',
			[
				{ field: { name: 'id', path: [] }, dir: 'asc', nulls: 'first' },
				{ field: { name: 'name', path: [] }, nulls: 'last' }
			]
		],
		[
			'countries(name).desc',
			[{ relation: 'countries', field: { name: 'name', path: [] }, dir: 'desc' }]
		],
		['meta->>a.asc', [{ field: { name: 'meta', path: [{ arrow: '->>', key: 'a' }] }, dir: 'asc' }]]
	];
	const f = (name: string, extra: Record<string, unknown> = {}) => ({
		kind: 'field',
		field: { name, path: [] },
		...extra
	});
	const aggregates: [string, unknown][] = [
		['amount.sum()', [f('amount', { agg: 'sum' })]],
		['count()', [f('*', { agg: 'count' })]],
		['n:count()::text', [f('*', { alias: 'n', agg: 'count', aggCast: 'text' })]],
		['amount.count()', [f('amount', { agg: 'count' })]],
		[
			'total:amount::int.avg()::text,category',
			[f('amount', { alias: 'total', cast: 'int', agg: 'avg', aggCast: 'text' }), f('category')]
		],
		['amount.max(),amount.min()', [f('amount', { agg: 'max' }), f('amount', { agg: 'min' })]],
		[
			'data->>tax::numeric.sum()',
			[
				{
					kind: 'field',
					field: { name: 'data', path: [{ arrow: '->>', key: 'tax' }] },
					cast: 'numeric',
					agg: 'sum'
				}
			]
		],
		[
			'name,orders(amount.sum())',
			[
				f('name'),
				{
					kind: 'embed',
					name: 'orders',
					inner: false,
					spread: false,
					items: [f('amount', { agg: 'sum' })]
				}
			]
		],
		[
			'...items(count())',
			[
				{
					kind: 'embed',
					name: 'items',
					inner: false,
					spread: true,
					items: [f('*', { agg: 'count' })]
				}
			]
		],
		// A column named count is still a column.
		['count', [f('count')]]
	];
	it.each(aggregates)('parses the aggregate in %j', (input, expected) => {
		expect(parseSelect(input)).toEqual(expected);
	});

	it.each(cases)('parses %j', (input, expected) => {
		expect(parseOrder(input)).toEqual(expected);
	});
	it.each(['id.sideways', 'id.desc.nulls', 'id,', 'id;drop', ''])('refuses %j', (input) => {
		expect(codeOf(() => parseOrder(input))).toBe('PGRST100');
	});
});

describe('parsePrefer', () => {
	it('reads the preferences supabase-js sends, first one wins', () => {
		expect(
			parsePrefer(['return=representation, count=exact', 'missing=default', 'count=planned'])
		).toEqual({
			return: 'representation',
			count: 'exact',
			missing: 'default'
		});
	});
	it('ignores unknown preferences unless handling=strict', () => {
		expect(parsePrefer(['bogus=1, return=minimal'])).toEqual({ return: 'minimal' });
		expect(codeOf(() => parsePrefer(['handling=strict, bogus=1']))).toBe('PGRST122');
	});
});
