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
	const body = e.rel.toOne ? `${j}.body` : `coalesce(${j}.body, '[]')`;
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

function joinCondition(
	embed: PlannedEmbed,
	parentAlias: string
): { from: string; where: string[] } {
	const child = embed.node;
	const childFrom = `${qualified(child.table.schema, child.table.name)} as ${ident(child.alias)}`;
	const eq = (a: string, acols: string[], b: string, bcols: string[]) =>
		acols.map((c, i) => `${ident(a)}.${ident(c)} = ${ident(b)}.${ident(bcols[i])}`);
	const rel = embed.rel;
	if (rel.kind === 'm2o')
		return {
			from: childFrom,
			where: eq(child.alias, rel.fk.refColumns, parentAlias, rel.fk.columns)
		};
	if (rel.kind !== 'm2m')
		return {
			from: childFrom,
			where: eq(child.alias, rel.fk.columns, parentAlias, rel.fk.refColumns)
		};
	const j = `${child.alias}_j`;
	const on = eq(j, rel.fkToTarget.columns, child.alias, rel.fkToTarget.refColumns).join(' and ');
	return {
		from: `${childFrom} inner join ${qualified(rel.junction.schema, rel.junction.name)} as ${ident(j)} on ${on}`,
		where: eq(j, rel.fkToParent.columns, parentAlias, rel.fkToParent.refColumns)
	};
}

function embedJoin(
	embed: PlannedEmbed,
	parentAlias: string,
	params: Params,
	hoist: boolean
): string {
	const { from, where } = joinCondition(embed, parentAlias);
	const sub = selectSql(embed.node, params, { from, hoist: hoist && embed.spread }, where);
	const j = ident(embed.joinAlias);
	if (embed.spread) return `left join lateral (${sub}) as ${j} on true`;
	const s = ident(`${embed.joinAlias}_s`);
	const agg = embed.rel.toOne ? `row_to_json(${s})` : `json_agg(${s})`;
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
		if (e.spread) cols.push(`${j}.*`);
		else
			cols.push(`${e.rel.toOne ? `${j}.body` : `coalesce(${j}.body, '[]')`} as ${ident(e.name)}`);
	}
	return cols.join(', ');
}

function orderSql(node: ReadNode, params: Params, grouped: boolean): string {
	const terms = node.order.map((t) => {
		let expr: string;
		if (t.embed && grouped && t.embed.spread && !t.field.path.length)
			// The correlated subquery would need ungrouped columns; the spread has the value.
			expr = `${ident(t.embed.joinAlias)}.${ident(t.field.name)}`;
		else if (t.embed) {
			const { from, where } = joinCondition(t.embed, node.alias);
			expr = `(select ${fieldSql(t.embed.node.alias, t.field, params)} from ${from} where ${where.join(' and ')} limit 1)`;
		} else expr = fieldSql(node.alias, t.field, params);
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
