-- Web push: devices subscribe through save_push_subscription(); triggers write what must be
-- pushed into push_outbox, one row per subscription; app servers claim rows with
-- FOR UPDATE SKIP LOCKED, send them with web-push and delete them, so every notification is
-- sent once whichever server sends it, and a claim left by a stopped server runs out (lease)
-- and is claimed again. Works the same on a hosted Supabase project: nothing here needs an
-- extension, and the servers only call the service-role functions at the end of this file.

-- ------------------------------------------------------------------ subscriptions

-- A push service's endpoint: https, or http on 127.0.0.1 for a local mock push service in
-- tests (the app server refuses to send there unless PARLEY_PUSH_ALLOW_LOOPBACK_HTTP is on).
create function public.is_push_endpoint(value text) returns boolean
language sql immutable
set search_path = ''
as $$
  select value is not null
    and char_length(value) <= 2048
    and value !~ '\s'
    and (value ~ '^https://[^/?#@]+/' or value ~ '^http://127\.0\.0\.1(:[0-9]{1,5})?/')
$$;
comment on function public.is_push_endpoint(text) is
  'True for a push service endpoint URL: https://host/…, or http://127.0.0.1[:port]/… (local tests only).';

alter table public.push_subscriptions drop constraint push_subscriptions_endpoint_https;
alter table public.push_subscriptions
  add constraint push_subscriptions_endpoint_valid check (public.is_push_endpoint(endpoint));

-- Saves this device's subscription for the caller. The endpoint is a secret only the browser
-- that subscribed knows, so whoever presents it owns it: a device where someone else was
-- signed in before moves to the caller, and what was waiting for the previous person is dropped.
create function public.save_push_subscription(
  endpoint text, p256dh text, auth text, user_agent text default ''
) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_previous uuid;
begin
  if auth.uid() is null or public.is_visitor() then
    raise exception 'only signed-in members subscribe to push' using errcode = '42501';
  end if;
  if not exists (select 1 from public.site_members as m where m.user_id = auth.uid()) then
    raise exception 'not a member of any site' using errcode = '42501';
  end if;
  if not public.is_push_endpoint(save_push_subscription.endpoint) then
    raise exception 'endpoint must be an https URL of a push service' using errcode = '22023';
  end if;
  -- An uncompressed P-256 public key (65 bytes, first byte 4) and a 16-byte secret, base64url.
  if save_push_subscription.p256dh is null or save_push_subscription.p256dh !~ '^B[A-Za-z0-9_-]{86}=?$' then
    raise exception 'p256dh must be a base64url P-256 public key (65 bytes)' using errcode = '22023';
  end if;
  if save_push_subscription.auth is null or save_push_subscription.auth !~ '^[A-Za-z0-9_-]{22}(==)?$' then
    raise exception 'auth must be a base64url 16-byte secret' using errcode = '22023';
  end if;
  select s.id, s.user_id into v_id, v_previous
    from public.push_subscriptions as s where s.endpoint = save_push_subscription.endpoint
    for update;
  if v_id is null then
    insert into public.push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
    values (auth.uid(), save_push_subscription.endpoint, save_push_subscription.p256dh,
            save_push_subscription.auth, left(coalesce(save_push_subscription.user_agent, ''), 512))
    on conflict on constraint push_subscriptions_endpoint_unique do nothing
    returning id into v_id;
    if v_id is null then
      raise exception 'this subscription is being saved already; try again' using errcode = 'P0001';
    end if;
    return v_id;
  end if;
  if v_previous <> auth.uid() then
    delete from public.push_outbox as o where o.subscription_id = v_id;
  end if;
  update public.push_subscriptions as s
     set user_id = auth.uid(), p256dh = save_push_subscription.p256dh,
         auth = save_push_subscription.auth,
         user_agent = left(coalesce(save_push_subscription.user_agent, ''), 512)
   where s.id = v_id;
  return v_id;
end
$$;

