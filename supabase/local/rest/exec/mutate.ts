/** POST (insert, upsert), PATCH and DELETE on a table, with `Prefer: return=…`. */
import { applyFilters } from '../parse/request.ts';
import { checkColumn, findTable, planRead } from '../plan.ts';
import { Params } from '../sql/fragments.ts';
import { deleteSql, insertSql, updateSql } from '../sql/write.ts';
import type { ExecContext, Run } from './context.ts';
import { explain } from './explain.ts';
import {
	checkPayloadColumns,
	insertPayload,
	invalidJson,
	isRow,
	representation
} from './payload.ts';
import { checkPutFilters, planPut } from './put.ts';
import { baseHeaders, checkMaxAffected, checkSingular, render } from './shape.ts';

/** Plans a mutation; the returned function runs it in the role transaction. */
export function planMutation(ctx: ExecContext, name: string): Run {
	const { req, cache } = ctx;
	const table = findTable(cache, name);
	applyFilters(req, req.rawFilters.splice(0));
	if (req.method === 'PUT') checkPutFilters(req, table);
	const node = planRead(cache, req, table, table.name, ctx.aggregates);
	if (req.method === 'PUT') return planPut(ctx, table, node);
	const full = req.prefs.return === 'representation';
	const conditions = node.conditions;
	let build: (p: Params) => string | undefined;

	if (req.method === 'POST') {
		const { rows, columns } = insertPayload(ctx.body, req.columns);
		checkPayloadColumns(table, columns);
		let onConflict:
			{ columns: string[]; resolution: 'merge-duplicates' | 'ignore-duplicates' } | undefined;
		if (req.prefs.resolution) {
			const cols = req.onConflict ?? table.pk;
			for (const c of cols) checkColumn(table, table.name, c);
			onConflict = { columns: cols, resolution: req.prefs.resolution };
		}
		build = (p) =>
			rows.length === 0
				? undefined
				: insertSql(
						{
							table,
							columns,
							rows,
							missingDefault: req.prefs.missing === 'default',
							...(onConflict ? { onConflict } : {})
						},
						p,
						full
					);
	} else if (req.method === 'PATCH') {
		if (!isRow(ctx.body)) throw invalidJson();
		const row = ctx.body;
		const columns = req.columns ?? Object.keys(row);
		checkPayloadColumns(table, columns);
		build = (p) =>
			columns.length === 0 ? undefined : updateSql(table, columns, row, conditions, p, full);
	} else {
		build = (p) => deleteSql(table, conditions, p, full);
	}

	const status = req.method === 'POST' ? 201 : full ? 200 : 204;
	return async (tx) => {
		const params = new Params();
		const mutation = build(params);
		if (req.plan)
			return explain(
				tx,
				req.plan,
				mutation
					? full
						? `with pgrst_source as (${mutation}) ${representation(ctx, node, params)}`
						: `with pgrst_source as (${mutation}) select count(*)::int as n from pgrst_source`
					: 'select 0 as n',
				params.values
			);
		let n = 0;
		let body: string | null = req.media === 'object' ? null : '[]';
		if (mutation && full) {
			const row = (
				await tx.query<{ body: string | null; n: number }>(
					`with pgrst_source as (${mutation}) ${representation(ctx, node, params)}`,
					params.values
				)
			).rows[0];
			n = row.n;
			body = row.body;
		} else if (mutation) {
			n = (
				await tx.query<{ n: number }>(
					`with pgrst_source as (${mutation}) select count(*)::int as n from pgrst_source`,
					params.values
				)
			).rows[0].n;
		}
		checkSingular(req, n);
		checkMaxAffected(req, n);
		const headers: Record<string, string> = { ...baseHeaders(req, true) };
		const total = req.prefs.count ? String(n) : '*';
		headers['content-range'] = n > 0 ? `0-${n - 1}/${total}` : `*/${total}`;
		if (!full) return { status: status === 201 ? 201 : 204, headers };
		return { status, headers, body: render(req, body, headers) };
	};
}
