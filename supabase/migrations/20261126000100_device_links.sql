-- Device links: "open on your phone". A signed-in member asks for a one-time link (shown as a
-- QR code) that signs their own phone or tablet in to the console as themselves. Unlike an agent
-- invitation it never creates a person or a membership. The token is shown once; only its
-- sha256 is kept. The server's pairing route redeems it with the service role.
--   P0001  unknown / used / expired device link (PostgREST: 400)
--   42501  no signed-in member (PostgREST: 401/403)

create table public.device_links (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  token_hash text not null,
  expires_at timestamptz not null default now() + interval '15 minutes',
  used_at timestamptz,
  created_at timestamptz not null default now(),
  constraint device_links_token_hash_unique unique (token_hash),
  constraint device_links_token_hash_format check (token_hash ~ '^[0-9a-f]{64}$')
);
comment on table public.device_links is
  'One-time links (15 minutes) that sign a member''s own phone or tablet in as them; only the token''s sha256 is stored.';
create index device_links_user_id_idx on public.device_links (user_id);

alter table public.device_links enable row level security;
revoke all on public.device_links from anon, authenticated;
grant select on public.device_links to authenticated;
create policy device_links_select_own on public.device_links
  for select to authenticated
  using (user_id = auth.uid() and not public.is_visitor());

create function public.create_device_link() returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_token text;
  v_id uuid;
  v_expires timestamptz;
begin
  if v_uid is null or public.is_visitor() then
    raise exception 'only signed-in members can link a device' using errcode = '42501';
  end if;
  -- Unused links of this person are superseded: only the newest QR code on screen works.
  delete from public.device_links as d where d.user_id = v_uid and d.used_at is null;
  v_token := 'dev_' || rtrim(translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
  insert into public.device_links as d (user_id, token_hash)
  values (v_uid, encode(extensions.digest(v_token, 'sha256'), 'hex'))
  returning d.id, d.expires_at into v_id, v_expires;
  return jsonb_build_object('id', v_id, 'token', v_token, 'expires_at', v_expires);
end
$$;
comment on function public.create_device_link() is
  'Member API: creates a single-use link (15 minutes) that signs the caller''s own device in; returns {id, token, expires_at}. The token is not stored.';
revoke execute on function public.create_device_link() from public, anon;
grant execute on function public.create_device_link() to authenticated;

create function public.redeem_device_link(token text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_link public.device_links;
begin
  select d.* into v_link from public.device_links as d
   where d.token_hash = encode(extensions.digest(coalesce(redeem_device_link.token, ''), 'sha256'), 'hex')
   for update;
  if not found then
    raise exception 'unknown device link' using errcode = 'P0001';
  end if;
  if v_link.used_at is not null then
    raise exception 'device link already used' using errcode = 'P0001';
  end if;
  if v_link.expires_at <= now() then
    raise exception 'device link expired' using errcode = 'P0001';
  end if;
  update public.device_links as d set used_at = now() where d.id = v_link.id;
  return jsonb_build_object('user_id', v_link.user_id, 'link_id', v_link.id);
end
$$;
comment on function public.redeem_device_link(text) is
  'Server API (service role): uses up a device link and returns whose device it signs in.';
revoke execute on function public.redeem_device_link(text) from public, anon, authenticated;
grant execute on function public.redeem_device_link(text) to service_role;
