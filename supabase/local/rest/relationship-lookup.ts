/**
 * Which relationship an embedding means (Plan.hs findRel), and how PGRST201 describes the
 * candidates (Error.hs compressedRel, relHint).
 */
import type { Cardinality, Relationship } from './relationships.ts';

const singleCol = (card: Cardinality, side: 0 | 1): string | undefined =>
	card.type !== 'm2m' && card.columns.length === 1 ? card.columns[0][side] : undefined;

/**
 * The relationships from `origin` an embedding `target[!hint]` can mean (Plan.hs findRel): the
 * computed one of that name; in a self-relationship the one-to-many by the table's name and the
 * many-to-one by its column; otherwise a foreign table by name, or (not into a view) a
 * constraint or single column, and with a hint the foreign table narrowed by constraint,
 * column on either side or junction.
 */
export function matchRelationships(
	rels: Relationship[],
	target: string,
	hint: string | undefined
): Relationship[] {
	return rels.filter((r) => {
		if (r.kind === 'computed') return r.fn.name === target;
		const c = r.card;
		const cons = c.type === 'm2m' ? undefined : c.cons;
		if (r.isSelf) {
			if (hint === undefined)
				return (
					(r.foreignTable.name === target && c.type === 'o2m') ||
					(singleCol(c, 0) === target && c.type === 'm2o')
				);
			return r.foreignTable.name === target && c.type === 'o2m' && singleCol(c, 1) === hint;
		}
		if (hint === undefined)
			return (
				r.foreignTable.name === target ||
				(cons === target && !r.ftableIsView) ||
				(singleCol(c, 0) === target && !r.ftableIsView)
			);
		return (
			r.foreignTable.name === target &&
			(cons === hint ||
				singleCol(c, 0) === hint ||
				singleCol(c, 1) === hint ||
				(c.type === 'm2m' && c.junction.name === hint))
		);
	});
}

const fmtCols = (cols: string[]) => `(${cols.join(', ')})`;

/** One candidate of PGRST201's details (Error.hs compressedRel). */
export function describeRelationship(r: Relationship): Record<string, string> {
	if (r.kind === 'computed') return {};
	const c = r.card;
	const embedding = `${r.table.name} with ${r.foreignTable.name}`;
	if (c.type === 'm2m')
		return {
			cardinality: 'many-to-many',
			embedding,
			relationship: `${c.junction.name} using ${c.cons1}${fmtCols(c.colsSource.map(([, j]) => j))} and ${c.cons2}${fmtCols(c.colsTarget.map(([, j]) => j))}`
		};
	const cardinality = { m2o: 'many-to-one', o2o: 'one-to-one', o2m: 'one-to-many' }[c.type];
	return {
		cardinality,
		embedding,
		relationship: `${c.cons} using ${r.table.name}${fmtCols(c.columns.map(([a]) => a))} and ${r.foreignTable.name}${fmtCols(c.columns.map(([, b]) => b))}`
	};
}

/** One candidate of PGRST201's hint (Error.hs relHint). */
export function relationshipHint(r: Relationship): string {
	if (r.kind === 'computed') return '';
	const c = r.card;
	return `'${r.foreignTable.name}!${c.type === 'm2m' ? c.junction.name : c.cons}'`;
}
