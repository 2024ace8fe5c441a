/** Paging, counting and reply shaping shared by reads, mutations and rpc. */
import type { Sql } from '../../db.ts';
import { pgrst, RestError } from '../errors.ts';
import type { ApiRequest } from '../parse/request.ts';
import { appliedPreferences } from '../parse/prefer.ts';
import { Params } from '../sql/fragments.ts';
import type { Outcome } from './context.ts';

/** Combines limit/offset with the Range header and max rows, as PostgREST intersects them. */
export function paging(req: ApiRequest, maxRows: number): { limit?: number; offset: number } {
	const top = req.levels.get('');
	let lower = top?.offset ?? 0;
	let upper = top?.limit !== undefined ? lower + top.limit - 1 : Infinity;
	if (req.range) {
		lower = Math.max(lower, req.range.from);
		upper = Math.min(upper, req.range.to ?? Infinity);
	}
	upper = Math.min(upper, lower + maxRows - 1);
	return { offset: lower, limit: Math.max(0, upper - lower + 1) };
}

/**
 * Counts rows for `Prefer: count=…`: exact, or the planner's estimate (`estimated` counts
 * exactly when the estimate is at most max rows).
 */
export async function countRows(
	tx: Sql,
	req: ApiRequest,
	build: (p: Params) => string,
	maxRows: number
): Promise<number | undefined> {
	const mode = req.prefs.count;
	if (!mode) return undefined;
	const exact = async () => {
		const p = new Params();
		const sql = `select count(*)::text as c from (${build(p)}) as _postgrest_c`;
		return Number((await tx.query<{ c: string }>(sql, p.values)).rows[0].c);
	};
	if (mode === 'exact') return exact();
	const p = new Params();
	const plan = (
		await tx.query<Record<string, unknown>>(`explain (format json) ${build(p)}`, p.values)
	).rows[0];
	const raw = Object.values(plan)[0];
	const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
		Plan: { 'Plan Rows': number };
	}[];
	const planned = Math.round(json[0].Plan['Plan Rows']);
	if (mode === 'estimated' && planned <= maxRows) return exact();
	return planned;
}

/** PostgREST's cardinality check for `Accept: application/vnd.pgrst.object+json`. */
export function checkSingular(req: ApiRequest, n: number): void {
	if (req.media === 'object' && n !== 1)
		throw pgrst(
			'singular',
			'Cannot coerce the result to a single JSON object',
			`The result contains ${n} rows`
		);
}

/** `handling=strict` with `max-affected`. */
export function checkMaxAffected(req: ApiRequest, n: number): void {
	if (
		req.prefs.handling === 'strict' &&
		req.prefs.maxAffected !== undefined &&
		n > req.prefs.maxAffected
	)
		throw pgrst(
			'maxAffected',
			'Query result exceeds max-affected preference constraint',
			`The query affects ${n} rows`
		);
}

/** `Content-Range` and status for a read of `n` rows starting at `lower`. */
export function rangeReply(
	lower: number,
	n: number,
	total: number | undefined
): { status: number; contentRange: string } {
	const totalText = total === undefined ? '*' : String(total);
	const contentRange = n > 0 ? `${lower}-${lower + n - 1}/${totalText}` : `*/${totalText}`;
	if (total === undefined) return { status: 200, contentRange };
	if (lower > total && !(lower === 0))
		throw new RestError(
			416,
			{
				code: 'PGRST103',
				message: 'Requested range not satisfiable',
				details: `An offset of ${lower} was requested, but there are only ${total} rows.`,
				hint: null
			},
			{ 'content-range': `*/${total}` }
		);
	return { status: n < total ? 206 : 200, contentRange };
}

/** Headers every successful reply carries. */
export function baseHeaders(req: ApiRequest, mutation: boolean): Record<string, string> {
	const applied = appliedPreferences(req.prefs, {
		mutation,
		representation: req.prefs.return === 'representation'
	});
	return applied ? { 'preference-applied': applied } : {};
}

/** The body as the Accept header wants it: JSON as Postgres made it, or CSV. */
export function render(
	req: ApiRequest,
	body: string | null,
	headers: Record<string, string>
): Outcome['body'] {
	if (req.media === 'csv') {
		headers['content-type'] = 'text/csv; charset=utf-8';
		return toCsv(body);
	}
	headers['content-type'] =
		req.media === 'object'
			? 'application/vnd.pgrst.object+json; charset=utf-8'
			: 'application/json; charset=utf-8';
	return body ?? 'null';
}

function csvCell(v: unknown): string {
	if (v === null || v === undefined) return '';
	const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
	return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(body: string | null): string {
	const rows = JSON.parse(body ?? '[]') as unknown;
	const list = (Array.isArray(rows) ? rows : [rows]) as Record<string, unknown>[];
	if (!list.length) return '';
	const keys = Object.keys(list[0] ?? {});
	return [
		keys.map(csvCell).join(','),
		...list.map((r) => keys.map((k) => csvCell(r?.[k])).join(','))
	].join('\n');
}
