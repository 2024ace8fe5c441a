-- The site page's staff list and pairing links update live: a link opened on a phone, revoked
-- in another tab, or an agent removed. Realtime checks every INSERT and UPDATE against the
-- subscriber's RLS (owners see their invitations; members see their colleagues), so adding the
-- tables to the publication shows nothing to anyone who could not already read it.
do $$
declare
  t text;
begin
  foreach t in array array['site_members', 'agent_invitations'] loop
    if not exists (select 1 from pg_catalog.pg_publication_tables
                    where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = t) then
      execute format('alter publication supabase_realtime add table public.%I', t);
    end if;
  end loop;
end
$$;
