/**
 * SQL fragments (cf. PostgREST Query/SqlFragment.hs): identifiers are quoted after the
 * catalogue check, values always travel as bind parameters.
 */
import type { Condition, FieldRef, OpExpr } from '../parse/types.ts';

/** Collects bind parameters and hands out their `$n` placeholders. */
export class Params {
	readonly values: (string | null)[] = [];
	add(value: string | null): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."table"` */
export function qualified(schema: string, name: string): string {
	return `${ident(schema)}.${ident(name)}`;
}

/** A column with its JSON path; string keys are parameters, integer keys array indexes. */
export function fieldSql(alias: string, f: FieldRef, params: Params): string {
	let sql = `${ident(alias)}.${ident(f.name)}`;
	for (const step of f.path)
		sql +=
			step.arrow +
			(typeof step.key === 'number'
				? String(Math.trunc(step.key))
				: `${params.add(step.key)}::text`);
	return sql;
}

/** A Postgres array literal of text values, for `= any($n)`. */
export function arrayLiteral(values: string[]): string {
	return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

const BINARY: Record<string, string> = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike',
	match: '~',
	imatch: '~*',
	cs: '@>',
	cd: '<@',
	ov: '&&',
	sl: '<<',
	sr: '>>',
	nxr: '&<',
	nxl: '&>',
	adj: '-|-'
};
const FTS: Record<string, string> = {
	fts: 'to_tsquery',
	plfts: 'plainto_tsquery',
	phfts: 'phraseto_tsquery',
	wfts: 'websearch_to_tsquery'
};
const IS: Record<string, string> = {
	null: 'is null',
	not_null: 'is not null',
	true: 'is true',
	false: 'is false',
	unknown: 'is unknown'
};

/** PostgREST's `*` wildcard in like patterns. */
const likePattern = (v: string) => v.replaceAll('*', '%');

function opSql(lhs: string, e: OpExpr, params: Params): string {
	switch (e.op) {
		case 'in':
			return `${lhs} = any(${params.add(arrayLiteral(e.values))})`;
		case 'is':
			return `${lhs} ${IS[e.value]}`;
		case 'fts':
		case 'plfts':
		case 'phfts':
		case 'wfts': {
			const fn = FTS[e.op];
			const args = e.config
				? `${params.add(e.config)}::regconfig, ${params.add(e.value)}`
				: params.add(e.value);
			return `${lhs} @@ ${fn}(${args})`;
		}
		case 'isdistinct':
			return `${lhs} is distinct from ${params.add(e.value)}`;
		default: {
			const like = e.op === 'like' || e.op === 'ilike';
			if (e.quant && e.values) {
				const values = like ? e.values.map(likePattern) : e.values;
				return `${lhs} ${BINARY[e.op]} ${e.quant}(${params.add(arrayLiteral(values))})`;
			}
			return `${lhs} ${BINARY[e.op]} ${params.add(like ? likePattern(e.value) : e.value)}`;
		}
	}
}

/** A filter or logic tree as a boolean SQL expression on `alias`. */
export function conditionSql(alias: string, c: Condition, params: Params): string {
	if (c.kind === 'filter') {
		const sql = opSql(fieldSql(alias, c.field, params), c.expr, params);
		return c.expr.negated ? `not (${sql})` : sql;
	}
	const parts = c.children.map((child) => `(${conditionSql(alias, child, params)})`);
	const sql = parts.join(` ${c.op} `) || (c.op === 'and' ? 'true' : 'false');
	return c.negated ? `not (${sql})` : `(${sql})`;
}
