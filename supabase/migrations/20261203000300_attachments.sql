-- Attachments (images, files, voice messages) of conversations, kept in Storage.
--
-- One private bucket, `attachments`. Object names are `<site_id>/<conversation_id>/<message_id>/<file name>`;
-- RLS on storage.objects lets only the conversation's visitor and its site's members read
-- them, and write them while the conversation is open. The bucket's own limits are the
-- ceiling every site shares (50 MiB, an allowlist of MIME types); each site's
-- `attachment_max_bytes` (default 20 MiB) is checked by the insert policy on the object's
-- size. A message of kind image/file/voice names its object, which must exist and be the
-- sender's: so there is never a message without its bytes. An object no message names can be
-- deleted by whoever uploaded it (a cancelled or refused send cleans up after itself).
--   42501  not a participant / object missing / over the site's limit (RLS)
--   22023  malformed attachment

alter table public.sites
  add column attachment_max_bytes bigint not null default 20971520,
  add constraint sites_attachment_max_bytes_range
    check (attachment_max_bytes between 1024 and 52428800);
comment on column public.sites.attachment_max_bytes is
  'Largest image, file or voice message visitors and agents may send, in bytes (1 KiB..50 MiB; the bucket''s limit is the ceiling).';
grant update (attachment_max_bytes) on public.sites to authenticated;

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('attachments', 'attachments', false, 52428800, array[
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/heic', 'image/heif',
  'audio/webm', 'audio/ogg', 'audio/mp4', 'audio/mpeg', 'audio/aac', 'audio/wav',
  'video/mp4', 'video/webm', 'video/quicktime',
  'application/pdf', 'text/plain', 'text/csv', 'application/json', 'application/zip',
  'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation', 'application/rtf'
])
on conflict (id) do update
  set public = excluded.public,
      file_size_limit = excluded.file_size_limit,
      allowed_mime_types = excluded.allowed_mime_types;

-- ------------------------------------------------------------------ paths

create function public.attachment_conversation(p_name text) returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_parts text[] := string_to_array(p_name, '/');
  v_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  v_conversation uuid;
begin
  if coalesce(array_length(v_parts, 1), 0) <> 4
     or v_parts[1] !~ v_uuid or v_parts[2] !~ v_uuid or v_parts[3] !~ v_uuid
     or char_length(v_parts[4]) not between 1 and 200 then
    return null;
  end if;
  select c.id into v_conversation from public.conversations as c
   where c.id = v_parts[2]::uuid and c.site_id = v_parts[1]::uuid
     and (c.visitor_id = auth.uid()
          or exists (select 1 from public.site_members as m
                      where m.site_id = c.site_id and m.user_id = auth.uid()));
  return v_conversation;
end
$$;
comment on function public.attachment_conversation(text) is
  'The conversation an attachment object name belongs to (<site>/<conversation>/<message>/<name>), when the caller is its visitor or a member of its site; else null.';
revoke execute on function public.attachment_conversation(text) from public, anon;
grant execute on function public.attachment_conversation(text) to authenticated, service_role;

create function public.attachment_may_upload(p_name text, p_metadata jsonb) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_conversation uuid := public.attachment_conversation(p_name);
  v_size bigint;
begin
  if v_conversation is null then
    return false;
  end if;
  -- Storage checks the policy once before the bytes (size 0) and again with the real size.
  v_size := coalesce(nullif(p_metadata ->> 'size', '')::bigint, 0);
  return exists (
    select 1 from public.conversations as c join public.sites as s on s.id = c.site_id
     where c.id = v_conversation and c.status = 'open' and v_size <= s.attachment_max_bytes);
end
$$;
comment on function public.attachment_may_upload(text, jsonb) is
  'True when the caller may store this attachment: a participant of an open conversation, within its site''s attachment_max_bytes.';
revoke execute on function public.attachment_may_upload(text, jsonb) from public, anon;
grant execute on function public.attachment_may_upload(text, jsonb) to authenticated, service_role;

create policy "participants read their conversations' attachments" on storage.objects
  for select to authenticated
  using (bucket_id = 'attachments' and public.attachment_conversation(name) is not null);
create policy "participants upload attachments to open conversations" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'attachments'
              and owner_id = (select auth.uid())::text
              and public.attachment_may_upload(name, metadata));
create policy "uploaders delete attachments no message names" on storage.objects
  for delete to authenticated
  using (bucket_id = 'attachments'
         and owner_id = (select auth.uid())::text
         and not exists (select 1 from public.messages as m where m.attachment ->> 'path' = name));

-- ------------------------------------------------------------------ messages

create function public.attachment_limits(p_conversation_id uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object('max_bytes', s.attachment_max_bytes, 'site_id', s.id,
                            'mime_types', to_jsonb(b.allowed_mime_types))
    from public.conversations as c
    join public.sites as s on s.id = c.site_id
    left join storage.buckets as b on b.id = 'attachments'
   where c.id = p_conversation_id and public.can_access_conversation(c.id)
$$;
comment on function public.attachment_limits(uuid) is
  'What a participant may attach in a conversation: {max_bytes, site_id, mime_types}; null when not theirs.';
revoke execute on function public.attachment_limits(uuid) from public, anon;
grant execute on function public.attachment_limits(uuid) to authenticated;

create function public.messages_attachment_check() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_path text;
  v_meta jsonb;
  v_mime text;
  v_site uuid;
begin
  if new.kind not in ('image', 'file', 'voice') then
    if new.kind = 'text' and new.attachment is not null then
      raise exception 'a text message has no attachment' using errcode = '22023';
    end if;
    return new;
  end if;
  v_path := new.attachment ->> 'path';
  select c.site_id into v_site from public.conversations as c where c.id = new.conversation_id;
  if v_path is null
     or v_path not like v_site::text || '/' || new.conversation_id::text || '/' || new.id::text || '/%' then
    raise exception 'attachment.path must be <site>/<conversation>/<message id>/<name>'
      using errcode = '22023';
  end if;
  select o.metadata into v_meta from storage.objects as o
   where o.bucket_id = 'attachments' and o.name = v_path
     and o.owner_id = new.sender_id::text;
  if v_meta is null then
    raise exception 'attachment not uploaded' using errcode = '42501';
  end if;
  v_mime := split_part(v_meta ->> 'mimetype', ';', 1);
  if (new.kind = 'image' and v_mime not like 'image/%')
     or (new.kind = 'voice' and v_mime not like 'audio/%') then
    raise exception 'a % message cannot carry %', new.kind, v_mime using errcode = '22023';
  end if;
  if char_length(coalesce(new.attachment ->> 'name', '')) not between 1 and 200 then
    raise exception 'attachment.name must be 1..200 characters' using errcode = '22023';
  end if;
  -- What was stored is the truth, whatever the client said about it.
  new.attachment := new.attachment
    || jsonb_build_object('mime', v_mime, 'size', (v_meta ->> 'size')::bigint);
  return new;
end
$$;
comment on function public.messages_attachment_check() is
  'Trigger: an image/file/voice message must name its own stored object under <site>/<conversation>/<message id>/; its mime and size are taken from the object.';
revoke execute on function public.messages_attachment_check() from public, anon, authenticated;
create trigger messages_attachment_check before insert on public.messages
  for each row execute function public.messages_attachment_check();
