/** What Postgres plans for a statement, for tests that a statement stays off a full scan. */
import type { Sql } from '../../../supabase/local/db.ts';

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	Schema?: string;
	Plans?: PlanNode[];
}

/**
 * The tables (`schema.name`) the plan of `text` with `params` reads with a sequential scan.
 * Run it inside `asRole` for the plan a role gets with its policies.
 */
export async function seqScannedTables(
	sql: Sql,
	text: string,
	params: unknown[] = []
): Promise<string[]> {
	const { rows } = await sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
		`explain (format json, verbose) ${text}`,
		params
	);
	const found: string[] = [];
	const walk = (node: PlanNode) => {
		if (node['Node Type'] === 'Seq Scan') found.push(`${node.Schema}.${node['Relation Name']}`);
		for (const child of node.Plans ?? []) walk(child);
	};
	walk(rows[0]['QUERY PLAN'][0].Plan);
	return found;
}
