-- Conversations (channel 2): started by a visitor, by an accepted invitation or as a left
-- message while nobody is online; taken, closed and read through the functions below.
-- Messages are inserted by clients themselves (client-made ids make retries idempotent); a
-- trigger gives them the server's time, refuses a closed conversation and rate-limits
-- visitors, and another keeps the conversation's preview and unread counters.
--   42501  not a participant
--   P0001  conversation closed / already taken
--   22023  bad name, email or body
--   PT429  a visitor sent more than 20 messages in 10 s (PostgREST: HTTP 429)

alter table public.conversations
  add column visitor_name text,
  add column visitor_email text,
  add column offline boolean not null default false,
  add column closed_at timestamptz,
  add column last_message_at timestamptz,
  add column last_message_preview text not null default '',
  add column agent_unread integer not null default 0,
  add column visitor_unread integer not null default 0;
-- Conversations closed before closed_at existed: their last change is the best guess.
update public.conversations as c set closed_at = c.updated_at where c.status = 'closed';
update public.conversations as c
   set last_message_at = l.created_at, last_message_preview = left(regexp_replace(btrim(l.body), '\s+', ' ', 'g'), 140)
  from (select distinct on (m.conversation_id) m.conversation_id, m.created_at, m.body
          from public.messages as m where m.sender_kind <> 'system'
         order by m.conversation_id, m.created_at desc) as l
 where l.conversation_id = c.id;
alter table public.conversations
  add constraint conversations_visitor_name_length check (char_length(visitor_name) <= 100),
  add constraint conversations_visitor_email_format
    check (visitor_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(visitor_email) <= 320),
  add constraint conversations_preview_length check (char_length(last_message_preview) <= 140),
  add constraint conversations_unread_not_negative check (agent_unread >= 0 and visitor_unread >= 0),
  add constraint conversations_closed_at_when_closed check ((status = 'closed') = (closed_at is not null));
comment on column public.conversations.visitor_name is 'The name the visitor gave before chatting, if any.';
comment on column public.conversations.visitor_email is 'The email the visitor gave before chatting or with a left message, if any.';
comment on column public.conversations.offline is 'True for a message left while no agent was online (answered later, e.g. by email).';
comment on column public.conversations.closed_at is 'When the conversation was closed (server time); set exactly when status is closed.';
comment on column public.conversations.last_message_at is 'When the latest visitor or agent message arrived.';
comment on column public.conversations.last_message_preview is 'The start of the latest visitor or agent message (at most 140 characters).';
comment on column public.conversations.agent_unread is 'Visitor messages the agents have not read yet.';
comment on column public.conversations.visitor_unread is 'Agent messages the visitor has not read yet.';
create index conversations_site_last_message_idx on public.conversations (site_id, last_message_at desc nulls last);

-- Conversations are made by start_conversation(), leave_message() and accept_invitation(), which
-- check the site's pre-chat rules; status and assignment change through take_ and close_conversation().
drop policy "visitors open their own, members their site's conversations" on public.conversations;
revoke insert, update on public.conversations from anon, authenticated;
grant update (visitor_language) on public.conversations to authenticated;

