/**
 * `postgres_changes`: row changes of tables in the `supabase_realtime` publication, captured
 * by AFTER triggers (30_realtime.sql) and announced by NOTIFY after commit. Each change goes
 * to the subscribers whose bindings match it and, for INSERT and UPDATE, who can read the row
 * under their own role and claims (checked per subscriber, as Realtime's WAL reader does).
 * DELETE events carry only the old primary key and are not RLS-checked, as upstream.
 */
import { applyRoleContext, type Database, type RoleContext } from '../db.ts';
import { filterSql, ident } from './filter-sql.ts';
import { MAX_IN_VALUES, type Filter, type PgBinding } from './filters.ts';
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
	/** `type` is the short name payloads carry (`int4`), `regtype` the SQL one (`integer`). */
	columns: { name: string; type: string; regtype: string; generated: boolean }[];
	primaryKey: string[];
}

/** Realtime's `params_to_log/1`: the subscription as its errors print it. */
function paramsToLog(b: PgBinding): string {
	const filters = b.filter.map(
		(c) =>
			`{${JSON.stringify(c.column)}, ${JSON.stringify(c.op)}, ${JSON.stringify(c.value)}, ${c.negate}}`
	);
	const select = b.select ? `[${b.select.map((c) => JSON.stringify(c)).join(', ')}]` : 'nil';
	return `event: ${b.event}, schema: ${b.schema}, table: ${b.table}, filters: [${filters.join(', ')}], select: ${select}`;
}

/** A subscription Realtime's `subscription_check_filters` refuses; `message` is its exception. */
class CheckError extends Error {
	override name = 'CheckError';
}

/** Postgres condition names for the errors a filter value's cast can raise. */
const CONDITION_NAMES: Record<string, string> = {
	'22P02': 'invalid_text_representation',
	'22007': 'invalid_datetime_format',
	'22008': 'datetime_field_overflow',
	'22003': 'numeric_value_out_of_range',
	'2201B': 'invalid_regular_expression',
	P0001: 'raise_exception'
};

