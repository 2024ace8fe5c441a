-- Supabase Realtime's database side, as the platform ships it: the `realtime` schema,
-- `realtime.messages` (private channel authorisation and `realtime.send()`),
-- `realtime.topic()`, `realtime.send()`, `realtime.broadcast_changes()`, and the
-- `supabase_realtime` publication projects add tables to. Idempotent: runs at every start.
--
-- The platform streams changes by logical replication; PGlite cannot (wal_level=replica),
-- so here AFTER triggers record each change and NOTIFY its id. NOTIFY is transactional:
-- nothing reaches a subscriber before commit, and nothing at all for a rollback.

create schema if not exists realtime;
grant usage on schema realtime to postgres, anon, authenticated, service_role;

-- Partitioned by day on inserted_at, as on the platform, whose Realtime creates each day's
-- partition ahead of time and drops the partitions past retention: no row is deleted one by
-- one, so the table needs no vacuum for it (supabase/local/realtime/janitor.ts does both here).
-- Unlike the platform, a default partition takes any row whose day has no partition yet, so a
-- broadcast is never lost to a missing partition; the janitor moves such rows out when it
-- makes their day's partition.
do $$
declare
  p record;
begin
  -- A database from before partitioning: its table becomes the default partition of a new
  -- partitioned table, its rows staying where they are, its policies moving to the new one.
  if (select c.relkind from pg_catalog.pg_class as c
       where c.oid = pg_catalog.to_regclass('realtime.messages')) = 'r' then
    alter table realtime.messages rename to messages_default;
    alter table realtime.messages_default rename constraint messages_pkey to messages_default_pkey;
    drop index if exists realtime.messages_inserted_at_topic_index;
    drop index if exists realtime.messages_others_inserted_at_index;
    drop trigger if exists realtime_notify_message on realtime.messages_default;
  end if;
  if pg_catalog.to_regclass('realtime.messages') is null then
    create table realtime.messages (
      topic text not null,
      extension text not null,
      payload jsonb,
      event text,
      private boolean default false,
      updated_at timestamp without time zone not null default now(),
      inserted_at timestamp without time zone not null default now(),
      id uuid not null default gen_random_uuid(),
      primary key (id, inserted_at)
    ) partition by range (inserted_at);
  end if;
  if (select not c.relispartition from pg_catalog.pg_class as c
       where c.oid = pg_catalog.to_regclass('realtime.messages_default')) then
    for p in
      select pol.polname,
             case when pol.polpermissive then 'permissive' else 'restrictive' end as kind,
             case pol.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update'
                             when 'd' then 'delete' else 'all' end as cmd,
             coalesce((select pg_catalog.string_agg(pg_catalog.quote_ident(r.rolname), ', ')
                         from pg_catalog.pg_roles as r where r.oid = any (pol.polroles)),
                      'public') as roles,
             pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) as qual,
             pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) as check_expr
        from pg_catalog.pg_policy as pol
       where pol.polrelid = 'realtime.messages_default'::regclass
    loop
      execute pg_catalog.format('create policy %I on realtime.messages as %s for %s to %s%s%s',
        p.polname, p.kind, p.cmd, p.roles,
        case when p.qual is null then '' else ' using (' || p.qual || ')' end,
        case when p.check_expr is null then '' else ' with check (' || p.check_expr || ')' end);
      execute pg_catalog.format('drop policy %I on realtime.messages_default', p.polname);
    end loop;
    -- Read and written through the parent only, as the other partitions.
    revoke all on realtime.messages_default from anon, authenticated;
    alter table realtime.messages attach partition realtime.messages_default default;
  end if;
end
$$;
create table if not exists realtime.messages_default partition of realtime.messages default;
comment on table realtime.messages is
  'Broadcast messages sent from the database, and the rows private-channel policies are checked against.';
