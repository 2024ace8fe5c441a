/** `POST|GET|HEAD /rpc/fn`: calls a function, then treats row results like a table read. */
import type { Column, DbFunction, SchemaCache, Table } from '../catalog.ts';
import { pgrst } from '../errors.ts';
import { parseFilterValue } from '../parse/filter.ts';
import { applyFilters } from '../parse/request.ts';
import { planRead } from '../plan.ts';
import { Params } from '../sql/fragments.ts';
import { jsonBodySql, selectSql } from '../sql/read.ts';
import { callFromSql, resolveFunction } from '../sql/rpc.ts';
import { PREPARED, readOnly, type ExecContext, type Run } from './context.ts';
import { explain } from './explain.ts';
import { baseHeaders, checkSingular, countRows, paging, rangeReply, render } from './shape.ts';

/** The name `format_type` gives a type, less the schema's qualification when it is `schema`. */
function unqualified(type: string, schema: string): string {
	const quoted = `"${schema.replaceAll('"', '""')}".`;
	const rest = type.startsWith(quoted)
		? type.slice(quoted.length)
		: type.startsWith(`${schema}.`)
			? type.slice(schema.length + 1)
			: type;
	return rest.replace(/^"(.*)"$/, (_, n: string) => n.replaceAll('""', '"'));
}

/** The table a row-returning function's rows look like: its return type's table, or its OUT args. */
function resultTable(cache: SchemaCache, fn: DbFunction): Table {
	const named = cache.tables.get(unqualified(fn.returnType, fn.schema));
	if (named) return named;
	const columns = new Map<string, Column>();
	for (const a of fn.args)
		if ((a.mode === 'o' || a.mode === 'b' || a.mode === 't') && a.name)
			columns.set(a.name, { name: a.name, type: a.type, notNull: false, hasDefault: false });
	return {
		schema: fn.schema,
		name: fn.name,
		kind: 'view',
		columns,
		pk: [],
		uniques: [],
		computed: new Set()
	};
}

function isOperatorExpression(value: string): boolean {
	try {
		parseFilterValue(value);
		return true;
	} catch {
		return false;
	}
}

/** Plans a function call; the returned function runs it in the role transaction. */
export function planRpc(ctx: ExecContext, name: string): Run {
	const { req, cache } = ctx;
	const post = req.method === 'POST';
	let args: Record<string, unknown>;
	let keys: string[];
	if (post) {
		const body = ctx.body ?? {};
		if (typeof body !== 'object' || body === null || Array.isArray(body))
			throw pgrst('invalidBody', 'Empty or invalid json');
		args = body as Record<string, unknown>;
		keys = Object.keys(args);
	} else {
		// A GET parameter is an argument unless its value is an operator expression, which makes
		// it a filter on the result (QueryParams.hs pRequestFilter with isRpcRead).
		const params = req.rawFilters.filter(([, v]) => !isOperatorExpression(v));
		args = Object.fromEntries(params);
		keys = [...new Set(params.map(([k]) => k))];
	}
	const { fn, args: used, wholeBody } = resolveFunction(cache, name, keys, post);
	// GET/HEAD calls, and calls of stable or immutable functions, run READ ONLY (Plan.hs).
	const mode = !post || fn.volatility !== 'v' ? readOnly : (run: Run) => run;
	const filters = post
		? req.rawFilters
		: req.rawFilters.filter(([k, v]) => !used.includes(k) || isOperatorExpression(v));
	req.rawFilters = [];
	applyFilters(req, filters);
	const bodyText = JSON.stringify(
		wholeBody ? (ctx.body ?? {}) : Object.fromEntries(used.map((k) => [k, args[k]]))
	);
	const from = (p: Params) => callFromSql(fn, used, bodyText, wholeBody, p);
	const headers = baseHeaders(req, false);

	if (fn.returns !== 'row') {
		// A set of values pages like rows (limit, offset, Range, max rows); a single one does not.
		const page = fn.setOf ? paging(req, ctx.maxRows) : { offset: 0 };
		const window = `${page.limit !== undefined ? ` limit ${Math.trunc(page.limit)}` : ''}${page.offset > 0 ? ` offset ${Math.trunc(page.offset)}` : ''}`;
		return mode(async (tx) => {
			const p = new Params();
			const call = from(p);
			const sql =
				fn.returns === 'void'
					? `select null::text as body, count(*)::int as n from ${call}`
					: fn.setOf
						? `select coalesce(json_agg(pgrst_page.pgrst_scalar), '[]')::text as body, count(*)::int as n from (select pgrst_call.pgrst_scalar from ${call}${window}) as pgrst_page`
						: `select to_json(pgrst_call.pgrst_scalar)::text as body, 1 as n from ${call}`;
			if (req.plan) return explain(tx, req.plan, sql, p.values);
			const row = (await tx.query<{ body: string | null; n: number }>(sql, p.values, PREPARED))
				.rows[0];
			// A single result counts as one row (Statements.hs prepareCall), void's too.
			const n = fn.setOf ? row.n : 1;
			const total = fn.setOf
				? await countRows(tx, req, (q) => `select 1 from ${from(q)}`, ctx.maxRows)
				: req.prefs.count
					? 1
					: undefined;
			const { status, contentRange: range } = rangeReply(page.offset, n, total);
			if (fn.returns === 'void')
				return { status: 204, headers: { ...headers, 'content-range': range } };
			const h = { ...headers, 'content-range': range };
			const body = render(
				{ ...req, media: req.media === 'csv' ? 'csv' : 'json' },
				row.body ?? 'null',
				h
			);
			return { status, headers: h, ...(req.method === 'HEAD' ? {} : { body }) };
		});
	}

	const node = planRead(cache, req, resultTable(cache, fn), 'pgrst_call', ctx.aggregates);
	const { limit, offset } = fn.setOf ? paging(req, ctx.maxRows) : { limit: undefined, offset: 0 };
	const single = !fn.setOf || req.media === 'object';
	return mode(async (tx) => {
		const p = new Params();
		const read = selectSql(node, p, {
			from: from(p),
			...(limit !== undefined ? { limit } : {}),
			offset
		});
		const sql = jsonBodySql(read, single ? 'object' : 'array', req.stripNulls);
		if (req.plan) return explain(tx, req.plan, sql, p.values);
		const row = (await tx.query<{ body: string | null; n: number }>(sql, p.values, PREPARED))
			.rows[0];
		const total = await countRows(
			tx,
			req,
			(q) => selectSql(node, q, { from: from(q), forCount: true }),
			ctx.maxRows
		);
		if (fn.setOf) checkSingular(req, row.n);
		// A single result counts as one row (Statements.hs prepareCall).
		const { status, contentRange } = rangeReply(offset, fn.setOf ? row.n : 1, total);
		const h: Record<string, string> = { ...headers, 'content-range': contentRange };
		const body = render(
			{ ...req, media: single && req.media !== 'csv' ? 'object' : req.media },
			row.body ?? 'null',
			h
		);
		if (!fn.setOf) h['content-type'] = 'application/json; charset=utf-8';
		return { status, headers: h, ...(req.method === 'HEAD' ? {} : { body }) };
	});
}
