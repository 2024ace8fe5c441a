/**
 * PostgREST's error replies: one typed table of the codes this service answers with, the
 * HTTP status each maps to, and the SQLSTATE → HTTP mapping of PostgREST's Error.hs.
 */

/** The JSON body PostgREST sends for every error. */
export interface RestErrorBody {
	code: string;
	message: string;
	details: string | null | Record<string, string>[];
	hint: string | null;
}

export class RestError extends Error {
	override name = 'RestError';
	readonly status: number;
	readonly body: RestErrorBody;
	readonly headers: Record<string, string>;
	constructor(status: number, body: RestErrorBody, headers: Record<string, string> = {}) {
		super(body.message);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/** The PGRST codes this service produces, with their HTTP status (PostgREST Error.hs). */
export const PGRST = {
	parse: { code: 'PGRST100', status: 400 },
	rpcMethod: { code: 'PGRST101', status: 405 },
	invalidBody: { code: 'PGRST102', status: 400 },
	invalidRange: { code: 'PGRST103', status: 416 },
	invalidFilters: { code: 'PGRST105', status: 405 },
	schema: { code: 'PGRST106', status: 406 },
	mediaType: { code: 'PGRST107', status: 406 },
	notEmbedded: { code: 'PGRST108', status: 400 },
	putLimit: { code: 'PGRST114', status: 400 },
	putMatchingPk: { code: 'PGRST115', status: 400 },
	singular: { code: 'PGRST116', status: 406 },
	method: { code: 'PGRST117', status: 405 },
	relatedOrder: { code: 'PGRST118', status: 400 },
	embedFilter: { code: 'PGRST120', status: 400 },
	preferences: { code: 'PGRST122', status: 400 },
	aggregates: { code: 'PGRST123', status: 400 },
	maxAffected: { code: 'PGRST124', status: 400 },
	path: { code: 'PGRST125', status: 404 },
	notImplemented: { code: 'PGRST127', status: 400 },
	noRelationship: { code: 'PGRST200', status: 400 },
	ambiguousRelationship: { code: 'PGRST201', status: 300 },
	noFunction: { code: 'PGRST202', status: 404 },
	ambiguousFunction: { code: 'PGRST203', status: 300 },
	noColumn: { code: 'PGRST204', status: 400 },
	noTable: { code: 'PGRST205', status: 404 },
	jwtDecode: { code: 'PGRST301', status: 401 },
	jwtClaims: { code: 'PGRST303', status: 401 }
} as const;

export type PgrstKind = keyof typeof PGRST;

/** Builds a RestError for one of PostgREST's own codes. */
export function pgrst(
	kind: PgrstKind,
	message: string,
	details: RestErrorBody['details'] = null,
	hint: string | null = null,
	headers: Record<string, string> = {}
): RestError {
	const { code, status } = PGRST[kind];
	return new RestError(status, { code, message, details, hint }, headers);
}

/** A parse error shaped like PostgREST's Parsec messages. */
export function parseError(
	what: string,
	input: string,
	column: number,
	details: string
): RestError {
	return pgrst('parse', `"failed to parse ${what} (${input})" (line 1, column ${column})`, details);
}

/** Errors a lookup in a stale schema cache can cause: worth one reload and a retry. */
export function isCacheMiss(err: unknown): boolean {
	return (
		err instanceof RestError &&
		['PGRST200', 'PGRST202', 'PGRST204', 'PGRST205', '42703'].includes(err.body.code)
	);
}

/** PostgREST's SQLSTATE → HTTP status mapping (Error.hs `mapSQLtoHTTP`). */
export function pgErrorStatus(sqlstate: string, message: string, authed: boolean): number {
	const s = sqlstate;
	if (s.startsWith('08')) return 503;
	if (s.startsWith('09')) return 500;
	if (s.startsWith('0L') || s.startsWith('0P')) return 403;
	if (s === '23503' || s === '23505') return 409;
	if (s === '25006') return 405;
	if (s === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
	if (s === '22023')
		return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
	if (s.startsWith('25')) return 500;
	if (s.startsWith('28')) return 403;
	if (['2D', '38', '39', '3B', '40'].some((p) => s.startsWith(p))) return 500;
	if (s === '53400') return 500;
	if (s.startsWith('53')) return 503;
	if (s.startsWith('54') || s.startsWith('55')) return 500;
	if (s === '57P01') return 503;
	if (s.startsWith('57') || s.startsWith('58') || s.startsWith('F0') || s.startsWith('HV'))
		return 500;
	if (s === 'P0001') return 400;
	if (s.startsWith('P0') || s.startsWith('XX')) return 500;
	if (s === '42883') return message.startsWith('function xmlagg(') ? 406 : 404;
	if (s === '42P01') return 404;
	if (s === '42P17') return 500;
	if (s === '42501') return authed ? 403 : 401;
	if (s.startsWith('PT')) {
		const n = Number(s.slice(2));
		return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500;
	}
	return 400;
}

interface PgLikeError {
	code: string;
	message: string;
	detail?: string;
	hint?: string;
}

/** True for errors raised by Postgres (pg's DatabaseError and PGlite's both carry a SQLSTATE). */
export function isPgError(err: unknown): err is PgLikeError {
	return (
		err instanceof Error &&
		typeof (err as unknown as { code?: unknown }).code === 'string' &&
		/^[0-9A-Z]{5}$/.test((err as unknown as { code: string }).code)
	);
}

/** Turns a Postgres error into PostgREST's reply; `RAISE SQLSTATE 'PGRST'` gets full control. */
export function fromPgError(err: PgLikeError, authed: boolean): RestError {
	if (err.code === 'PGRST') return fromRaisePgrst(err, authed);
	const status = pgErrorStatus(err.code, err.message, authed);
	return new RestError(
		status,
		{ code: err.code, message: err.message, details: err.detail ?? null, hint: err.hint ?? null },
		status === 401 ? { 'www-authenticate': 'Bearer' } : {}
	);
}

function fromRaisePgrst(err: PgLikeError, authed: boolean): RestError {
	let msg: unknown;
	let det: unknown;
	try {
		msg = JSON.parse(err.message);
	} catch {
		return new RestError(500, {
			code: 'PGRST121',
			message: 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
			details: `Invalid JSON value for MESSAGE: '${err.message}'`,
			hint: "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'."
		});
	}
	const hint =
		"DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
	if (err.detail === undefined)
		return new RestError(500, {
			code: 'PGRST121',
			message: 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
			details: 'DETAIL is missing in the RAISE statement',
			hint
		});
	try {
		det = JSON.parse(err.detail);
	} catch {
		det = undefined;
	}
	const m = msg as Record<string, unknown> | null;
	const d = det as Record<string, unknown> | null | undefined;
	if (
		!m ||
		typeof m.code !== 'string' ||
		typeof m.message !== 'string' ||
		!d ||
		typeof d.status !== 'number'
	)
		return new RestError(500, {
			code: 'PGRST121',
			message: 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
			details: `Invalid JSON value for DETAIL: '${err.detail}'`,
			hint
		});
	const headers: Record<string, string> = {};
	if (d.headers && typeof d.headers === 'object')
		for (const [k, v] of Object.entries(d.headers as Record<string, unknown>))
			if (typeof v === 'string' && /^[A-Za-z0-9-]+$/.test(k)) headers[k.toLowerCase()] = v;
	void authed;
	const status = d.status >= 100 && d.status <= 599 ? Math.trunc(d.status) : 500;
	return new RestError(
		status,
		{
			code: m.code,
			message: m.message,
			details: typeof m.details === 'string' ? m.details : null,
			hint: typeof m.hint === 'string' ? m.hint : null
		},
		headers
	);
}

/** Levenshtein similarity in [0, 1], the score PostgREST's fuzzy hints rank candidates by. */
export function similarity(a: string, b: string): number {
	if (a === b) return 1;
	const m = a.length;
	const n = b.length;
	if (!m || !n) return 0;
	let prev = Array.from({ length: n + 1 }, (_, j) => j);
	for (let i = 1; i <= m; i++) {
		const cur = [i];
		for (let j = 1; j <= n; j++)
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = cur;
	}
	return 1 - prev[n] / Math.max(m, n);
}

/** The closest candidate with at least `minScore` similarity, as PostgREST's hints pick it. */
export function closest(
	name: string,
	candidates: Iterable<string>,
	minScore = 0.75
): string | undefined {
	let best: string | undefined;
	let bestScore = minScore;
	for (const c of candidates) {
		const score = similarity(name.toLowerCase(), c.toLowerCase());
		if (score >= bestScore && (best === undefined || score > bestScore)) {
			best = c;
			bestScore = score;
		}
	}
	return best;
}