-- ------------------------------------------------------------------ outbox

create table public.push_outbox (
  id bigint generated always as identity primary key,
  subscription_id uuid not null references public.push_subscriptions (id) on delete cascade,
  kind text not null,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  -- What the notification shows: {site_name, visitor_name, preview, message_kind}.
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  -- Not claimable before this: now for a new row, the lease's end while claimed, the backoff
  -- after a failed attempt.
  available_at timestamptz not null default now(),
  attempts integer not null default 0,
  claim_id uuid,
  last_error text,
  constraint push_outbox_kind_valid check (kind in
    ('conversation_started', 'invitation_accepted', 'message', 'transfer_offered')),
  constraint push_outbox_data_object check (jsonb_typeof(data) = 'object' and pg_column_size(data) <= 2048),
  constraint push_outbox_last_error_length check (char_length(last_error) <= 500)
);
comment on table public.push_outbox is
  'Web push notifications waiting to be sent, one row per subscription; written by triggers, claimed and deleted by app servers (service role only).';
create index push_outbox_available_idx on public.push_outbox (available_at, id);
create index push_outbox_subscription_idx on public.push_outbox (subscription_id);
create index push_outbox_conversation_idx on public.push_outbox (conversation_id);

alter table public.push_outbox enable row level security;
-- No policies: only the service role (which bypasses RLS) and the triggers touch it.
revoke all on public.push_outbox from public, anon, authenticated;

-- Where a member's console is in front of them: the console reports it while visible
-- (report_console_visible, every 30 s and on each visibility change); a report lasts 45 s, so
-- a console closed without a word stops counting by itself.
create table public.console_presence (
  user_id uuid primary key references auth.users (id) on delete cascade,
  visible_until timestamptz not null
);
comment on table public.console_presence is
  'Members whose console is visible now (until visible_until); pushes skip them, since the console itself alerts. Written by report_console_visible only.';
alter table public.console_presence enable row level security;
-- No policies: only report_console_visible() and the push triggers touch it.
revoke all on public.console_presence from public, anon, authenticated;

create function public.report_console_visible(visible boolean) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if auth.uid() is null or public.is_visitor() then
    raise exception 'only members report their console' using errcode = '42501';
  end if;
  if report_console_visible.visible is null then
    raise exception 'visible must be true or false' using errcode = '22023';
  end if;
  if report_console_visible.visible then
    insert into public.console_presence (user_id, visible_until)
    values (auth.uid(), now() + interval '45 seconds')
    on conflict (user_id) do update set visible_until = excluded.visible_until;
  else
    delete from public.console_presence as p where p.user_id = auth.uid();
  end if;
end
$$;
comment on function public.report_console_visible(boolean) is
  'Member API: the console is visible (true; lasts 45 s, repeat every 30 s) or hidden/closed (false). Pushes are not sent to a member whose console is visible.';
revoke execute on function public.report_console_visible(boolean) from public, anon;
grant execute on function public.report_console_visible(boolean) to authenticated;

-- Whether a user wants a push about this conversation now: not while their console is
-- visible (it alerts by itself). Decided when the entry is queued. Also the place for any
-- later rule (quiet hours, per-site muting).
create function public.push_wanted(p_user_id uuid, p_conversation_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select p_user_id is not null
    and not exists (
      select 1 from public.console_presence as p
       where p.user_id = p_user_id and p.visible_until > now())
$$;

-- Queues one notification for every device of these users.
create function public.push_enqueue(
  p_user_ids uuid[], p_kind text, p_conversation_id uuid, p_data jsonb
) returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  insert into public.push_outbox (subscription_id, kind, conversation_id, data)
  select s.id, p_kind, p_conversation_id, coalesce(p_data, '{}')
    from public.push_subscriptions as s
   where s.user_id = any (p_user_ids)
     and public.push_wanted(s.user_id, p_conversation_id);
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function public.push_enqueue(uuid[], text, uuid, jsonb) is
  'Queues a push (kind, conversation, display data) for every subscribed device of the given users. Issue 14''s transfer offer calls it with kind ''transfer_offered'' for the receiving agent.';

-- What a notification about a conversation shows, taken from the database at the time.
create function public.push_data(p_conversation_id uuid, p_preview text, p_message_kind text)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'site_name', left(s.name, 100),
    'visitor_name', left(coalesce(c.visitor_name, ''), 100),
    'preview', left(regexp_replace(btrim(coalesce(p_preview, '')), '\s+', ' ', 'g'), 140),
    'message_kind', coalesce(p_message_kind, 'text'))
  from public.conversations as c join public.sites as s on s.id = c.site_id
  where c.id = p_conversation_id
