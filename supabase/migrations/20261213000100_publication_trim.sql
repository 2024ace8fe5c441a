-- Only the tables someone follows through postgres_changes stay in the supabase_realtime
-- publication: sites (the site page), conversations (the site page's first-conversation
-- check), site_members and agent_invitations (the staff list). Messages, chat invitations and
-- transfers reach the widget and the console as broadcasts sent by their own triggers, so
-- nobody subscribes to their row changes. Published, each chat message and read receipt still
-- cost a capture on every write (here, a trigger that looks for subscribers; on a Supabase
-- project, Realtime decoding the change from the WAL), for nothing.
do $$
declare
  t text;
begin
  foreach t in array array['messages', 'chat_invitations', 'transfers'] loop
    if exists (select 1 from pg_catalog.pg_publication_tables
                where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = t) then
      execute format('alter publication supabase_realtime drop table public.%I', t);
    end if;
  end loop;
end
$$;
