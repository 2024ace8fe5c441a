-- Transfers and whispers between agents (issue 14).
--
-- An agent offers the conversation they hold to a colleague, or to any available agent of the
-- site, with an optional note. The offer lives in transfers; it is answered
-- through the functions below, each of which locks the conversation first, then the offer, so
-- two colleagues accepting the same offer at the same moment are ordered: one wins, the other
-- is told. An offer nobody answers expires after the site's transfer_ttl_seconds by the
-- server's clock, and the conversation simply stays with the agent who offered it.
--
-- Agents also write internal notes in a conversation, optionally addressed to one colleague
-- (a whisper). Internal messages never reach the visitor: row level security hides them from
-- the visitor's reads, and they are broadcast on the site's channel (members only), never on
-- the conversation's or the visitor's. Every offer and its outcome is recorded in the
-- conversation as an internal event; the hand-over itself is a public event, so the visitor
-- reads "You are now talking with …".
--   42501  not a member of the site / not yours to offer or answer
--   P0001  conversation closed, no longer held by the offering agent, offer already answered
--          or expired, one offer at a time
--   22023  bad note, colleague or target

-- ------------------------------------------------------------------ settings

alter table public.sites
  add column transfer_ttl_seconds integer not null default 60,
  add constraint sites_transfer_ttl_range check (transfer_ttl_seconds between 10 and 600);
comment on column public.sites.transfer_ttl_seconds is
  'How long a transfer offer waits for an answer before it expires (server clock), 10 to 600 s.';

-- ------------------------------------------------------------------ internal messages

alter table public.messages
  add column internal boolean not null default false,
  add column to_agent_id uuid references auth.users (id) on delete set null,
  add constraint messages_internal_by_agents check (not internal or sender_kind in ('agent', 'system')),
  add constraint messages_internal_text check (not internal or kind in ('text', 'event')),
  add constraint messages_whisper_internal check (to_agent_id is null or internal);
comment on column public.messages.internal is
  'An internal note or event between the site''s agents: never shown, sent or broadcast to the visitor.';
comment on column public.messages.to_agent_id is
  'For a whisper: the colleague the internal note is addressed to (their device is told at once).';

drop policy "participants read messages" on public.messages;
create policy "participants read messages, agents alone internal ones" on public.messages
  for select to authenticated using (
    public.can_access_conversation(conversation_id)
    and (not internal or not (select public.is_visitor())));

drop policy "participants send messages as themselves" on public.messages;
create policy "participants send messages as themselves" on public.messages
  for insert to authenticated with check (
    sender_id = (select auth.uid())
    and kind <> 'event'
    and public.can_access_conversation(conversation_id)
    and case sender_kind
          when 'visitor' then (select public.is_visitor()) and not internal and to_agent_id is null
          when 'agent' then not (select public.is_visitor())
          else false
        end);

-- Checks what the policy cannot see: a whisper goes to a colleague of the same site, and a
-- conversation held by one agent takes public replies from that agent only (a colleague
-- writes an internal note instead, or is handed the conversation; the site's owner may still
-- step in). A reply queued on the device of an agent who has handed the conversation over is
-- refused, not delivered behind the new agent's back.
create function public.messages_check_agent() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations;
begin
  -- Someone who may not write here at all is refused by the policy (checked after this), with
  -- nothing said about the conversation.
  if new.sender_kind <> 'agent' or not public.can_access_conversation(new.conversation_id) then
    return new;
  end if;
  select c.* into v_conversation from public.conversations as c where c.id = new.conversation_id;
  if new.to_agent_id is not null and (
       new.to_agent_id = new.sender_id
       or not exists (select 1 from public.site_members as m
                       where m.site_id = v_conversation.site_id and m.user_id = new.to_agent_id)) then
    raise exception 'a whisper goes to a colleague on this site' using errcode = '22023';
  end if;
  if not new.internal and v_conversation.assigned_agent_id is not null
     and v_conversation.assigned_agent_id is distinct from new.sender_id
     and public.site_role(v_conversation.site_id) is distinct from 'owner' then
    raise exception 'conversation is held by another agent' using errcode = 'P0001',
      hint = 'Write an internal note, or ask for the conversation to be transferred to you.';
  end if;
  return new;
end
$$;
comment on function public.messages_check_agent() is
  'Trigger: a whisper''s colleague is a member of the site (22023); only the agent holding a conversation (or the site''s owner) writes to its visitor (P0001).';
revoke execute on function public.messages_check_agent() from public, anon, authenticated;
create trigger messages_check_agent before insert on public.messages
  for each row execute function public.messages_check_agent();

