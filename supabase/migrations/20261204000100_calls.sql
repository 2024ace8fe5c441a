-- Audio and video calls in a conversation. The media flows peer to peer (WebRTC); the database
-- keeps who called whom, when the call was answered, connected and ended, so the summary that
-- lands in the conversation carries a duration measured by the server's clock, never one a
-- client sent. Every change of a call is broadcast as `call` on conversation:<id>, which is how
-- the other side rings and learns that the call was answered, declined or ended. Offers,
-- answers and ICE candidates go between the clients as `signal` broadcasts on the same channel.

create table public.calls (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  media text not null,
  started_by uuid not null references auth.users (id) on delete cascade,
  started_side text not null,
  answered_by uuid references auth.users (id) on delete set null,
  -- ringing → active → ended; ringing → declined | cancelled | missed; active → failed.
  status text not null default 'ringing',
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  connected_at timestamptz,
  ended_at timestamptz,
  ended_by_side text,
  constraint calls_media_valid check (media in ('audio', 'video')),
  constraint calls_started_side_valid check (started_side in ('visitor', 'agent')),
  constraint calls_status_valid check (status in
    ('ringing', 'active', 'ended', 'declined', 'cancelled', 'missed', 'failed')),
  constraint calls_ended_by_side_valid check (ended_by_side in ('visitor', 'agent'))
);
comment on table public.calls is
  'Audio and video calls of a conversation (one live call at a time); written only by the call_* functions, which broadcast every change as `call` on conversation:<id>.';
create unique index calls_one_live_per_conversation on public.calls (conversation_id)
  where status in ('ringing', 'active');
create index calls_conversation_idx on public.calls (conversation_id, created_at);

alter table public.calls enable row level security;
create policy "calls: participants read" on public.calls
  for select to authenticated
  using (public.can_use_realtime_topic('conversation:' || conversation_id::text, false));
revoke all on public.calls from public, anon, authenticated;
grant select on public.calls to authenticated;

