-- A chat message's own work in the database, made smaller: each message runs these triggers,
-- and on the embedded database one thread runs every statement (bench/README.md, "A leaner
-- message path"). Same behaviour, same broadcasts, same errors.
--
-- - broadcast_conversation told an activity-only change by turning the old and new rows into
--   JSON, less the activity keys, and comparing those; it now compares the old row, with the
--   new activity copied in, to the new row as records. The whole row becomes JSON only when it
--   is sent whole.
-- - messages_check_agent read the conversation's row and then asked can_access_conversation()
--   and site_role(), each reading the conversation or the membership again; it now reads the
--   conversation with the sender's membership once.
-- - broadcast_message read the conversation's whole row for two of its columns.
-- - conversations_site_last_message_idx is read by no query (the console orders its list
--   itself), and every message's update of its conversation wrote an entry into it.

create or replace function public.broadcast_conversation() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_same public.conversations;
  v_state_changed boolean := tg_op = 'INSERT'
    or old.status is distinct from new.status
    or old.assigned_agent_id is distinct from new.assigned_agent_id;
  v_translation_changed boolean := tg_op = 'UPDATE'
    and (old.translation_enabled is distinct from new.translation_enabled
         or old.visitor_language is distinct from new.visitor_language);
begin
  -- The old row with the new activity is the new row when nothing but the activity changed:
  -- compared whole (by binary image, which every column type has), so a column added later
  -- counts as "other" by itself.
  if tg_op = 'UPDATE' then
    v_same := old;
    v_same.last_message_at := new.last_message_at;
    v_same.last_message_preview := new.last_message_preview;
    v_same.agent_unread := new.agent_unread;
    v_same.visitor_unread := new.visitor_unread;
    v_same.updated_at := new.updated_at;
  end if;
  if tg_op = 'UPDATE' and v_same *= new then
    perform realtime.send(
      jsonb_build_object('id', new.id, 'site_id', new.site_id, 'status', new.status,
                         'assigned_agent_id', new.assigned_agent_id, 'created_at', new.created_at,
                         'updated_at', new.updated_at, 'last_message_at', new.last_message_at,
                         'last_message_preview', new.last_message_preview,
                         'agent_unread', new.agent_unread, 'visitor_unread', new.visitor_unread),
      'conversation', 'site:' || new.site_id::text, true);
  else
    perform realtime.send(to_jsonb(new), 'conversation', 'site:' || new.site_id::text, true);
  end if;
  if v_state_changed or v_translation_changed then
    perform realtime.send(to_jsonb(new), 'conversation', 'conversation:' || new.id::text, true);
  end if;
  if v_state_changed then
    perform realtime.send(jsonb_build_object('id', new.id, 'status', new.status),
                          'conversation', 'visitor:' || new.visitor_id::text, true);
  end if;
  return null;
end
$$;

create or replace function public.messages_check_agent() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_site_id uuid;
  v_visitor_id uuid;
  v_assigned uuid;
  v_role text;
begin
  if new.sender_kind <> 'agent' then
    return new;
  end if;
  select c.site_id, c.visitor_id, c.assigned_agent_id, m.role
    into v_site_id, v_visitor_id, v_assigned, v_role
    from public.conversations as c
    left join public.site_members as m on m.site_id = c.site_id and m.user_id = auth.uid()
   where c.id = new.conversation_id;
  -- Someone who may not write here at all is refused by the policy (checked after this), with
  -- nothing said about the conversation.
  if v_site_id is null or (v_role is null and v_visitor_id is distinct from auth.uid()) then
    return new;
  end if;
  if new.to_agent_id is not null and (
       new.to_agent_id = new.sender_id
       or not exists (select 1 from public.site_members as m
                       where m.site_id = v_site_id and m.user_id = new.to_agent_id)) then
    raise exception 'a whisper goes to a colleague on this site' using errcode = '22023';
  end if;
  if not new.internal and v_assigned is not null and v_assigned is distinct from new.sender_id
     and v_role is distinct from 'owner' then
    raise exception 'conversation is held by another agent' using errcode = 'P0001',
      hint = 'Write an internal note, or ask for the conversation to be transferred to you.';
  end if;
  return new;
end
$$;

create or replace function public.broadcast_message() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_site_id uuid;
  v_visitor_id uuid;
begin
  select c.site_id, c.visitor_id into v_site_id, v_visitor_id
    from public.conversations as c where c.id = new.conversation_id;
  if new.internal then
    perform realtime.send(to_jsonb(new), 'note', 'site:' || v_site_id::text, true);
    return null;
  end if;
  perform realtime.send(to_jsonb(new), 'message', 'conversation:' || new.conversation_id::text, true);
  if new.sender_kind = 'agent' then
    perform realtime.send(
      jsonb_build_object('conversation_id', new.conversation_id, 'id', new.id, 'sender_kind', new.sender_kind,
                         'preview', left(regexp_replace(btrim(new.body), '\s+', ' ', 'g'), 140)),
      'message', 'visitor:' || v_visitor_id::text, true);
  end if;
  return null;
end
$$;

drop index if exists public.conversations_site_last_message_idx;
