/**
 * INSERT / UPSERT / UPDATE / DELETE from a validated payload. The JSON body is one bind
 * parameter that Postgres unpacks with json_to_recordset, typed from the catalogue.
 */
import type { Table } from '../catalog.ts';
import type { Condition } from '../parse/types.ts';
import { conditionSql, ident, Params, qualified } from './fragments.ts';

export interface InsertPlan {
	table: Table;
	columns: string[];
	/** The payload normalised to an array of objects. */
	rows: Record<string, unknown>[];
	/** `missing=default`: absent keys take the column default instead of null. */
	missingDefault: boolean;
	onConflict?: { columns: string[]; resolution: 'merge-duplicates' | 'ignore-duplicates' };
	/** PUT: the URL's primary-key filters, applied to the payload rows before they are written. */
	bodyFilter?: Condition[];
	/** Adds `pgrst_inserted` to the returned rows (alone without `full`): true for an insert, false for an update. */
	markInserted?: boolean;
}

function recordType(table: Table, columns: string[]): string {
	return columns.map((c) => `${ident(c)} ${table.columns.get(c)!.type}`).join(', ');
}

/** `returning` for the CTE: the whole row for representation, a constant otherwise (no SELECT policy needed). */
function returning(table: Table, full: boolean): string {
	return full ? ` returning ${ident(table.name)}.*` : ' returning 1';
}

/** The INSERT statement (without a surrounding CTE). */
export function insertSql(plan: InsertPlan, params: Params, full: boolean): string {
	const { table } = plan;
	const target = `${qualified(table.schema, table.name)} as ${ident(table.name)}`;
	let cols = plan.columns;
	let source: string;
	if (cols.length === 0 || plan.missingDefault) {
		// Row by row, so an absent key can be DEFAULT (a VALUES list may mix DEFAULT and values).
		if (cols.length === 0) cols = [[...table.columns.keys()][0]];
		let bodyParam: string | undefined;
		const body = () => (bodyParam ??= params.add(JSON.stringify(plan.rows)));
		const values = plan.rows.map(
			(row, i) =>
				`(${cols
					.map((c) =>
						c in row && plan.columns.length
							? `(select pgrst_body.${ident(c)} from json_to_record((${body()}::json)->${i}) as pgrst_body(${recordType(table, [c])}))`
							: 'default'
					)
					.join(', ')})`
		);
		source = `values ${values.join(', ')}`;
	} else {
		const body = params.add(JSON.stringify(plan.rows));
		source = `select ${cols.map(ident).join(', ')} from json_to_recordset(${body}::json) as pgrst_body(${recordType(table, cols)})`;
		const where = (plan.bodyFilter ?? []).map((c) => conditionSql('pgrst_body', c, params));
		if (where.length) source += ` where ${where.join(' and ')}`;
	}
	let sql = `insert into ${target} (${cols.map(ident).join(', ')}) ${source}`;
	if (plan.onConflict) {
		const target = plan.onConflict.columns.length
			? ` (${plan.onConflict.columns.map(ident).join(', ')})`
			: '';
		if (plan.onConflict.resolution === 'ignore-duplicates' || plan.columns.length === 0)
			sql += ` on conflict${target} do nothing`;
		else
			sql += ` on conflict${target} do update set ${plan.columns.map((c) => `${ident(c)} = excluded.${ident(c)}`).join(', ')}`;
	}
	// `xmax` is 0 on a row version this statement inserted, and set on one it updated.
	const inserted = `(${ident(table.name)}.xmax = 0) as pgrst_inserted`;
	if (!plan.markInserted) return sql + returning(table, full);
	return full ? `${sql}${returning(table, full)}, ${inserted}` : `${sql} returning ${inserted}`;
}

/** The UPDATE statement; the caller checks that `columns` is not empty. */
export function updateSql(
	table: Table,
	columns: string[],
	row: Record<string, unknown>,
	conditions: Condition[],
	params: Params,
	full: boolean
): string {
	const body = params.add(JSON.stringify(row));
	const where = conditions.map((c) => conditionSql(table.name, c, params));
	return (
		`update ${qualified(table.schema, table.name)} as ${ident(table.name)} set ` +
		columns.map((c) => `${ident(c)} = pgrst_body.${ident(c)}`).join(', ') +
		` from (select * from json_to_record(${body}::json) as pgrst_body(${recordType(table, columns)})) as pgrst_body` +
		(where.length ? ` where ${where.join(' and ')}` : '') +
		returning(table, full)
	);
}

/** The DELETE statement. */
export function deleteSql(
	table: Table,
	conditions: Condition[],
	params: Params,
	full: boolean
): string {
	const where = conditions.map((c) => conditionSql(table.name, c, params));
	return `delete from ${qualified(table.schema, table.name)} as ${ident(table.name)}${where.length ? ` where ${where.join(' and ')}` : ''}${returning(table, full)}`;
}
