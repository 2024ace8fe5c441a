-- Machine translations stored with their messages (issue 13): one per message and target
-- language, written by the app server with the service role once it has translated the
-- message (POST /api/translate with message_id). History, the site's other agents, a
-- transferred conversation and an offline console then read the translation instead of
-- asking for it again, and a translation survives the provider being down later.

-- Lets a translation name its message and conversation together, so the two cannot disagree.
alter table public.messages
  add constraint messages_id_conversation_id_key unique (id, conversation_id);

create table public.message_translations (
  message_id uuid not null,
  conversation_id uuid not null,
  -- The BCP-47 tag of the translation's language, as the app server canonicalised it.
  language text not null,
  body text not null,
  provider text not null,
  created_at timestamptz not null default now(),
  primary key (message_id, language),
  constraint message_translations_message_fkey foreign key (message_id, conversation_id)
    references public.messages (id, conversation_id) on delete cascade,
  constraint message_translations_language_shape
    check (language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' and char_length(language) <= 35),
  -- Twice a message's 10,000 characters: translations run longer than their originals.
  constraint message_translations_body_length check (char_length(body) <= 20000),
  constraint message_translations_provider_valid check (provider in ('apertium', 'libretranslate'))
);
comment on table public.message_translations is
  'Machine translations of text messages, one per message and language; written by the app server (service role), read by the conversation''s participants.';
create index message_translations_conversation_id_idx
  on public.message_translations (conversation_id, created_at);

alter table public.message_translations enable row level security;
create policy "participants read translations" on public.message_translations
  for select to authenticated using (public.can_access_conversation(conversation_id));
-- Only the app server writes: a participant could otherwise put words in the other's mouth.
revoke insert, update, delete, truncate on public.message_translations from anon, authenticated;

-- A new translation goes to conversation:<id>, where the participants already listen for
-- messages, as the event 'translation'.
create function public.broadcast_message_translation() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(to_jsonb(new), 'translation', 'conversation:' || new.conversation_id::text, true);
  return null;
end
$$;
comment on function public.broadcast_message_translation() is
  'Trigger: a new message translation to conversation:<id> as the event translation.';
revoke execute on function public.broadcast_message_translation() from public, anon, authenticated;
create trigger message_translations_broadcast after insert on public.message_translations
  for each row execute function public.broadcast_message_translation();
