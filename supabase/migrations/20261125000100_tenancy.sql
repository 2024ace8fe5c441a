-- Parley's tenancy model: sites, their members (owner, agents), pairing invitations, and the
-- visitor, conversation, message, chat invitation, transfer and push subscription tables.
--
-- Who is who, as the policies see it:
--   * a site member is a row in site_members (role 'owner' or 'agent'); members are never
--     anonymous users;
--   * a visitor is an anonymous auth user (`auth.jwt()->>'is_anonymous' = 'true'`) whose id is
--     the primary key of its row in `visitors`;
--   * `anon` (no session) gets nothing from any table.
-- Validation lives in named check constraints, so a bad value is refused by Postgres itself
-- whichever client writes it. Writes that need a secret or cross-table checks (pairing, page
-- views) go through the SECURITY DEFINER functions of the next migration.

-- Policies wrap auth.uid() and is_visitor() in a scalar subquery so Postgres evaluates them
-- once per statement rather than once per row (Supabase's RLS performance advice).

-- ------------------------------------------------------------------ helpers

-- Validation helpers used by check constraints (immutable, no table access).
create function public.is_origin(value text) returns boolean
language sql immutable
set search_path = ''
as $$
  -- A normalized web origin: lower-case scheme http/https, a lower-case host name (or an IPv4
  -- address, or a bracketed IPv6 address), an optional non-default port; no path, no slash.
  select value is not null
    and value ~ '^https?://([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?$'
    and coalesce(substring(value from ':([0-9]+)$')::int, 1) <= 65535
    and value !~ '^http://.*:80$'
    and value !~ '^https://.*:443$'
$$;
comment on function public.is_origin(text) is
  'True when the text is a normalized origin scheme://host[:port] (lower case, no default port, no path).';

create function public.are_origins(origins text[]) returns boolean
language sql immutable
set search_path = ''
as $$
  select not exists (select 1 from unnest(origins) as o where not public.is_origin(o) or o is null)
$$;
comment on function public.are_origins(text[]) is 'True when every entry is a normalized origin.';

-- A fresh public site key: pk_ + 24 base62 characters (about 142 bits; public, safe in HTML).
create function public.new_site_key() returns text
language sql volatile
set search_path = ''
as $$
  select 'pk_' || string_agg(
    substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', get_byte(r.b, i) % 62 + 1, 1),
    '' order by i)
  from (select extensions.gen_random_bytes(24) as b) as r, generate_series(0, 23) as i
$$;
comment on function public.new_site_key() is 'Generates a public site key: pk_ followed by 24 base62 characters.';

-- True when the caller is a visitor (an anonymous auth user).
create function public.is_visitor() returns boolean
language sql stable
set search_path = ''
as $$
  select coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false)
$$;
comment on function public.is_visitor() is 'True when the request comes from an anonymous (visitor) session.';

create function public.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
comment on function public.touch_updated_at() is 'Trigger: keeps updated_at current.';

-- ------------------------------------------------------------------ sites

create table public.sites (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  name text not null,
  site_key text not null default public.new_site_key(),
  allowed_origins text[] not null default '{}',
  widget_color text not null default '#2563eb',
  widget_position text not null default 'bottom-right',
  greeting text not null default '',
  default_language text not null default 'en',
  installed_at timestamptz,
  installed_page text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sites_site_key_unique unique (site_key),
  constraint sites_site_key_format check (site_key ~ '^pk_[0-9A-Za-z]{24}$'),
  constraint sites_name_not_blank check (btrim(name) <> ''),
  constraint sites_name_length check (char_length(name) <= 100),
  constraint sites_allowed_origins_are_origins check (public.are_origins(allowed_origins)),
  constraint sites_allowed_origins_count check (coalesce(array_length(allowed_origins, 1), 0) <= 50),
  constraint sites_widget_color_hex check (widget_color ~ '^#[0-9a-f]{6}$'),
  constraint sites_widget_position_valid check (widget_position in ('bottom-right', 'bottom-left')),
  constraint sites_greeting_length check (char_length(greeting) <= 500),
  constraint sites_default_language_tag check (default_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'
    and char_length(default_language) <= 35),
  constraint sites_installed_page_length check (char_length(installed_page) <= 2048)
);
comment on table public.sites is
  'A website using Parley: its public site key, the origins allowed to embed the widget, the widget''s look, and whether the snippet has been seen (installed_at/installed_page).';
