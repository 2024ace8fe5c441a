-- A visitor starts a conversation and writes the first message a moment later (the widget
-- makes the conversation, then sends). Queued as they happened, the sender could claim the
-- "conversation started" entry alone and the agent's phone would buzz twice: "Vera is waiting
-- for an answer", then the message. A new conversation's entry now waits a short while, and
-- every entry for the same device and conversation queued while an earlier one still waits
-- becomes due with it, so they are claimed together and make one notification that shows the
-- message (see formatNotification).
create or replace function public.push_enqueue(
  p_user_ids uuid[], p_kind text, p_conversation_id uuid, p_data jsonb
) returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_count integer;
  v_due timestamptz := now() + case when p_kind = 'conversation_started'
                                    then interval '2 seconds' else interval '0' end;
begin
  insert into public.push_outbox (subscription_id, kind, conversation_id, data, available_at)
  select s.id, p_kind, p_conversation_id, coalesce(p_data, '{}'),
         greatest(v_due, coalesce((
           select max(o.available_at) from public.push_outbox as o
            where o.subscription_id = s.id and o.conversation_id = p_conversation_id
              and o.claim_id is null and o.attempts = 0), v_due))
    from public.push_subscriptions as s
   where s.user_id = any (p_user_ids)
     and public.push_wanted(s.user_id, p_conversation_id);
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function public.push_enqueue(uuid[], text, uuid, jsonb) is
  'Queues a push (kind, conversation, display data) for every subscribed device of the given users; a new conversation waits 2 s, and entries queued behind a waiting one share its time, so they make one notification. Issue 14''s transfer offer calls it with kind ''transfer_offered'' for the receiving agent.';
