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
	/**
	 * Whether the schema counts as negotiated by profile: named by a profile header, or the
	 * default of several exposed schemas. Successful replies with a body then carry
	 * `Content-Profile` (ApiRequest.hs getSchema, Response.hs profileHeader).
	 */
	profiled: boolean;
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
	/** `Accept: application/vnd.pgrst.plan…`: answer with the EXPLAIN of the query for `media`. */
	plan?: PlanMedia;
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

/** The EXPLAIN options `application/vnd.pgrst.plan; options=…` can ask for, in PostgREST's order. */
export const PLAN_OPTIONS = ['analyze', 'verbose', 'settings', 'buffers', 'wal'] as const;
export type PlanOption = (typeof PLAN_OPTIONS)[number];

/** `Accept: application/vnd.pgrst.plan[+text|+json]; for="…"; options=…` (MediaType.hs MTVndPlan). */
export interface PlanMedia {
	format: 'text' | 'json';
	/** The media type the plan is for, as PostgREST writes it back (`toMime`). */
	for: string;
	options: PlanOption[];
}

/**
 * Splits a media type as PostgREST's `tokenizeMediaType` does: type and subtype, then
 * `;key=value` parameters (value quoted, or letters, digits, `|` and `-`) up to the first one
 * that does not parse. Type, subtype and parameter names are lowercased; null when the type
 * itself does not parse.
 */
export function tokenizeMediaType(
	text: string
): { type: string; params: Map<string, string> } | null {
	const m = /^([A-Za-z0-9.*]+)\/([A-Za-z0-9.*+-]+)/.exec(text);
	if (!m) return null;
	const params = new Map<string, string>();
	const param = /^\s*;\s*([A-Za-z0-9-]+)\s*=\s*(?:"([^"]*)"|([A-Za-z0-9|-]+))/;
	let rest = text.slice(m[0].length);
	for (let p = param.exec(rest); p; p = param.exec(rest)) {
		params.set(p[1].toLowerCase(), p[2] ?? p[3]); // a repeated parameter: the last one counts
		rest = rest.slice(p[0].length);
	}
	return { type: `${m[1]}/${m[2]}`.toLowerCase(), params };
}

/** A media type a response can be in: its body shape, or null when this stack makes none. */
interface Produced {
	media: MediaType;
	stripNulls: boolean;
	/** How PostgREST writes it (`toMime`). */
	mime: string;
}

function produced(type: string, params: Map<string, string>): Produced | null {
	const strip = params.get('nulls') === 'stripped';
	switch (type) {
		case 'application/json':
			return { media: 'json', stripNulls: false, mime: 'application/json' };
		case '*/*':
			return { media: 'json', stripNulls: false, mime: '*/*' };
		case 'application/vnd.pgrst.array+json':
		case 'application/vnd.pgrst.array':
			return strip
				? {
						media: 'json',
						stripNulls: true,
						mime: 'application/vnd.pgrst.array+json;nulls=stripped'
					}
				: { media: 'json', stripNulls: false, mime: 'application/json' };
		case 'application/vnd.pgrst.object+json':
		case 'application/vnd.pgrst.object':
			return {
				media: 'object',
				stripNulls: strip,
				mime: `application/vnd.pgrst.object+json${strip ? ';nulls=stripped' : ''}`
			};
		case 'text/csv':
			return { media: 'csv', stripNulls: false, mime: 'text/csv' };
		default:
			return null;
	}
}

/** PostgREST's `toMime` of the media types this stack does not produce. */
const OTHER_MIME: Record<string, string> = {
	'application/geo+json': 'application/geo+json',
	'text/plain': 'text/plain',
	'text/xml': 'text/xml',
	'application/openapi+json': 'application/openapi+json',
	'application/x-www-form-urlencoded': 'application/x-www-form-urlencoded',
	'application/octet-stream': 'application/octet-stream'
};

