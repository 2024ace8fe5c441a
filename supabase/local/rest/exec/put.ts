/**
 * PUT: PostgREST's single-row upsert. The URL names the row by every primary-key column
 * with `eq`; the payload must carry the same key values, and exactly one row is written.
 */
import type { Table } from '../catalog.ts';
import { pgrst } from '../errors.ts';
import type { ApiRequest } from '../parse/request.ts';
import type { ReadNode } from '../plan.ts';
import { ident, Params } from '../sql/fragments.ts';
import { insertSql } from '../sql/write.ts';
import { PREPARED, type ExecContext, type Run } from './context.ts';
import { explain } from './explain.ts';
import { checkPayloadColumns, insertPayload, representation } from './payload.ts';
import { appliedPreferences } from '../parse/prefer.ts';
import { render } from './shape.ts';

const mismatch = () =>
	pgrst('putMatchingPk', 'Payload values do not match URL in primary key column(s)');

/** PGRST105 unless the top-level filters are exactly one `eq` per primary-key column. */
export function checkPutFilters(req: ApiRequest, table: Table): void {
	const root = req.levels.get('')?.conditions ?? [];
	const logic = [...req.levels.values()].some((l) => l.conditions.some((c) => c.kind === 'logic'));
	const names = new Set(root.map((c) => (c.kind === 'filter' ? c.field.name : '')));
	const pk = new Set(table.pk);
	const allEq = root.every(
		(c) =>
			c.kind === 'filter' &&
			c.expr.op === 'eq' &&
			!c.expr.negated &&
			!('quant' in c.expr && c.expr.quant)
	);
	if (
		logic ||
		!allEq ||
		pk.size === 0 ||
		names.size !== pk.size ||
		![...names].every((n) => pk.has(n))
	)
		throw pgrst(
			'invalidFilters',
			"Filters must include all and only primary key columns with 'eq' operators"
		);
}

/** Plans a PUT; the returned function runs it in the role transaction. */
export function planPut(ctx: ExecContext, table: Table, node: ReadNode): Run {
	const { req } = ctx;
	const { rows, columns } = insertPayload(ctx.body, req.columns);
	checkPayloadColumns(table, columns);
	// A key column the payload leaves out is null, which never equals the URL's value.
	if (!table.pk.every((c) => columns.includes(c))) throw mismatch();
	const full = req.prefs.return === 'representation';
	const build = (p: Params) =>
		insertSql(
			{
				table,
				columns,
				rows,
				missingDefault: false,
				onConflict: { columns: table.pk, resolution: 'merge-duplicates' },
				bodyFilter: node.conditions,
				markInserted: true
			},
			p,
			full
		);
	// PUT answers no resolution, missing or max-affected preference (Response.hs).
	const { resolution: _r, missing: _m, maxAffected: _x, ...prefs } = req.prefs;
	const applied = appliedPreferences(prefs, { mutation: true, representation: full });
	const headers: Record<string, string> = applied ? { 'preference-applied': applied } : {};
	const cols = [...table.columns.keys()].map(ident).join(', ');

	return async (tx) => {
		const params = new Params();
		const mutation = build(params);
		if (!full) {
			const count = `with pgrst_source as (${mutation}) select count(*)::int as n from pgrst_source`;
			if (req.plan) return explain(tx, req.plan, count, params.values);
			const { n } = (await tx.query<{ n: number }>(count, params.values, PREPARED)).rows[0];
			if (n !== 1) throw mismatch();
			return { status: 204, headers };
		}
		// 201 when the row was inserted, 200 when an existing one was updated.
		const sql =
			`with pgrst_mut as (${mutation}),` +
			` pgrst_source as (select ${cols} from pgrst_mut)` +
			` select pgrst_r.body, pgrst_r.n, (select count(*) from pgrst_mut where pgrst_inserted)::int as inserted` +
			` from (${representation(ctx, node, params)}) as pgrst_r`;
		if (req.plan) return explain(tx, req.plan, sql, params.values);
		const row = (
			await tx.query<{ body: string | null; n: number; inserted: number }>(
				sql,
				params.values,
				PREPARED
			)
		).rows[0];
		if (row.n !== 1) throw mismatch();
		const h = { ...headers };
		const body = render(req, row.body, h);
		return { status: row.inserted > 0 ? 201 : 200, headers: h, body };
	};
}
