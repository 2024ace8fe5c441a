-- Translation per conversation (issue 13): whether it is on, where the visitor's language
-- came from, and the agent's own language, so both sides and the app server agree on what
-- is translated into what.

-- ------------------------------------------------------------------ conversations

alter table public.conversations
  add column translation_enabled boolean not null default true,
  add column visitor_language_source text not null default 'browser',
  add constraint conversations_visitor_language_source_valid
    check (visitor_language_source in ('browser', 'detected', 'agent'));
comment on column public.conversations.translation_enabled is
  'Whether messages are machine-translated between the visitor''s and the agents'' languages; the site''s members turn it off.';
comment on column public.conversations.visitor_language_source is
  'Where visitor_language came from: the visitor''s browser, detection on their first messages (app server), or an agent''s correction.';

-- Members change translation_enabled and visitor_language under the existing policy
-- "members update their site's conversations"; visitors have no update policy at all.
grant update (translation_enabled) on public.conversations to authenticated;

-- A language a member sets is a BCP-47 tag (the browser's own value is taken as it came when
-- the conversation starts), and it is then the agent's word: detection leaves it alone.
create function public.conversations_language_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.visitor_language is distinct from old.visitor_language then
    if new.visitor_language !~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' then
      raise exception 'invalid_language: visitor_language must be a language tag such as es or pt-BR'
        using errcode = '22023';
    end if;
    -- A member's change (through the API, as authenticated) is the agent's word; the app server
    -- (service role) says itself where a language came from.
    if current_user in ('authenticated', 'anon') then
      new.visitor_language_source := 'agent';
    end if;
  end if;
  return new;
end
$$;
comment on function public.conversations_language_change() is
  'Trigger: a changed visitor_language must be a language tag; a change by a member marks it as the agent''s.';
create trigger conversations_language_change before update of visitor_language on public.conversations
  for each row execute function public.conversations_language_change();

-- Translations of the visitor's messages were made from the old language: they are dropped
-- so that the readers ask again from the right one.
create function public.conversations_language_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  delete from public.message_translations as t
   using public.messages as m
   where t.conversation_id = new.id and m.id = t.message_id and m.sender_kind = 'visitor';
  return null;
end
$$;
comment on function public.conversations_language_changed() is
  'Trigger: when visitor_language changes, the translations of the visitor''s messages are dropped.';
revoke execute on function public.conversations_language_changed() from public, anon, authenticated;
create trigger conversations_language_changed after update of visitor_language on public.conversations
  for each row when (old.visitor_language is distinct from new.visitor_language)
  execute function public.conversations_language_changed();

-- The conversation row also goes to conversation:<id> when translation is turned on or off or
-- the visitor's language changes, so the widget follows the agent's choice at once.
create or replace function public.broadcast_conversation() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_row jsonb := to_jsonb(new);
  v_state_changed boolean := tg_op = 'INSERT'
    or old.status is distinct from new.status
    or old.assigned_agent_id is distinct from new.assigned_agent_id;
  v_translation_changed boolean := tg_op = 'UPDATE'
    and (old.translation_enabled is distinct from new.translation_enabled
         or old.visitor_language is distinct from new.visitor_language);
begin
  perform realtime.send(v_row, 'conversation', 'site:' || new.site_id::text, true);
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
  'Trigger: the conversation row to site:<id> on every change; when it starts, is taken or closes, or its translation settings change, also the row to conversation:<id>; {id, status} to visitor:<id> when it starts, is taken or closes.';

-- ------------------------------------------------------------------ agents' languages

create table public.agent_preferences (
  user_id uuid primary key references auth.users (id) on delete cascade,
  -- The agent's interface language, the language their messages are written in.
  language text not null,
  updated_at timestamptz not null default now(),
  constraint agent_preferences_language_shape
    check (language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' and char_length(language) <= 35)
);
comment on table public.agent_preferences is
  'Each agent''s own settings that follow them across devices: the language they read and write in.';
create trigger agent_preferences_touch_updated_at before update on public.agent_preferences
  for each row execute function public.touch_updated_at();

alter table public.agent_preferences enable row level security;
create policy "agents read their own preferences" on public.agent_preferences
  for select to authenticated using (user_id = (select auth.uid()));
-- Written through set_agent_language() only.
revoke all on public.agent_preferences from anon;
revoke insert, update, delete, truncate on public.agent_preferences from authenticated;

create function public.set_agent_language(language text) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  if auth.uid() is null or (select public.is_visitor()) then
    raise exception 'not_allowed: only a signed-in agent has a language of their own'
      using errcode = '42501';
  end if;
  if set_agent_language.language is null
     or set_agent_language.language !~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$'
     or char_length(set_agent_language.language) > 35 then
    raise exception 'invalid_language: language must be a language tag such as en or pt-BR'
      using errcode = '22023';
  end if;
  insert into public.agent_preferences as p (user_id, language)
  values (auth.uid(), set_agent_language.language)
  on conflict (user_id) do update set language = excluded.language
    where p.language is distinct from excluded.language;
end
$$;
comment on function public.set_agent_language(text) is
  'Agent API: keeps the caller''s interface language, which the app server takes as the language of their messages.';
revoke execute on function public.set_agent_language(text) from public, anon;
grant execute on function public.set_agent_language(text) to authenticated;
