/**
 * `Accept: application/vnd.pgrst.plan`: instead of running a request's query, answer with
 * Postgres's EXPLAIN of it (cf. PostgREST Query/SqlFragment.hs `explainF`, Statements.hs
 * `planRow` and Response.hs `RSPlan`).
 */
import type { Sql } from '../../db.ts';
import { planContentType, type PlanMedia } from '../parse/request.ts';
import type { Outcome } from './context.ts';

/** `EXPLAIN (FORMAT …, OPTIONS…) sql`, the options upper-cased in PostgREST's order. */
export function explainSql(plan: PlanMedia, sql: string): string {
	const options = [
		`FORMAT ${plan.format.toUpperCase()}`,
		...plan.options.map((o) => o.toUpperCase())
	];
	return `EXPLAIN (${options.join(', ')}) ${sql}`;
}

/**
 * Explains `sql` and replies 200 with the plan: the text format's lines, or the JSON format's
 * one value as Postgres wrote it, each followed by a newline. With `analyze` the statement
 * runs, and what it writes is committed like any request (unless `Prefer: tx=rollback`).
 */
export async function explain(
	tx: Sql,
	plan: PlanMedia,
	sql: string,
	values: unknown[]
): Promise<Outcome> {
	const { rows } = await tx.query<Record<string, unknown>>(explainSql(plan, sql), values, {
		jsonAsText: true
	});
	const body = rows.map((r) => `${String(Object.values(r)[0])}\n`).join('');
	return { status: 200, headers: { 'content-type': planContentType(plan) }, body };
}
