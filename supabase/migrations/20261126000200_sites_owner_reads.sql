-- An owner creating a site wants the new row back (`insert … returning`, supabase-js
-- `.insert().select()`). Postgres checks RETURNING rows against the SELECT policy before the
-- AFTER INSERT trigger adds the owner's membership, so "members read their sites" alone refuses
-- the owner their own new site (42501). Owners read their sites by ownership too.
drop policy "members read their sites" on public.sites;
create policy "members read their sites" on public.sites
  for select to authenticated
  using (owner_id = (select auth.uid()) or public.is_site_member(id));
