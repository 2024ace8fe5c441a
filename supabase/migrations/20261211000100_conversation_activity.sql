-- A message changes only its conversation's activity: the preview and its time, the unread
-- counters, and updated_at (marking it read changes the counters alone). Every console of the
-- site hears each such change on site:<id>, a team of 100 agents 100 times per message, so it
-- now carries only the activity and what ringing decides on (status, the assigned agent, when
-- it started): 436 bytes against 645 for the whole row with the same 80-character preview. A
-- visitor's heartbeat is sent small the same way. Any other change (a new conversation, taken,
-- closed, renamed, translated…) still sends the whole row; a console that does not hold the
-- conversation fetches it.
create or replace function public.broadcast_conversation() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_row jsonb := to_jsonb(new);
  v_activity constant text[] := array['last_message_at', 'last_message_preview', 'agent_unread',
                                      'visitor_unread', 'updated_at'];
  v_state_changed boolean := tg_op = 'INSERT'
    or old.status is distinct from new.status
    or old.assigned_agent_id is distinct from new.assigned_agent_id;
  v_translation_changed boolean := tg_op = 'UPDATE'
    and (old.translation_enabled is distinct from new.translation_enabled
         or old.visitor_language is distinct from new.visitor_language);
begin
  -- Compared as JSON minus the activity, so a column added later counts as "other" by itself.
  if tg_op = 'UPDATE' and v_row - v_activity = to_jsonb(old) - v_activity then
    perform realtime.send(
      jsonb_build_object('id', new.id, 'site_id', new.site_id, 'status', new.status,
                         'assigned_agent_id', new.assigned_agent_id, 'created_at', new.created_at,
                         'updated_at', new.updated_at, 'last_message_at', new.last_message_at,
                         'last_message_preview', new.last_message_preview,
                         'agent_unread', new.agent_unread, 'visitor_unread', new.visitor_unread),
      'conversation', 'site:' || new.site_id::text, true);
  else
    perform realtime.send(v_row, 'conversation', 'site:' || new.site_id::text, true);
  end if;
  if v_state_changed or v_translation_changed then
    perform realtime.send(v_row, 'conversation', 'conversation:' || new.id::text, true);
  end if;
  if v_state_changed then
    perform realtime.send(jsonb_build_object('id', new.id, 'status', new.status),
                          'conversation', 'visitor:' || new.visitor_id::text, true);
  end if;
  return null;
end
$$;
comment on function public.broadcast_conversation() is
  'Trigger: to site:<id> the conversation row on every change, or only {id, site_id, status, assigned_agent_id, created_at, updated_at, last_message_at, last_message_preview, agent_unread, visitor_unread} when nothing but its activity changed; when it starts, is taken or closes, or its translation settings change, also the row to conversation:<id>; {id, status} to visitor:<id> when it starts, is taken or closes.';
