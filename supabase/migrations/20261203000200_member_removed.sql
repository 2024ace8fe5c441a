-- A member removed from a site (by its owner, or with the whole site) is told at once on the
-- site's channel, which their console has joined (read access is checked when a channel is
-- joined and when its token is renewed, so the removed member still hears this one event):
-- the console forgets the site and wipes what the device kept of it there and then, not on
-- its next load of the site list. Colleagues hear it too; it tells them only who left.
create function public.broadcast_member_removed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(jsonb_build_object('site_id', old.site_id, 'user_id', old.user_id),
                        'member_removed', 'site:' || old.site_id::text, true);
  return null;
end
$$;
comment on function public.broadcast_member_removed() is
  'Trigger: tells site:<id> that a member left ({site_id, user_id}), so their console wipes the site''s data at once.';
create trigger site_members_removed after delete on public.site_members
  for each row execute function public.broadcast_member_removed();
revoke execute on function public.broadcast_member_removed() from public, anon, authenticated;