/** An exception as Postgrex prints it: `ERROR P0001 (raise_exception) …`. */
function exceptionText(err: unknown): string {
	if (err instanceof CheckError) return `ERROR P0001 (raise_exception) ${err.message}`;
	const { code, message } = err as { code?: string; message?: string };
	const name = code && CONDITION_NAMES[code] ? ` (${CONDITION_NAMES[code]})` : '';
	return `ERROR ${code ?? 'XX000'}${name} ${message ?? String(err)}`;
}

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
	/** Writes of `realtime.capture_wanted`, one at a time, in order. */
	#wantedChain: Promise<void> = Promise.resolve();
	/** What the table holds since the last write (sorted keys), to skip writes that change nothing. */
	#wantedWritten: string | null = null;

	constructor(db: Database, hub: Hub) {
		this.#db = db;
		this.#hub = hub;
		hub.onPgMemberLeft = () => void this.syncWanted().catch(() => {});
	}

	/**
	 * Writes to `realtime.capture_wanted` the tables the subscribers follow now, and enables the
	 * capture trigger on those tables only (`realtime.sync_capture_enabled`). Resolves once written; writes run one at a time and
	 * each reads the hub when it runs, so the last one always reflects the last change.
	 */
	syncWanted(): Promise<void> {
		const run = this.#wantedChain.then(() => this.#writeWanted());
		this.#wantedChain = run.catch((err: unknown) => {
			console.error('realtime: keeping the followed tables failed:', (err as Error).message);
		});
		return run;
	}

	async #writeWanted(): Promise<void> {
		const wanted = new Map<string, [string, string]>();
		for (const member of this.#hub.pgMembers())
			for (const b of member.pgBindings) {
				const pair: [string, string] = [b.schema, b.table ?? '*'];
				wanted.set(JSON.stringify(pair), pair);
			}
		const key = [...wanted.keys()].sort().join('\n');
		if (key === this.#wantedWritten) return;
		const pairs = [...wanted.values()];
		const params = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
		await this.#db.transaction(async (tx) => {
			await tx.query(
				`delete from realtime.capture_wanted as w
				  where (w.schema_name, w.table_name) not in (select * from unnest($1::text[], $2::text[]))`,
				params
			);
			await tx.query(
				`insert into realtime.capture_wanted (schema_name, table_name)
				 select * from unnest($1::text[], $2::text[]) on conflict do nothing`,
				params
			);
			await tx.query('select realtime.sync_capture_enabled()');
		});
		this.#wantedWritten = key;
	}

	/** Forgets every followed table (at start, when nobody can be subscribed yet). */
	async resetWanted(): Promise<void> {
		await this.#db.transaction(async (tx) => {
			await tx.query('delete from realtime.capture_wanted');
			await tx.query('select realtime.sync_capture_enabled()');
		});
		this.#wantedWritten = '';
	}

	/**
	 * Installs capture triggers on published tables and checks each binding as Realtime's
	 * `subscription_check_filters` trigger does: filter and select columns exist, each value
	 * casts to its column's type, and each operator suits the column.
	 */
	async prepare(bindings: PgBinding[]): Promise<string | null> {
		try {
			await this.syncTriggers();
			for (const b of bindings) {
				if (!b.table) continue;
				const meta = await this.#tableMeta(b.schema, b.table);
				if (!meta)
					return (
						'Unable to subscribe to changes with given parameters. Please check Realtime is enabled ' +
						`for the given connect parameters: [${paramsToLog(b)}]`
					);
				try {
					await this.#check(b, meta);
				} catch (err) {
					return (
						'Unable to subscribe to changes with given parameters. An exception happened so please ' +
						`check your connect parameters: [${paramsToLog(b)}]. Exception: ${exceptionText(err)}`
					);
				}
			}
			// Captured from now on: before "Subscribed", so no change after it is missed.
			await this.syncWanted();
			return null;
		} catch (err) {
			return `Unable to subscribe to changes: ${(err as Error).message}`;
		}
	}

	async #check(b: PgBinding, meta: TableMeta): Promise<void> {
		const types = new Map(meta.columns.map((c) => [c.name, c.regtype]));
		for (const c of b.filter) {
			const type = types.get(c.column);
			if (type === undefined) throw new CheckError(`invalid column for filter ${c.column}`);
			if (c.op === 'in') {
				const res = await this.#db.query<{ n: number }>(
					`select coalesce(array_length($1::text::${type}[], 1), 0) as n`,
					[c.value]
				);
				if (Number(res.rows[0]?.n) > MAX_IN_VALUES)
					throw new CheckError(`too many values for \`in\` filter. Maximum ${MAX_IN_VALUES}`);
			} else if (c.op === 'is') {
				if (!['null', 'true', 'false', 'unknown'].includes(c.value))
					throw new CheckError(
						'invalid value for is filter: must be null, true, false, or unknown'
					);
				if (c.value !== 'null' && type !== 'boolean')
					throw new CheckError(`is ${c.value} filter requires a boolean column, got ${type}`);
			} else if (['like', 'ilike', 'match', 'imatch'].includes(c.op)) {
				const symbol = { like: '~~', ilike: '~~', match: '~', imatch: '~*' }[c.op as 'like'];
				const res = await this.#db.query<{ ok: boolean }>(
					`select exists (select 1 from pg_catalog.pg_operator
					                 where oprname = $1 and oprleft = $2::regtype
					                   and ($1 = '~~' or (oprright = $2::regtype and oprresult = 'boolean'::regtype))) as ok`,
					[symbol, type]
				);
				if (!res.rows[0]?.ok)
					throw new CheckError(
						`operator ${c.op} requires a text-compatible column type, got ${type}`
					);
				if (c.op === 'match' || c.op === 'imatch') {
					try {
						await this.#db.query(`select '' ~ $1`, [c.value]);
					} catch (err) {
						throw new CheckError(
							`invalid regular expression for ${c.op} filter: ${(err as Error).message}`
						);
					}
				}
			} else {
				await this.#db.query(`select $1::text::${type}`, [c.value]);
			}
		}
		for (const col of b.select ?? [])
			if (!types.has(col)) throw new CheckError(`invalid column for select ${col}`);
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
			regtype: string;
			pk: boolean;
			generated: boolean;
		}>(
			`select a.attname::text as name, t.typname::text as type,
			        a.atttypid::regtype::text as regtype, a.attgenerated <> '' as generated,
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
			columns: res.rows.map((r) => ({
				name: r.name,
				type: r.type,
				regtype: r.regtype,
				generated: r.generated
			})),
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

		for (const { member, bindings } of candidates) {
			if (allowed && !allowed.has(ctxKey(member.ctx))) continue;
			const passing = bindings.filter((b) => b.filter.length === 0 || filterResults.get(b.filter));
			// One message per column selection, as Realtime fans out per `selected_columns`.
			const groups = new Map<string, { select: string[] | null; ids: Set<number> }>();
			for (const b of passing) {
				const key = b.select ? JSON.stringify([...b.select].sort()) : '';
				const group = groups.get(key) ?? { select: b.select, ids: new Set<number>() };
				group.ids.add(b.id);
				groups.set(key, group);
			}
			for (const key of [...groups.keys()].sort()) {
				const { select, ids } = groups.get(key)!;
				member.outlet.send(
					encodeText(member.outlet.vsn, {
						joinRef: null,
						ref: null,
						topic: member.topic,
						event: 'postgres_changes',
						payload: { ids: [...ids], data: changeData(row, meta, select) }
					})
				);
			}
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
				candidates.flatMap((c) => c.bindings.map((b) => b.filter)).filter((f) => f.length > 0)
			)
		];
		const results = new Map<Filter, boolean>();
		if (filters.length === 0) return results;
		const source = `jsonb_populate_record(null::${ident(row.schema_name)}.${ident(row.table_name)}, $1::jsonb) r`;
		const evaluate = async (batch: Filter[]) => {
			const params: unknown[] = [JSON.stringify(image)];
			const param = (v: string) => {
				params.push(v);
				return `$${params.length}`;
			};
			const exprs = batch.map((f, i) => `${filterSql('r', f, param)} as f${i}`);
			const res = await this.#db.query<Record<string, boolean>>(
				`select ${exprs.join(', ')} from ${source}`,
				params
			);
			batch.forEach((f, i) => results.set(f, res.rows[0]?.[`f${i}`] === true));
		};
		try {
			await evaluate(filters);
		} catch {
			// One filter that cannot be evaluated must not hide the row from the others.
			for (const f of filters) await evaluate([f]).catch(() => results.set(f, false));
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

/**
 * The `data` of a change. With a column selection, `columns`, `record` and `old_record` keep
 * only the selected columns and the primary key, as Realtime's `apply_rls` does.
 */
function changeData(row: ChangeRow, meta: TableMeta, select: string[] | null): JsonObject {
	const keep = (name: string) =>
		select === null || select.includes(name) || meta.primaryKey.includes(name);
	const pick = (image: JsonObject | null): JsonObject =>
		Object.fromEntries(Object.entries(image ?? {}).filter(([name]) => keep(name)));
	const data: JsonObject = {
		schema: row.schema_name,
		table: row.table_name,
		commit_timestamp: new Date(row.commit_timestamp).toISOString(),
		type: row.type,
		columns: meta.columns.filter((c) => keep(c.name)).map((c) => ({ name: c.name, type: c.type })),
		errors: null
	};
	if (row.type !== 'DELETE') data.record = select ? pick(row.record) : row.record;
	if (row.type !== 'INSERT') data.old_record = pick(row.old_record);
	return data;
}

const ROLLBACK = new Error('realtime: visibility check rolled back');
