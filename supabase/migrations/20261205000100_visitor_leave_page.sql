-- A leave ends only the page it was sent for.
--
-- The pagehide leave is a keepalive request that may outlive its page, and nothing orders it
-- against the next page's view: on a slow network or a busy server the next page's
-- record_page_view can be stored first, and the late leave then ended a visit that had just
-- moved on (the console dropped or kept a stale row until the next heartbeat, up to 10 s).
-- record_page_view now also answers `page` (the visit's pages_seen): with visit_count it names
-- the page view it stored, and visitor_leave(visit, page) ends the visit only while that is
-- still the latest page view. A page view in another tab since then means a tab is
-- still open, so that leave changes nothing either. Called without arguments (snippets cached
-- from before this change), a leave ends the visit as it did.

drop function public.visitor_leave();

create function public.visitor_leave(visit integer default null, page integer default null)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if auth.uid() is null or not public.is_visitor() then
    raise exception 'only visitor sessions leave' using errcode = '42501';
  end if;
  if (visitor_leave.visit is null) <> (visitor_leave.page is null) then
    raise exception 'visit and page go together' using errcode = '22023',
      hint = 'Pass both from record_page_view''s answer, or neither.';
  end if;
  update public.visitors as v set ended_at = now()
   where v.id = auth.uid() and v.ended_at is null
     and (visitor_leave.visit is null
          or (v.visit_count = visitor_leave.visit and v.pages_seen = visitor_leave.page));
end
$$;
comment on function public.visitor_leave(integer, integer) is
  'Visitor API: the page is going away (pagehide, keepalive). Sets ended_at to the server''s now, unless the page view it names (visit_count and page from record_page_view) is no longer the latest; with no arguments, unconditionally.';
revoke execute on function public.visitor_leave(integer, integer) from public, anon;
grant execute on function public.visitor_leave(integer, integer) to authenticated;

-- The same function as in 20261201000100_live_visitors.sql, now also answering page (the visit's pages_seen).

create or replace function public.record_page_view(
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
    'page', v_visitor.pages_seen,
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
