/**
 * Relationships between tables, views and functions, detected as PostgREST's SchemaCache.hs
 * does: foreign keys (many-to-one, one-to-one and their inverses), the same keys through views
 * whose columns come straight from the key columns (recursively, views of views), many-to-many
 * through a junction whose primary key holds both keys, and computed relationships (a function
 * taking a row of one table or view and returning rows of another), which override a detected
 * relationship of the same name.
 */

/** A schema-qualified name. */
export interface QI {
	schema: string;
	name: string;
}

/** Column pairs: (column of the relationship's table, column of its foreign table). */
export type ColumnPairs = [string, string][];

export type Cardinality =
	| { type: 'o2m' | 'm2o'; cons: string; columns: ColumnPairs }
	/** A refinement of m2o (and its inverse, `isParent`) when the key columns are unique. */
	| { type: 'o2o'; cons: string; columns: ColumnPairs; isParent: boolean }
	| {
			type: 'm2m';
			junction: QI;
			cons1: string;
			cons2: string;
			/** (table column, junction column) */
			colsSource: ColumnPairs;
			/** (foreign table column, junction column) */
			colsTarget: ColumnPairs;
	  };

export type Relationship =
	| {
			kind: 'fk';
			table: QI;
			foreignTable: QI;
			isSelf: boolean;
			card: Cardinality;
			tableIsView: boolean;
			ftableIsView: boolean;
	  }
	| { kind: 'computed'; fn: QI; table: QI; foreignTable: QI; toOne: boolean; isSelf: boolean };

/** Relationship.hs `relIsToOne`. */
export function isToOne(rel: Relationship): boolean {
	if (rel.kind === 'computed') return rel.toOne;
	return rel.card.type === 'm2o' || rel.card.type === 'o2o';
}

/** A foreign key as the catalogue gives it (SchemaCache.hs allM2OandO2ORels). */
export interface FkRow {
	table: QI;
	foreignTable: QI;
	isSelf: boolean;
	cons: string;
	columns: ColumnPairs;
	oneToOne: boolean;
}

/** A view column set that comes from a table's key (SchemaCache.hs ViewKeyDependency). */
export interface ViewKeyDep {
	table: QI;
	view: QI;
	cons: string;
	/** `p`: primary key, `f`: the referencing side of a foreign key, `f_ref`: its referenced side. */
	type: 'p' | 'f' | 'f_ref';
	/** (table column, the view columns it appears as) */
	columns: [string, string[]][];
}

export interface ComputedRow {
	fn: QI;
	table: QI;
	foreignTable: QI;
	toOne: boolean;
}

const same = (a: QI, b: QI) => a.schema === b.schema && a.name === b.name;

/** Every combination of view columns when a key column appears more than once (expandKeyDepCols). */
function expandKeyDepCols(cols: [string, string[]][]): ColumnPairs[] {
	let out: ColumnPairs[] = [[]];
	for (const [tcol, vcols] of cols)
		out = out.flatMap((prefix) => vcols.map((v) => [...prefix, [tcol, v]] as ColumnPairs));
	return out;
}

