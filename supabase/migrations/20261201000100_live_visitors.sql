-- Live monitoring: visits, heartbeats and agent availability, decided by the server's clock.
--
-- The snippet no longer writes a visitor row itself: record_page_view() records a page view,
-- visitor_heartbeat() says "still here" every 10 s, visitor_leave() says "gone" on pagehide.
-- A visitor is online while ended_at is null and its heartbeat is under 30 s old; an agent is
-- online while availability = 'online' and their console's heartbeat is under 90 s old.
-- Errors as in 20261125000200_tenancy_api.sql: 42501 forbidden, P0001 refused by state,
-- 22023 bad argument.

-- True when every entry is non-null and at most max_chars characters (for check constraints,
-- which cannot hold subqueries).
create function public.are_short_texts(texts text[], max_chars integer) returns boolean
language sql immutable
set search_path = ''
as $$
  select not exists (select 1 from unnest(texts) as t where t is null or char_length(t) > max_chars)
$$;
comment on function public.are_short_texts(text[], integer) is
  'True when every entry of the array is non-null and at most max_chars characters long.';

-- ------------------------------------------------------------------ sites: chat settings

alter table public.sites
  add column invitation_ttl_seconds integer not null default 60,
  add column invitation_messages text[] not null default '{}',
  add column prechat_name text not null default 'optional',
  add column prechat_email text not null default 'off',
  add column visitor_retention_days integer not null default 30,
  add constraint sites_invitation_ttl_range check (invitation_ttl_seconds between 10 and 600),
  add constraint sites_invitation_messages_count
    check (coalesce(array_length(invitation_messages, 1), 0) <= 20),
  add constraint sites_invitation_messages_length check (public.are_short_texts(invitation_messages, 500)),
  add constraint sites_prechat_name_valid check (prechat_name in ('off', 'optional', 'required')),
  add constraint sites_prechat_email_valid check (prechat_email in ('off', 'optional', 'required')),
  add constraint sites_visitor_retention_range check (visitor_retention_days between 1 and 365);
comment on column public.sites.invitation_ttl_seconds is
  'How long a chat invitation waits for the visitor''s answer (10..600 s).';
comment on column public.sites.invitation_messages is
  'Saved invitation greetings the console offers (at most 20, each at most 500 characters).';
comment on column public.sites.prechat_name is 'Whether the widget asks for a name first: off, optional or required.';
comment on column public.sites.prechat_email is 'Whether the widget asks for an email first: off, optional or required.';
comment on column public.sites.visitor_retention_days is
  'Days after their last visit that visitors who never chatted are deleted (1..365).';
grant update (invitation_ttl_seconds, invitation_messages, prechat_name, prechat_email,
  visitor_retention_days) on public.sites to authenticated;

-- ------------------------------------------------------------------ site_members: availability

alter table public.site_members
  add column availability text not null default 'offline',
  add column last_active_at timestamptz,
  add constraint site_members_availability_valid check (availability in ('online', 'away', 'offline'));
comment on column public.site_members.availability is
  'What the agent chose: online, away or offline. Set through set_agent_availability().';
comment on column public.site_members.last_active_at is
  'The server''s time of the agent console''s last heartbeat; online needs it under 90 s old.';

-- Whether any agent of the site can answer now. Internal: visitors learn only yes or no.
create function public.site_agents_online(p_site_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.site_members as m
    where m.site_id = p_site_id and m.availability = 'online'
      and m.last_active_at > now() - interval '90 seconds'
  )
$$;
comment on function public.site_agents_online(uuid) is
  'True when a member of the site is online: availability online and a console heartbeat in the last 90 s.';
revoke execute on function public.site_agents_online(uuid) from public, anon, authenticated;

-- ------------------------------------------------------------------ visitors: visits

alter table public.visitors
  add column screen text not null default '',
  add column visit_count integer not null default 1,
  add column visit_started_at timestamptz not null default now(),
  add constraint visitors_screen_format check (screen = '' or screen ~ '^[0-9]{1,5}x[0-9]{1,5}$'),
  add constraint visitors_visit_count_positive check (visit_count >= 1);
