/**
 * Builds the SELECT for a read plan (cf. PostgREST Query/QueryBuilder.hs): embeddings are
 * lateral joins whose rows Postgres itself turns into JSON with json_agg / row_to_json.
 *
 * Aggregates (cf. SqlFragment.groupF and Plan.hoistSpreadAggFunctions): a level with one
 * groups by all its other output columns; the aggregates of a to-one spread are applied by
 * the nearest level that is not a spread, the spread's subquery only selecting their input.
 */
import { aggregating, type PlannedEmbed, type PlannedField, type ReadNode } from '../plan.ts';
import type { AggregateName } from '../parse/types.ts';
import { conditionSql, fieldSql, ident, Params, qualified } from './fragments.ts';

export interface ReadOptions {
	/** Replaces the top-level FROM source (a mutation's `pgrst_source`). */
	from?: string;
	/** Leaves out top-level order, limit and offset (for counting). */
	forCount?: boolean;
	/** Top-level paging, already combined with the Range header and max rows. */
	limit?: number;
	offset?: number;
	/** A to-one spread whose aggregates an ancestor applies. */
	hoist?: boolean;
	/** A to-many spread's rows: also select each order term, as `pgrst_ord_<n>`. */
	orderColumns?: boolean;
}

/** One output column of a level; `group` marks those an aggregating level groups by. */
interface Column {
	sql: string;
	alias: string;
	group: boolean;
}

/** A column a hoisting to-one spread hands its parent, with the aggregate still to apply. */
interface Export {
	sql: () => string;
	name: string;
	agg?: AggregateName;
	aggCast?: string;
}

function aggSql(fn: AggregateName, arg: string, cast: string | undefined): string {
	const call = `${fn}(${arg})`;
	return cast ? `(${call})::${cast}` : call;
}

function valueSql(alias: string, f: PlannedField, params: Params): string {
	const sql = fieldSql(alias, f.field, params);
	return f.cast ? `(${sql})::${f.cast}` : sql;
}

/** An embedding's JSON; jsonb where it is grouped by, as json has no equality. */
function embedBody(e: PlannedEmbed, jsonb: boolean): string {
	const j = ident(e.joinAlias);
	const body = e.toOne ? `${j}.body` : `coalesce(${j}.body, '[]')`;
	return jsonb ? `${body}::jsonb` : body;
}

/** The columns of a hoisting spread: its own, its embeddings' and its spreads' exports. */
function spreadExports(node: ReadNode, params: Params): Export[] {
	const out: Export[] = [];
	const a = node.alias;
	if (node.star)
		for (const name of node.table.columns.keys())
			out.push({ sql: () => `${ident(a)}.${ident(name)}`, name });
	for (const f of node.fields) {
		const countAll = f.agg === 'count' && f.field.name === '*';
		out.push({
			sql: () => (countAll ? '1' : valueSql(a, f, params)),
			name: f.alias,
			...(f.agg ? { agg: f.agg } : {}),
			...(f.aggCast ? { aggCast: f.aggCast } : {})
		});
	}
	for (const e of node.embeds) {
		const j = ident(e.joinAlias);
		if (e.spread)
			for (const x of spreadExports(e.node, params))
				out.push({ ...x, sql: () => `${j}.${ident(x.name)}` });
		else out.push({ sql: () => embedBody(e, true), name: e.name });
	}
	return out;
}

/** The columns of a level that aggregates, its own or its spreads'. */
function groupedColumns(node: ReadNode, params: Params): Column[] {
	const a = node.alias;
	const cols: Column[] = [];
	if (node.star)
		for (const name of node.table.columns.keys())
			cols.push({ sql: `${ident(a)}.${ident(name)}`, alias: name, group: true });
	for (const f of node.fields) {
		if (!f.agg) cols.push({ sql: valueSql(a, f, params), alias: f.alias, group: true });
		else {
			const arg = f.field.name === '*' ? '*' : valueSql(a, f, params);
			cols.push({ sql: aggSql(f.agg, arg, f.aggCast), alias: f.alias, group: false });
		}
	}
	for (const e of node.embeds) {
		const j = ident(e.joinAlias);
		if (!e.spread) cols.push({ sql: embedBody(e, true), alias: e.name, group: true });
		else
			for (const x of spreadExports(e.node, params)) {
				const col = `${j}.${ident(x.name)}`;
				cols.push(
					x.agg
						? { sql: aggSql(x.agg, col, x.aggCast), alias: x.name, group: false }
						: { sql: col, alias: x.name, group: true }
				);
			}
	}
	return cols;
}