const PLAN_TYPES: Record<string, PlanMedia['format']> = {
	'application/vnd.pgrst.plan': 'text',
	'application/vnd.pgrst.plan+text': 'text',
	'application/vnd.pgrst.plan+json': 'json'
};

/**
 * Decodes one `Accept` entry naming `application/vnd.pgrst.plan`, as PostgREST's
 * `decodeMediaType` does: the format from the suffix (text by default), the media type from
 * `for` (`application/json` by default) and the known options from `options` (`|`-separated,
 * unknown ones ignored, in PostgREST's order). Null for any other media type. `target` is the
 * body the plan is for, or null when this stack cannot produce it.
 */
export function decodePlanMedia(
	entry: string
): { plan: PlanMedia; target: Omit<Produced, 'mime'> | null } | null {
	const tokens = tokenizeMediaType(entry.replaceAll(' ', ''));
	const format = tokens && PLAN_TYPES[tokens.type];
	if (!tokens || !format) return null;
	const forText = tokens.params.get('for') ?? 'application/json';
	const forTokens = tokenizeMediaType(forText);
	const made = forTokens ? produced(forTokens.type, forTokens.params) : null;
	const wanted = (tokens.params.get('options') ?? '').split('|');
	const plan: PlanMedia = {
		format,
		for: made?.mime ?? (forTokens && OTHER_MIME[forTokens.type]) ?? forText,
		options: PLAN_OPTIONS.filter((o) => wanted.includes(o))
	};
	return { plan, target: made && { media: made.media, stripNulls: made.stripNulls } };
}

/** How PostgREST writes a plan media type back (`toMime`), as in its 406 message. */
export function planMime(plan: PlanMedia): string {
	const options = plan.options.length ? `; options=${plan.options.join('|')}` : '';
	return `application/vnd.pgrst.plan+${plan.format}; for="${plan.for}"${options}`;
}

/** The `Content-Type` of a plan response. */
export function planContentType(plan: PlanMedia): string {
	return `${planMime(plan)}; charset=utf-8`;
}

/**
 * The media type of the reply: the first `Accept` entry this stack produces. A plan
 * (`application/vnd.pgrst.plan`) is one only with `plansEnabled` (PostgREST db-plan-enabled),
 * and only for a media type the request could otherwise be answered in.
 */
export function mediaOf(
	accept: string | undefined,
	plansEnabled = false
): { media: MediaType; stripNulls: boolean; plan?: PlanMedia } {
	if (!accept) return { media: 'json', stripNulls: false };
	const entries = accept.split(',').map((s) => s.trim());
	const shown: string[] = [];
	for (const entry of entries) {
		const planned = decodePlanMedia(entry);
		if (planned) {
			if (plansEnabled && planned.target) return { ...planned.target, plan: planned.plan };
			shown.push(planMime(planned.plan));
			continue;
		}
		const raw = entry.toLowerCase();
		shown.push(raw);
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
	throw pgrst('mediaType', `None of these media types are available: ${shown.join(', ')}`);
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
	/** PostgREST's db-plan-enabled: whether `application/vnd.pgrst.plan` is acceptable. */
	plansEnabled?: boolean;
}

/** Resolves the method, target, schema and media type: everything but the parameters. */
export function parseTarget(input: RequestInput): {
	method: Method;
	target: Target;
	schema: string;
	profiled: boolean;
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
	return {
		method: method as Method,
		target,
		schema,
		profiled: profile !== undefined || input.schemas.length !== 1
	};
}

/** Parses a whole request (not its body). */
export function parseRequest(input: RequestInput): ApiRequest {
	const { method, target, schema, profiled } = parseTarget(input);
	const { media, stripNulls, plan } = mediaOf(input.header('accept'), input.plansEnabled);
	const prefs = parsePrefer(input.headerAll('prefer'));
	const req: ApiRequest = {
		method,
		target,
		schema,
		profiled,
		select: [{ kind: 'star' }],
		levels: new Map([['', { conditions: [] }]]),
		rawFilters: [],
		prefs,
		media,
		stripNulls,
		...(plan ? { plan } : {}),
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