/** SchemaCache.hs addViewM2OAndO2ORels: the m2o/o2o keys again from and to the views built on them. */
function addViewRels(deps: ViewKeyDep[], rels: Relationship[]): Relationship[] {
	const out = [...rels];
	for (const rel of rels) {
		if (rel.kind !== 'fk') continue;
		const card = rel.card;
		if (card.type !== 'm2o' && !(card.type === 'o2o' && !card.isParent)) continue;
		const build = (columns: ColumnPairs): Cardinality =>
			card.type === 'm2o'
				? { type: 'm2o', cons: card.cons, columns }
				: { type: 'o2o', cons: card.cons, columns, isParent: false };
		const viewTable = deps.filter(
			(d) => same(d.table, rel.table) && d.cons === card.cons && d.type === 'f'
		);
		const tableView = deps.filter(
			(d) => same(d.table, rel.foreignTable) && d.cons === card.cons && d.type === 'f_ref'
		);
		const zip = (
			a: ColumnPairs,
			b: ColumnPairs,
			f: (x: [string, string], y: [string, string]) => [string, string]
		) => a.slice(0, Math.min(a.length, b.length)).map((x, i) => f(x, b[i]));
		for (const vt of viewTable)
			for (const cols of expandKeyDepCols(vt.columns))
				out.push({
					kind: 'fk',
					table: vt.view,
					foreignTable: rel.foreignTable,
					isSelf: false,
					card: build(zip(cols, card.columns, ([, v], [, f]) => [v, f])),
					tableIsView: true,
					ftableIsView: false
				});
		for (const tv of tableView)
			for (const cols of expandKeyDepCols(tv.columns))
				out.push({
					kind: 'fk',
					table: rel.table,
					foreignTable: tv.view,
					isSelf: false,
					card: build(zip(card.columns, cols, ([t], [, v]) => [t, v])),
					tableIsView: false,
					ftableIsView: true
				});
		for (const vt of viewTable)
			for (const c1 of expandKeyDepCols(vt.columns))
				for (const tv of tableView)
					for (const c2 of expandKeyDepCols(tv.columns))
						out.push({
							kind: 'fk',
							table: vt.view,
							foreignTable: tv.view,
							isSelf: same(vt.view, tv.view),
							card: build(zip(c1, c2, ([, v1], [, v2]) => [v1, v2])),
							tableIsView: true,
							ftableIsView: true
						});
	}
	return out;
}

const swap = (cols: ColumnPairs): ColumnPairs => cols.map(([a, b]) => [b, a]);

/** SchemaCache.hs addM2MRels: a table with keys to two others, both inside its primary key. */
function addM2MRels(pkOf: (t: QI) => string[], rels: Relationship[]): Relationship[] {
	const m2o = rels.filter(
		(r): r is Extract<Relationship, { kind: 'fk' }> => r.kind === 'fk' && r.card.type === 'm2o'
	);
	const out = [...rels];
	for (const a of m2o)
		for (const b of m2o) {
			if (!same(a.table, b.table) || a.card.type !== 'm2o' || b.card.type !== 'm2o') continue;
			if (a.card.cons === b.card.cons) continue;
			const pk = new Set(pkOf(a.table));
			const jtCols = [...a.card.columns.map(([c]) => c), ...b.card.columns.map(([c]) => c)];
			if (!jtCols.every((c) => pk.has(c))) continue;
			out.push({
				kind: 'fk',
				table: a.foreignTable,
				foreignTable: b.foreignTable,
				isSelf: same(a.foreignTable, b.foreignTable),
				card: {
					type: 'm2m',
					junction: a.table,
					cons1: a.card.cons,
					cons2: b.card.cons,
					colsSource: swap(a.card.columns),
					colsTarget: swap(b.card.columns)
				},
				tableIsView: a.ftableIsView,
				ftableIsView: b.ftableIsView
			});
		}
	return out;
}

/** SchemaCache.hs addInverseRels: one-to-many for every many-to-one, the parent side of a one-to-one. */
function addInverseRels(rels: Relationship[]): Relationship[] {
	const out = [...rels];
	for (const r of rels) {
		if (r.kind !== 'fk') continue;
		const c = r.card;
		let card: Cardinality;
		if (c.type === 'm2o') card = { type: 'o2m', cons: c.cons, columns: swap(c.columns) };
		else if (c.type === 'o2o')
			card = { type: 'o2o', cons: c.cons, columns: swap(c.columns), isParent: !c.isParent };
		else continue;
		out.push({
			kind: 'fk',
			table: r.foreignTable,
			foreignTable: r.table,
			isSelf: r.isSelf,
			card,
			tableIsView: r.ftableIsView,
			ftableIsView: r.tableIsView
		});
	}
	return out;
}