-- Messages: no client updates any more (receipts go through mark_conversation_read/_delivered),
-- and clients send text, never events (those are the system's).
drop policy "participants mark messages delivered or read" on public.messages;
revoke update on public.messages from anon, authenticated;
drop policy "participants send messages as themselves" on public.messages;
create policy "participants send messages as themselves" on public.messages
  for insert to authenticated with check (
    sender_id = (select auth.uid())
    and kind <> 'event'
    and public.can_access_conversation(conversation_id)
    and case sender_kind
          when 'visitor' then (select public.is_visitor())
          when 'agent' then not (select public.is_visitor())
          else false
        end);
create index messages_sender_id_idx on public.messages (sender_id, created_at);

-- ------------------------------------------------------------------ message triggers

create function public.messages_before_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_status text;
  v_recent integer;
begin
  -- The server's clock orders messages; receipts start empty whatever the client sent.
  new.created_at := now();
  new.delivered_at := null;
  new.read_at := null;
  -- Locking the conversation orders this insert against close_conversation() and against
  -- other messages' counter updates (which lock the same row anyway).
  select c.status into v_status from public.conversations as c
   where c.id = new.conversation_id for no key update;
  if v_status = 'closed' then
    raise exception 'conversation is closed' using errcode = 'P0001';
  end if;
  if new.sender_kind = 'visitor' then
    -- One visitor's sends queue up here, so concurrent requests cannot all pass the count.
    perform pg_advisory_xact_lock(hashtextextended('parley.messages.' || coalesce(new.sender_id::text, ''), 0));
    select count(*) into v_recent from public.messages as m
     where m.sender_id = new.sender_id and m.sender_kind = 'visitor'
       and m.created_at > now() - interval '10 seconds';
    if v_recent >= 20 then
      raise exception 'too many messages: at most 20 in 10 seconds'
        using errcode = 'PT429', hint = 'Wait a few seconds, then send again.';
    end if;
  end if;
  return new;
end
$$;
comment on function public.messages_before_insert() is
  'Trigger: stamps a new message with the server''s time, clears its receipts, refuses closed conversations (P0001) and more than 20 visitor messages in 10 s (PT429).';
revoke execute on function public.messages_before_insert() from public, anon, authenticated;
create trigger messages_before_insert before insert on public.messages
  for each row execute function public.messages_before_insert();

create function public.messages_after_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.sender_kind = 'system' then
    return null;
  end if;
  update public.conversations as c
     set last_message_at = new.created_at,
         last_message_preview = left(regexp_replace(btrim(new.body), '\s+', ' ', 'g'), 140),
         agent_unread = c.agent_unread + (new.sender_kind = 'visitor')::integer,
         visitor_unread = c.visitor_unread + (new.sender_kind = 'agent')::integer
   where c.id = new.conversation_id;
  return null;
end
$$;
comment on function public.messages_after_insert() is
  'Trigger: a visitor or agent message moves its conversation''s last_message_at, preview and the other side''s unread counter.';
revoke execute on function public.messages_after_insert() from public, anon, authenticated;
create trigger messages_after_insert after insert on public.messages
  for each row execute function public.messages_after_insert();

-- ------------------------------------------------------------------ helpers

-- The caller's side of a conversation: 'visitor' (its own visitor), 'agent' (a member of its
-- site), or null (nobody to it).
create function public.conversation_side(c public.conversations) returns text
language sql stable security definer
set search_path = ''
as $$
  select case
    when c.visitor_id = auth.uid() and public.is_visitor() then 'visitor'
    when not public.is_visitor() and public.is_site_member(c.site_id) then 'agent'
  end
$$;
comment on function public.conversation_side(public.conversations) is
  'Internal: visitor or agent, the caller''s side of the conversation, or null when they take no part.';
revoke execute on function public.conversation_side(public.conversations) from public, anon, authenticated;

-- Locks a conversation for a change by one of its participants; anyone else gets 42501.
create function public.lock_conversation(p_conversation_id uuid) returns public.conversations
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations;
begin
  select c.* into v_conversation from public.conversations as c where c.id = p_conversation_id for update;
  if not found or public.conversation_side(v_conversation) is null then
    raise exception 'unknown conversation' using errcode = '42501';
  end if;
  return v_conversation;
end
$$;
comment on function public.lock_conversation(uuid) is
  'Internal: locks a conversation the caller takes part in and returns it; 42501 otherwise.';
revoke execute on function public.lock_conversation(uuid) from public, anon, authenticated;

-- The calling visitor's row; 42501 for members, anon and visitors who recorded no page view.
create function public.calling_visitor() returns public.visitors
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_visitor public.visitors;
begin
  if auth.uid() is null or not public.is_visitor() then
    raise exception 'only visitor sessions can do this' using errcode = '42501';
  end if;
  select v.* into v_visitor from public.visitors as v where v.id = auth.uid();
  if not found then
    raise exception 'no visitor session: record a page view first' using errcode = '42501';
  end if;
  return v_visitor;
