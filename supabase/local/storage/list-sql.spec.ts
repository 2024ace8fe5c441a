import { describe, expect, it } from 'vitest';
import { decodeContinuationToken, encodeContinuationToken } from './list-sql.ts';

describe('list-v2 continuation tokens', () => {
	it("use Storage's `k:value` lines in base64", () => {
		const token = encodeContinuationToken({
			startAfter: 'dir/a.txt',
			sortOrder: 'desc',
			sortColumn: 'created_at',
			sortColumnAfter: '2024-01-02T03:04:05.678Z'
		});
		expect(Buffer.from(token, 'base64').toString()).toBe(
			'l:dir/a.txt\no:desc\nc:created_at\na:2024-01-02T03:04:05.678Z'
		);
		expect(decodeContinuationToken(token)).toEqual({
			startAfter: 'dir/a.txt',
			sortOrder: 'desc',
			sortColumn: 'created_at',
			sortColumnAfter: '2024-01-02T03:04:05.678Z'
		});
	});

	it('default to ascending and leave out empty parts', () => {
		const token = encodeContinuationToken({ startAfter: 'x', sortOrder: undefined });
		expect(Buffer.from(token, 'base64').toString()).toBe('l:x');
		expect(decodeContinuationToken(token)).toEqual({ startAfter: 'x', sortOrder: 'asc' });
	});

	it('reject anything else', () => {
		expect(decodeContinuationToken(Buffer.from('not a cursor').toString('base64'))).toBeNull();
		expect(decodeContinuationToken(Buffer.from('z:1').toString('base64'))).toBeNull();
	});
});
