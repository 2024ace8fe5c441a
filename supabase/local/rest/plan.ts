/**
 * Resolves a parsed request against the schema cache: checks every column, finds the foreign
 * key behind each embedding (cf. PostgREST Plan/ReadPlan.hs) and places filters, order and
 * paging at their embedding level. The result is a tree SQL can be built from.
 */
import { closest, pgrst, RestError } from './errors.ts';
import type { SchemaCache, Table } from './catalog.ts';
import { isToOne, type Relationship } from './relationships.ts';
import {
	describeRelationship,
	matchRelationships,
	relationshipHint
} from './relationship-lookup.ts';
import type { ApiRequest, LevelParams } from './parse/request.ts';
import { defaultAlias } from './parse/lexer.ts';
import type { AggregateName, Condition, FieldRef, OrderTerm, SelectItem } from './parse/types.ts';

export interface PlannedField {
	/** `*` for `count()`. */
	field: FieldRef;
	/** Output key: the alias, else the aggregate's name, else the column or last JSON key. */
	alias: string;
	cast?: string;
	agg?: AggregateName;
	aggCast?: string;
}

export interface ReadNode {
	table: Table;
	/** The SQL alias of this level's table. */
	alias: string;
	star: boolean;
	fields: PlannedField[];
	embeds: PlannedEmbed[];
	conditions: Condition[];
	/** `rel=is.null` / `rel=not.is.null` filters on embedded resources. */
	embedNullFilters: { embed: PlannedEmbed; negated: boolean }[];
	order: (OrderTerm & { embed?: PlannedEmbed })[];
	limit?: number;
	offset?: number;
}

export interface PlannedEmbed {
	/** Key in the JSON output (alias or relation name). */
	name: string;
	/** The name as the select wrote it, and its alias: either addresses it in `rel.col=…`. */
	relName: string;
	alias?: string;
	rel: Relationship;
	/** Whether it embeds one object (many-to-one, one-to-one, a to-one computed relationship). */
	toOne: boolean;
	node: ReadNode;
	inner: boolean;
	spread: boolean;
	/** SQL alias of the lateral join. */
	joinAlias: string;
}

/** Postgres's own error for an unknown column, raised before any SQL is built. */
export function unknownColumn(alias: string, name: string): RestError {
	return new RestError(400, {
		code: '42703',
		message: `column ${alias}.${name} does not exist`,
		details: null,
		hint: null
	});
}

/** The table a request names, or PostgREST's PGRST205 with a fuzzy hint. */
export function findTable(cache: SchemaCache, name: string): Table {
	const table = cache.tables.get(name);
	if (table) return table;
	const guess = closest(name, cache.tables.keys());
	throw pgrst(
		'noTable',
		`Could not find the table '${cache.schema}.${name}' in the schema cache`,
		null,
		guess ? `Perhaps you meant the table '${cache.schema}.${guess}'` : null
	);
}

/** Checks that a referenced column, or computed field (a function of the row), exists on the table. */
export function checkColumn(table: Table, alias: string, name: string): void {
	if (!table.columns.has(name) && !table.computed.has(name)) throw unknownColumn(alias, name);
}

/** The relationship an embedding `name[!hint]` of `parent` means, or PGRST200/201 (Plan.hs findRel). */
export function resolveRelationship(
	cache: SchemaCache,
	parent: Table,
	name: string,
	hint?: string
): { target: Table; rel: Relationship } {
	const rels = cache.relationships.get(parent.name);
	const found = matchRelationships(rels ?? [], name, hint);
	if (found.length === 1) {
		const target = cache.tables.get(found[0].foreignTable.name);
		if (target) return { target, rel: found[0] };
	}
	if (found.length <= 1) {
		// Error.hs noRelBetweenHint: a parent with no relationships may be misspelt, else the child.
		const children = new Set((rels ?? []).map((r) => r.foreignTable.name));
		const guess = rels
			? children.has(name)
				? undefined
				: closest(name, children, 0.33)
			: closest(parent.name, cache.relationships.keys(), 0.33);
		throw pgrst(
			'noRelationship',
			`Could not find a relationship between '${parent.name}' and '${name}' in the schema cache`,
			`Searched for a foreign key relationship between '${parent.name}' and '${name}'${hint !== undefined ? ` using the hint '${hint}'` : ''} in the schema '${cache.schema}', but no matches were found.`,
			guess ? `Perhaps you meant '${guess}' instead of '${rels ? name : parent.name}'.` : null
		);
	}
	throw pgrst(
		'ambiguousRelationship',
		`Could not embed because more than one relationship was found for '${parent.name}' and '${name}'`,
		found.map(describeRelationship),
		`Try changing '${name}' to one of the following: ${found.map(relationshipHint).join(', ')}. Find the desired relationship in the 'details' key.`
	);
}

interface PlanContext {
	cache: SchemaCache;
	counter: { n: number };
	/** `db-aggregates-enabled`. */
	aggregates: boolean;
	/** Columns under aggregates: checked once the plan is known to allow them (Postgres's 42703 comes after PGRST123). */
	aggColumns: (() => void)[];
}

/** PostgREST's PGRST123, for any aggregate while `db-aggregates-enabled` is off. */
function aggregatesNotAllowed(): RestError {
	return pgrst('aggregates', 'Use of aggregate functions is not allowed');
}

/** Whether a level aggregates, itself or through the to-one spreads whose aggregates it takes over. */
export function aggregating(node: ReadNode): boolean {
	return node.fields.some((f) => f.agg) || node.embeds.some((e) => e.spread && aggregating(e.node));
}