$$;

-- A visitor starts a conversation (start_conversation, leave_message): every member of the
-- site. A conversation made by accepting an invitation is already someone's: the invitation
-- trigger below tells them.
create function public.push_conversation_started() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.assigned_agent_id is null then
    perform public.push_enqueue(
      array(select m.user_id from public.site_members as m where m.site_id = new.site_id),
      'conversation_started', new.id, public.push_data(new.id, '', 'text'));
  end if;
  return null;
end
$$;
create trigger conversations_push after insert on public.conversations
  for each row execute function public.push_conversation_started();

-- An invitation is accepted: the agent who sent it.
create function public.push_invitation_accepted() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.status = 'accepted' and old.status is distinct from 'accepted' and new.conversation_id is not null then
    perform public.push_enqueue(array[new.agent_id], 'invitation_accepted', new.conversation_id,
      public.push_data(new.conversation_id, new.message, 'text'));
  end if;
  return null;
end
$$;
create trigger chat_invitations_push after update of status on public.chat_invitations
  for each row execute function public.push_invitation_accepted();

-- A visitor's message: the conversation's agent, or every member of the site while nobody
-- has taken it.
create function public.push_visitor_message() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_conv public.conversations;
begin
  select * into v_conv from public.conversations as c where c.id = new.conversation_id;
  perform public.push_enqueue(
    case when v_conv.assigned_agent_id is not null then array[v_conv.assigned_agent_id]
         else array(select m.user_id from public.site_members as m where m.site_id = v_conv.site_id)
    end,
    'message', new.conversation_id, public.push_data(new.conversation_id, new.body, new.kind));
  return null;
end
$$;
create trigger messages_push after insert on public.messages
  for each row when (new.sender_kind = 'visitor') execute function public.push_visitor_message();

-- A transfer offered to an agent (issue 14): the transfer flow calls
--   perform public.push_enqueue(array[<to_agent_id>], 'transfer_offered', <conversation_id>,
--                               public.push_data(<conversation_id>, '', 'text'));
-- when it offers one; the sender and the service worker already show that kind.

revoke execute on function public.push_wanted(uuid, uuid), public.push_enqueue(uuid[], text, uuid, jsonb),
  public.push_data(uuid, text, text), public.push_conversation_started(),
  public.push_invitation_accepted(), public.push_visitor_message()
  from public, anon, authenticated;
grant execute on function public.push_enqueue(uuid[], text, uuid, jsonb) to service_role;

comment on function public.save_push_subscription(text, text, text, text) is
  'Member API: saves this device''s push subscription (validated endpoint and keys) for the caller; returns its id.';
revoke execute on function public.save_push_subscription(text, text, text, text) from public, anon;
grant execute on function public.save_push_subscription(text, text, text, text) to authenticated;

-- ------------------------------------------------------------------ the sender's functions

