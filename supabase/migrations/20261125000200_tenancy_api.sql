-- The SQL API of the tenancy model: what the snippet calls (record_page_view), what the
-- operator's console calls (create/revoke pairing invitations, remove a member) and what the
-- server calls with the service role (redeem a pairing invitation). All SECURITY DEFINER with
-- an empty search_path and explicit grants; errors carry an errcode and a stable message:
--   42501  forbidden: unknown site key, origin not allowed, not a visitor, not the owner
--          (PostgREST: 403, or 401 without a session)
--   P0001  refused: pairing invitation unknown / used / expired / revoked, not a member, owner
--          cannot be removed, … (PostgREST: 400; other P0 codes such as P0002 would be a 500)
--   22023  bad argument: page URL not on the calling origin, too long (PostgREST: 400)

-- ------------------------------------------------------------------ record_page_view

create function public.record_page_view(
  site_key text,
  page_url text,
  page_title text default '',
  referrer text default '',
  language text default ''
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_headers json := nullif(current_setting('request.headers', true), '')::json;
  v_origin text;
  v_site public.sites;
  v_visitor_id uuid;
  v_first boolean := false;
begin
  if v_uid is null or not public.is_visitor() then
    raise exception 'only visitor sessions record page views'
      using errcode = '42501', hint = 'Sign in anonymously before calling record_page_view.';
  end if;
  select s.* into v_site from public.sites as s where s.site_key = record_page_view.site_key;
  if not found then
    raise exception 'unknown site key' using errcode = '42501';
  end if;
  v_origin := lower(v_headers ->> 'origin');
  if v_origin is null or not (v_origin = any (v_site.allowed_origins)) then
    raise exception 'origin % is not allowed for this site', coalesce(v_origin, '(none)')
      using errcode = '42501', hint = 'Add the origin to the site''s allowed origins.';
  end if;
  if record_page_view.page_url is null or char_length(record_page_view.page_url) > 2048 then
    raise exception 'page URL is missing or longer than 2048 characters' using errcode = '22023';
  end if;
  if lower(substring(record_page_view.page_url from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*')) is distinct from v_origin then
    raise exception 'page URL is not on the calling origin %', v_origin using errcode = '22023';
  end if;

  insert into public.visitors as v (id, site_id, current_url, current_title, referrer, language, user_agent)
  values (
    v_uid, v_site.id, record_page_view.page_url,
    left(coalesce(record_page_view.page_title, ''), 500),
    left(coalesce(record_page_view.referrer, ''), 2048),
    left(coalesce(record_page_view.language, ''), 35),
    left(coalesce(v_headers ->> 'user-agent', ''), 512))
  on conflict (id) do update
    set last_seen_at = now(), ended_at = null,
        current_url = excluded.current_url, current_title = excluded.current_title,
        referrer = excluded.referrer, language = excluded.language, user_agent = excluded.user_agent,
        pages_seen = v.pages_seen + 1
    where v.site_id = excluded.site_id
  returning v.id into v_visitor_id;
  if v_visitor_id is null then
    raise exception 'this visitor session belongs to another site'
      using errcode = '42501', hint = 'Use one anonymous session per site key.';
  end if;

  update public.sites as s
     set installed_at = now(), installed_page = record_page_view.page_url
   where s.id = v_site.id and s.installed_at is null;
  v_first := found;

  return jsonb_build_object(
    'visitor_id', v_visitor_id,
    'site_id', v_site.id,
    'first_view', v_first,
    'widget', jsonb_build_object(
      'name', v_site.name,
      'color', v_site.widget_color,
      'position', v_site.widget_position,
      'greeting', v_site.greeting,
      'default_language', v_site.default_language));
end
$$;
comment on function public.record_page_view(text, text, text, text, text) is
  'Snippet API: records a visitor''s page view after checking the site key and the request Origin; the site''s first view marks it installed. Returns the visitor id and the widget settings.';
revoke execute on function public.record_page_view(text, text, text, text, text) from public, anon;
grant execute on function public.record_page_view(text, text, text, text, text) to authenticated;

-- ------------------------------------------------------------------ pairing invitations

create function public.create_agent_invitation(site_id uuid, name text, email text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_token text;
  v_id uuid;
  v_expires timestamptz;
begin
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
comment on function public.create_agent_invitation(uuid, text, text) is
  'Owner API: creates a single-use pairing invitation valid 24 hours; returns {id, token, expires_at}. The token is not stored.';
revoke execute on function public.create_agent_invitation(uuid, text, text) from public, anon;
grant execute on function public.create_agent_invitation(uuid, text, text) to authenticated;

create function public.revoke_agent_invitation(invitation_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.agent_invitations;
begin
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
comment on function public.revoke_agent_invitation(uuid) is
  'Owner API: revokes an unused pairing invitation (idempotent).';
revoke execute on function public.revoke_agent_invitation(uuid) from public, anon;
grant execute on function public.revoke_agent_invitation(uuid) to authenticated;

create function public.redeem_agent_invitation(token text, user_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.agent_invitations;
  v_anonymous boolean;
begin
  select i.* into v_inv from public.agent_invitations as i
   where i.token_hash = encode(extensions.digest(coalesce(redeem_agent_invitation.token, ''), 'sha256'), 'hex')
   for update;
  if not found then
    raise exception 'unknown pairing invitation' using errcode = 'P0001';
  end if;
  if v_inv.revoked_at is not null then
    raise exception 'pairing invitation revoked' using errcode = 'P0001';
  end if;
  if v_inv.used_at is not null then
    raise exception 'pairing invitation already used' using errcode = 'P0001';
  end if;
  if v_inv.expires_at <= now() then
    raise exception 'pairing invitation expired' using errcode = 'P0001';
  end if;
  select u.is_anonymous into v_anonymous from auth.users as u where u.id = redeem_agent_invitation.user_id;
  if not found then
    raise exception 'unknown user' using errcode = 'P0001';
  end if;
  if v_anonymous then
    raise exception 'an anonymous user cannot become an agent' using errcode = 'P0001';
  end if;
  if exists (select 1 from public.site_members as m
              where m.site_id = v_inv.site_id and m.user_id = redeem_agent_invitation.user_id) then
    raise exception 'already a member of this site' using errcode = 'P0001';
  end if;
  update public.agent_invitations as i
     set used_at = now(), used_by = redeem_agent_invitation.user_id
   where i.id = v_inv.id;
  insert into public.site_members (site_id, user_id, role, display_name)
  values (v_inv.site_id, redeem_agent_invitation.user_id, 'agent', v_inv.name);
  return jsonb_build_object('site_id', v_inv.site_id, 'role', 'agent', 'display_name', v_inv.name,
                            'invitation_id', v_inv.id);
end
$$;
comment on function public.redeem_agent_invitation(text, uuid) is
  'Server API (service role): redeems a pairing token for a user, making them an agent of the site. Single use; refuses used, expired, revoked and unknown tokens.';
revoke execute on function public.redeem_agent_invitation(text, uuid) from public, anon, authenticated;
grant execute on function public.redeem_agent_invitation(text, uuid) to service_role;

-- ------------------------------------------------------------------ members

create function public.remove_site_member(site_id uuid, user_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_role text;
  v_sessions integer := 0;
begin
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
comment on function public.remove_site_member(uuid, uuid) is
  'Owner API: removes an agent from the site and ends their sessions when they belong to no other site.';
revoke execute on function public.remove_site_member(uuid, uuid) from public, anon;
grant execute on function public.remove_site_member(uuid, uuid) to authenticated;

-- ------------------------------------------------------------------ realtime

-- The console watches its site row (installed state), conversations, messages, invitations
-- and transfers through postgres_changes; Realtime checks each subscriber against RLS.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['sites', 'conversations', 'messages', 'chat_invitations', 'transfers'] loop
    if not exists (select 1 from pg_catalog.pg_publication_tables
                    where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = t) then
      execute format('alter publication supabase_realtime add table public.%I', t);
    end if;
  end loop;
end
$$;
