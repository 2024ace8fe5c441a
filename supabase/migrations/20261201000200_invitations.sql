-- Chat invitations (channel 1): an agent invites a live visitor, the visitor accepts, declines
-- or lets it expire. Every change goes through the functions below, so the server's clock
-- decides expiry and two answers at once cannot both win (each locks the invitation's row).
--   42501  not a member of the visitor's site / not the visitor's invitation
--   P0001  visitor not online, invitation expired / already answered
--   22023  message too long

alter table public.chat_invitations
  add column seen_at timestamptz,
  drop constraint chat_invitations_status_valid,
  add constraint chat_invitations_status_valid
    check (status in ('pending', 'accepted', 'declined', 'expired', 'cancelled'));
comment on column public.chat_invitations.seen_at is 'When the visitor''s widget first showed the invitation.';
comment on table public.chat_invitations is
  'An agent''s invitation to a live visitor to chat (channel 1): pending until accepted, declined, cancelled or expired. Written only through invite_visitor() and the answering functions.';
-- At most one invitation waits for a visitor at a time; invite_visitor() cancels the older one.
-- Invitations made before this rule: those past their time expire, older duplicates are cancelled.
update public.chat_invitations as i set status = 'expired', answered_at = coalesce(i.answered_at, now())
 where i.status = 'pending' and i.expires_at <= now();
update public.chat_invitations as i set status = 'cancelled', answered_at = coalesce(i.answered_at, now())
 where i.status = 'pending'
   and exists (select 1 from public.chat_invitations as n
                where n.visitor_id = i.visitor_id and n.status = 'pending'
                  and (n.created_at, n.id) > (i.created_at, i.id));
create unique index chat_invitations_one_pending_idx on public.chat_invitations (visitor_id)
  where status = 'pending';

drop policy "members invite their site's visitors as themselves" on public.chat_invitations;
drop policy "the visitor and the site's members answer invitations" on public.chat_invitations;
revoke insert, update on public.chat_invitations from anon, authenticated;

-- The invitation as the visitor's widget shows it (also the `invitation` broadcast payload).
create function public.invitation_for_visitor(i public.chat_invitations) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', i.id,
    'message', i.message,
    'agent_name', coalesce(m.display_name, ''),
    'agent_initial', upper(left(btrim(coalesce(m.display_name, '')), 1)),
    'expires_in_seconds', greatest(0, ceil(extract(epoch from i.expires_at - now()))::integer),
    'expires_at', i.expires_at)
  from (select 1) as one
  left join public.site_members as m on m.site_id = i.site_id and m.user_id = i.agent_id
$$;
comment on function public.invitation_for_visitor(public.chat_invitations) is
  'An invitation as the visitor sees it: {id, message, agent_name, agent_initial, expires_in_seconds, expires_at}.';
revoke execute on function public.invitation_for_visitor(public.chat_invitations) from public, anon, authenticated;

-- ------------------------------------------------------------------ member side