-- A translation is read by whoever may read its message (the app server never translates an
-- internal note, and this keeps it so should one ever be kept).
drop policy "participants read translations" on public.message_translations;
create policy "participants read translations of messages they read" on public.message_translations
  for select to authenticated using (
    public.can_access_conversation(conversation_id)
    and exists (select 1 from public.messages as m where m.id = message_id));

-- A closed conversation still takes the internal entry that records a cancelled offer.
create or replace function public.messages_before_insert() returns trigger
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
  -- (The agents' own record may still grow: a closed conversation cancels its transfer offer.)
  if v_status = 'closed' and not (new.sender_kind = 'system' and new.internal) then
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

-- Internal messages leave the conversation's preview and unread counters alone (the visitor
-- reads both).
create or replace function public.messages_after_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.sender_kind = 'system' or new.internal then
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

-- An internal message goes to the site's members only ('note' on site:<id>); the rest as before.
create or replace function public.broadcast_message() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations;
begin
  select c.* into v_conversation from public.conversations as c where c.id = new.conversation_id;
  if new.internal then
    perform realtime.send(to_jsonb(new), 'note', 'site:' || v_conversation.site_id::text, true);
    return null;
  end if;
  perform realtime.send(to_jsonb(new), 'message', 'conversation:' || new.conversation_id::text, true);
  if new.sender_kind = 'agent' then
    perform realtime.send(
      jsonb_build_object('conversation_id', new.conversation_id, 'id', new.id, 'sender_kind', new.sender_kind,
                         'preview', left(regexp_replace(btrim(new.body), '\s+', ' ', 'g'), 140)),
      'message', 'visitor:' || v_conversation.visitor_id::text, true);
  end if;
  return null;
end
$$;
comment on function public.broadcast_message() is
  'Trigger: a new message to conversation:<id>; an agent''s also to visitor:<id> as {conversation_id, id, sender_kind, preview} for the launcher''s badge; an internal one only to site:<id> as ''note''.';

-- ------------------------------------------------------------------ transfer offers

-- The tenancy stage's transfers table grows into the offer: open to one colleague or (no
-- to_agent_id) to any available agent, with a note, an expiry, who answered, and who of the
-- "anyone" offer has said no. Offers are made and answered only through the functions below
-- now, so members no longer insert or update rows themselves.
alter table public.transfers
  alter column to_agent_id drop not null,
  add column note text not null default '',
  add column expires_at timestamptz,
  add column answered_by uuid references auth.users (id) on delete set null,
  add column declined_by uuid[] not null default '{}';
-- Rows from before: their offers had no time limit; give them a minute from when they were made.
update public.transfers set expires_at = created_at + interval '60 seconds';
update public.transfers set answered_at = coalesce(answered_at, created_at) where status <> 'pending';
update public.transfers as t set status = 'cancelled', answered_at = now()
 where t.status = 'pending' and exists (
   select 1 from public.transfers as n
    where n.conversation_id = t.conversation_id and n.status = 'pending'
      and (n.created_at, n.id) > (t.created_at, t.id));
alter table public.transfers
  alter column expires_at set not null,
  -- (offer_transfer() sets the site's own time; a minute is the default's.)
  alter column expires_at set default now() + interval '60 seconds',
  drop constraint transfers_status_valid,
  add constraint transfers_status_valid
    check (status in ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
  add constraint transfers_note_length check (char_length(note) <= 500),
  add constraint transfers_answered check ((status = 'pending') = (answered_at is null));
comment on table public.transfers is
  'Offers to hand a conversation to a colleague (to_agent_id) or to any available agent (null), live; made and answered through offer_/accept_/decline_/cancel_/expire_transfer().';
comment on column public.transfers.declined_by is
  'For an offer to any available agent: the members who said no (it stays open to the rest).';
create unique index transfers_one_open_idx on public.transfers (conversation_id) where status = 'pending';

drop policy "members hand over as themselves" on public.transfers;
drop policy "the two agents answer or cancel a transfer" on public.transfers;
revoke insert, update, delete on public.transfers from anon, authenticated;

create function public.broadcast_transfer() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(to_jsonb(new), 'transfer', 'site:' || new.site_id::text, true);
  return null;
end
$$;
comment on function public.broadcast_transfer() is
  'Trigger: a transfer offer, and each change of it, to site:<id> (members only).';
revoke execute on function public.broadcast_transfer() from public, anon, authenticated;
create trigger transfers_broadcast after insert or update on public.transfers
  for each row execute function public.broadcast_transfer();

-- ------------------------------------------------------------------ internal

-- The caller's display name on a site ('' if none).
create function public.member_name(p_site_id uuid, p_user_id uuid) returns text
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select m.display_name from public.site_members as m
                    where m.site_id = p_site_id and m.user_id = p_user_id), '')
