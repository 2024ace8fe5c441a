/**
 * Builds the SELECT for a read plan (cf. PostgREST Query/QueryBuilder.hs): embeddings are
 * lateral joins whose rows Postgres itself turns into JSON with json_agg / row_to_json.
 */
import type { PlannedEmbed, ReadNode } from '../plan.ts';
import { conditionSql, fieldSql, ident, Params, qualified } from './fragments.ts';

export interface ReadOptions {
	/** Replaces the top-level FROM source (a mutation's `pgrst_source`). */
	from?: string;
	/** Leaves out top-level order, limit and offset (for counting). */
	forCount?: boolean;
	/** Top-level paging, already combined with the Range header and max rows. */
	limit?: number;
	offset?: number;
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

function embedJoin(embed: PlannedEmbed, parentAlias: string, params: Params): string {
	const { from, where } = joinCondition(embed, parentAlias);
	const sub = selectSql(embed.node, params, { from }, where);
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

function orderSql(node: ReadNode, params: Params): string {
	const terms = node.order.map((t) => {
		let expr: string;
		if (t.embed) {
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
	const joins = node.embeds.map((e) => embedJoin(e, node.alias, params)).join(' ');
	const where = [
		...extraWhere,
		...node.conditions.map((c) => conditionSql(node.alias, c, params)),
		...node.embedNullFilters.map(
			(f) => `${ident(f.embed.joinAlias)}.body is ${f.negated ? 'not ' : ''}null`
		)
	];
	let sql = `select ${columnsSql(node, params)} from ${from} ${joins}${where.length ? ` where ${where.join(' and ')}` : ''}`;
	if (opts.forCount) return sql;
	sql += orderSql(node, params);
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