alter table realtime.messages enable row level security;
-- Statistics from a small sample, and none of the payloads: no query here filters on a
-- payload, and on PGlite an ANALYZE runs on the server's one thread (supabase/local/vacuum.ts).
-- With the defaults it read 30,000 rows and compared their JSON, 90 ms on a busy day's table
-- during which no request was served; with these, about a tenth of that.
alter table realtime.messages
  alter column payload set statistics 0,
  alter column topic set statistics 10,
  alter column extension set statistics 10,
  alter column event set statistics 10,
  alter column private set statistics 10,
  alter column updated_at set statistics 10,
  alter column inserted_at set statistics 10,
  alter column id set statistics 10;
-- The platform's index: a private topic's broadcasts by time, what replay reads. With the one
-- after it, which holds every other row (public broadcasts) by time, the janitor
-- (supabase/local/realtime/janitor.ts) finds the rows past their retention without reading the
-- whole table. Together they hold each row once; the second stays nearly empty.
create index if not exists messages_inserted_at_topic_index
  on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
create index if not exists messages_others_inserted_at_index
  on realtime.messages (inserted_at)
  where not (extension = 'broadcast' and private is true);
grant select, insert, update on realtime.messages to anon, authenticated;
grant all on realtime.messages to service_role, postgres;

-- The topic of the channel whose authorisation is being checked (set by the service).
create or replace function realtime.topic() returns text
  language sql stable
as $$ select nullif(current_setting('realtime.topic', true), '')::text; $$;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
  returns void
  language plpgsql
as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;
    -- The platform's `execute format('set local realtime.topic to %L', topic)`, without
    -- parsing a statement on every send.
    perform pg_catalog.set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
  language plpgsql