$$;
revoke execute on function public.member_name(uuid, uuid) from public, anon, authenticated;

-- Records a transfer's step in its conversation, for agents only.
create function public.transfer_event(p_transfer public.transfers, p_event text)
returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into public.messages (id, conversation_id, sender_id, sender_kind, kind, body, attachment, internal)
  values (gen_random_uuid(), p_transfer.conversation_id, auth.uid(), 'system', 'event', '',
          jsonb_build_object(
            'event', p_event, 'transfer_id', p_transfer.id,
            'from_agent_id', p_transfer.from_agent_id,
            'from_name', public.member_name(p_transfer.site_id, p_transfer.from_agent_id),
            'to_agent_id', p_transfer.to_agent_id,
            'to_name', case when p_transfer.to_agent_id is null then ''
                            else public.member_name(p_transfer.site_id, p_transfer.to_agent_id) end,
            'by_name', public.member_name(p_transfer.site_id, auth.uid()),
            'note', p_transfer.note),
          true)
$$;
revoke execute on function public.transfer_event(public.transfers, text) from public, anon, authenticated;

-- Locks a conversation (participants only, 42501) and then its transfer offer; an offer past
-- its time is marked expired here, whoever looks at it first.
create function public.lock_transfer(p_transfer_id uuid) returns public.transfers
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_transfer public.transfers;
begin
  select t.* into v_transfer from public.transfers as t where t.id = p_transfer_id;
  if not found or not public.is_site_member(v_transfer.site_id) or public.is_visitor() then
    raise exception 'unknown transfer' using errcode = '42501';
  end if;
  perform public.lock_conversation(v_transfer.conversation_id);
  select t.* into v_transfer from public.transfers as t where t.id = p_transfer_id for update;
  if v_transfer.status = 'pending' and v_transfer.expires_at <= now() then
    update public.transfers as t set status = 'expired', answered_at = now()
     where t.id = v_transfer.id returning t.* into v_transfer;
    perform public.transfer_event(v_transfer, 'transfer_expired');
  end if;
  return v_transfer;
end
$$;
revoke execute on function public.lock_transfer(uuid) from public, anon, authenticated;

-- A conversation that is closed, or comes to be held by someone other than the offering agent
-- (taken back by an owner, say), cancels its open offer.
create function public.cancel_stale_transfers() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_transfer public.transfers;
begin
  for v_transfer in
    update public.transfers as t set status = 'cancelled', answered_at = now()
     where t.conversation_id = new.id and t.status = 'pending'
       and (new.status = 'closed' or new.assigned_agent_id is distinct from t.from_agent_id)
    returning t.*
  loop
    perform public.transfer_event(v_transfer, 'transfer_cancelled');
  end loop;
  return null;
end
$$;
comment on function public.cancel_stale_transfers() is
  'Trigger: closing a conversation, or a change of the agent holding it, cancels its open transfer offer.';
revoke execute on function public.cancel_stale_transfers() from public, anon, authenticated;
create trigger conversations_cancel_stale_transfers
  after update of status, assigned_agent_id on public.conversations
  for each row execute function public.cancel_stale_transfers();

-- Receipts never mark internal messages: the visitor does not read them.
create or replace function public.mark_conversation(p_conversation_id uuid, p_read boolean) returns void
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
   where m.conversation_id = p_conversation_id and m.sender_kind = v_other and not m.internal
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

-- lock_transfer() for the one who may answer the offer: the colleague it names, or for an
-- offer to anyone, any member but its sender; 42501 for everyone else.
create function public.lock_offer_to_me(p_transfer_id uuid) returns public.transfers
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_transfer public.transfers := public.lock_transfer(p_transfer_id);
begin
  if v_transfer.to_agent_id is distinct from auth.uid()
     and (v_transfer.to_agent_id is not null or v_transfer.from_agent_id = auth.uid()) then
    raise exception 'this offer is not yours to answer' using errcode = '42501';
  end if;
  return v_transfer;
end
$$;
revoke execute on function public.lock_offer_to_me(uuid) from public, anon, authenticated;

-- ------------------------------------------------------------------ API

