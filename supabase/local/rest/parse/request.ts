/**
 * Turns an HTTP request into a typed ApiRequest: target, schema, parsed select, filters per
 * embedding level, order, paging, preferences and media type (cf. PostgREST ApiRequest.hs).
 */
import { parseError, pgrst, RestError } from '../errors.ts';
import { parseFilterValue, parseLogic, parseOrder } from './filter.ts';
import { parsePrefer, type Preferences } from './prefer.ts';
import { parseSelect } from './select.ts';
import type { Condition, OrderTerm, SelectItem } from './types.ts';
import { Cursor, fieldRef } from './lexer.ts';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type Target =
	{ kind: 'root' } | { kind: 'table'; name: string } | { kind: 'rpc'; name: string };

/** Filters, order and paging that apply at one embedding level ('' is the top level). */
export interface LevelParams {
	conditions: Condition[];
	order?: OrderTerm[];
	limit?: number;
	offset?: number;
}

export type MediaType = 'json' | 'object' | 'csv';

export interface ApiRequest {
	method: Method;
	target: Target;
	schema: string;
	select: SelectItem[];
	/** Keyed by the embedding path joined with '.', '' for the top level. */
	levels: Map<string, LevelParams>;
	/** Parameters that are neither reserved nor parsed yet: GET rpc arguments or filters. */
	rawFilters: [string, string][];
	columns?: string[];
	onConflict?: string[];
	prefs: Preferences;
	media: MediaType;
	stripNulls: boolean;
	/** From the Range header: first row and, when given, last row. */
	range?: { from: number; to?: number };
}

const RESERVED_TOP = new Set(['select', 'columns', 'on_conflict']);
const LEVEL_KEYS = new Set(['order', 'limit', 'offset', 'or', 'and']);

/** Splits a parameter key into an embedding path and its last part. */
function splitKey(key: string): { path: string[]; last: string; negated: boolean } {
	const parts = key.split('.');
	const last = parts.pop() ?? '';
	let negated = false;
	if ((last === 'or' || last === 'and') && parts.at(-1) === 'not') {
		parts.pop();
		negated = true;
	}
	return { path: parts, last, negated };
}

function levelOf(levels: Map<string, LevelParams>, path: string[]): LevelParams {
	const key = path.join('.');
	let level = levels.get(key);
	if (!level) levels.set(key, (level = { conditions: [] }));
	return level;
}

function nonNegativeInt(what: string, value: string): number {
	if (!/^\d{1,15}$/.test(value)) {
		const c = new Cursor(value, `${what} parameter`);
		while (/\d/.test(c.peek())) c.pos++;
		throw c.fail('digit');
	}
	return Number(value);
}

/** Parses `columns=` / `on_conflict=`: a comma-separated list of (optionally quoted) names. */
function nameList(what: string, value: string): string[] {
	const c = new Cursor(value, what);
	const names: string[] = [];
	do {
		const f = fieldRef(c);
		if (f.path.length)
			throw parseError(what, value, c.pos + 1, 'unexpected "-" expecting "," or end of input');
		names.push(f.name);
	} while (c.eat(','));
	if (!c.done) throw c.fail('"," or end of input');
	return names;
}

function mediaOf(accept: string | undefined): { media: MediaType; stripNulls: boolean } {
	if (!accept) return { media: 'json', stripNulls: false };
	const offered = accept.split(',').map((s) => s.trim().toLowerCase());
	for (const raw of offered) {
		const [type, ...params] = raw.split(';').map((s) => s.trim());
		const strip = params.includes('nulls=stripped');
		if (type === 'application/json' || type === '*/*' || type === 'application/*' || type === '')
			return { media: 'json', stripNulls: false };
		if (type === 'application/vnd.pgrst.array+json' || type === 'application/vnd.pgrst.array')
			return { media: 'json', stripNulls: strip };
		if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object')
			return { media: 'object', stripNulls: strip };
		if (type === 'text/csv') return { media: 'csv', stripNulls: false };
	}
	throw pgrst('mediaType', `None of these media types are available: ${offered.join(', ')}`);
}

function parseRange(header: string | undefined): ApiRequest['range'] {
	if (!header) return undefined;
	const m = /^\s*(?:items=)?\s*(\d{1,15})-(\d{0,15})\s*$/.exec(header);
	if (!m) return undefined;
	const from = Number(m[1]);
	const to = m[2] === '' ? undefined : Number(m[2]);
	if (to !== undefined && to < from)
		throw new RestError(416, {
			code: 'PGRST103',
			message: 'Requested range not satisfiable',
			details:
				'The lower boundary must be lower than or equal to the upper boundary in the Range header.',
			hint: null
		});
	return { from, ...(to !== undefined ? { to } : {}) };
}

export interface RequestInput {
	method: string;
	/** Path below the service prefix, e.g. `/countries` or `/rpc/fn`. */
	path: string;
	query: URLSearchParams;
	header(name: string): string | undefined;
	headerAll(name: string): string[];
	/** The exposed schemas (`[api] schemas`); the first is the default. */
	schemas: readonly string[];
}

