/** POST (insert, upsert), PATCH and DELETE on a table, with `Prefer: return=…`. */
import { applyFilters } from '../parse/request.ts';
import { checkColumn, findTable, planRead } from '../plan.ts';
import { ident, Params } from '../sql/fragments.ts';
import { deleteSql, insertSql, updateSql } from '../sql/write.ts';
import { PREPARED, type ExecContext, type Run } from './context.ts';
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
	let merging = false;

	if (req.method === 'POST') {
		const { rows, columns } = insertPayload(ctx.body, req.columns);
		checkPayloadColumns(table, columns);
		let onConflict:
			{ columns: string[]; resolution: 'merge-duplicates' | 'ignore-duplicates' } | undefined;
		merging = req.prefs.resolution === 'merge-duplicates';
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
							...(onConflict ? { onConflict } : {}),
							markInserted: merging
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
	// An upsert that merges tells inserted rows from updated ones (Statements.hs prepareWrite).
	const cols = [...table.columns.keys()].map(ident).join(', ');
	const source = (mutation: string) =>
		merging
			? `with pgrst_mut as (${mutation}), pgrst_source as (select ${full ? cols : '1'} from pgrst_mut)`
			: `with pgrst_source as (${mutation})`;
	const insertedSql = merging
		? `(select count(*) from pgrst_mut where pgrst_inserted)::int`
		: `null::int`;
	return async (tx) => {
		const params = new Params();
		const mutation = build(params);
		if (req.plan)
			return explain(
				tx,
				req.plan,
				mutation
					? full
						? `${source(mutation)} ${representation(ctx, node, params)}`
						: `${source(mutation)} select count(*)::int as n from pgrst_source`
					: 'select 0 as n',
				params.values
			);
		let n = 0;
		let inserted: number | null = null;
		let body: string | null = req.media === 'object' ? null : '[]';
		if (mutation && full) {
			const row = (
				await tx.query<{ body: string | null; n: number; inserted: number | null }>(
					`${source(mutation)} select pgrst_r.body, pgrst_r.n, ${insertedSql} as inserted from (${representation(ctx, node, params)}) as pgrst_r`,
					params.values,
					PREPARED
				)
			).rows[0];
			n = row.n;
			inserted = row.inserted;
			body = row.body;
		} else if (mutation) {
			const row = (
				await tx.query<{ n: number; inserted: number | null }>(
					`${source(mutation)} select count(*)::int as n, ${insertedSql} as inserted from pgrst_source`,
					params.values,
					PREPARED
				)
			).rows[0];
			n = row.n;
			inserted = row.inserted;
		}
		checkSingular(req, n);
		checkMaxAffected(req, n);
		const headers: Record<string, string> = { ...baseHeaders(req, true) };
		// Response.hs: an insert or delete answers `*/<total>`, an update the range it wrote.
		const total = req.prefs.count ? String(n) : '*';
		headers['content-range'] =
			req.method === 'PATCH' && n > 0 ? `0-${n - 1}/${total}` : `*/${total}`;
		// An upsert that inserted nothing answers 200 (Response.hs isInsertIfGTZero).
		const created = merging && inserted !== null && inserted <= 0 ? 200 : 201;
		if (!full) return { status: status === 201 ? created : 204, headers };
		return { status: status === 201 ? created : status, headers, body: render(req, body, headers) };
	};
}
