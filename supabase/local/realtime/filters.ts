/**
 * `postgres_changes` subscriptions: the binding a client sends in `config.postgres_changes`,
 * validated, and its `filter` parsed as Realtime's `Subscriptions.parse_subscription_params/1`
 * does: comma-separated `column=[not.]op.value` conditions that must all hold. Values stay
 * text: Postgres casts them to the column's type when the filter is evaluated.
 */
import { isObject, type Json, type JsonObject } from './protocol.ts';

export const FILTER_OPS = [
	'eq',
	'neq',
	'lt',
	'lte',
	'gt',
	'gte',
	'in',
	'like',
	'ilike',
	'is',
	'match',
	'imatch',
	'isdistinct'
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export type ChangeEvent = 'INSERT' | 'UPDATE' | 'DELETE' | '*';

/** The keywords `is` takes; anything else is refused when subscribing. */
export const IS_VALUES = ['null', 'true', 'false', 'unknown'] as const;

/** Realtime refuses an `in` list longer than this when subscribing. */
export const MAX_IN_VALUES = 100;

export interface Condition {
	column: string;
	op: FilterOp;
	/** The value as text; for `in`, a Postgres array literal `{a,b}`. */
	value: string;
	/** `not.` before the operator. */
	negate: boolean;
}

/** Every condition of one `filter` string (all must hold); empty means no filter. */
export type Filter = Condition[];

export interface PgBinding {
	/** What the join reply echoes: the client's params plus the id. */
	params: JsonObject;
	id: number;
	event: ChangeEvent;
	schema: string;
	/** `*` or absent means every table of the schema. */
	table: string | null;
	filter: Filter;
	/** `select`: the columns the payload keeps (primary key columns always stay); null for all. */
	select: string[] | null;
}

export class BindingError extends Error {
	override name = 'BindingError';
}

/** Elixir's `inspect/1` of a list of strings, which Realtime puts in its parse errors. */
function inspectList(parts: string[]): string {
	return `[${parts.map((p) => JSON.stringify(p)).join(', ')}]`;
}

/**
 * Splits on the commas outside parentheses and double quotes, so `in.(a,b)` and `eq."a,b"`
 * stay one condition. A quote opens only after `.`, `(` or `,`, and `\` escapes inside one.
 */
export function splitTopLevel(text: string): string[] {
	const out: string[] = [];
	let current = '';
	let depth = 0;
	let quoted = false;
	let prev = '';
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '\\' && i + 1 < text.length) {
				current += c + text[++i];
				prev = text[i];
				continue;
			}
			if (c === '"') quoted = false;
			current += c;
			prev = c;
			continue;
		}
		if (c === '"' && (prev === '.' || prev === '(' || prev === ',')) quoted = true;
		else if (c === '(') depth++;
		else if (c === ')') depth = Math.max(0, depth - 1);
		else if (c === ',' && depth === 0) {
			out.push(current);
			current = '';
			prev = '';
			continue;
		}
		current += c;
		prev = c;
	}
	out.push(current);
	return out;
}

/** `"a \"b\""` → `a "b"`; a value that is not one whole quoted string stays as it is. */
function unquote(value: string): string {
	if (!value.startsWith('"')) return value;
	let out = '';
	for (let i = 1; i < value.length; i++) {
		const c = value[i];
		if (c === '\\') {
			if (i + 1 >= value.length) return value;
			out += value[++i];
		} else if (c === '"') {
			return i === value.length - 1 ? out : value;
		} else out += c;
	}
	return value;
}

function parseCondition(segment: string): Condition {
	const trimmed = segment.trim();
	if (trimmed === '')
		throw new BindingError('filter must not contain empty segments (check for extra commas)');
	const eq = trimmed.indexOf('=');
	if (eq < 0) throw new BindingError(inspectList([trimmed]));
	const column = trimmed.slice(0, eq);
	let rest = trimmed.slice(eq + 1);
	const negate = rest.startsWith('not.');
	if (negate) rest = rest.slice('not.'.length);
	const dot = rest.indexOf('.');
	if (dot < 0) throw new BindingError(inspectList([rest]));
	const op = rest.slice(0, dot);
	const value = rest.slice(dot + 1);
	if (!(FILTER_OPS as readonly string[]).includes(op))
		throw new BindingError(inspectList([op, value]));
	if (op === 'in') {
		if (value.length < 2 || !value.startsWith('(') || !value.endsWith(')'))
			throw new BindingError('`in` filter value must be wrapped by parentheses');
		return { column, op, value: `{${value.slice(1, -1)}}`, negate };
	}
	return { column, op: op as FilterOp, value: unquote(value), negate };
}

/** Parses a whole `filter`; throws BindingError with Realtime's wording. */
export function parseFilter(text: string): Filter {
	const trimmed = text.trim();
	if (trimmed === '') return [];
	try {
		return splitTopLevel(trimmed).map(parseCondition);
	} catch (err) {
		if (err instanceof BindingError)
			throw new BindingError(`Error parsing \`filter\` params: ${err.message}`);
		throw err;
	}
}

/** A stable 31-bit id for a binding's params (FNV-1a over canonical JSON), like `phash2`. */
export function bindingId(params: JsonObject): number {
	const canonical = JSON.stringify(
		Object.keys(params)
			.sort()
			.map((k) => [k, params[k]])
	);
	let hash = 0x811c9dc5;
	for (let i = 0; i < canonical.length; i++) {
		hash ^= canonical.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % 0x7fffffff;
}

const EVENTS: readonly ChangeEvent[] = ['INSERT', 'UPDATE', 'DELETE', '*'];

/** `select`: a list keeps its strings (none left means all columns); a string is refused. */
function parseSelect(value: Json | undefined): string[] | null {
	if (Array.isArray(value)) {
		const cols = value.filter((c): c is string => typeof c === 'string');
		return cols.length ? cols : null;
	}
	if (typeof value === 'string')
		throw new BindingError(
			'Error parsing `select` params: expected a list of column name strings, e.g. select: ["col1", "col2"]'
		);
	return null;
}

/** Validates one element of `config.postgres_changes`. */
export function parseBinding(value: Json): PgBinding {
	if (!isObject(value)) throw new BindingError('a postgres_changes binding must be an object');
	const event = typeof value.event === 'string' ? value.event.toUpperCase() : '';
	if (!EVENTS.includes(event as ChangeEvent))
		throw new BindingError(
			`invalid event "${String(value.event)}": expected INSERT, UPDATE, DELETE or *`
		);
	const schema = typeof value.schema === 'string' && value.schema !== '' ? value.schema : null;
	if (!schema) throw new BindingError('a postgres_changes binding needs a schema');
	const table =
		typeof value.table === 'string' && value.table !== '' && value.table !== '*'
			? value.table
			: null;
	const select = parseSelect(value.select);
	let filter: Filter = [];
	if (value.filter !== undefined && value.filter !== null && value.filter !== '') {
		if (typeof value.filter !== 'string') throw new BindingError('filter must be a string');
		filter = parseFilter(value.filter);
		if (filter.length && !table) throw new BindingError('a filter needs a table');
	}
	if (select && (!table || schema === '*'))
		throw new BindingError(
			'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.'
		);
	return {
		params: value,
		id: bindingId(value),
		event: event as ChangeEvent,
		schema,
		table,
		filter,
		select
	};
}
