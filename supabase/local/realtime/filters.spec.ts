import { describe, expect, it } from 'vitest';
import { BindingError, bindingId, parseBinding, parseFilter, splitTopLevel } from './filters.ts';

const one = (column: string, op: string, value: string, negate = false) => [
	{ column, op, value, negate }
];

describe('postgres_changes filters', () => {
	it.each([
		['id=eq.5', one('id', 'eq', '5')],
		['body=neq.hello world', one('body', 'neq', 'hello world')],
		['n=lt.3', one('n', 'lt', '3')],
		['n=lte.3', one('n', 'lte', '3')],
		['n=gt.3', one('n', 'gt', '3')],
		['n=gte.3', one('n', 'gte', '3')],
		['room=in.(a,b,"c d")', one('room', 'in', '{a,b,"c d"}')],
		['v=eq.a.b', one('v', 'eq', 'a.b')],
		['body=like.hey%', one('body', 'like', 'hey%')],
		['body=ilike.*HEY*', one('body', 'ilike', '*HEY*')],
		['done=is.null', one('done', 'is', 'null')],
		['body=match.^a.+z$', one('body', 'match', '^a.+z$')],
		['body=imatch.^A', one('body', 'imatch', '^A')],
		['n=isdistinct.3', one('n', 'isdistinct', '3')],
		['body=not.like.hey%', one('body', 'like', 'hey%', true)],
		['id=not.in.(1,2)', one('id', 'in', '{1,2}', true)],
		['body=eq."a,b"', one('body', 'eq', 'a,b')],
		['body=eq."say \\"hi\\""', one('body', 'eq', 'say "hi"')],
		['  id=eq.5  ', one('id', 'eq', '5')]
	])('parses %s', (text, expected) => {
		expect(parseFilter(text)).toEqual(expected);
	});

	it('composes comma-separated conditions with and, keeping commas inside lists and quotes', () => {
		expect(parseFilter('id=gt.0, id=lt.100,room=in.(a,b),body=neq."x,y"')).toEqual([
			...one('id', 'gt', '0'),
			...one('id', 'lt', '100'),
			...one('room', 'in', '{a,b}'),
			...one('body', 'neq', 'x,y')
		]);
	});

	it('reads an empty or blank filter as no filter', () => {
		expect(parseFilter('')).toEqual([]);
		expect(parseFilter('   ')).toEqual([]);
	});

	it.each([
		['subject=foo.hey', 'Error parsing `filter` params: ["foo", "hey"]'],
		['undefined', 'Error parsing `filter` params: ["undefined"]'],
		['id=5', 'Error parsing `filter` params: ["5"]'],
		['id=not.eq', 'Error parsing `filter` params: ["eq"]'],
		[
			'id=in.1,2',
			'Error parsing `filter` params: `in` filter value must be wrapped by parentheses'
		],
		[
			'id=eq.1,,id=eq.2',
			'Error parsing `filter` params: filter must not contain empty segments (check for extra commas)'
		],
		[
			'id=eq.1,',
			'Error parsing `filter` params: filter must not contain empty segments (check for extra commas)'
		],
		['id=eq.1,nope', 'Error parsing `filter` params: ["nope"]']
	])("refuses %s with Realtime's message", (text, message) => {
		expect(() => parseFilter(text)).toThrow(new BindingError(message));
	});

	it('splits only on top-level commas', () => {
		expect(splitTopLevel('a=in.(1,2),b=eq."c,d",e=eq.f')).toEqual([
			'a=in.(1,2)',
			'b=eq."c,d"',
			'e=eq.f'
		]);
		// A quote in the middle of a value does not open a quoted run.
		expect(splitTopLevel('a=eq.x"y,b=eq.z')).toEqual(['a=eq.x"y', 'b=eq.z']);
	});
});

describe('postgres_changes bindings', () => {
	it('keeps the client params so the join reply can echo them', () => {
		const b = parseBinding({ event: '*', schema: 'public', table: 'notes', filter: 'id=eq.1' });
		expect(b.params).toEqual({ event: '*', schema: 'public', table: 'notes', filter: 'id=eq.1' });
		expect(b.table).toBe('notes');
		expect(b.filter).toEqual(one('id', 'eq', '1'));
		expect(b.select).toBeNull();
	});

	it('keeps the select list, and refuses one given as a string or on every table', () => {
		const params = { event: '*', schema: 'public', table: 'notes', select: ['body', 7, 'id'] };
		expect(parseBinding(params).select).toEqual(['body', 'id']);
		expect(parseBinding({ ...params, select: [] }).select).toBeNull();
		expect(() => parseBinding({ ...params, select: 'body' })).toThrow(
			/^Error parsing `select` params: expected a list of column name strings/
		);
		expect(() => parseBinding({ event: '*', schema: 'public', select: ['body'] })).toThrow(
			'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.'
		);
	});

	it('treats a missing or * table as every table of the schema', () => {
		expect(parseBinding({ event: 'INSERT', schema: 'public' }).table).toBeNull();
		expect(parseBinding({ event: 'INSERT', schema: 'public', table: '*' }).table).toBeNull();
	});

	it('refuses unknown events, missing schemas and filters without a table', () => {
		expect(() => parseBinding({ event: 'TRUNCATE', schema: 'public' })).toThrow(BindingError);
		expect(() => parseBinding({ event: '*' })).toThrow(BindingError);
		expect(() => parseBinding({ event: '*', schema: 'public', filter: 'id=eq.1' })).toThrow(
			BindingError
		);
		expect(() => parseBinding('x')).toThrow(BindingError);
	});

	it('gives equal params the same id whatever the key order', () => {
		expect(bindingId({ event: '*', schema: 'public' })).toBe(
			bindingId({ schema: 'public', event: '*' })
		);
		expect(bindingId({ event: '*', schema: 'public' })).not.toBe(
			bindingId({ event: 'INSERT', schema: 'public' })
		);
	});
});