/** The primary key a view inherits from its table (SchemaCache.hs addViewPrimaryKeys). */
export function viewPrimaryKey(deps: ViewKeyDep[], view: QI): string[] {
	return deps
		.filter((d) => d.type === 'p' && same(d.view, view))
		.flatMap((d) => d.columns.flatMap(([, vcols]) => (vcols.length ? [vcols[0]] : [])));
}

// The derived Ord of PostgREST's Relationship, which orders candidates in PGRST201.
type SortItem = string | number | boolean | SortItem[];
type Sortable = SortItem[];
const CARD_ORDER = { o2m: 0, m2o: 1, o2o: 2, m2m: 3 } as const;
const qiKey = (q: QI): Sortable => [q.schema, q.name];
const pairs = (cols: ColumnPairs): Sortable => cols.map(([a, b]) => [a, b]);
function sortKey(r: Relationship): Sortable {
	if (r.kind === 'computed')
		return [1, qiKey(r.fn), qiKey(r.table), qiKey(r.foreignTable), r.toOne, r.isSelf];
	const c = r.card;
	const card: Sortable =
		c.type === 'm2m'
			? [
					CARD_ORDER.m2m,
					qiKey(c.junction),
					c.cons1,
					c.cons2,
					pairs(c.colsSource),
					pairs(c.colsTarget)
				]
			: [CARD_ORDER[c.type], c.cons, pairs(c.columns), c.type === 'o2o' ? c.isParent : false];
	return [0, qiKey(r.table), qiKey(r.foreignTable), r.isSelf, card, r.tableIsView, r.ftableIsView];
}
function compare(a: Sortable, b: Sortable): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		const x = a[i];
		const y = b[i];
		const d =
			Array.isArray(x) && Array.isArray(y)
				? compare(x, y)
				: x === y
					? 0
					: (x as string | number) < (y as string | number)
						? -1
						: 1;
		if (d) return d;
	}
	return a.length - b.length;
}

/**
 * The relationships starting at each table or view of `schema`, keyed by its name, in
 * PostgREST's order (SchemaCache.hs querySchemaCache and getOverrideRelationshipsMap).
 */
export function buildRelationships(
	schema: string,
	fks: FkRow[],
	deps: ViewKeyDep[],
	computed: ComputedRow[],
	pkOf: (t: QI) => string[]
): Map<string, Relationship[]> {
	const base: Relationship[] = fks.map((f) => ({
		kind: 'fk',
		table: f.table,
		foreignTable: f.foreignTable,
		isSelf: f.isSelf,
		card: f.oneToOne
			? { type: 'o2o', cons: f.cons, columns: f.columns, isParent: false }
			: { type: 'm2o', cons: f.cons, columns: f.columns },
		tableIsView: false,
		ftableIsView: false
	}));
	const rels = addInverseRels(addM2MRels(pkOf, addViewRels(deps, base)));
	// (table, foreign table) → detected ones; (table, function) → the computed one, which prevails.
	const groups = new Map<string, Relationship[]>();
	const key = (t: QI, other: QI) => JSON.stringify([t.schema, t.name, other.schema, other.name]);
	for (const r of rels) {
		// removeInternal: only what starts and ends in this schema, through a junction in it.
		if (r.table.schema !== schema || r.foreignTable.schema !== schema) continue;
		if (r.kind === 'fk' && r.card.type === 'm2m' && r.card.junction.schema !== schema) continue;
		const k = key(r.table, r.foreignTable);
		groups.set(k, [...(groups.get(k) ?? []), r]);
	}
	for (const c of computed) {
		if (c.table.schema !== schema || c.foreignTable.schema !== schema) continue;
		groups.set(key(c.table, c.fn), [
			{ kind: 'computed', ...c, isSelf: same(c.table, c.foreignTable) }
		]);
	}
	const byOrigin = new Map<string, Relationship[]>();
	for (const list of groups.values())
		for (const r of list) byOrigin.set(r.table.name, [...(byOrigin.get(r.table.name) ?? []), r]);
	for (const list of byOrigin.values()) list.sort((a, b) => compare(sortKey(a), sortKey(b)));
	return byOrigin;
}
