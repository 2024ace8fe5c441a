import { describe, expect, it } from 'vitest';
import { isNormalizedOrigin, normalizeOrigin, splitOrigins } from './origins.ts';

describe('normalizeOrigin', () => {
	it.each([
		['https://shop.example.com', 'https://shop.example.com'],
		['https://Shop.Example.COM/', 'https://shop.example.com'],
		['  http://localhost:5173 ', 'http://localhost:5173'],
		['https://shop.example.com:443', 'https://shop.example.com'],
		['http://127.0.0.1:80', 'http://127.0.0.1'],
		['http://[::1]:8080', 'http://[::1]:8080'],
		['https://bücher.example', 'https://xn--bcher-kva.example']
	])('accepts %s as %s', (input, origin) => {
		expect(normalizeOrigin(input)).toEqual({ ok: true, origin });
	});

	it.each([
		['shop.example.com', 'no-scheme', 'https://shop.example.com'],
		['https://shop.example.com/products', 'has-path', 'https://shop.example.com'],
		['https://shop.example.com/?a=1', 'has-path', 'https://shop.example.com'],
		['https://user:pw@shop.example.com', 'has-path', 'https://shop.example.com'],
		['ftp://shop.example.com', 'bad-scheme', undefined],
		['javascript:alert(1)', 'bad-scheme', undefined],
		['https://', 'invalid', undefined],
		['https://exa mple.com', 'invalid', undefined]
	])('refuses %s (%s)', (input, problem, suggestion) => {
		const result = normalizeOrigin(input);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem).toBe(problem);
			expect(result.suggestion).toBe(suggestion);
		}
	});
});

describe('isNormalizedOrigin', () => {
	it.each([
		['https://a.example', true],
		['https://a.example/', false],
		['HTTPS://a.example', false],
		['https://a.example:443', false],
		['http://a.example:80', false],
		['http://a.example:65536', false],
		['http://a.example:8080', true]
	])('%s → %s', (value, expected) => {
		expect(isNormalizedOrigin(value)).toBe(expected);
	});
});

describe('splitOrigins', () => {
	it('takes one origin per line, commas or spaces, and drops blanks', () => {
		expect(splitOrigins('https://a.example\n\n https://b.example, https://c.example  ')).toEqual([
			'https://a.example',
			'https://b.example',
			'https://c.example'
		]);
	});
});