create function public.offer_transfer(
  conversation_id uuid, to_agent_id uuid default null, note text default ''
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations := public.lock_conversation(offer_transfer.conversation_id);
  v_site public.sites;
  v_open public.transfers;
  v_transfer public.transfers;
  v_note text := btrim(coalesce(offer_transfer.note, ''));
  v_to uuid[];
begin
  if public.conversation_side(v_conversation) <> 'agent' then
    raise exception 'only the site''s members transfer conversations' using errcode = '42501';
  end if;
  if v_conversation.status = 'closed' then
    raise exception 'conversation is closed' using errcode = 'P0001';
  end if;
  if v_conversation.assigned_agent_id is distinct from auth.uid() then
    raise exception 'only the agent holding the conversation can offer it'
      using errcode = 'P0001', hint = 'Take the conversation first.';
  end if;
  if char_length(v_note) > 500 then
    raise exception 'note is longer than 500 characters' using errcode = '22023';
  end if;
  if offer_transfer.to_agent_id = auth.uid() then
    raise exception 'a transfer goes to a colleague, not to yourself' using errcode = '22023';
  end if;
  if offer_transfer.to_agent_id is not null and not exists (
       select 1 from public.site_members as m
        where m.site_id = v_conversation.site_id and m.user_id = offer_transfer.to_agent_id) then
    raise exception 'that person is not a member of this site' using errcode = '22023';
  end if;
  select t.* into v_open from public.transfers as t
   where t.conversation_id = v_conversation.id and t.status = 'pending';
  if found then
    v_open := public.lock_transfer(v_open.id);
    if v_open.status = 'pending' then
      raise exception 'this conversation already has an open transfer offer'
        using errcode = 'P0001', hint = 'Cancel it, or wait for its answer.';
    end if;
  end if;
  select s.* into v_site from public.sites as s where s.id = v_conversation.site_id;
  insert into public.transfers as t
    (conversation_id, site_id, from_agent_id, to_agent_id, note, expires_at)
  values (v_conversation.id, v_conversation.site_id, auth.uid(), offer_transfer.to_agent_id, v_note,
          now() + make_interval(secs => v_site.transfer_ttl_seconds))
  returning t.* into v_transfer;
  perform public.transfer_event(v_transfer, 'transfer_offered');

  -- The colleague's devices, or every available colleague's, get a push when their console is closed.
  if v_transfer.to_agent_id is not null then
    v_to := array[v_transfer.to_agent_id];
  else
    select coalesce(array_agg(m.user_id), '{}') into v_to from public.site_members as m
     where m.site_id = v_transfer.site_id and m.user_id <> auth.uid() and m.availability = 'online';
  end if;
  perform public.push_enqueue(v_to, 'transfer_offered', v_conversation.id,
    public.push_data(v_conversation.id,
                     coalesce(nullif(v_note, ''), v_conversation.last_message_preview), 'text')
      || jsonb_build_object('transfer_id', v_transfer.id,
                            'from_name', public.member_name(v_transfer.site_id, auth.uid())));
  return to_jsonb(v_transfer);
end
$$;
comment on function public.offer_transfer(uuid, uuid, text) is
  'Member API: the agent holding an open conversation offers it to a colleague (to_agent_id) or to any available agent (null), with an optional note (at most 500 characters); one open offer per conversation; expires after the site''s transfer_ttl_seconds. Pushes to the colleague(s). Returns the offer.';
revoke execute on function public.offer_transfer(uuid, uuid, text) from public, anon;
grant execute on function public.offer_transfer(uuid, uuid, text) to authenticated;

create function public.accept_transfer(transfer_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_transfer public.transfers := public.lock_offer_to_me(accept_transfer.transfer_id);
  v_conversation public.conversations;
begin
  if v_transfer.status <> 'pending' then
    raise exception 'transfer %', case v_transfer.status
                                     when 'accepted' then 'already accepted by someone else'
                                     else 'is ' || v_transfer.status end
      using errcode = 'P0001';
  end if;
  select c.* into v_conversation from public.conversations as c where c.id = v_transfer.conversation_id;
  if v_conversation.status = 'closed' or v_conversation.assigned_agent_id is distinct from v_transfer.from_agent_id then
    -- (Closing or reassigning a conversation cancels its offers; this is a safety net.)
    raise exception 'the conversation has moved on since the offer' using errcode = 'P0001';
  end if;
  update public.transfers as t
     set status = 'accepted', answered_at = now(), answered_by = auth.uid()
   where t.id = v_transfer.id returning t.* into v_transfer;
  -- The acceptance is recorded publicly (agents read it too): the visitor reads who they are
  -- now talking with.
  insert into public.messages (id, conversation_id, sender_id, sender_kind, kind, body, attachment)
  values (gen_random_uuid(), v_conversation.id, auth.uid(), 'system', 'event', '',
          jsonb_build_object('event', 'transferred',
                             'agent_name', public.member_name(v_transfer.site_id, auth.uid()),
                             'from_name', public.member_name(v_transfer.site_id, v_transfer.from_agent_id)));
  update public.conversations as c set assigned_agent_id = auth.uid()
   where c.id = v_conversation.id returning c.* into v_conversation;
  return jsonb_build_object('transfer', to_jsonb(v_transfer), 'conversation', to_jsonb(v_conversation));
end
$$;
comment on function public.accept_transfer(uuid) is
  'Member API: the offered colleague (or, for an offer to anyone, any member but its sender) takes the conversation: atomic, so of two accepting at once one wins and the other gets P0001 ''already accepted''. Refused (P0001) once answered, expired, or when the conversation was closed or moved meanwhile. Returns {transfer, conversation}.';
revoke execute on function public.accept_transfer(uuid) from public, anon;
grant execute on function public.accept_transfer(uuid) to authenticated;

create function public.decline_transfer(transfer_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_transfer public.transfers := public.lock_offer_to_me(decline_transfer.transfer_id);
begin
  if v_transfer.status <> 'pending' then
    return to_jsonb(v_transfer);
  end if;
  if v_transfer.to_agent_id is null then
    -- An offer to anyone stays open to the others.
    if not auth.uid() = any (v_transfer.declined_by) then
      update public.transfers as t set declined_by = t.declined_by || auth.uid()
       where t.id = v_transfer.id returning t.* into v_transfer;
    end if;
    return to_jsonb(v_transfer);
  end if;
  update public.transfers as t
     set status = 'declined', answered_at = now(), answered_by = auth.uid()
   where t.id = v_transfer.id returning t.* into v_transfer;
  perform public.transfer_event(v_transfer, 'transfer_declined');
  return to_jsonb(v_transfer);
end
$$;
comment on function public.decline_transfer(uuid) is
  'Member API: the offered colleague says no, and the conversation stays with the agent who offered it; for an offer to anyone, only that member is left out. Idempotent once answered. Returns the offer.';
revoke execute on function public.decline_transfer(uuid) from public, anon;
grant execute on function public.decline_transfer(uuid) to authenticated;

create function public.cancel_transfer(transfer_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_transfer public.transfers := public.lock_transfer(cancel_transfer.transfer_id);
begin
  if v_transfer.from_agent_id is distinct from auth.uid() then
    raise exception 'only the agent who offered it cancels an offer' using errcode = '42501';
  end if;
  if v_transfer.status = 'pending' then
    update public.transfers as t set status = 'cancelled', answered_at = now()
     where t.id = v_transfer.id returning t.* into v_transfer;
    perform public.transfer_event(v_transfer, 'transfer_cancelled');
  end if;
  return to_jsonb(v_transfer);
end
$$;
comment on function public.cancel_transfer(uuid) is
  'Member API: the agent who offered a transfer withdraws it while it is open; idempotent. Returns the offer.';
revoke execute on function public.cancel_transfer(uuid) from public, anon;
grant execute on function public.cancel_transfer(uuid) to authenticated;

create function public.expire_transfer(transfer_id uuid) returns text
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  return (public.lock_transfer(expire_transfer.transfer_id)).status;
end
$$;
comment on function public.expire_transfer(uuid) is
  'Member API: records that an offer past its time has expired (the server''s clock decides; before then nothing changes). Returns its status. Consoles call it when an offer''s time is up.';
revoke execute on function public.expire_transfer(uuid) from public, anon;
grant execute on function public.expire_transfer(uuid) to authenticated;

-- ------------------------------------------------------------------ whispers

alter table public.push_outbox drop constraint push_outbox_kind_valid;
alter table public.push_outbox add constraint push_outbox_kind_valid check (kind in
  ('conversation_started', 'invitation_accepted', 'message', 'transfer_offered', 'call', 'whisper'));

create function public.push_whisper() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.to_agent_id is not null then
    perform public.push_enqueue(array[new.to_agent_id], 'whisper', new.conversation_id,
      public.push_data(new.conversation_id, new.body, 'text')
        || jsonb_build_object('from_name', public.member_name(
             (select c.site_id from public.conversations as c where c.id = new.conversation_id),
             new.sender_id)));
  end if;
  return null;
end
$$;
comment on function public.push_whisper() is
  'Trigger: a whisper (an internal note addressed to a colleague) pushes to that colleague''s devices when their console is closed.';
revoke execute on function public.push_whisper() from public, anon, authenticated;
create trigger messages_push_whisper after insert on public.messages
  for each row when (new.to_agent_id is not null) execute function public.push_whisper();