create function public.invite_visitor(visitor_id uuid, message text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_visitor public.visitors;
  v_site public.sites;
  v_message text := btrim(coalesce(invite_visitor.message, ''));
  v_inv public.chat_invitations;
begin
  -- Lock the visitor so two agents inviting at once queue up instead of both inserting.
  select v.* into v_visitor from public.visitors as v where v.id = invite_visitor.visitor_id for update;
  if not found or not public.is_site_member(v_visitor.site_id) then
    raise exception 'unknown visitor' using errcode = '42501';
  end if;
  if v_visitor.ended_at is not null or v_visitor.last_seen_at <= now() - interval '30 seconds' then
    raise exception 'visitor is not online' using errcode = 'P0001';
  end if;
  if char_length(v_message) > 500 then
    raise exception 'invitation message is longer than 500 characters' using errcode = '22023';
  end if;
  select s.* into v_site from public.sites as s where s.id = v_visitor.site_id;
  if v_message = '' then
    v_message := coalesce(nullif(btrim(v_site.greeting), ''), 'Hi! Can we help you with anything?');
  end if;
  update public.chat_invitations as i set status = 'cancelled', answered_at = now()
   where i.visitor_id = v_visitor.id and i.status = 'pending';
  insert into public.chat_invitations as i (site_id, visitor_id, agent_id, message, expires_at)
  values (v_visitor.site_id, v_visitor.id, auth.uid(), v_message,
          now() + make_interval(secs => v_site.invitation_ttl_seconds))
  returning i.* into v_inv;
  return to_jsonb(v_inv);
end
$$;
comment on function public.invite_visitor(uuid, text) is
  'Member API: invites an online visitor of one of the caller''s sites to chat (an empty message takes the site''s greeting), cancelling a still-pending earlier invitation; expires after the site''s invitation_ttl_seconds. Returns the invitation row.';
revoke execute on function public.invite_visitor(uuid, text) from public, anon;
grant execute on function public.invite_visitor(uuid, text) to authenticated;

create function public.cancel_invitation(invitation_id uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.chat_invitations;
begin
  select i.* into v_inv from public.chat_invitations as i where i.id = cancel_invitation.invitation_id for update;
  if not found or not public.is_site_member(v_inv.site_id) then
    raise exception 'unknown invitation' using errcode = '42501';
  end if;
  if v_inv.status = 'cancelled' then
    return;
  end if;
  if v_inv.status <> 'pending' then
    raise exception 'invitation already %', v_inv.status using errcode = 'P0001';
  end if;
  update public.chat_invitations as i set status = 'cancelled', answered_at = now() where i.id = v_inv.id;
end
$$;
comment on function public.cancel_invitation(uuid) is
  'Member API: withdraws a pending invitation (idempotent); refuses one already answered.';
revoke execute on function public.cancel_invitation(uuid) from public, anon;
grant execute on function public.cancel_invitation(uuid) to authenticated;

create function public.expire_invitation(invitation_id uuid) returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.chat_invitations;
begin
  select i.* into v_inv from public.chat_invitations as i where i.id = expire_invitation.invitation_id for update;
  if not found or not (v_inv.visitor_id = auth.uid() or public.is_site_member(v_inv.site_id)) then
    raise exception 'unknown invitation' using errcode = '42501';
  end if;
  if v_inv.status = 'pending' and v_inv.expires_at <= now() then
    update public.chat_invitations as i set status = 'expired', answered_at = now()
     where i.id = v_inv.id returning i.status into v_inv.status;
  end if;
  return v_inv.status;
end
$$;
comment on function public.expire_invitation(uuid) is
  'Invitation API (its visitor or the site''s members): marks a pending invitation expired once the server''s clock passed expires_at; returns the status it has now.';
revoke execute on function public.expire_invitation(uuid) from public, anon;
grant execute on function public.expire_invitation(uuid) to authenticated;

-- ------------------------------------------------------------------ visitor side

-- Locks and returns the caller's invitation; anyone else's is "unknown".
create function public.lock_own_invitation(p_invitation_id uuid) returns public.chat_invitations
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.chat_invitations;
begin
  if auth.uid() is null or not public.is_visitor() then
    raise exception 'only the invited visitor answers an invitation' using errcode = '42501';
  end if;
  select i.* into v_inv from public.chat_invitations as i where i.id = p_invitation_id for update;
  if not found or v_inv.visitor_id <> auth.uid() then
    raise exception 'unknown invitation' using errcode = '42501';
  end if;
  return v_inv;
end
$$;
comment on function public.lock_own_invitation(uuid) is
  'Internal: locks the calling visitor''s invitation for an answer; 42501 for anyone else''s.';
revoke execute on function public.lock_own_invitation(uuid) from public, anon, authenticated;

create function public.accept_invitation(invitation_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.chat_invitations := public.lock_own_invitation(accept_invitation.invitation_id);
  v_conversation uuid := gen_random_uuid();
  v_message uuid := gen_random_uuid();
begin
  if v_inv.status <> 'pending' then
    raise exception 'invitation already %', v_inv.status using errcode = 'P0001';
  end if;
  -- The raise undoes any write of this call, so the row stays pending here; whoever calls
  -- expire_invitation() next (the widget on this error, the console's timer) marks it.
  if v_inv.expires_at <= now() then
    raise exception 'invitation expired' using errcode = 'P0001';
  end if;
  insert into public.conversations (id, site_id, visitor_id, assigned_agent_id, visitor_language)
  select v_conversation, v_inv.site_id, v_inv.visitor_id, v_inv.agent_id, v.language
    from public.visitors as v where v.id = v_inv.visitor_id;
  insert into public.messages (id, conversation_id, sender_id, sender_kind, kind, body)
  values (v_message, v_conversation, v_inv.agent_id, 'agent', 'text', v_inv.message);
  -- The visitor has just read the invitation's text: it is not an unread message.
  update public.messages as m set delivered_at = now(), read_at = now() where m.id = v_message;
  update public.conversations as c set visitor_unread = 0 where c.id = v_conversation;
  update public.chat_invitations as i
     set status = 'accepted', answered_at = now(), seen_at = coalesce(i.seen_at, now()),
         conversation_id = v_conversation
   where i.id = v_inv.id;
  return jsonb_build_object('conversation_id', v_conversation);
end
$$;
comment on function public.accept_invitation(uuid) is
  'Visitor API: accepts the caller''s pending, unexpired invitation, creating a conversation assigned to the inviting agent whose first message is the invitation''s text. Returns {conversation_id}.';
revoke execute on function public.accept_invitation(uuid) from public, anon;
grant execute on function public.accept_invitation(uuid) to authenticated;

create function public.decline_invitation(invitation_id uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.chat_invitations := public.lock_own_invitation(decline_invitation.invitation_id);
begin
  if v_inv.status = 'accepted' then
    raise exception 'invitation already accepted' using errcode = 'P0001';
  end if;
  if v_inv.status <> 'pending' then
    return;
  end if;
  update public.chat_invitations as i
     set status = case when i.expires_at <= now() then 'expired' else 'declined' end,
         answered_at = now()
   where i.id = v_inv.id;
end
$$;
comment on function public.decline_invitation(uuid) is
  'Visitor API: declines the caller''s pending invitation (one already past its time becomes expired); idempotent, refuses an accepted one.';
revoke execute on function public.decline_invitation(uuid) from public, anon;
grant execute on function public.decline_invitation(uuid) to authenticated;

create function public.mark_invitation_seen(invitation_id uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv public.chat_invitations := public.lock_own_invitation(mark_invitation_seen.invitation_id);
begin
  if v_inv.seen_at is null and v_inv.status = 'pending' then
    update public.chat_invitations as i set seen_at = now() where i.id = v_inv.id;
  end if;
end
$$;
comment on function public.mark_invitation_seen(uuid) is
  'Visitor API: records that the widget showed the caller''s pending invitation (once; later calls change nothing).';
revoke execute on function public.mark_invitation_seen(uuid) from public, anon;
grant execute on function public.mark_invitation_seen(uuid) to authenticated;
