-- Two-factor sign-in for operators. Someone who turned it on (a verified TOTP factor in
-- auth.mfa_factors) changes sites, staff, pairing links and call backgrounds, and links a
-- device of their own, only from a session that passed the second factor (`aal2` in the JWT),
-- as Supabase's guide enforces it: by the database, not only by the pages. Reading stays
-- open to their `aal1` sessions, so a device the owner signed in with their QR code (a
-- console, never an admin page) keeps working; agents, who have no factor, are unaffected.

create function public.second_factor_satisfied() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select auth.jwt() ->> 'aal'), 'aal1') = 'aal2'
      or not exists (select 1 from auth.mfa_factors as f
                      where f.user_id = (select auth.uid()) and f.status = 'verified')
$$;
comment on function public.second_factor_satisfied() is
  'True when the caller has no verified second factor, or their session passed it (aal2).';
revoke execute on function public.second_factor_satisfied() from public, anon;
grant execute on function public.second_factor_satisfied() to authenticated;

create function public.require_second_factor() returns void
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not public.second_factor_satisfied() then
    raise exception 'this needs your two-factor sign-in' using errcode = '42501',
      hint = 'Enter the code from your authenticator app, then try again.';
  end if;
end
$$;
comment on function public.require_second_factor() is
  'Raises 42501 unless second_factor_satisfied(): the owner APIs call it first.';
revoke execute on function public.require_second_factor() from public, anon;
grant execute on function public.require_second_factor() to authenticated;

create policy "changes to sites need the second factor" on public.sites
  as restrictive for insert to authenticated with check (public.second_factor_satisfied());
create policy "updates of sites need the second factor" on public.sites
  as restrictive for update to authenticated
  using (public.second_factor_satisfied()) with check (public.second_factor_satisfied());
create policy "deleting sites needs the second factor" on public.sites
  as restrictive for delete to authenticated using (public.second_factor_satisfied());
create policy "changes to staff need the second factor" on public.site_members
  as restrictive for update to authenticated
  using (public.second_factor_satisfied()) with check (public.second_factor_satisfied());
create policy "removing staff needs the second factor" on public.site_members
  as restrictive for delete to authenticated using (public.second_factor_satisfied());
create policy "changes to pairing links need the second factor" on public.agent_invitations
  as restrictive for update to authenticated
  using (public.second_factor_satisfied()) with check (public.second_factor_satisfied());
create policy "deleting pairing links needs the second factor" on public.agent_invitations
  as restrictive for delete to authenticated using (public.second_factor_satisfied());
create policy "adding call backgrounds needs the second factor" on storage.objects
  as restrictive for insert to authenticated
  with check (bucket_id <> 'call-backgrounds' or public.second_factor_satisfied());
create policy "deleting call backgrounds needs the second factor" on storage.objects
  as restrictive for delete to authenticated
  using (bucket_id <> 'call-backgrounds' or public.second_factor_satisfied());

-- The owner APIs (tenancy_api.sql, device_links.sql), each now asking for the second factor first.

create or replace function public.create_agent_invitation(site_id uuid, name text, email text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_token text;
  v_id uuid;
  v_expires timestamptz;
begin
  perform public.require_second_factor();
  if not public.is_site_owner(create_agent_invitation.site_id) then
    raise exception 'only the site''s owner can invite agents' using errcode = '42501';
  end if;
  -- 32 random bytes, base64url without padding: the secret is shown once, only its hash is kept.
  v_token := 'pair_' || rtrim(translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
  insert into public.agent_invitations as i (site_id, name, email, token_hash, created_by)
  values (create_agent_invitation.site_id, btrim(create_agent_invitation.name),
          nullif(btrim(create_agent_invitation.email), ''),
          encode(extensions.digest(v_token, 'sha256'), 'hex'), auth.uid())
  returning i.id, i.expires_at into v_id, v_expires;
  return jsonb_build_object('id', v_id, 'token', v_token, 'expires_at', v_expires);
end
$$;

create or replace function public.revoke_agent_invitation(invitation_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.agent_invitations;
begin
  perform public.require_second_factor();
  select i.* into v_inv from public.agent_invitations as i
   where i.id = revoke_agent_invitation.invitation_id for update;
  -- Someone else's invitation is "unknown" too: its existence is not the caller's business.
  if not found or not public.is_site_owner(v_inv.site_id) then
    raise exception 'unknown pairing invitation' using errcode = 'P0001';
  end if;
  if v_inv.used_at is not null then
    raise exception 'pairing invitation already used' using errcode = 'P0001';
  end if;
  update public.agent_invitations as i set revoked_at = coalesce(i.revoked_at, now())
   where i.id = v_inv.id returning i.revoked_at into v_inv.revoked_at;
  return jsonb_build_object('id', v_inv.id, 'revoked_at', v_inv.revoked_at);
end
$$;

create or replace function public.remove_site_member(site_id uuid, user_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_role text;
  v_sessions integer := 0;
begin
  perform public.require_second_factor();
  if not public.is_site_owner(remove_site_member.site_id) then
    raise exception 'only the site''s owner can remove members' using errcode = '42501';
  end if;
  select m.role into v_role from public.site_members as m
   where m.site_id = remove_site_member.site_id and m.user_id = remove_site_member.user_id;
  if not found then
    raise exception 'not a member of this site' using errcode = 'P0001';
  end if;
  if v_role = 'owner' then
    raise exception 'the site''s owner cannot be removed' using errcode = 'P0001';
  end if;
  delete from public.site_members as m
   where m.site_id = remove_site_member.site_id and m.user_id = remove_site_member.user_id;
  -- End the agent's sessions (refresh tokens go with them) unless another site still has them;
  -- their current access token then reaches nothing, since every policy asks for membership.
  if not exists (select 1 from public.site_members as m where m.user_id = remove_site_member.user_id) then
    delete from auth.sessions as s where s.user_id = remove_site_member.user_id;
    get diagnostics v_sessions = row_count;
    delete from auth.refresh_tokens as r where r.user_id = remove_site_member.user_id::text;
  end if;
  return jsonb_build_object('removed', true, 'sessions_ended', v_sessions);
end
$$;

create or replace function public.create_device_link() returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_token text;
  v_id uuid;
  v_expires timestamptz;
begin
  perform public.require_second_factor();
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