comment on column public.visitors.screen is 'The visitor''s screen size as WIDTHxHEIGHT (e.g. 390x844), or empty.';
comment on column public.visitors.visit_count is
  'How many visits this visitor made; a new one starts after 30 minutes of silence.';
comment on column public.visitors.visit_started_at is 'When the current visit started (server time).';
comment on table public.visitors is
  'A visitor session on one site; the id is the anonymous auth user''s id. Written only by record_page_view(), visitor_heartbeat() and visitor_leave(), so the server''s clock decides every time.';

-- Visitors no longer write their own row: a forged last_seen_at would keep a closed tab "online".
drop policy "visitors update their own heartbeat" on public.visitors;
revoke update on public.visitors from anon, authenticated;

-- True when the visitor's previous visit is over: 30 minutes without a heartbeat or page view,
-- counted from the leave when there was one. pagehide fires on every navigation, so a leave
-- alone does not end a visit.
create function public.visit_is_over(v public.visitors) returns boolean
language sql stable
set search_path = ''
as $$
  select greatest(v.last_seen_at, coalesce(v.ended_at, v.last_seen_at)) < now() - interval '30 minutes'
$$;
comment on function public.visit_is_over(public.visitors) is
  'True when the visitor has been silent for more than 30 minutes, so their next sign of life starts a new visit.';
revoke execute on function public.visit_is_over(public.visitors) from public, anon, authenticated;

-- ------------------------------------------------------------------ record_page_view

drop function public.record_page_view(text, text, text, text, text);