-- Claims up to `batch` entries that are due, for `lease_seconds`: each comes back with a new
-- claim id and its subscription. Rows another server holds locked are skipped, not waited for;
-- rows whose lease ran out (a server stopped mid-send) are due again.
create function public.claim_push_outbox(batch integer default 100, lease_seconds integer default 60)
returns table (
  id bigint, claim_id uuid, subscription_id uuid, endpoint text, p256dh text, auth text,
  kind text, conversation_id uuid, data jsonb, created_at timestamptz, attempts integer
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_claim uuid := gen_random_uuid();
begin
  if batch is null or batch < 1 or batch > 1000 then
    raise exception 'batch must be from 1 to 1000' using errcode = '22023';
  end if;
  if lease_seconds is null or lease_seconds < 5 or lease_seconds > 3600 then
    raise exception 'lease_seconds must be from 5 to 3600' using errcode = '22023';
  end if;
  return query
  with due as (
    select o.id from public.push_outbox as o
     where o.available_at <= now()
     order by o.id
     limit claim_push_outbox.batch
     for update skip locked
  ), claimed as (
    update public.push_outbox as o
       set claim_id = v_claim,
           available_at = now() + make_interval(secs => claim_push_outbox.lease_seconds),
           attempts = o.attempts + 1
      from due where o.id = due.id
    returning o.*
  )
  select c.id, c.claim_id, c.subscription_id, s.endpoint, s.p256dh, s.auth, c.kind,
         c.conversation_id, c.data, c.created_at, c.attempts
    from claimed as c join public.push_subscriptions as s on s.id = c.subscription_id
   order by c.id;
end
$$;
comment on function public.claim_push_outbox(integer, integer) is
  'Sender (service role): claims due push_outbox rows (FOR UPDATE SKIP LOCKED) for a lease; returns them with their subscription.';

-- Sent: the entries of this claim are deleted. An entry re-claimed by another server after
-- this claim's lease ran out is not this claim's any more and stays.
create function public.complete_push_outbox(claim uuid, ids bigint[]) returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  delete from public.push_outbox as o
   where o.id = any (complete_push_outbox.ids) and o.claim_id = complete_push_outbox.claim;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function public.complete_push_outbox(uuid, bigint[]) is
  'Sender (service role): deletes the sent entries of a claim; returns how many.';

-- Not sent: the entries come back after `delay_seconds`, or are dropped once they have been
-- tried `max_attempts` times.
create function public.retry_push_outbox(
  claim uuid, ids bigint[], delay_seconds integer, error text, max_attempts integer default 8
) returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  delete from public.push_outbox as o
   where o.id = any (retry_push_outbox.ids) and o.claim_id = retry_push_outbox.claim
     and o.attempts >= retry_push_outbox.max_attempts;
  update public.push_outbox as o
     set claim_id = null,
         available_at = now() + make_interval(secs => greatest(0, least(retry_push_outbox.delay_seconds, 86400))),
         last_error = left(retry_push_outbox.error, 500)
   where o.id = any (retry_push_outbox.ids) and o.claim_id = retry_push_outbox.claim;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function public.retry_push_outbox(uuid, bigint[], integer, text, integer) is
  'Sender (service role): releases unsent entries of a claim for a later try (or drops them after max_attempts); returns how many will be retried.';

-- The push service answered 404/410 (or the keys are unusable): the subscription is gone, and
-- everything still waiting for it with it.
create function public.remove_push_subscriptions(ids uuid[]) returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  delete from public.push_subscriptions as s where s.id = any (remove_push_subscriptions.ids);
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function public.remove_push_subscriptions(uuid[]) is
  'Sender (service role): deletes subscriptions the push service no longer knows (and their queued entries).';

revoke execute on function public.claim_push_outbox(integer, integer),
  public.complete_push_outbox(uuid, bigint[]),
  public.retry_push_outbox(uuid, bigint[], integer, text, integer),
  public.remove_push_subscriptions(uuid[])
  from public, anon, authenticated;
grant execute on function public.claim_push_outbox(integer, integer),
  public.complete_push_outbox(uuid, bigint[]),
  public.retry_push_outbox(uuid, bigint[], integer, text, integer),
  public.remove_push_subscriptions(uuid[])
  to service_role;
