/** GET / HEAD on a table or view. */
import { applyFilters } from '../parse/request.ts';
import { findTable, planRead } from '../plan.ts';
import { jsonBodySql, selectSql } from '../sql/read.ts';
import { Params } from '../sql/fragments.ts';
import { PREPARED, readOnly, type ExecContext, type Run } from './context.ts';
import { explain } from './explain.ts';
import { baseHeaders, checkSingular, countRows, paging, rangeReply, render } from './shape.ts';

/** Plans a read; the returned function runs it in the role transaction. */
export function planTableRead(ctx: ExecContext, name: string): Run {
	const { req, cache } = ctx;
	const table = findTable(cache, name);
	applyFilters(req, req.rawFilters.splice(0));
	const node = planRead(cache, req, table, table.name, ctx.aggregates);
	const { limit, offset } = paging(req, ctx.maxRows);
	return readOnly(async (tx) => {
		const params = new Params();
		const sql = jsonBodySql(
			selectSql(node, params, { limit, offset }),
			req.media === 'object' ? 'object' : 'array',
			req.stripNulls
		);
		if (req.plan) return explain(tx, req.plan, sql, params.values);
		const row = (await tx.query<{ body: string | null; n: number }>(sql, params.values, PREPARED))
			.rows[0];
		const total = await countRows(
			tx,
			req,
			(p) => selectSql(node, p, { forCount: true }),
			ctx.maxRows
		);
		checkSingular(req, row.n);
		const { status, contentRange } = rangeReply(offset, row.n, total);
		const headers = { ...baseHeaders(req, false), 'content-range': contentRange };
		const body = render(req, row.body, headers);
		return { status, headers, ...(req.method === 'HEAD' ? {} : { body }) };
	});
}