create function public.record_page_view(
  site_key text,
  page_url text,
  page_title text default '',
  referrer text default '',
  language text default '',
  screen text default ''
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_headers json := nullif(current_setting('request.headers', true), '')::json;
  v_origin text;
  v_site public.sites;
  v_visitor public.visitors;
  v_screen text := coalesce(record_page_view.screen, '');
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
  -- A screen size is a hint for the console; a malformed one is dropped, not an error.
  if v_screen !~ '^[0-9]{1,5}x[0-9]{1,5}$' then
    v_screen := '';
  end if;

  -- Lock this visitor's row (if any) so a page view and a heartbeat cannot both start a visit.
  select v.* into v_visitor from public.visitors as v where v.id = v_uid for update;
  if found and v_visitor.site_id <> v_site.id then
    raise exception 'this visitor session belongs to another site'
      using errcode = '42501', hint = 'Use one anonymous session per site key.';
  end if;

  insert into public.visitors as v (id, site_id, current_url, current_title, referrer, language, user_agent, screen)
  values (
    v_uid, v_site.id, record_page_view.page_url,
    left(coalesce(record_page_view.page_title, ''), 500),
    left(coalesce(record_page_view.referrer, ''), 2048),
    left(coalesce(record_page_view.language, ''), 35),
    left(coalesce(v_headers ->> 'user-agent', ''), 512),
    v_screen)
  on conflict (id) do update
    set last_seen_at = now(), ended_at = null,
        current_url = excluded.current_url, current_title = excluded.current_title,
        referrer = excluded.referrer, language = excluded.language, user_agent = excluded.user_agent,
        screen = case when excluded.screen = '' then v.screen else excluded.screen end,
        pages_seen = case when public.visit_is_over(v) then 1 else v.pages_seen + 1 end,
        visit_count = case when public.visit_is_over(v) then v.visit_count + 1 else v.visit_count end,
        visit_started_at = case when public.visit_is_over(v) then now() else v.visit_started_at end
    where v.site_id = excluded.site_id
  returning v.* into v_visitor;
  if v_visitor.id is null then
    -- The row appeared for another site between the lock and the insert.
    raise exception 'this visitor session belongs to another site'
      using errcode = '42501', hint = 'Use one anonymous session per site key.';
  end if;

  update public.sites as s
     set installed_at = now(), installed_page = record_page_view.page_url
   where s.id = v_site.id and s.installed_at is null;
  v_first := found;

  return jsonb_build_object(
    'visitor_id', v_visitor.id,
    'site_id', v_site.id,
    'first_view', v_first,
    'returning', v_visitor.visit_count > 1,
    'visit_count', v_visitor.visit_count,
    'widget', jsonb_build_object(
      'name', v_site.name,
      'color', v_site.widget_color,
      'position', v_site.widget_position,
      'greeting', v_site.greeting,
      'default_language', v_site.default_language,
      'prechat_name', v_site.prechat_name,
      'prechat_email', v_site.prechat_email,
      'agents_online', public.site_agents_online(v_site.id)));
end
$$;
comment on function public.record_page_view(text, text, text, text, text, text) is
  'Snippet API: records a visitor''s page view after checking the site key and the request Origin, starting a new visit after 30 minutes of silence; the site''s first view marks it installed. Returns the visitor, visit and widget settings.';
revoke execute on function public.record_page_view(text, text, text, text, text, text) from public, anon;
grant execute on function public.record_page_view(text, text, text, text, text, text) to authenticated;

-- ------------------------------------------------------------------ heartbeat and leave

create function public.visitor_heartbeat() returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_visitor public.visitors;
begin
  if auth.uid() is null or not public.is_visitor() then
    raise exception 'only visitor sessions send heartbeats' using errcode = '42501';
  end if;
  update public.visitors as v
     set last_seen_at = now(), ended_at = null,
         pages_seen = case when public.visit_is_over(v) then 1 else v.pages_seen end,
         visit_count = case when public.visit_is_over(v) then v.visit_count + 1 else v.visit_count end,
         visit_started_at = case when public.visit_is_over(v) then now() else v.visit_started_at end
   where v.id = auth.uid()
  returning v.* into v_visitor;
  if not found then
    raise exception 'no visitor session: record a page view first' using errcode = '42501';
  end if;
  return jsonb_build_object('ok', true, 'agents_online', public.site_agents_online(v_visitor.site_id));
end
$$;
comment on function public.visitor_heartbeat() is
  'Visitor API: the tab is still open (every 10 s). Sets last_seen_at to the server''s now and clears ended_at; returns {ok, agents_online}.';
revoke execute on function public.visitor_heartbeat() from public, anon;
grant execute on function public.visitor_heartbeat() to authenticated;

create function public.visitor_leave() returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if auth.uid() is null or not public.is_visitor() then
    raise exception 'only visitor sessions leave' using errcode = '42501';
  end if;
  update public.visitors as v set ended_at = now() where v.id = auth.uid() and v.ended_at is null;
end
$$;
comment on function public.visitor_leave() is
  'Visitor API: the page is going away (pagehide beacon). Sets ended_at to the server''s now.';
revoke execute on function public.visitor_leave() from public, anon;
grant execute on function public.visitor_leave() to authenticated;

-- ------------------------------------------------------------------ live visitors

create function public.live_visitors(site_id uuid) returns setof public.visitors
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not public.is_site_member(live_visitors.site_id) then
    raise exception 'not a member of this site' using errcode = '42501';
  end if;
  return query
    select v.* from public.visitors as v
     where v.site_id = live_visitors.site_id and v.ended_at is null
       and v.last_seen_at > now() - interval '30 seconds'
     order by v.visit_started_at desc, v.id;
end
$$;
comment on function public.live_visitors(uuid) is
  'Member API: the site''s visitors online now (no leave, a heartbeat in the last 30 s), newest visit first.';
revoke execute on function public.live_visitors(uuid) from public, anon;
grant execute on function public.live_visitors(uuid) to authenticated;

create function public.server_time() returns timestamptz
language sql stable
set search_path = ''
as $$ select now() $$;
comment on function public.server_time() is
  'The database''s clock, so clients can correct countdowns and "online" checks for their own clock''s offset.';
revoke execute on function public.server_time() from public, anon;
grant execute on function public.server_time() to authenticated;

-- ------------------------------------------------------------------ agent availability

create function public.set_agent_availability(availability text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if auth.uid() is null or public.is_visitor() then
    raise exception 'only members set their availability' using errcode = '42501';
  end if;
  if set_agent_availability.availability is null
     or set_agent_availability.availability not in ('online', 'away', 'offline') then
    raise exception 'availability must be online, away or offline' using errcode = '22023';
  end if;
  update public.site_members as m
     set availability = set_agent_availability.availability, last_active_at = now()
   where m.user_id = auth.uid();
  if not found then
    raise exception 'not a member of any site' using errcode = '42501';
  end if;
end
$$;
comment on function public.set_agent_availability(text) is
  'Member API: sets the caller''s availability (online, away, offline) on all their sites and counts as a heartbeat.';
revoke execute on function public.set_agent_availability(text) from public, anon;
grant execute on function public.set_agent_availability(text) to authenticated;

create function public.agent_heartbeat() returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if auth.uid() is null or public.is_visitor() then
    raise exception 'only members send agent heartbeats' using errcode = '42501';
  end if;
  update public.site_members as m set last_active_at = now() where m.user_id = auth.uid();
  if not found then
    raise exception 'not a member of any site' using errcode = '42501';
  end if;
end
$$;
comment on function public.agent_heartbeat() is
  'Member API: the console is open (every 30 s). Sets last_active_at to the server''s now on all the caller''s sites.';
revoke execute on function public.agent_heartbeat() from public, anon;
grant execute on function public.agent_heartbeat() to authenticated;

-- ------------------------------------------------------------------ retention

create function public.cleanup_idle_visitors(batch integer default 1000) returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_deleted integer := 0;
  v_more integer := 0;
  v_batch integer := greatest(1, least(coalesce(cleanup_idle_visitors.batch, 1000), 100000));
begin
  -- Visitors past their site's retention who never chatted: their auth user goes, and the
  -- visitor row and any invitations with it (foreign keys cascade).
  delete from auth.users as u
   where u.id in (
     select v.id from public.visitors as v
       join public.sites as s on s.id = v.site_id
      where greatest(v.last_seen_at, coalesce(v.ended_at, v.last_seen_at))
              < now() - make_interval(days => s.visitor_retention_days)
        and not exists (select 1 from public.conversations as c where c.visitor_id = v.id)
        and not exists (select 1 from public.messages as m where m.sender_id = v.id)
      limit v_batch)
     and u.is_anonymous;
  get diagnostics v_deleted = row_count;
  -- Anonymous sign-ins that never recorded a page view (a blocked origin, a bot).
  delete from auth.users as u
   where u.id in (
     select a.id from auth.users as a
      where a.is_anonymous and a.created_at < now() - interval '1 day'
        and not exists (select 1 from public.visitors as v where v.id = a.id)
        and not exists (select 1 from public.messages as m where m.sender_id = a.id)
      limit greatest(v_batch - v_deleted, 0));
  get diagnostics v_more = row_count;
  return v_deleted + v_more;
end
$$;
comment on function public.cleanup_idle_visitors(integer) is
  'Maintenance (service role): deletes at most `batch` anonymous users who never chatted and whose last visit is older than their site''s visitor_retention_days, or who never recorded a page view in a day. Returns how many.';
revoke execute on function public.cleanup_idle_visitors(integer) from public, anon, authenticated;
grant execute on function public.cleanup_idle_visitors(integer) to service_role;

-- On a Supabase project with pg_cron enabled, the database runs the cleanup itself; the app
-- server (scripts/start.js) calls it hourly otherwise.
do $$
begin
  if exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('parley-cleanup-idle-visitors', '17 * * * *',
      'select public.cleanup_idle_visitors()')$cron$;
  end if;
end
$$;