as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object(
      'old_record', old, 'record', new, 'operation', operation,
      'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
end;
$$;

grant execute on function realtime.topic() to anon, authenticated, service_role;
grant execute on function realtime.send(jsonb, text, text, boolean) to anon, authenticated, service_role;
grant execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  to anon, authenticated, service_role;

-- Tells the service a committed message is ready to deliver: the message itself when it fits
-- in a NOTIFY payload (so delivering it costs the database nothing more), else only its id
-- (payloads are limited to 8000 bytes) and the service reads the row. The id is in both, so
-- two equal messages of one transaction are not folded into one notification. Permission
-- probes insert rows without an event and roll back.
create or replace function realtime.notify_message() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_text text;
begin
  if new.extension = 'broadcast' and new.event is not null then
    v_text := pg_catalog.json_build_object('id', new.id, 'topic', new.topic, 'event', new.event,
      'payload', new.payload, 'private', new.private)::text;
    if pg_catalog.octet_length(v_text) > 7900 then
      v_text := new.id::text;
    end if;
    perform pg_notify('realtime_messages', v_text);
  end if;
  return null;
end;
$$;
drop trigger if exists realtime_notify_message on realtime.messages;
create trigger realtime_notify_message after insert on realtime.messages
  for each row execute function realtime.notify_message();

-- Row changes of published tables, waiting for the service to pick them up after commit.
create table if not exists realtime.pending_changes (
  id bigserial primary key,
  schema_name text not null,
  table_name text not null,
  type text not null,
  record jsonb,
  old_record jsonb,
  commit_timestamp timestamptz not null default now()
);
comment on table realtime.pending_changes is
  'Row changes of tables in the supabase_realtime publication, until the realtime service delivers them.';
alter table realtime.pending_changes enable row level security;
revoke all on realtime.pending_changes from anon, authenticated;

-- The tables somebody is subscribed to right now (`*` for every table of a schema), kept by
-- the service as channels join and leave. A change to a table nobody follows is not captured:
-- Realtime delivers changes only to subscriptions that exist, and capturing them anyway cost
-- every write a row here, a NOTIFY and a query of the service after commit.
create table if not exists realtime.capture_wanted (
  schema_name text not null,
  table_name text not null,
  primary key (schema_name, table_name)
);
comment on table realtime.capture_wanted is
  'Tables (schema, table or *) with postgres_changes subscribers; the capture trigger skips the others.';
alter table realtime.capture_wanted enable row level security;
revoke all on realtime.capture_wanted from anon, authenticated;

-- Captures one row change. The old image holds only the primary key unless the table has
-- REPLICA IDENTITY FULL, as the platform's replication stream does.
create or replace function realtime.capture_change() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  new_image jsonb;
  old_image jsonb;
  change_id bigint;
begin
  if not exists (select 1 from realtime.capture_wanted as w
                  where w.schema_name = tg_table_schema and w.table_name in (tg_table_name, '*')) then
    return null;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    new_image := to_jsonb(new);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    if (select c.relreplident from pg_catalog.pg_class c where c.oid = tg_relid) = 'f' then
      old_image := to_jsonb(old);
    else
      select coalesce(jsonb_object_agg(a.attname, to_jsonb(old) -> a.attname::text), '{}'::jsonb)
        into old_image
        from pg_catalog.pg_index i
        join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
       where i.indrelid = tg_relid and i.indisprimary;
    end if;
  end if;
  insert into realtime.pending_changes (schema_name, table_name, type, record, old_record)
  values (tg_table_schema, tg_table_name, tg_op, new_image, old_image)
  returning id into change_id;
  perform pg_notify('realtime_pg_changes', change_id::text);
  return null;
end;
$$;

-- The capture triggers installed, one per table (not the clones on partitions).
create or replace view realtime.capture_triggers as
  select n.nspname as schemaname, c.relname as tablename, tr.tgenabled <> 'D' as enabled
    from pg_catalog.pg_trigger tr
    join pg_catalog.pg_class c on c.oid = tr.tgrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where tr.tgname = 'realtime_capture_change' and tr.tgparentid = 0;
revoke all on realtime.capture_triggers from public, anon, authenticated;

-- Enables the capture trigger on the tables somebody follows (realtime.capture_wanted) and
-- disables it on the others. A disabled trigger costs a write nothing, where even the check at
-- the top of capture_change() is a lookup on every row written (a tenth of a message's insert
-- on PGlite, whose conversation row changes with it). The service calls this in the
-- transaction that writes capture_wanted, so the change of state is atomic with it.
create or replace function realtime.sync_capture_enabled() returns void
  language plpgsql security definer set search_path = ''
as $$
declare
  t record;
begin
  for t in
    select ct.schemaname, ct.tablename, ct.enabled,
           exists (select 1 from realtime.capture_wanted as w
                    where w.schema_name = ct.schemaname
                      and w.table_name in (ct.tablename, '*')) as wanted
      from realtime.capture_triggers as ct
  loop
    if t.wanted <> t.enabled then
      execute format('alter table %I.%I %s trigger realtime_capture_change',
                     t.schemaname, t.tablename, case when t.wanted then 'enable' else 'disable' end);
    end if;
  end loop;
end;
$$;
revoke all on function realtime.sync_capture_enabled() from public;

-- Installs the capture trigger on every table of the supabase_realtime publication and
-- removes it from tables that left it, then enables it where it is followed. The service calls
-- this at start and on subscribe.
create or replace function realtime.sync_change_triggers() returns void
  language plpgsql security definer set search_path = ''
as $$
declare
  t record;
begin
  for t in
    select pt.schemaname, pt.tablename
      from pg_catalog.pg_publication_tables pt
     where pt.pubname = 'supabase_realtime'
       and not exists (
         select 1 from pg_catalog.pg_trigger tr
          where tr.tgrelid = format('%I.%I', pt.schemaname, pt.tablename)::regclass
            and tr.tgname = 'realtime_capture_change')
  loop
    execute format(
      'create trigger realtime_capture_change after insert or update or delete on %I.%I '
      'for each row execute function realtime.capture_change()', t.schemaname, t.tablename);
  end loop;
  for t in
    select ct.schemaname, ct.tablename
      from realtime.capture_triggers as ct
     where not exists (
         select 1 from pg_catalog.pg_publication_tables pt
          where pt.pubname = 'supabase_realtime'
            and pt.schemaname = ct.schemaname and pt.tablename = ct.tablename)
  loop
    execute format('drop trigger realtime_capture_change on %I.%I', t.schemaname, t.tablename);
  end loop;
  perform realtime.sync_capture_enabled();
end;
$$;
revoke all on function realtime.sync_change_triggers() from public;
revoke all on function realtime.capture_change() from public;

do $$
begin
  if not exists (select 1 from pg_catalog.pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;