end
$$;
comment on function public.calling_visitor() is 'Internal: the calling visitor''s row, or 42501.';
revoke execute on function public.calling_visitor() from public, anon, authenticated;

-- A name or email the visitor typed: trimmed, empty as null, 22023 when too long or malformed.
create function public.checked_contact(p_value text, p_kind text) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v text := nullif(btrim(coalesce(p_value, '')), '');
begin
  if p_kind = 'name' and char_length(v) > 100 then
    raise exception 'name is longer than 100 characters' using errcode = '22023';
  end if;
  if p_kind = 'email' and (char_length(v) > 320 or v !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$') then
    raise exception 'email address is not valid' using errcode = '22023';
  end if;
  return v;
end
$$;
comment on function public.checked_contact(text, text) is
  'Internal: a visitor''s name (<= 100) or email (<= 320, one @, a dot in the domain), trimmed; empty is null; 22023 otherwise.';
revoke execute on function public.checked_contact(text, text) from public, anon, authenticated;

-- ------------------------------------------------------------------ visitor side

create function public.start_conversation(visitor_name text default null, visitor_email text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_visitor public.visitors := public.calling_visitor();
  v_site public.sites;
  v_name text := public.checked_contact(start_conversation.visitor_name, 'name');
  v_email text := public.checked_contact(start_conversation.visitor_email, 'email');
  v_id uuid;
begin
  select s.* into v_site from public.sites as s where s.id = v_visitor.site_id;
  if v_site.prechat_name = 'required' and v_name is null then
    raise exception 'a name is required' using errcode = '22023';
  end if;
  if v_site.prechat_email = 'required' and v_email is null then
    raise exception 'an email address is required' using errcode = '22023';
  end if;
  if v_site.prechat_name = 'off' then
    v_name := null;
  end if;
  if v_site.prechat_email = 'off' then
    v_email := null;
  end if;
  -- One live conversation per visitor: a second tab or a retry gets the same one.
  perform pg_advisory_xact_lock(hashtextextended('parley.conversations.' || v_visitor.id::text, 0));
  update public.conversations as c
     set visitor_name = coalesce(v_name, c.visitor_name), visitor_email = coalesce(v_email, c.visitor_email)
   where c.id = (select o.id from public.conversations as o
                  where o.visitor_id = v_visitor.id and o.status = 'open' and not o.offline
                  order by o.created_at desc limit 1)
  returning c.id into v_id;
  if v_id is null then
    insert into public.conversations as c (site_id, visitor_id, visitor_language, visitor_name, visitor_email)
    values (v_visitor.site_id, v_visitor.id, v_visitor.language, v_name, v_email)
    returning c.id into v_id;
  end if;
  return jsonb_build_object('conversation_id', v_id);
end
$$;
comment on function public.start_conversation(text, text) is
  'Visitor API: the caller''s open conversation, or a new one, after checking the site''s pre-chat rules (name <= 100, email <= 320 and well formed). Returns {conversation_id}.';
revoke execute on function public.start_conversation(text, text) from public, anon;
grant execute on function public.start_conversation(text, text) to authenticated;

create function public.leave_message(visitor_email text, body text, visitor_name text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_visitor public.visitors := public.calling_visitor();
  v_email text := public.checked_contact(leave_message.visitor_email, 'email');
  v_name text := public.checked_contact(leave_message.visitor_name, 'name');
  v_body text := btrim(coalesce(leave_message.body, ''));
  v_id uuid;
begin
  if v_email is null then
    raise exception 'an email address is required to leave a message' using errcode = '22023';
  end if;
  if v_body = '' then
    raise exception 'the message is empty' using errcode = '22023';
  end if;
  if char_length(v_body) > 10000 then
    raise exception 'the message is longer than 10000 characters' using errcode = '22023';
  end if;
  -- A visitor who leaves several messages gets one conversation, not one per message.
  perform pg_advisory_xact_lock(hashtextextended('parley.conversations.' || v_visitor.id::text, 0));
  update public.conversations as c
     set visitor_email = v_email, visitor_name = coalesce(v_name, c.visitor_name)
   where c.id = (select o.id from public.conversations as o
                  where o.visitor_id = v_visitor.id and o.status = 'open' and o.offline
                  order by o.created_at desc limit 1)
  returning c.id into v_id;
  if v_id is null then
    insert into public.conversations as c (site_id, visitor_id, visitor_language, visitor_name, visitor_email, offline)
    values (v_visitor.site_id, v_visitor.id, v_visitor.language, v_name, v_email, true)
    returning c.id into v_id;
  end if;
  insert into public.messages (id, conversation_id, sender_id, sender_kind, kind, body)
  values (gen_random_uuid(), v_id, v_visitor.id, 'visitor', 'text', v_body);
  return jsonb_build_object('conversation_id', v_id);
end
$$;
comment on function public.leave_message(text, text, text) is
  'Visitor API: leaves a message while nobody is online, in the caller''s open offline conversation or a new one; the email is required. Returns {conversation_id}.';
revoke execute on function public.leave_message(text, text, text) from public, anon;
grant execute on function public.leave_message(text, text, text) to authenticated;

create function public.widget_state() returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_visitor public.visitors := public.calling_visitor();
  v_conversation jsonb;
  v_invitation jsonb;
begin
  select jsonb_build_object(
           'id', c.id, 'status', c.status, 'offline', c.offline,
           'assigned_agent_id', c.assigned_agent_id, 'agent_name', m.display_name,
           'visitor_name', c.visitor_name, 'visitor_email', c.visitor_email,
           'visitor_unread', c.visitor_unread, 'created_at', c.created_at,
           'last_message_at', c.last_message_at, 'closed_at', c.closed_at)
    into v_conversation
    from public.conversations as c
    left join public.site_members as m on m.site_id = c.site_id and m.user_id = c.assigned_agent_id
   where c.visitor_id = v_visitor.id
   order by (c.status = 'open') desc, c.created_at desc
   limit 1;
  select public.invitation_for_visitor(i) into v_invitation
    from public.chat_invitations as i
   where i.visitor_id = v_visitor.id and i.status = 'pending' and i.expires_at > now();
  return jsonb_build_object(
    'agents_online', public.site_agents_online(v_visitor.site_id),
    'conversation', v_conversation,
    'invitation', v_invitation);
end
$$;
comment on function public.widget_state() is
  'Visitor API: what the widget shows when it opens or rejoins: {agents_online, conversation (the open one, else the latest) | null, invitation (pending) | null}.';
revoke execute on function public.widget_state() from public, anon;
grant execute on function public.widget_state() to authenticated;

-- ------------------------------------------------------------------ member side

create function public.take_conversation(conversation_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations := public.lock_conversation(take_conversation.conversation_id);
  v_name text;
begin
  if public.conversation_side(v_conversation) <> 'agent' then
    raise exception 'only the site''s members take conversations' using errcode = '42501';
  end if;
  if v_conversation.status = 'closed' then
    raise exception 'conversation is closed' using errcode = 'P0001';
  end if;
  if v_conversation.assigned_agent_id = auth.uid() then
    return to_jsonb(v_conversation);
  end if;
  if v_conversation.assigned_agent_id is not null then
    raise exception 'conversation already taken' using errcode = 'P0001';
  end if;
  select m.display_name into v_name from public.site_members as m
   where m.site_id = v_conversation.site_id and m.user_id = auth.uid();
  insert into public.messages (id, conversation_id, sender_id, sender_kind, kind, body, attachment)
  values (gen_random_uuid(), v_conversation.id, auth.uid(), 'system', 'event', '',
          jsonb_build_object('event', 'joined', 'agent_name', coalesce(v_name, '')));
  update public.conversations as c set assigned_agent_id = auth.uid()
   where c.id = v_conversation.id
  returning c.* into v_conversation;
  return to_jsonb(v_conversation);
end
$$;
comment on function public.take_conversation(uuid) is
  'Member API: assigns an open, unassigned conversation to the caller (atomic; P0001 ''conversation already taken'' if someone else has it) and adds a ''joined'' event message. Returns the conversation row.';
revoke execute on function public.take_conversation(uuid) from public, anon;
grant execute on function public.take_conversation(uuid) to authenticated;

create function public.close_conversation(conversation_id uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations := public.lock_conversation(close_conversation.conversation_id);
begin
  if v_conversation.status = 'closed' then
    return;
  end if;
  insert into public.messages (id, conversation_id, sender_id, sender_kind, kind, body, attachment)
  values (gen_random_uuid(), v_conversation.id, auth.uid(), 'system', 'event', '',
          jsonb_build_object('event', 'closed', 'by', public.conversation_side(v_conversation)));
  update public.conversations as c set status = 'closed', closed_at = now()
   where c.id = v_conversation.id;
end
$$;
comment on function public.close_conversation(uuid) is
  'Participant API (the site''s members or its visitor): closes the conversation with a ''closed'' event message; idempotent.';
revoke execute on function public.close_conversation(uuid) from public, anon;
grant execute on function public.close_conversation(uuid) to authenticated;

-- Receipts for one side: everything the other side sent is delivered (and, when p_read, read).
create function public.mark_conversation(p_conversation_id uuid, p_read boolean) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_side text := public.conversation_side(public.lock_conversation(p_conversation_id));
  v_other text := case v_side when 'visitor' then 'agent' else 'visitor' end;
  v_changed integer;
begin
  update public.messages as m
     set delivered_at = coalesce(m.delivered_at, now()),
         read_at = case when p_read then coalesce(m.read_at, now()) else m.read_at end
   where m.conversation_id = p_conversation_id and m.sender_kind = v_other
     and (m.delivered_at is null or (p_read and m.read_at is null));
  get diagnostics v_changed = row_count;
  if p_read then
    update public.conversations as c
       set agent_unread = case when v_side = 'agent' then 0 else c.agent_unread end,
           visitor_unread = case when v_side = 'visitor' then 0 else c.visitor_unread end
     where c.id = p_conversation_id
       and (case when v_side = 'agent' then c.agent_unread else c.visitor_unread end) <> 0;
  end if;
  if v_changed > 0 then
    perform realtime.send(
      jsonb_build_object('conversation_id', p_conversation_id, 'reader_kind', v_side,
                         'read_at', case when p_read then now() end, 'delivered_at', now()),
      'receipt', 'conversation:' || p_conversation_id::text, true);
  end if;
end
$$;
comment on function public.mark_conversation(uuid, boolean) is
  'Internal: the receipts of mark_conversation_read() and mark_conversation_delivered().';
revoke execute on function public.mark_conversation(uuid, boolean) from public, anon, authenticated;

create function public.mark_conversation_read(conversation_id uuid) returns void
language sql volatile security definer
set search_path = ''
as $$ select public.mark_conversation(mark_conversation_read.conversation_id, true) $$;
comment on function public.mark_conversation_read(uuid) is
  'Participant API: the caller''s side has read every message of the other side (read_at, delivered_at) and its unread counter is reset; broadcasts a receipt.';
revoke execute on function public.mark_conversation_read(uuid) from public, anon;
grant execute on function public.mark_conversation_read(uuid) to authenticated;

create function public.mark_conversation_delivered(conversation_id uuid) returns void
language sql volatile security definer
set search_path = ''
as $$ select public.mark_conversation(mark_conversation_delivered.conversation_id, false) $$;
comment on function public.mark_conversation_delivered(uuid) is
  'Participant API: every message of the other side has reached the caller''s device (delivered_at); broadcasts a receipt.';
revoke execute on function public.mark_conversation_delivered(uuid) from public, anon;
grant execute on function public.mark_conversation_delivered(uuid) to authenticated;
