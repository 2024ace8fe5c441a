import { describe, expect, it } from 'vitest';
import { BindingError, bindingId, parseBinding, parseFilter } from './filters.ts';

describe('postgres_changes filters', () => {
	it.each([
		['id=eq.5', { column: 'id', op: 'eq', values: ['5'] }],
		['body=neq.hello world', { column: 'body', op: 'neq', values: ['hello world'] }],
		['n=lt.3', { column: 'n', op: 'lt', values: ['3'] }],
		['n=lte.3', { column: 'n', op: 'lte', values: ['3'] }],
		['n=gt.3', { column: 'n', op: 'gt', values: ['3'] }],
		['n=gte.3', { column: 'n', op: 'gte', values: ['3'] }],
		['room=in.(a,b,"c d")', { column: 'room', op: 'in', values: ['a', 'b', 'c d'] }],
		['v=eq.a.b', { column: 'v', op: 'eq', values: ['a.b'] }]
	])('parses %s', (text, expected) => {
		expect(parseFilter(text)).toEqual(expected);
	});

	it.each(['id', 'id=5', '=eq.5', 'id=like.5', 'id=in.()'])('refuses %s', (text) => {
		expect(() => parseFilter(text)).toThrow(BindingError);
	});
});

describe('postgres_changes bindings', () => {
	it('keeps the client params so the join reply can echo them', () => {
		const b = parseBinding({ event: '*', schema: 'public', table: 'notes', filter: 'id=eq.1' });
		expect(b.params).toEqual({ event: '*', schema: 'public', table: 'notes', filter: 'id=eq.1' });
		expect(b.table).toBe('notes');
		expect(b.filter).toEqual({ column: 'id', op: 'eq', values: ['1'] });
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