/** Resolves the method, target, schema and media type: everything but the parameters. */
export function parseTarget(input: RequestInput): {
	method: Method;
	target: Target;
	schema: string;
} {
	const method = input.method.toUpperCase();
	if (!['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method))
		throw pgrst('method', `Unsupported HTTP method: ${method}`);
	const segments = input.path.split('/').filter((s, i) => i > 0 || s !== '');
	let target: Target;
	let decoded: string[];
	try {
		decoded = segments.map((s) => decodeURIComponent(s));
	} catch {
		throw pgrst('path', 'Invalid path specified in request URL');
	}
	if (decoded.length === 0 || (decoded.length === 1 && decoded[0] === ''))
		target = { kind: 'root' };
	else if (decoded.length === 1 && decoded[0] !== '') target = { kind: 'table', name: decoded[0] };
	else if (decoded.length === 2 && decoded[0] === 'rpc' && decoded[1] !== '')
		target = { kind: 'rpc', name: decoded[1] };
	else throw pgrst('path', 'Invalid path specified in request URL');
	if (target.kind === 'rpc' && !['GET', 'HEAD', 'POST'].includes(method))
		throw pgrst('rpcMethod', `Cannot use the ${method} method on RPC`);
	const profile =
		method === 'GET' || method === 'HEAD'
			? input.header('accept-profile')
			: input.header('content-profile');
	const schema = profile ?? input.schemas[0];
	if (!input.schemas.includes(schema))
		throw pgrst(
			'schema',
			`Invalid schema: ${schema}`,
			null,
			`Only the following schemas are exposed: ${input.schemas.join(', ')}`
		);
	return { method: method as Method, target, schema };
}

/** Parses a whole request (not its body). */
export function parseRequest(input: RequestInput): ApiRequest {
	const { method, target, schema } = parseTarget(input);
	const { media, stripNulls } = mediaOf(input.header('accept'));
	const prefs = parsePrefer(input.headerAll('prefer'));
	const req: ApiRequest = {
		method,
		target,
		schema,
		select: [{ kind: 'star' }],
		levels: new Map([['', { conditions: [] }]]),
		rawFilters: [],
		prefs,
		media,
		stripNulls,
		range: method === 'GET' || method === 'HEAD' ? parseRange(input.header('range')) : undefined
	};
	for (const [key, value] of input.query) {
		if (key === 'apikey') continue; // the gateway strips its credential before PostgREST
		if (key === 'select') req.select = parseSelect(value);
		else if (key === 'columns') req.columns = nameList('columns', value);
		else if (key === 'on_conflict') req.onConflict = nameList('on_conflict', value);
		else if (RESERVED_TOP.has(key)) continue;
		else {
			const { path, last, negated } = splitKey(key);
			if (!LEVEL_KEYS.has(last) || (negated && last !== 'or' && last !== 'and')) {
				req.rawFilters.push([key, value]);
				continue;
			}
			const level = levelOf(req.levels, path);
			if (last === 'order') level.order = parseOrder(value);
			else if (last === 'limit') level.limit = nonNegativeInt('limit', value);
			else if (last === 'offset') level.offset = nonNegativeInt('offset', value);
			else level.conditions.push(parseLogic(last as 'and' | 'or', negated, value));
		}
	}
	checkMutationRange(req);
	return req;
}

/**
 * Range rules for writes. PUT, which addresses one row, takes no top-level limit or offset
 * (PGRST114). PATCH and DELETE ignore limit, offset and order as PostgREST 13 and later do
 * (limited writes were dropped there; `Prefer: max-affected` caps a write instead).
 */
export function checkMutationRange(req: Pick<ApiRequest, 'method' | 'levels'>): void {
	if (req.method === 'PUT' && topRangeLimited(req))
		throw pgrst('putLimit', 'limit/offset querystring parameters are not allowed for PUT');
}

/** Whether the top level's limit/offset select less than every row. */
export function topRangeLimited(req: Pick<ApiRequest, 'levels'>): boolean {
	const top = req.levels.get('');
	return top?.limit !== undefined || (top?.offset ?? 0) > 0;
}

/** Parses the raw `key=value` filters into conditions at their embedding level. */
export function applyFilters(req: ApiRequest, raw: [string, string][]): void {
	for (const [key, value] of raw) {
		const parts = key.split('.');
		const column = parts.pop() ?? '';
		const c = new Cursor(column, 'filter');
		let field;
		try {
			field = fieldRef(c);
		} catch {
			throw parseError('filter', key, 1, 'unexpected end of input expecting field name');
		}
		if (!c.done)
			throw parseError('filter', key, c.pos + 1, `unexpected "${c.peek()}" expecting end of input`);
		levelOf(req.levels, parts).conditions.push({
			kind: 'filter',
			field,
			expr: parseFilterValue(value)
		});
	}
}
