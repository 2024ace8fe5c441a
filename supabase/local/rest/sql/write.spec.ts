import { describe, expect, it } from 'vitest';
import type { Table } from '../catalog.ts';
import type { Condition } from '../parse/types.ts';
import { Params } from './fragments.ts';
import { deleteSql, insertSql, updateSql } from './write.ts';

const table: Table = {
	schema: 'public',
	name: 't',
	kind: 'table',
	columns: new Map(
		[
			['id', 'integer'],
			['s', 'text']
		].map(([name, type]) => [name, { name, type, notNull: false, hasDefault: false }])
	),
	pk: ['id'],
	uniques: [['id']],
	computed: new Set()
};
const open: Condition = {
	kind: 'filter',
	field: { name: 's', path: [] },
	expr: { op: 'eq', negated: false, value: 'open' }
};
const byId = (value: string): Condition => ({
	kind: 'filter',
	field: { name: 'id', path: [] },
	expr: { op: 'eq', negated: false, value }
});

describe('write SQL', () => {
	const cases: [string, (p: Params) => string, string, (string | null)[]][] = [
		[
			'plain update',
			(p) => updateSql(table, ['s'], { s: 'x' }, [open], p, false),
			'update "public"."t" as "t" set "s" = pgrst_body."s" from (select * from json_to_record($1::json) as pgrst_body("s" text)) as pgrst_body where "t"."s" = $2 returning 1',
			['{"s":"x"}', 'open']
		],
		[
			'plain delete',
			(p) => deleteSql(table, [open], p, true),
			'delete from "public"."t" as "t" where "t"."s" = $1 returning "t".*',
			['open']
		],
		[
			'PUT upsert filters the payload by the URL key',
			(p) =>
				insertSql(
					{
						table,
						columns: ['id', 's'],
						rows: [{ id: 1, s: 'x' }],
						missingDefault: false,
						onConflict: { columns: ['id'], resolution: 'merge-duplicates' },
						bodyFilter: [byId('1')],
						markInserted: true
					},
					p,
					true
				),
			'insert into "public"."t" as "t" ("id", "s") select "id", "s" from json_to_recordset($1::json) as pgrst_body("id" integer, "s" text) where "pgrst_body"."id" = $2 on conflict ("id") do update set "id" = excluded."id", "s" = excluded."s" returning "t".*, ("t".xmax = 0) as pgrst_inserted',
			['[{"id":1,"s":"x"}]', '1']
		]
	];
	it.each(cases)('%s', (_name, build, sql, values) => {
		const p = new Params();
		expect(build(p)).toBe(sql);
		expect(p.values).toEqual(values);
	});
});
