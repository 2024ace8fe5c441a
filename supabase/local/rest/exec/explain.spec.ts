import { describe, expect, it } from 'vitest';
import { explainSql } from './explain.ts';

describe('explainSql (PostgREST SqlFragment.hs explainF)', () => {
	it('puts the format first, then the options upper-cased', () => {
		expect(explainSql({ format: 'text', for: 'application/json', options: [] }, 'select 1')).toBe(
			'EXPLAIN (FORMAT TEXT) select 1'
		);
		expect(
			explainSql(
				{ format: 'json', for: 'application/json', options: ['analyze', 'buffers', 'wal'] },
				'select 1'
			)
		).toBe('EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS, WAL) select 1');
	});
});