create index sites_owner_id_idx on public.sites (owner_id);
create trigger sites_touch_updated_at before update on public.sites
  for each row execute function public.touch_updated_at();

-- ------------------------------------------------------------------ site_members

create table public.site_members (
  site_id uuid not null references public.sites (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null,
  display_name text not null default '',
  created_at timestamptz not null default now(),
  primary key (site_id, user_id),
  constraint site_members_role_valid check (role in ('owner', 'agent')),
  constraint site_members_display_name_length check (char_length(display_name) <= 100)
);
comment on table public.site_members is
  'Who works on a site: exactly one owner (created with the site) and agents (added by redeeming a pairing invitation).';
create unique index site_members_one_owner_idx on public.site_members (site_id) where role = 'owner';
create index site_members_user_id_idx on public.site_members (user_id);

-- Membership lookups for policies. SECURITY DEFINER so that policies on site_members (and on
-- tables whose policies ask about membership) do not recurse into site_members' own policies.
create function public.site_role(p_site_id uuid) returns text
language sql stable security definer
set search_path = ''
as $$
  select m.role from public.site_members as m
  where m.site_id = p_site_id and m.user_id = auth.uid()
$$;
comment on function public.site_role(uuid) is 'The caller''s role on a site (owner/agent), or null.';

create function public.is_site_member(p_site_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.site_members as m where m.site_id = p_site_id and m.user_id = auth.uid()
  )
$$;
comment on function public.is_site_member(uuid) is 'True when the caller is an owner or agent of the site.';

create function public.is_site_owner(p_site_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.site_members as m
    where m.site_id = p_site_id and m.user_id = auth.uid() and m.role = 'owner'
  )
$$;
comment on function public.is_site_owner(uuid) is 'True when the caller owns the site.';

revoke execute on function public.site_role(uuid), public.is_site_member(uuid), public.is_site_owner(uuid) from public, anon;
grant execute on function public.site_role(uuid), public.is_site_member(uuid), public.is_site_owner(uuid)
  to authenticated, service_role;

-- The owner's membership row is created with the site.
create function public.add_site_owner() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.site_members (site_id, user_id, role, display_name)
  select new.id, new.owner_id, 'owner',
         left(coalesce(nullif(u.raw_user_meta_data ->> 'display_name', ''), split_part(u.email, '@', 1), ''), 100)
  from auth.users as u where u.id = new.owner_id;
  return new;
end
$$;
comment on function public.add_site_owner() is 'Trigger: makes a new site''s owner its first member.';
revoke execute on function public.add_site_owner() from public, anon, authenticated;
create trigger sites_add_owner after insert on public.sites
  for each row execute function public.add_site_owner();

alter table public.sites enable row level security;
create policy "members read their sites" on public.sites
  for select to authenticated using (public.is_site_member(id));
create policy "signed-in people create sites they own" on public.sites
  for insert to authenticated with check (owner_id = (select auth.uid()) and not (select public.is_visitor()));
create policy "owners update their sites" on public.sites
  for update to authenticated using (public.is_site_owner(id)) with check (public.is_site_owner(id));
create policy "owners delete their sites" on public.sites
  for delete to authenticated using (public.is_site_owner(id));
-- Only the settings are client-editable; key, owner and install state are not.
revoke update on public.sites from anon, authenticated;
grant update (name, allowed_origins, widget_color, widget_position, greeting, default_language)
  on public.sites to authenticated;

alter table public.site_members enable row level security;
create policy "members see their colleagues" on public.site_members
  for select to authenticated using (public.is_site_member(site_id));
create policy "members rename themselves, owners rename anyone" on public.site_members
  for update to authenticated
  using (user_id = (select auth.uid()) or public.is_site_owner(site_id))
  with check (user_id = (select auth.uid()) or public.is_site_owner(site_id));
create policy "owners remove agents" on public.site_members
  for delete to authenticated using (role = 'agent' and public.is_site_owner(site_id));
-- No insert policy: rows come from the owner trigger and redeem_agent_invitation().
revoke update on public.site_members from anon, authenticated;
grant update (display_name) on public.site_members to authenticated;

-- ------------------------------------------------------------------ agent_invitations

create table public.agent_invitations (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  name text not null,
  email text,
  token_hash text not null,
  expires_at timestamptz not null default now() + interval '24 hours',
  used_at timestamptz,
  used_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint agent_invitations_token_hash_unique unique (token_hash),
  constraint agent_invitations_token_hash_sha256 check (token_hash ~ '^[0-9a-f]{64}$'),
  constraint agent_invitations_name_not_blank check (btrim(name) <> ''),
  constraint agent_invitations_name_length check (char_length(name) <= 100),
  constraint agent_invitations_email_format check (email ~ '^[^@\s]+@[^@\s]+$' and char_length(email) <= 320)
);
comment on table public.agent_invitations is
  'Pairing links for agents: single use, valid 24 hours, revocable. Only the SHA-256 of the secret token is stored; the token is shown once.';
create index agent_invitations_site_id_idx on public.agent_invitations (site_id);

alter table public.agent_invitations enable row level security;
create policy "owners see their pairing invitations" on public.agent_invitations
  for select to authenticated using (public.is_site_owner(site_id));
create policy "owners revoke their pairing invitations" on public.agent_invitations
  for update to authenticated using (public.is_site_owner(site_id)) with check (public.is_site_owner(site_id));
create policy "owners delete their pairing invitations" on public.agent_invitations
  for delete to authenticated using (public.is_site_owner(site_id));
-- No insert policy: create_agent_invitation() makes the token so its hash can be trusted.
revoke update on public.agent_invitations from anon, authenticated;
grant update (revoked_at) on public.agent_invitations to authenticated;

-- ------------------------------------------------------------------ visitors

create table public.visitors (
  id uuid primary key references auth.users (id) on delete cascade,
  site_id uuid not null references public.sites (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz,
  current_url text not null,
  current_title text not null default '',
  referrer text not null default '',
  language text not null default '',
  user_agent text not null default '',
  pages_seen integer not null default 1,
  unique (id, site_id),
  constraint visitors_current_url_length check (char_length(current_url) <= 2048),
  constraint visitors_current_title_length check (char_length(current_title) <= 500),
  constraint visitors_referrer_length check (char_length(referrer) <= 2048),
  constraint visitors_language_length check (char_length(language) <= 35),
  constraint visitors_user_agent_length check (char_length(user_agent) <= 512),
  constraint visitors_pages_seen_positive check (pages_seen >= 1)
);
comment on table public.visitors is
  'A visitor session on one site; the id is the anonymous auth user''s id. Written by record_page_view(); the visitor may update its heartbeat.';
create index visitors_site_id_last_seen_idx on public.visitors (site_id, last_seen_at desc);

alter table public.visitors enable row level security;
create policy "visitors see themselves, members see their site's visitors" on public.visitors
  for select to authenticated using (id = (select auth.uid()) or public.is_site_member(site_id));
create policy "visitors update their own heartbeat" on public.visitors
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));
-- No insert policy: record_page_view() checks the site key and origin first.
revoke update on public.visitors from anon, authenticated;
grant update (last_seen_at, ended_at) on public.visitors to authenticated;

