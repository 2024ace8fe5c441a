/** Payload validation and the representation of written rows, shared by every write. */
import type { Table } from '../catalog.ts';
import { pgrst } from '../errors.ts';
import type { ReadNode } from '../plan.ts';
import { ident, Params } from '../sql/fragments.ts';
import { jsonBodySql, selectSql } from '../sql/read.ts';
import type { ExecContext } from './context.ts';

export type Row = Record<string, unknown>;

export const invalidJson = () => pgrst('invalidBody', 'Empty or invalid json');

export function isRow(v: unknown): v is Row {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** PGRST204 for a payload key that is not a column. */
export function checkPayloadColumns(table: Table, columns: string[]): void {
	for (const c of columns)
		if (!table.columns.has(c))
			throw pgrst(
				'noColumn',
				`Could not find the '${c}' column of '${table.name}' in the schema cache`
			);
}

/** The rows of an insert payload and the columns it writes. */
export function insertPayload(
	body: unknown,
	columns: string[] | undefined
): { rows: Row[]; columns: string[] } {
	const rows = Array.isArray(body) ? body : [body];
	if (!rows.every(isRow)) throw invalidJson();
	if (columns) return { rows, columns };
	const first = Object.keys(rows[0] ?? {});
	const same = (r: Row) => {
		const keys = Object.keys(r);
		return keys.length === first.length && keys.every((k) => first.includes(k));
	};
	if (!rows.every(same)) throw pgrst('invalidBody', 'All object keys must match');
	return { rows, columns: first };
}

/** The body (and row count) of the touched rows, read from the `pgrst_source` CTE. */
export function representation(ctx: ExecContext, node: ReadNode, params: Params): string {
	const top: ReadNode = { ...node, conditions: [], embedNullFilters: [], order: [] };
	delete top.limit;
	delete top.offset;
	const read = selectSql(top, params, { from: `pgrst_source as ${ident(node.alias)}` });
	return jsonBodySql(read, ctx.req.media === 'object' ? 'object' : 'array', ctx.req.stripNulls);
}