/**
 * The child's FROM and its conditions on the parent (Plan.hs getJoinConditions, QueryBuilder.hs
 * fromF): key columns pair up, a many-to-many goes through its junction, and a computed
 * relationship calls its function with the parent's row.
 */
function joinCondition(
	embed: PlannedEmbed,
	parentAlias: string
): { from: string; where: string[] } {
	const child = embed.node;
	const as = ` as ${ident(child.alias)}`;
	const rel = embed.rel;
	if (rel.kind === 'computed')
		return {
			from: `${qualified(rel.fn.schema, rel.fn.name)}(${ident(parentAlias)}::${qualified(rel.table.schema, rel.table.name)})${as}`,
			where: []
		};
	const childFrom = `${qualified(child.table.schema, child.table.name)}${as}`;
	const eq = (a: string, b: string, cols: [string, string][]) =>
		cols.map(([ca, cb]) => `${ident(a)}.${ident(ca)} = ${ident(b)}.${ident(cb)}`);
	const card = rel.card;
	if (card.type !== 'm2m')
		return { from: childFrom, where: eq(child.alias, parentAlias, swapPairs(card.columns)) };
	const j = `${child.alias}_j`;
	const on = eq(j, child.alias, swapPairs(card.colsTarget)).join(' and ');
	return {
		from: `${childFrom} inner join ${qualified(card.junction.schema, card.junction.name)} as ${ident(j)} on ${on}`,
		where: eq(j, parentAlias, swapPairs(card.colsSource))
	};
}

const swapPairs = (cols: [string, string][]): [string, string][] => cols.map(([a, b]) => [b, a]);

/** The output names of a to-many spread: each becomes an array of its values. */
function toManySpreadNames(node: ReadNode, params: Params): string[] {
	return spreadExports(node, params).map((x) => x.name);
}

function embedJoin(
	embed: PlannedEmbed,
	parentAlias: string,
	params: Params,
	hoist: boolean
): string {
	const { from, where } = joinCondition(embed, parentAlias);
	const j = ident(embed.joinAlias);
	const s = ident(`${embed.joinAlias}_s`);
	if (embed.spread && !embed.toOne) {
		// QueryBuilder.hs getJoin for a ToManySpread: every column aggregated into an array, in
		// the embedding's order (carried out of the subquery as extra columns).
		const sub = selectSql(embed.node, params, { from, orderColumns: true }, where);
		const order = embed.node.order.map(
			(t, i) =>
				`${s}.${ident(`pgrst_ord_${i + 1}`)}${t.dir ? ` ${t.dir}` : ''}${t.nulls ? ` nulls ${t.nulls}` : ''}`
		);
		const by = order.length ? ` order by ${order.join(', ')}` : '';
		const cols = [
			`json_agg(${s})::jsonb as ${ident('pgrst_rows')}`,
			...toManySpreadNames(embed.node, params).map(
				(n) => `coalesce(json_agg(${s}.${ident(n)}${by}), '[]')::jsonb as ${ident(n)}`
			)
		];
		const on = embed.inner ? `${j}.${ident('pgrst_rows')} is not null` : 'true';
		return `${embed.inner ? 'inner' : 'left'} join lateral (select ${cols.join(', ')} from (${sub}) as ${s}) as ${j} on ${on}`;
	}
	const sub = selectSql(embed.node, params, { from, hoist: hoist && embed.spread }, where);
	if (embed.spread) return `left join lateral (${sub}) as ${j} on true`;
	const agg = embed.toOne ? `row_to_json(${s})` : `json_agg(${s})`;
	const kind = embed.inner ? 'inner' : 'left';
	return `${kind} join lateral (select ${agg} as body from (${sub}) as ${s}) as ${j} on ${embed.inner ? `${j}.body is not null` : 'true'}`;
}

