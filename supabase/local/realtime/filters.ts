/**
 * `postgres_changes` subscriptions: the binding a client sends in `config.postgres_changes`,
 * validated, and its `filter` (`column=op.value`) parsed. Values stay text: Postgres casts
 * them to the column's type when the filter is evaluated.
 */
import { isObject, type Json, type JsonObject } from './protocol.ts';

export const FILTER_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export type ChangeEvent = 'INSERT' | 'UPDATE' | 'DELETE' | '*';

export interface Filter {
	column: string;
	op: FilterOp;
	/** One value, or several for `in`. */
	values: string[];
}

export interface PgBinding {
	/** What the join reply echoes: the client's params plus the id. */
	params: JsonObject;
	id: number;
	event: ChangeEvent;
	schema: string;
	/** `*` or absent means every table of the schema. */
	table: string | null;
	filter: Filter | null;
}

export class BindingError extends Error {
	override name = 'BindingError';
}

const SQL_OPS: Record<FilterOp, string> = {
	eq: '=',
	neq: '<>',
	lt: '<',
	lte: '<=',
	gt: '>',
	gte: '>=',
	in: 'in'
};

/** The SQL operator of a filter op. */
export function sqlOperator(op: FilterOp): string {
	return SQL_OPS[op];
}

function splitList(text: string): string[] {
	const inner = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
	return inner
		.split(',')
		.map((v) => v.trim())
		.map((v) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v));
}

/** Parses `column=op.value`; throws BindingError for anything else. */
export function parseFilter(text: string): Filter {
	const eq = text.indexOf('=');
	if (eq <= 0) throw new BindingError(`invalid filter "${text}": expected column=op.value`);
	const column = text.slice(0, eq).trim();
	const rest = text.slice(eq + 1);
	const dot = rest.indexOf('.');
	if (dot <= 0) throw new BindingError(`invalid filter "${text}": expected column=op.value`);
	const op = rest.slice(0, dot) as FilterOp;
	if (!FILTER_OPS.includes(op))
		throw new BindingError(`invalid filter "${text}": unknown operator ${op}`);
	const raw = rest.slice(dot + 1);
	const values = op === 'in' ? splitList(raw) : [raw];
	if (values.length === 0 || (op === 'in' && values.some((v) => v === '')))
		throw new BindingError(`invalid filter "${text}": empty value list`);
	return { column, op, values };
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
	let filter: Filter | null = null;
	if (value.filter !== undefined && value.filter !== null && value.filter !== '') {
		if (typeof value.filter !== 'string') throw new BindingError('filter must be a string');
		if (!table) throw new BindingError('a filter needs a table');
		filter = parseFilter(value.filter);
	}
	return {
		params: value,
		id: bindingId(value),
		event: event as ChangeEvent,
		schema,
		table,
		filter
	};
}
