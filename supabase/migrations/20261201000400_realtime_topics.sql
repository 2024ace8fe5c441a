-- Private realtime topics and what the database broadcasts on them.
--
--   visitor:<visitor id>            only that visitor reads; nobody sends.
--   site:<site id>                  the site's members read and send.
--   conversation:<conversation id>  its visitor and the site's members read and send (typing).
--
-- Realtime authorises a private channel by trying, as the user and with realtime.topic() set,
-- a SELECT (receive) and an INSERT (send) on realtime.messages; the policies below decide.
-- Broadcasts go through realtime.send(…, private => true) from SECURITY DEFINER triggers, so
-- they never depend on what the writing user may see.

-- ------------------------------------------------------------------ who may use a topic

create function public.can_use_realtime_topic(topic text, to_send boolean) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_kind text;
  v_id uuid;
begin
  -- Only the canonical lower-case uuid form: anything else is no topic of ours (and must be
  -- false, not an error, or Realtime would report a database failure instead of "unauthorized").
  if auth.uid() is null or topic is null
     or topic !~ '^(visitor|site|conversation):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  v_kind := split_part(topic, ':', 1);
  v_id := split_part(topic, ':', 2)::uuid;
  case v_kind
    when 'visitor' then
      return not to_send and v_id = auth.uid() and public.is_visitor();
    when 'site' then
      return not public.is_visitor() and public.is_site_member(v_id);
    else
      return exists (
        select 1 from public.conversations as c
         where c.id = v_id and public.conversation_side(c) is not null);
  end case;
end
$$;
comment on function public.can_use_realtime_topic(text, boolean) is
  'Whether the caller may receive (to_send false) or send (true) on a private topic visitor:<id>, site:<id> or conversation:<id>; false for any other or malformed topic.';
revoke execute on function public.can_use_realtime_topic(text, boolean) from public, anon;
grant execute on function public.can_use_realtime_topic(text, boolean) to authenticated, service_role;

create policy "parley topics: participants receive" on realtime.messages
  for select to authenticated
  using (public.can_use_realtime_topic((select realtime.topic()), false));
create policy "parley topics: participants send" on realtime.messages
  for insert to authenticated
  with check (public.can_use_realtime_topic((select realtime.topic()), true));

-- ------------------------------------------------------------------ visitors → site

-- Heartbeats and leaves change only last_seen_at/ended_at: the console gets just those (merged
-- by id into the row it has), so a busy site does not send whole rows every 10 s per visitor.
create function public.broadcast_visitor() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_payload jsonb := to_jsonb(new);
begin
  if tg_op = 'UPDATE'
     and (v_payload - 'last_seen_at' - 'ended_at') = (to_jsonb(old) - 'last_seen_at' - 'ended_at') then
    v_payload := jsonb_build_object('id', new.id, 'site_id', new.site_id,
                                    'last_seen_at', new.last_seen_at, 'ended_at', new.ended_at);
  end if;
  perform realtime.send(v_payload, 'visitor', 'site:' || new.site_id::text, true);
  return null;
end
$$;
comment on function public.broadcast_visitor() is
  'Trigger: tells site:<id> about a visitor (the row; only {id, site_id, last_seen_at, ended_at} for a heartbeat or leave).';
revoke execute on function public.broadcast_visitor() from public, anon, authenticated;
create trigger visitors_broadcast after insert or update on public.visitors
  for each row execute function public.broadcast_visitor();

-- ------------------------------------------------------------------ invitations → site, visitor

create function public.broadcast_invitation() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_for_visitor jsonb := public.invitation_for_visitor(new);
begin
  perform realtime.send(to_jsonb(new) || jsonb_build_object('agent_name', v_for_visitor ->> 'agent_name'),
                        'invitation', 'site:' || new.site_id::text, true);
  if tg_op = 'INSERT' and new.status = 'pending' then
    perform realtime.send(v_for_visitor, 'invitation', 'visitor:' || new.visitor_id::text, true);
  elsif tg_op = 'UPDATE' and old.status = 'pending' and new.status <> 'pending' then
    perform realtime.send(jsonb_build_object('id', new.id, 'status', new.status),
                          'invitation_closed', 'visitor:' || new.visitor_id::text, true);
  end if;
  return null;
end
$$;
comment on function public.broadcast_invitation() is
  'Trigger: the invitation row (+ agent_name) to site:<id>; to visitor:<id> a new invitation as the widget shows it, and invitation_closed {id, status} when it is answered.';
revoke execute on function public.broadcast_invitation() from public, anon, authenticated;
create trigger chat_invitations_broadcast after insert or update on public.chat_invitations
  for each row execute function public.broadcast_invitation();

-- ------------------------------------------------------------------ conversations

create function public.broadcast_conversation() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_row jsonb := to_jsonb(new);
  v_state_changed boolean := tg_op = 'INSERT'
    or old.status is distinct from new.status
    or old.assigned_agent_id is distinct from new.assigned_agent_id;
begin
  perform realtime.send(v_row, 'conversation', 'site:' || new.site_id::text, true);
  if v_state_changed then
    perform realtime.send(v_row, 'conversation', 'conversation:' || new.id::text, true);
    perform realtime.send(jsonb_build_object('id', new.id, 'status', new.status),
                          'conversation', 'visitor:' || new.visitor_id::text, true);
  end if;
  return null;
end
$$;
comment on function public.broadcast_conversation() is
  'Trigger: the conversation row to site:<id> on every change; when it starts, is taken or closes, also the row to conversation:<id> and {id, status} to visitor:<id>.';
revoke execute on function public.broadcast_conversation() from public, anon, authenticated;
create trigger conversations_broadcast after insert or update on public.conversations
  for each row execute function public.broadcast_conversation();

-- ------------------------------------------------------------------ messages

create function public.broadcast_message() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_visitor uuid;
begin
  perform realtime.send(to_jsonb(new), 'message', 'conversation:' || new.conversation_id::text, true);
  if new.sender_kind = 'agent' then
    select c.visitor_id into v_visitor from public.conversations as c where c.id = new.conversation_id;
    perform realtime.send(
      jsonb_build_object('conversation_id', new.conversation_id, 'id', new.id, 'sender_kind', new.sender_kind,
                         'preview', left(regexp_replace(btrim(new.body), '\s+', ' ', 'g'), 140)),
      'message', 'visitor:' || v_visitor::text, true);
  end if;
  return null;
end
$$;
comment on function public.broadcast_message() is
  'Trigger: a new message to conversation:<id>; an agent''s also to visitor:<id> as {conversation_id, id, sender_kind, preview} for the launcher''s badge.';
revoke execute on function public.broadcast_message() from public, anon, authenticated;
create trigger messages_broadcast after insert on public.messages
  for each row execute function public.broadcast_message();