-- ------------------------------------------------------------------ conversations

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  visitor_id uuid not null,
  assigned_agent_id uuid,
  status text not null default 'open',
  visitor_language text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, site_id),
  -- The visitor and the agent must belong to the conversation's site.
  constraint conversations_visitor_of_site foreign key (visitor_id, site_id)
    references public.visitors (id, site_id) on delete cascade,
  constraint conversations_agent_is_member foreign key (site_id, assigned_agent_id)
    references public.site_members (site_id, user_id) on delete set null (assigned_agent_id),
  constraint conversations_status_valid check (status in ('open', 'closed')),
  constraint conversations_visitor_language_length check (char_length(visitor_language) <= 35)
);
comment on table public.conversations is
  'A chat between one visitor and the site''s agents (channel 2).';
create index conversations_site_id_idx on public.conversations (site_id, updated_at desc);
create index conversations_visitor_id_idx on public.conversations (visitor_id);
create trigger conversations_touch_updated_at before update on public.conversations
  for each row execute function public.touch_updated_at();

-- Whether the caller takes part in a conversation: its visitor, or a member of its site.
create function public.can_access_conversation(p_conversation_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.conversations as c
    where c.id = p_conversation_id
      and (c.visitor_id = auth.uid()
           or exists (select 1 from public.site_members as m where m.site_id = c.site_id and m.user_id = auth.uid()))
  )