function columnsSql(node: ReadNode, params: Params): string {
	const cols: string[] = [];
	if (node.star) cols.push(`${ident(node.alias)}.*`);
	for (const f of node.fields) {
		const sql = fieldSql(node.alias, f.field, params);
		cols.push(`${f.cast ? `(${sql})::${f.cast}` : sql} as ${ident(f.alias)}`);
	}
	for (const e of node.embeds) {
		const j = ident(e.joinAlias);
		if (e.spread && e.toOne) cols.push(`${j}.*`);
		else if (e.spread)
			for (const n of toManySpreadNames(e.node, params)) cols.push(`${j}.${ident(n)}`);
		else cols.push(`${e.toOne ? `${j}.body` : `coalesce(${j}.body, '[]')`} as ${ident(e.name)}`);
	}
	return cols.join(', ');
}

function orderTerms(node: ReadNode, params: Params, grouped: boolean): string[] {
	return node.order.map((t) => {
		if (t.embed && grouped && t.embed.spread && !t.field.path.length)
			// The correlated subquery would need ungrouped columns; the spread has the value.
			return `${ident(t.embed.joinAlias)}.${ident(t.field.name)}`;
		if (t.embed) {
			const { from, where } = joinCondition(t.embed, node.alias);
			const cond = where.length ? ` where ${where.join(' and ')}` : '';
			return `(select ${fieldSql(t.embed.node.alias, t.field, params)} from ${from}${cond} limit 1)`;
		}
		return fieldSql(node.alias, t.field, params);
	});
}

function orderSql(node: ReadNode, params: Params, grouped: boolean): string {
	const terms = orderTerms(node, params, grouped).map((expr, i) => {
		const t = node.order[i];
		return `${expr}${t.dir ? ` ${t.dir}` : ''}${t.nulls ? ` nulls ${t.nulls}` : ''}`;
	});
	return terms.length ? ` order by ${terms.join(', ')}` : '';
}

/** The SELECT of one level; `extraWhere` carries the join condition to the parent. */
export function selectSql(
	node: ReadNode,
	params: Params,
	opts: ReadOptions = {},
	extraWhere: string[] = []
): string {
	const from =
		opts.from ?? `${qualified(node.table.schema, node.table.name)} as ${ident(node.alias)}`;
	const hoist = opts.hoist ?? false;
	const grouped = !hoist && aggregating(node);
	const joins = node.embeds
		.map((e) => embedJoin(e, node.alias, params, hoist || grouped))
		.join(' ');
	const where = [
		...extraWhere,
		...node.conditions.map((c) => conditionSql(node.alias, c, params)),
		...node.embedNullFilters.map(
			(f) => `${ident(f.embed.joinAlias)}.body is ${f.negated ? 'not ' : ''}null`
		)
	];
	let columns: string;
	let groupBy = '';
	if (hoist)
		columns = spreadExports(node, params)
			.map((x) => `${x.sql()} as ${ident(x.name)}`)
			.join(', ');
	else if (grouped && opts.forCount)
		// PostgREST counts the rows that are aggregated, not the groups.
		columns = '1';
	else if (grouped) {
		const cols = groupedColumns(node, params);
		columns = cols.map((c) => `${c.sql} as ${ident(c.alias)}`).join(', ');
		const keys = cols.flatMap((c, i) => (c.group ? [String(i + 1)] : []));
		if (keys.length) groupBy = ` group by ${keys.join(', ')}`;
	} else columns = columnsSql(node, params);
	if (opts.orderColumns)
		columns += orderTerms(node, params, grouped)
			.map((expr, i) => `, ${expr} as ${ident(`pgrst_ord_${i + 1}`)}`)
			.join('');
	let sql = `select ${columns} from ${from} ${joins}${where.length ? ` where ${where.join(' and ')}` : ''}${groupBy}`;
	if (opts.forCount) return sql;
	sql += orderSql(node, params, grouped);
	const limit = opts.limit ?? node.limit;
	const offset = opts.offset ?? node.offset;
	if (limit !== undefined) sql += ` limit ${Math.trunc(limit)}`;
	if (offset !== undefined && offset > 0) sql += ` offset ${Math.trunc(offset)}`;
	return sql;
}

export type BodyShape = 'array' | 'object';

/** Wraps a SELECT so Postgres returns the JSON body as text and the row count. */
export function jsonBodySql(inner: string, shape: BodyShape, stripNulls: boolean): string {
	const agg = `coalesce(json_agg(_postgrest_t), '[]')`;
	const body = shape === 'object' ? `(json_agg(_postgrest_t)->0)` : agg;
	return `select ${stripNulls ? `json_strip_nulls(${body})` : body}::text as body, count(*)::int as n from (${inner}) as _postgrest_t`;
}
