/**
 * `postgres_changes`: row changes of tables in the `supabase_realtime` publication, captured
 * by AFTER triggers (30_realtime.sql) and announced by NOTIFY after commit. Each change goes
 * to the subscribers whose bindings match it and, for INSERT and UPDATE, who can read the row
 * under their own role and claims (checked per subscriber, as Realtime's WAL reader does).
 * DELETE events carry only the old primary key and are not RLS-checked, as upstream.
 */
import { applyRoleContext, type Database, type RoleContext } from '../db.ts';
import { sqlOperator, type Filter, type PgBinding } from './filters.ts';
import type { Hub, Member } from './hub.ts';
import type { Json, JsonObject } from './protocol.ts';
import { encodeText } from './protocol.ts';

interface ChangeRow {
	schema_name: string;
	table_name: string;
	type: 'INSERT' | 'UPDATE' | 'DELETE';
	record: JsonObject | null;
	old_record: JsonObject | null;
	commit_timestamp: Date | string;
}

interface TableMeta {
	columns: { name: string; type: string; generated: boolean }[];
	primaryKey: string[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function matches(b: PgBinding, row: ChangeRow): boolean {
	return (
		b.schema === row.schema_name &&
		(b.table === null || b.table === row.table_name) &&
		(b.event === '*' || b.event === row.type)
	);
}

function asText(value: Json | undefined): string | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'string'
		? value
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);
}

function ctxKey(ctx: RoleContext): string {
	return JSON.stringify([ctx.role, ctx.claims]);
}

export class PgChanges {
	#db: Database;
	#hub: Hub;

	constructor(db: Database, hub: Hub) {
		this.#db = db;
		this.#hub = hub;
	}

	/** Installs capture triggers on published tables; checks each binding's table and filter column. */
	async prepare(bindings: PgBinding[]): Promise<string | null> {
		try {
			await this.syncTriggers();
			for (const b of bindings) {
				if (!b.table) continue;
				const meta = await this.#tableMeta(b.schema, b.table);
				const known = meta && (!b.filter || meta.columns.some((c) => c.name === b.filter!.column));
				if (!known)
					return (
						'Unable to subscribe to changes with given parameters. Please check Realtime is enabled ' +
						`for the given connect parameters: [event: ${b.event}, schema: ${b.schema}, table: ${b.table}, ` +
						`filters: [${b.filter ? `${b.filter.column}, ${b.filter.op}, ${b.filter.values.join(',')}` : ''}]]`
					);
			}
			return null;
		} catch (err) {
			return `Unable to subscribe to changes: ${(err as Error).message}`;
		}
	}

	/** Puts capture triggers on exactly the tables of the publication. */
	async syncTriggers(): Promise<void> {
		try {
			await this.#db.query('select realtime.sync_change_triggers()');
		} catch (err) {
			// Two joins racing to create the same trigger: the other one won.
			if ((err as { code?: string }).code !== '42710') throw err;
		}
	}

