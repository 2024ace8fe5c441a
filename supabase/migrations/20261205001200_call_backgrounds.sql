-- A site's own background images for video calls, kept in Storage.
--
-- One private bucket, `call-backgrounds`: JPEG, PNG or WebP, at most 2 MiB each (a background
-- is drawn at the camera's size, 640×480 here; the settings page scales larger pictures down
-- before uploading). Object names are `<site_id>/<uuid>.<jpg|png|webp>`. RLS on
-- storage.objects:
--   * read: the site's members, and the site's own visitors (both sides of a call offer them);
--     nobody else, and no visitor of another site;
--   * upload: the site's owner, up to 6 images per site;
--   * delete: the site's owner.
-- Nobody overwrites an object (no update policy): a changed picture is a new upload.
--   42501  not the site's owner / more than 6 images (RLS)

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('call-backgrounds', 'call-backgrounds', false, 2097152,
        array['image/jpeg', 'image/png', 'image/webp'])
on conflict (id) do update
  set public = excluded.public,
      file_size_limit = excluded.file_size_limit,
      allowed_mime_types = excluded.allowed_mime_types;

-- ------------------------------------------------------------------ paths

create function public.call_background_site(p_name text) returns uuid
language plpgsql immutable
set search_path = ''
as $$
declare
  v_match text[] := regexp_match(p_name,
    '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp)$');
begin
  return v_match[1]::uuid;
end
$$;
comment on function public.call_background_site(text) is
  'The site a call background object name belongs to (<site uuid>/<uuid>.<jpg|png|webp>), or null when the name has another shape.';
grant execute on function public.call_background_site(text) to authenticated, service_role;

create function public.may_read_call_backgrounds(p_site_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select p_site_id is not null
     and (exists (select 1 from public.site_members as m
                   where m.site_id = p_site_id and m.user_id = auth.uid())
          or exists (select 1 from public.visitors as v
                      where v.id = auth.uid() and v.site_id = p_site_id))
$$;
comment on function public.may_read_call_backgrounds(uuid) is
  'True when the caller is a member of the site or one of its visitors.';
revoke execute on function public.may_read_call_backgrounds(uuid) from public, anon;
grant execute on function public.may_read_call_backgrounds(uuid) to authenticated, service_role;

create function public.may_add_call_background(p_site_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  -- Counted by a definer function: a policy on storage.objects cannot query the table itself.
  select p_site_id is not null
     and public.is_site_owner(p_site_id)
     and (select count(*) from storage.objects as o
           where o.bucket_id = 'call-backgrounds' and o.name like p_site_id::text || '/%') < 6
$$;
comment on function public.may_add_call_background(uuid) is
  'True when the caller owns the site and it has fewer than 6 call backgrounds.';
revoke execute on function public.may_add_call_background(uuid) from public, anon;
grant execute on function public.may_add_call_background(uuid) to authenticated, service_role;

create policy "members and visitors read their site's call backgrounds" on storage.objects
  for select to authenticated
  using (bucket_id = 'call-backgrounds'
         and public.may_read_call_backgrounds(public.call_background_site(name)));
create policy "owners add call backgrounds, up to 6" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'call-backgrounds'
              and owner_id = (select auth.uid())::text
              and public.may_add_call_background(public.call_background_site(name)));
create policy "owners delete call backgrounds" on storage.objects
  for delete to authenticated
  using (bucket_id = 'call-backgrounds'
         and public.is_site_owner(public.call_background_site(name)));

-- ------------------------------------------------------------------ listing for a call

create function public.call_backgrounds(p_conversation_id uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('path', o.name, 'created_at', o.created_at)
                            order by o.created_at, o.name), '[]'::jsonb)
    from public.conversations as c
    join storage.objects as o
      on o.bucket_id = 'call-backgrounds' and o.name like c.site_id::text || '/%'
   where c.id = p_conversation_id and public.can_access_conversation(c.id)
$$;
comment on function public.call_backgrounds(uuid) is
  'The call backgrounds of a conversation''s site, oldest first: [{path, created_at}]; empty when the caller takes no part in it.';
revoke execute on function public.call_backgrounds(uuid) from public, anon;
grant execute on function public.call_backgrounds(uuid) to authenticated;