$$;
comment on function public.can_access_conversation(uuid) is
  'True when the caller is the conversation''s visitor or a member of its site.';
revoke execute on function public.can_access_conversation(uuid) from public, anon;
grant execute on function public.can_access_conversation(uuid) to authenticated, service_role;

alter table public.conversations enable row level security;
create policy "participants see conversations" on public.conversations
  for select to authenticated using (visitor_id = (select auth.uid()) or public.is_site_member(site_id));
create policy "visitors open their own, members their site's conversations" on public.conversations
  for insert to authenticated with check (
    (visitor_id = (select auth.uid()) and assigned_agent_id is null)
    or public.is_site_member(site_id));
create policy "members update their site's conversations" on public.conversations
  for update to authenticated using (public.is_site_member(site_id)) with check (public.is_site_member(site_id));
create policy "owners delete conversations" on public.conversations
  for delete to authenticated using (public.is_site_owner(site_id));
revoke update on public.conversations from anon, authenticated;
grant update (assigned_agent_id, status, visitor_language) on public.conversations to authenticated;

-- ------------------------------------------------------------------ messages

create table public.messages (
  -- Made by the client, so a retried send is an idempotent insert (on conflict do nothing).
  id uuid primary key,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  sender_id uuid references auth.users (id) on delete set null,
  sender_kind text not null,
  kind text not null default 'text',
  body text not null default '',
  attachment jsonb,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  read_at timestamptz,
  constraint messages_sender_kind_valid check (sender_kind in ('agent', 'visitor', 'system')),
  constraint messages_kind_valid check (kind in ('text', 'image', 'file', 'voice', 'event')),
  constraint messages_body_length check (char_length(body) <= 10000),
  constraint messages_attachment_object check (attachment is null or
    (jsonb_typeof(attachment) = 'object' and pg_column_size(attachment) <= 4096))
);
comment on table public.messages is
  'Messages of a conversation; ids are client-made UUIDs so retries never double a message.';
create index messages_conversation_id_idx on public.messages (conversation_id, created_at);

alter table public.messages enable row level security;
create policy "participants read messages" on public.messages
  for select to authenticated using (public.can_access_conversation(conversation_id));
create policy "participants send messages as themselves" on public.messages
  for insert to authenticated with check (
    sender_id = (select auth.uid())
    and public.can_access_conversation(conversation_id)
    and case sender_kind
          when 'visitor' then (select public.is_visitor())
          when 'agent' then not (select public.is_visitor())
          else false
        end);
create policy "participants mark messages delivered or read" on public.messages
  for update to authenticated
  using (public.can_access_conversation(conversation_id))
  with check (public.can_access_conversation(conversation_id));
revoke update on public.messages from anon, authenticated;
grant update (delivered_at, read_at) on public.messages to authenticated;

-- ------------------------------------------------------------------ chat_invitations

create table public.chat_invitations (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  visitor_id uuid not null,
  agent_id uuid not null,
  message text not null default '',
  status text not null default 'pending',
  expires_at timestamptz not null default now() + interval '2 minutes',
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  conversation_id uuid,
  constraint chat_invitations_visitor_of_site foreign key (visitor_id, site_id)
    references public.visitors (id, site_id) on delete cascade,
  constraint chat_invitations_agent_is_member foreign key (site_id, agent_id)
    references public.site_members (site_id, user_id) on delete cascade,
  constraint chat_invitations_conversation_of_site foreign key (conversation_id, site_id)
    references public.conversations (id, site_id) on delete set null (conversation_id),
  constraint chat_invitations_status_valid check (status in ('pending', 'accepted', 'declined', 'expired')),
  constraint chat_invitations_message_length check (char_length(message) <= 500)
);
comment on table public.chat_invitations is
  'An agent''s invitation to a live visitor to chat (channel 1): pending until accepted, declined or expired.';