	async #tableMeta(schema: string, table: string): Promise<TableMeta | null> {
		const res = await this.#db.query<{
			name: string;
			type: string;
			pk: boolean;
			generated: boolean;
		}>(
			`select a.attname::text as name, t.typname::text as type, a.attgenerated <> '' as generated,
			        coalesce(a.attnum = any (i.indkey), false) as pk
			   from pg_catalog.pg_attribute a
			   join pg_catalog.pg_class c on c.oid = a.attrelid
			   join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			   join pg_catalog.pg_type t on t.oid = a.atttypid
			   left join pg_catalog.pg_index i on i.indrelid = c.oid and i.indisprimary
			  where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped
			  order by a.attnum`,
			[schema, table]
		);
		if (res.rows.length === 0) return null;
		return {
			columns: res.rows.map((r) => ({ name: r.name, type: r.type, generated: r.generated })),
			primaryKey: res.rows.filter((r) => r.pk).map((r) => r.name)
		};
	}

	/** Delivers one captured change (by its queue id) to the subscribers allowed to see it. */
	async deliver(changeId: string): Promise<void> {
		if (!/^\d+$/.test(changeId)) return;
		const res = await this.#db.query<ChangeRow>(
			`delete from realtime.pending_changes where id = $1
			 returning schema_name, table_name, type, record, old_record, commit_timestamp`,
			[changeId]
		);
		const row = res.rows[0];
		if (!row) return;
		const candidates: { member: Member; bindings: PgBinding[] }[] = [];
		for (const member of this.#hub.pgMembers()) {
			const bindings = member.pgBindings.filter((b) => matches(b, row));
			if (bindings.length) candidates.push({ member, bindings });
		}
		if (candidates.length === 0) return;
		const meta = await this.#tableMeta(row.schema_name, row.table_name);
		if (!meta) return;
		const image = row.type === 'DELETE' ? row.old_record : row.record;
		const filterResults = await this.#evaluateFilters(row, image ?? {}, candidates);
		const allowed =
			row.type === 'DELETE'
				? null
				: await this.#visibleTo(
						row,
						meta,
						candidates.map((c) => c.member.ctx)
					);

		const data: JsonObject = {
			schema: row.schema_name,
			table: row.table_name,
			commit_timestamp: new Date(row.commit_timestamp).toISOString(),
			type: row.type,
			columns: meta.columns.map((c) => ({ name: c.name, type: c.type })),
			errors: null
		};
		if (row.type !== 'DELETE') data.record = row.record;
		if (row.type !== 'INSERT') data.old_record = row.old_record ?? {};
		for (const { member, bindings } of candidates) {
			if (allowed && !allowed.has(ctxKey(member.ctx))) continue;
			const ids = [
				...new Set(
					bindings.filter((b) => !b.filter || filterResults.get(b.filter)).map((b) => b.id)
				)
			];
			if (ids.length === 0) continue;
			member.outlet.send(
				encodeText(member.outlet.vsn, {
					joinRef: null,
					ref: null,
					topic: member.topic,
					event: 'postgres_changes',
					payload: { ids, data }
				})
			);
		}
	}

	/** Evaluates every distinct filter against the row image, with Postgres doing the type casts. */
	async #evaluateFilters(
		row: ChangeRow,
		image: JsonObject,
		candidates: { bindings: PgBinding[] }[]
	): Promise<Map<Filter, boolean>> {
		const filters = [
			...new Set(
				candidates.flatMap((c) => c.bindings.map((b) => b.filter)).filter((f) => f !== null)
			)
		];
		const results = new Map<Filter, boolean>();
		if (filters.length === 0) return results;
		const params: unknown[] = [JSON.stringify(image)];
		const exprs = filters.map((f, i) => {
			const placeholders = f.values.map((v) => {
				params.push(v);
				return `$${params.length}`;
			});
			const rhs = f.op === 'in' ? `(${placeholders.join(', ')})` : placeholders[0];
			return `coalesce(r.${ident(f.column)} ${sqlOperator(f.op)} ${rhs}, false) as f${i}`;
		});
		try {
			const res = await this.#db.query<Record<string, boolean>>(
				`select ${exprs.join(', ')} from jsonb_populate_record(null::${ident(row.schema_name)}.${ident(row.table_name)}, $1::jsonb) r`,
				params
			);
			filters.forEach((f, i) => results.set(f, res.rows[0]?.[`f${i}`] === true));
		} catch {
			// A value that does not cast to the column's type matches nothing.
			filters.forEach((f) => results.set(f, false));
		}
		return results;
	}

	/**
	 * The subscriber contexts that can select the row as the change left it. The row image is
	 * put back in place for the check (triggers and foreign keys off, everything rolled back),
	 * so a later UPDATE or DELETE cannot change who sees this event.
	 */
	async #visibleTo(row: ChangeRow, meta: TableMeta, contexts: RoleContext[]): Promise<Set<string>> {
		const visible = new Set<string>();
		if (meta.primaryKey.length === 0 || !row.record) return visible;
		const distinct = new Map(contexts.map((c) => [ctxKey(c), c]));
		const table = `${ident(row.schema_name)}.${ident(row.table_name)}`;
		const where = meta.primaryKey.map((col, i) => `${ident(col)} = $${i + 1}`).join(' and ');
		const params = meta.primaryKey.map((col) => asText(row.record![col]));
		const writable = meta.columns.filter((c) => !c.generated).map((c) => ident(c.name));
		await this.#db
			.transaction(async (tx) => {
				await tx.query('savepoint realtime_image');
				try {
					await tx.query(`set local session_replication_role = replica`);
					await tx.query(`delete from ${table} where ${where}`, params);
					await tx.query(
						`insert into ${table} (${writable.join(', ')}) overriding system value
						 select ${writable.join(', ')} from jsonb_populate_record(null::${table}, $1::jsonb)`,
						[JSON.stringify(row.record)]
					);
				} catch {
					// Fall back to the row as it is now.
					await tx.query('rollback to savepoint realtime_image');
				}
				for (const [key, ctx] of distinct) {
					await tx.query('savepoint realtime_rls');
					try {
						await applyRoleContext(tx, ctx);
						if ((await tx.query(`select 1 from ${table} where ${where}`, params)).rows.length > 0)
							visible.add(key);
					} catch {
						// No privilege on the table: this subscriber gets nothing.
					}
					await tx.query('rollback to savepoint realtime_rls');
				}
				throw ROLLBACK;
			})
			.catch((err: unknown) => {
				if (err !== ROLLBACK) throw err;
			});
		return visible;
	}
}

const ROLLBACK = new Error('realtime: visibility check rolled back');
