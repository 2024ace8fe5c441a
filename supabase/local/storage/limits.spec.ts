import { describe, expect, it } from 'vitest';
import { StorageError } from './errors.ts';
import { parseRange } from './download.ts';
import {
	isValidBucketName,
	isValidKey,
	mustBeAllowedMimeType,
	parseFileSizeToBytes
} from './limits.ts';

describe('names', () => {
	it.each([
		['folder/cat.png', true],
		['ünïcode/名前.txt', true],
		['a b (1).txt', true],
		['', false],
		['../etc/passwd', false],
		['a/./b', false],
		['tab\there', false]
	])('key %j valid: %s', (key, ok) => expect(isValidKey(key)).toBe(ok));

	it.each([
		['avatars', true],
		['bad/name', false],
		[' padded', false],
		['x'.repeat(101), false]
	])('bucket %j valid: %s', (name, ok) => expect(isValidBucketName(name)).toBe(ok));
});

describe('parseFileSizeToBytes', () => {
	it.each([
		['3B', 3],
		['30KB', 30000],
		['1MB', 1000000],
		['1.5gb', 1.5e9]
	])('%s is %d bytes', (text, bytes) => expect(parseFileSizeToBytes(text)).toBe(bytes));
	it('refuses sizes without a unit', () =>
		expect(() => parseFileSizeToBytes('20')).toThrow(StorageError));
});

describe('mustBeAllowedMimeType', () => {
	it('accepts listed types, wildcards and any type when unrestricted', () => {
		expect(() => mustBeAllowedMimeType('image/png', ['image/png'])).not.toThrow();
		expect(() => mustBeAllowedMimeType('image/webp', ['image/*'])).not.toThrow();
		expect(() => mustBeAllowedMimeType('text/plain;charset=UTF-8', ['text/plain'])).not.toThrow();
		expect(() => mustBeAllowedMimeType('anything/else', null)).not.toThrow();
	});
	it('refuses other types with InvalidMimeType', () => {
		try {
			mustBeAllowedMimeType('text/plain', ['image/*']);
			expect.unreachable();
		} catch (err) {
			expect((err as StorageError).body()).toEqual({
				statusCode: '415',
				code: 'InvalidMimeType',
				error: 'invalid_mime_type',
				message: 'mime type text/plain is not supported'
			});
		}
	});
});

describe('parseRange', () => {
	it.each([
		[undefined, 10, undefined],
		['bytes=0-3', 10, { start: 0, end: 3 }],
		['bytes=5-', 10, { start: 5, end: 9 }],
		['bytes=-4', 10, { start: 6, end: 9 }],
		['bytes=8-100', 10, { start: 8, end: 9 }],
		['bytes=10-12', 10, 'unsatisfiable'],
		['items=0-1', 10, undefined]
	])('%s of %d bytes → %j', (header, size, expected) =>
		expect(parseRange(header, size)).toEqual(expected)
	);
});