create index chat_invitations_site_id_idx on public.chat_invitations (site_id, created_at desc);
create index chat_invitations_visitor_id_idx on public.chat_invitations (visitor_id);

alter table public.chat_invitations enable row level security;
create policy "the visitor and the site's members see invitations" on public.chat_invitations
  for select to authenticated using (visitor_id = (select auth.uid()) or public.is_site_member(site_id));
create policy "members invite their site's visitors as themselves" on public.chat_invitations
  for insert to authenticated with check (agent_id = (select auth.uid()) and public.is_site_member(site_id));
create policy "the visitor and the site's members answer invitations" on public.chat_invitations
  for update to authenticated
  using (visitor_id = (select auth.uid()) or public.is_site_member(site_id))
  with check (visitor_id = (select auth.uid()) or public.is_site_member(site_id));
revoke update on public.chat_invitations from anon, authenticated;
grant update (status, answered_at, conversation_id) on public.chat_invitations to authenticated;

-- ------------------------------------------------------------------ transfers

create table public.transfers (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  conversation_id uuid not null,
  from_agent_id uuid not null,
  to_agent_id uuid not null,
  status text not null default 'pending',
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  constraint transfers_conversation_of_site foreign key (conversation_id, site_id)
    references public.conversations (id, site_id) on delete cascade,
  constraint transfers_from_is_member foreign key (site_id, from_agent_id)
    references public.site_members (site_id, user_id) on delete cascade,
  constraint transfers_to_is_member foreign key (site_id, to_agent_id)
    references public.site_members (site_id, user_id) on delete cascade,
  constraint transfers_status_valid check (status in ('pending', 'accepted', 'declined', 'cancelled')),
  constraint transfers_to_someone_else check (from_agent_id <> to_agent_id)
);
comment on table public.transfers is
  'An agent handing a conversation to a colleague of the same site, live.';
create index transfers_site_id_idx on public.transfers (site_id, created_at desc);
create index transfers_conversation_id_idx on public.transfers (conversation_id);

alter table public.transfers enable row level security;
create policy "members see their site's transfers" on public.transfers
  for select to authenticated using (public.is_site_member(site_id));
create policy "members hand over as themselves" on public.transfers
  for insert to authenticated with check (from_agent_id = (select auth.uid()) and public.is_site_member(site_id));
create policy "the two agents answer or cancel a transfer" on public.transfers
  for update to authenticated
  using ((to_agent_id = (select auth.uid()) or from_agent_id = (select auth.uid())) and public.is_site_member(site_id))
  with check ((to_agent_id = (select auth.uid()) or from_agent_id = (select auth.uid())) and public.is_site_member(site_id));
revoke update on public.transfers from anon, authenticated;
grant update (status, answered_at) on public.transfers to authenticated;

-- ------------------------------------------------------------------ push_subscriptions

create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  endpoint text not null,
  p256dh text not null,
  auth text not null,
  user_agent text not null default '',
  created_at timestamptz not null default now(),
  constraint push_subscriptions_endpoint_unique unique (endpoint),
  constraint push_subscriptions_endpoint_https check (endpoint ~ '^https://' and char_length(endpoint) <= 2048),
  constraint push_subscriptions_keys_length check (char_length(p256dh) <= 200 and char_length(auth) <= 100),
  constraint push_subscriptions_user_agent_length check (char_length(user_agent) <= 512)
);
comment on table public.push_subscriptions is
  'Web push subscriptions of a member''s devices; each user sees and manages only their own.';
create index push_subscriptions_user_id_idx on public.push_subscriptions (user_id);

alter table public.push_subscriptions enable row level security;
create policy "members manage their own push subscriptions" on public.push_subscriptions
  for all to authenticated
  using (user_id = (select auth.uid()) and not (select public.is_visitor()))
  with check (user_id = (select auth.uid()) and not (select public.is_visitor()));

-- ------------------------------------------------------------------ grants

-- anon never reads or writes these tables (policies are `to authenticated`); say so in the
-- grants too, so a policy mistake cannot open them to requests without a session.
revoke all on public.sites, public.site_members, public.agent_invitations, public.visitors,
  public.conversations, public.messages, public.chat_invitations, public.transfers,
  public.push_subscriptions from anon;
