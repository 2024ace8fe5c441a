/**
 * Private channel authorisation as Realtime's `Tenants.Authorization` does it: in a
 * transaction that is always rolled back, as the user and with `realtime.topic` set, test a
 * SELECT (read) and an INSERT (write) on `realtime.messages` for the broadcast and presence
 * extensions. RLS policies on `realtime.messages` decide.
 */
import { applyRoleContext, type Database, type RoleContext, type Sql } from '../db.ts';
import { nearDatabase } from '../procedures.ts';

export type Extension = 'broadcast' | 'presence';

export interface ReadPolicies {
	broadcast: boolean;
	presence: boolean;
}

class Rollback<T> {
	readonly value: T;
	constructor(value: T) {
		this.value = value;
	}
}

/** Runs fn in a transaction that is always rolled back, returning fn's value. */
async function probe<T>(db: Database, fn: (tx: Sql) => Promise<T>): Promise<T> {
	try {
		await db.transaction(async (tx) => {
			throw new Rollback(await fn(tx));
		});
	} catch (err) {
		if (err instanceof Rollback) return err.value as T;
		throw err;
	}
	throw new Error('unreachable: probe transaction committed');
}

async function actAs(tx: Sql, ctx: RoleContext, topic: string): Promise<void> {
	await applyRoleContext(tx, ctx);
	await tx.query(`select set_config('realtime.topic', $1, true)`, [topic]);
}

/**
 * Which of the two probe rows the user sees, found by their primary key (id, inserted_at):
 * the time takes the read to the one day partition that holds them (30_realtime.sql), the id
 * to the row. Comparing `id::text` read every row of `realtime.messages`, and every row of the
 * topic through its policies, on each join (30 ms with 200,000 stored broadcasts on PGlite).
 */
export const READ_PROBE_SELECT = `select extension from realtime.messages
  where topic = $1 and id in ($2::uuid, $3::uuid) and inserted_at = $4::timestamp`;

/**
 * Which extensions the user may read on a topic. The probe is one transaction of five
 * statements, so it runs beside the database (procedures.ts).
 */
export function readPolicies(db: Database, ctx: RoleContext, topic: string): Promise<ReadPolicies> {
	return nearDatabase(db, 'realtime.readPolicies', readPoliciesHere, ctx, topic);
}

/** `readPolicies` on this thread's connection. */
export async function readPoliciesHere(
	db: Database,
	ctx: RoleContext,
	topic: string
): Promise<ReadPolicies> {
	return probe(db, async (tx) => {
		// One statement: both rows get the same inserted_at, the transaction's start.
		const inserted = await tx.query<{ id: string; extension: Extension; at: string }>(
			`insert into realtime.messages (topic, extension) values ($1, 'broadcast'), ($1, 'presence')
			 returning id::text, extension, inserted_at::text as at`,
			[topic],
			{ prepared: true }
		);
		await actAs(tx, ctx, topic);
		const [a, b] = inserted.rows;
		const seen = await tx.query<{ extension: Extension }>(
			READ_PROBE_SELECT,
			[topic, a.id, b.id, a.at],
			{ prepared: true }
		);
		const visible = new Set(seen.rows.map((r) => r.extension));
		return { broadcast: visible.has('broadcast'), presence: visible.has('presence') };
	});
}

const INSUFFICIENT_PRIVILEGE = '42501';

/** Whether the user may send (insert) on a topic for one extension; beside the database. */
export function canWrite(
	db: Database,
	ctx: RoleContext,
	topic: string,
	extension: Extension
): Promise<boolean> {
	return nearDatabase(db, 'realtime.canWrite', canWriteHere, ctx, topic, extension);
}

/** `canWrite` on this thread's connection. */
export async function canWriteHere(
	db: Database,
	ctx: RoleContext,
	topic: string,
	extension: Extension
): Promise<boolean> {
	return probe(db, async (tx) => {
		await actAs(tx, ctx, topic);
		await tx.query('savepoint realtime_write_probe');
		try {
			await tx.query(`insert into realtime.messages (topic, extension) values ($1, $2)`, [
				topic,
				extension
			]);
			return true;
		} catch (err) {
			await tx.query('rollback to savepoint realtime_write_probe');
			if ((err as { code?: string }).code === INSUFFICIENT_PRIVILEGE) return false;
			throw err;
		}
	});
}