function anyAggregate(node: ReadNode): boolean {
	return node.fields.some((f) => f.agg) || node.embeds.some((e) => anyAggregate(e.node));
}

function checkConditions(node: ReadNode, conditions: Condition[]): void {
	for (const c of conditions) {
		if (c.kind === 'logic') checkConditions(node, c.children);
		else checkColumn(node.table, node.alias, c.field.name);
	}
}

function buildNode(ctx: PlanContext, table: Table, alias: string, items: SelectItem[]): ReadNode {
	const node: ReadNode = {
		table,
		alias,
		star: false,
		fields: [],
		embeds: [],
		conditions: [],
		embedNullFilters: [],
		order: []
	};
	for (const item of items) {
		if (item.kind === 'star') node.star = true;
		else if (item.kind === 'field') {
			if (!item.agg) checkColumn(table, alias, item.field.name);
			else if (item.field.name !== '*')
				ctx.aggColumns.push(() => checkColumn(table, alias, item.field.name));
			node.fields.push({
				field: item.field,
				alias: item.alias ?? item.agg ?? defaultAlias(item.field),
				...(item.cast ? { cast: item.cast } : {}),
				...(item.agg ? { agg: item.agg } : {}),
				...(item.aggCast ? { aggCast: item.aggCast } : {})
			});
		} else {
			const found = resolveRelationship(ctx.cache, table, item.name, item.hint);
			const name = item.alias ?? item.name;
			const n = ++ctx.counter.n;
			const child = buildNode(ctx, found.target, `${found.target.name}_${n}`, item.items);
			const toOne = isToOne(found.rel);
			// A to-many spread gives arrays of values, without aggregates (Plan.hs addToManyOrderSelects).
			if (item.spread && !toOne && aggregating(child)) {
				if (!ctx.aggregates) throw aggregatesNotAllowed();
				throw pgrst(
					'notImplemented',
					'Feature not implemented',
					'Aggregates are not implemented for one-to-many or many-to-many spreads.'
				);
			}
			node.embeds.push({
				name,
				relName: item.name,
				...(item.alias !== undefined ? { alias: item.alias } : {}),
				rel: found.rel,
				toOne,
				node: child,
				inner: item.inner,
				spread: item.spread,
				joinAlias: `${alias}_${name}_${n}`.slice(0, 60)
			});
		}
	}
	return node;
}

/** Puts one level's filters, order and paging on its node (Plan.hs addFilters, addOrders, addRanges). */
function applyLevel(node: ReadNode, level: LevelParams): void {
	const { table, alias } = node;
	for (const cond of level.conditions) {
		const embed =
			cond.kind === 'filter' && !cond.field.path.length && !table.columns.has(cond.field.name)
				? node.embeds.find((e) => e.name === cond.field.name)
				: undefined;
		if (embed && cond.kind === 'filter') {
			if (cond.expr.op !== 'is' || cond.expr.value !== 'null')
				throw new RestError(400, {
					code: 'PGRST120',
					message: `Bad operator on the '${embed.name}' embedded resource`,
					details: 'Only is null or not is null filters are allowed on embedded resources',
					hint: null
				});
			node.embedNullFilters.push({ embed, negated: cond.expr.negated });
		} else {
			checkConditions(node, [cond]);
			node.conditions.push(cond);
		}
	}
	for (const term of level.order ?? []) {
		if (term.relation) {
			const embed = node.embeds.find((e) => e.name === term.relation);
			if (!embed) throw notEmbedded(term.relation);
			if (!embed.toOne)
				throw pgrst(
					'relatedOrder',
					`A related order on '${embed.name}' is not possible`,
					`'${table.name}' and '${embed.name}' do not form a many-to-one or one-to-one relationship`
				);
			checkColumn(embed.node.table, embed.node.alias, term.field.name);
			node.order.push({ ...term, embed });
		} else {
			checkColumn(table, alias, term.field.name);
			node.order.push(term);
		}
	}
	if (level.limit !== undefined) node.limit = level.limit;
	if (level.offset !== undefined) node.offset = level.offset;
}

function notEmbedded(name: string): RestError {
	return pgrst(
		'notEmbedded',
		`'${name}' is not an embedded resource in this request`,
		null,
		`Verify that '${name}' is included in the 'select' query parameter.`
	);
}

/**
 * Plans the read part of a request on `table`. Aggregates (`amount.sum()`, `count()`) are
 * refused with PGRST123 unless `aggregates` (PostgREST's `db-aggregates-enabled`) is on.
 */
export function planRead(
	cache: SchemaCache,
	req: ApiRequest,
	table: Table,
	alias = table.name,
	aggregates = false
): ReadNode {
	const ctx: PlanContext = {
		cache,
		counter: { n: 0 },
		aggregates,
		aggColumns: []
	};
	const node = buildNode(ctx, table, alias, req.select);
	// A parameter's path goes down by relation name or alias, to the first embedding that has
	// it (Plan.hs updateNode).
	for (const [key, level] of req.levels) {
		let target = node;
		for (const segment of key === '' ? [] : key.split('.')) {
			const embed = target.embeds.find((e) => e.relName === segment || e.alias === segment);
			if (!embed) throw notEmbedded(segment);
			target = embed.node;
		}
		applyLevel(target, level);
	}
	if (!aggregates && anyAggregate(node)) throw aggregatesNotAllowed();
	for (const check of ctx.aggColumns) check();
	return node;
}