-- A ringing call nobody answers stops ringing after this long (the server's clock decides).
create function public.call_ring_seconds() returns integer
language sql immutable
set search_path = ''
as $$ select 45 $$;

-- ------------------------------------------------------------------ broadcast

-- The site's consoles hear a visitor's call too (agents elsewhere in the console than the
-- conversation): who calls, for which conversation and agent, and when it stops ringing.
create function public.broadcast_call() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations;
begin
  perform realtime.send(
    to_jsonb(new) || jsonb_build_object('ring_seconds', public.call_ring_seconds()),
    'call', 'conversation:' || new.conversation_id::text, true);
  if new.started_side = 'visitor' and (tg_op = 'INSERT' or old.status = 'ringing') then
    select c.* into v_conversation from public.conversations as c where c.id = new.conversation_id;
    perform realtime.send(
      jsonb_build_object('id', new.id, 'conversation_id', new.conversation_id,
                         'media', new.media, 'status', new.status,
                         'assigned_agent_id', v_conversation.assigned_agent_id,
                         'visitor_name', coalesce(v_conversation.visitor_name, '')),
      'call', 'site:' || v_conversation.site_id::text, true);
  end if;
  return null;
end
$$;
create trigger calls_broadcast after insert or update on public.calls
  for each row execute function public.broadcast_call();

-- ------------------------------------------------------------------ push

alter table public.push_outbox drop constraint push_outbox_kind_valid;
alter table public.push_outbox add constraint push_outbox_kind_valid check (kind in
  ('conversation_started', 'invitation_accepted', 'message', 'transfer_offered', 'call'));

-- ------------------------------------------------------------------ internal

-- The call, locked, of a conversation the caller takes part in; 42501 for anyone else.
create function public.lock_call(p_call_id uuid) returns public.calls
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_call public.calls;
begin
  if p_call_id is null then
    raise exception 'call_id is required' using errcode = '22023';
  end if;
  select k.* into v_call from public.calls as k where k.id = p_call_id for update;
  if not found or not exists (
    select 1 from public.conversations as c
     where c.id = v_call.conversation_id and public.conversation_side(c) is not null) then
    raise exception 'unknown call' using errcode = '42501';
  end if;
  return v_call;
end
$$;
comment on function public.lock_call(uuid) is
  'Internal: locks a call of a conversation the caller takes part in; 42501 otherwise.';

-- Ends a call with an outcome and writes its summary into the conversation.
create function public.finish_call(p_call public.calls, p_status text, p_side text)
returns public.calls
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_call public.calls;
  v_seconds integer;
begin
  update public.calls as k
     set status = p_status, ended_at = now(), ended_by_side = p_side
   where k.id = p_call.id
  returning * into v_call;
  v_seconds := case when v_call.connected_at is null then 0
                    else greatest(0, floor(extract(epoch from v_call.ended_at - v_call.connected_at)))::integer end;
  insert into public.messages (id, conversation_id, sender_id, sender_kind, kind, body, attachment)
  values (gen_random_uuid(), v_call.conversation_id, auth.uid(), 'system', 'event', '',
          jsonb_build_object('event', 'call', 'call_id', v_call.id, 'media', v_call.media,
                             'outcome', v_call.status, 'duration_seconds', v_seconds,
                             'started_side', v_call.started_side, 'ended_by', p_side));
  return v_call;
end
$$;
comment on function public.finish_call(public.calls, text, text) is
  'Internal: sets a call''s final status and end time and adds its summary (a system ''call'' event with the server-measured duration) to the conversation.';

-- A ringing call past its time is missed; called wherever a call is looked at.
create function public.expire_ringing_call(p_call public.calls) returns public.calls
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if p_call.status = 'ringing'
     and p_call.created_at < now() - make_interval(secs => public.call_ring_seconds()) then
    return public.finish_call(p_call, 'missed', null);
  end if;
  return p_call;
end
$$;

revoke execute on function public.lock_call(uuid), public.finish_call(public.calls, text, text),
  public.expire_ringing_call(public.calls), public.broadcast_call(), public.call_ring_seconds()
  from public, anon, authenticated;

-- ------------------------------------------------------------------ API

create function public.call_start(conversation_id uuid, media text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations;
  v_side text;
  v_live public.calls;
  v_call public.calls;
begin
  if call_start.media is null or call_start.media not in ('audio', 'video') then
    raise exception 'media must be audio or video' using errcode = '22023';
  end if;
  if call_start.conversation_id is null then
    raise exception 'conversation_id is required' using errcode = '22023';
  end if;
  v_conversation := public.lock_conversation(call_start.conversation_id);
  v_side := public.conversation_side(v_conversation);
  if v_conversation.status = 'closed' then
    raise exception 'conversation is closed' using errcode = 'P0001';
  end if;
  if v_side = 'agent' and v_conversation.assigned_agent_id is distinct from auth.uid() then
    raise exception 'take the conversation before calling' using errcode = 'P0001';
  end if;
  select k.* into v_live from public.calls as k
   where k.conversation_id = v_conversation.id and k.status in ('ringing', 'active')
   for update;
  if found then
    v_live := public.expire_ringing_call(v_live);
    if v_live.status in ('ringing', 'active') then
      raise exception 'a call is already in progress' using errcode = 'P0001';
    end if;
  end if;
  insert into public.calls (conversation_id, media, started_by, started_side)
  values (v_conversation.id, call_start.media, auth.uid(), v_side)
  returning * into v_call;
  if v_side = 'visitor' then
    perform public.push_enqueue(
      case when v_conversation.assigned_agent_id is not null
           then array[v_conversation.assigned_agent_id]
           else array(select m.user_id from public.site_members as m
                       where m.site_id = v_conversation.site_id) end,
      'call', v_conversation.id, public.push_data(v_conversation.id, '', call_start.media));
  end if;
  return to_jsonb(v_call) || jsonb_build_object('ring_seconds', public.call_ring_seconds());
end
$$;
comment on function public.call_start(uuid, text) is
  'Participant API: starts an audio or video call in an open conversation (agents: only their own); rings the other side through the `call` broadcast, and pushes to the agent(s) when the visitor calls. P0001 when a call is already live.';

create function public.call_answer(call_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_call public.calls := public.expire_ringing_call(public.lock_call(call_answer.call_id));
  v_side text;
begin
  select public.conversation_side(c) into v_side
    from public.conversations as c where c.id = v_call.conversation_id;
  if v_side = v_call.started_side then
    raise exception 'the other side answers a call' using errcode = '42501';
  end if;
  if v_call.status <> 'ringing' then
    raise exception 'call is %', v_call.status using errcode = 'P0001';
  end if;
  update public.calls as k set status = 'active', answered_by = auth.uid(), answered_at = now()
   where k.id = v_call.id returning * into v_call;
  return to_jsonb(v_call);
end
$$;
comment on function public.call_answer(uuid) is
  'Participant API (the side that did not call): accepts a ringing call. P0001 when it is no longer ringing (answered elsewhere, cancelled, missed).';

create function public.call_decline(call_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_call public.calls := public.expire_ringing_call(public.lock_call(call_decline.call_id));
  v_side text;
begin
  select public.conversation_side(c) into v_side
    from public.conversations as c where c.id = v_call.conversation_id;
  if v_side = v_call.started_side then
    raise exception 'the other side declines a call' using errcode = '42501';
  end if;
  if v_call.status <> 'ringing' then
    return to_jsonb(v_call);
  end if;
  return to_jsonb(public.finish_call(v_call, 'declined', v_side));
end
$$;
comment on function public.call_decline(uuid) is
  'Participant API (the side that did not call): declines a ringing call; idempotent once it has ended.';

-- The media is flowing: the duration counts from here.
create function public.call_connected(call_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_call public.calls := public.lock_call(call_connected.call_id);
begin
  if v_call.status = 'active' and v_call.connected_at is null then
    update public.calls as k set connected_at = now() where k.id = v_call.id
    returning * into v_call;
  end if;
  return to_jsonb(v_call);
end
$$;
comment on function public.call_connected(uuid) is
  'Participant API: the call''s media is connected (the first report counts; the duration is measured from it by the server''s clock).';

create function public.call_end(call_id uuid, reason text default 'hangup') returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_call public.calls := public.lock_call(call_end.call_id);
  v_side text;
begin
  if call_end.reason is null or call_end.reason not in ('hangup', 'failed', 'missed') then
    raise exception 'reason must be hangup, failed or missed' using errcode = '22023';
  end if;
  if v_call.status not in ('ringing', 'active') then
    return to_jsonb(v_call);
  end if;
  select public.conversation_side(c) into v_side
    from public.conversations as c where c.id = v_call.conversation_id;
  if v_call.status = 'ringing' then
    -- Only the caller hangs up a ringing call ("missed" only once its time is up); the other
    -- side declines it.
    if v_side <> v_call.started_side then
      raise exception 'decline a ringing call instead' using errcode = 'P0001';
    end if;
    v_call := public.expire_ringing_call(v_call);
    if v_call.status = 'ringing' then
      v_call := public.finish_call(v_call, 'cancelled', v_side);
    end if;
    return to_jsonb(v_call);
  end if;
  return to_jsonb(public.finish_call(v_call,
    case when call_end.reason = 'failed' and v_call.connected_at is null then 'failed' else 'ended' end,
    v_side));
end
$$;
comment on function public.call_end(uuid, text) is
  'Participant API: hangs up (reason hangup), or gives up on a call that could not connect (failed). A ringing call is cancelled by its caller, or missed once it rang too long. Adds the summary to the conversation; idempotent once ended.';

revoke execute on function public.call_start(uuid, text), public.call_answer(uuid),
  public.call_decline(uuid), public.call_connected(uuid), public.call_end(uuid, text)
  from public, anon;
grant execute on function public.call_start(uuid, text), public.call_answer(uuid),
  public.call_decline(uuid), public.call_connected(uuid), public.call_end(uuid, text)
  to authenticated;
