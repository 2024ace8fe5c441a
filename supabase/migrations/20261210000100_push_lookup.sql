-- A visitor's message looks up the devices to notify by their agents' user ids. Without an
-- index that was a scan of every device of every site, on every visitor message.
create index if not exists push_subscriptions_user_id_idx on public.push_subscriptions (user_id);

-- A visitor's message whose agents have no device subscribed (a site that never turned on
-- notifications, or an assigned agent without one) builds no notification data: one indexed
-- look-up decides there is nobody to tell. The rest is as before (push.sql).
create or replace function public.push_visitor_message() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_conv public.conversations;
  v_users uuid[];
begin
  select * into v_conv from public.conversations as c where c.id = new.conversation_id;
  v_users := case when v_conv.assigned_agent_id is not null then array[v_conv.assigned_agent_id]
                  else array(select m.user_id from public.site_members as m
                              where m.site_id = v_conv.site_id)
             end;
  if not exists (select 1 from public.push_subscriptions as s where s.user_id = any (v_users)) then
    return null;
  end if;
  perform public.push_enqueue(v_users, 'message', new.conversation_id,
                              public.push_data(new.conversation_id, new.body, new.kind));
  return null;
end
$$;
