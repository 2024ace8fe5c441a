import { describe, expect, it } from 'vitest';
import { isNormalizedOrigin, normalizeOrigin, splitOrigins } from './origins.ts';

describe('normalizeOrigin', () => {
	it.each([
		['https://shop.example.com', 'https://shop.example.com'],
		['https://Shop.Example.COM/', 'https://shop.example.com'],
		['HTTP://SHOP.example', 'http://shop.example'],
		['  http://localhost:5173 ', 'http://localhost:5173'],
		['http://devbox:3000', 'http://devbox:3000'],
		['https://shop.example.com:443', 'https://shop.example.com'],
		['http://127.0.0.1:80', 'http://127.0.0.1'],
		['http://[::1]:8080', 'http://[::1]:8080'],
		['https://bücher.example', 'https://xn--bcher-kva.example']
	])('accepts %s as %s', (input, origin) => {
		expect(normalizeOrigin(input)).toEqual({ ok: true, origin });
	});

	it.each([
		['shop.example.com', 'no-scheme', 'https://shop.example.com'],
		['www.shop.example', 'no-scheme', 'https://www.shop.example'],
		['shop.example.com:8080', 'no-scheme', 'https://shop.example.com:8080'],
		['localhost:5173', 'no-scheme', 'http://localhost:5173'],
		['https://shop.example.com/products', 'has-path', 'https://shop.example.com'],
		['https://shop.example.com/?a=1', 'has-path', 'https://shop.example.com'],
		['https://user:pw@shop.example.com', 'has-path', 'https://shop.example.com'],
		['ftp://shop.example.com', 'bad-scheme', undefined],
		['javascript:alert(1)', 'bad-scheme', undefined],
		['https://', 'not-address', undefined],
		['https://exa mple.com', 'not-address', undefined],
		['https://*.example.com', 'not-address', undefined]
	])('refuses %s (%s)', (input, problem, suggestion) => {
		const result = normalizeOrigin(input);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem).toBe(problem);
			expect(result.suggestion).toBe(suggestion);
		}
	});

	it.each([
		['http://shop.example.com/products', 'http://shop.example.com'],
		['http//shop.example.com', 'http://shop.example.com'],
		['http:/shop.example.com', 'http://shop.example.com'],
		['http:shop.example.com', 'http://shop.example.com'],
		['https:/shop.example.com/', 'https://shop.example.com']
	])('keeps the scheme typed in %s when it suggests %s', (input, suggestion) => {
		expect(normalizeOrigin(input)).toMatchObject({ ok: false, suggestion });
	});

	it.each(['not a url at all', 'not', 'shop', '*.example.com', 'http://not a url'])(
		'explains that %s is not an address instead of guessing one',
		(input) => {
			expect(normalizeOrigin(input)).toEqual({ ok: false, problem: 'not-address' });
		}
	);
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

	it('keeps a line of words whole, so it is explained as one entry', () => {
		expect(splitOrigins('not a url at all\nhttps://a.example')).toEqual([
			'not a url at all',
			'https://a.example'
		]);
	});
});
