-- Draft replies (issue 14): an agent writes the words a visitor should get and hands them to a
-- colleague ("can you check this before it goes out?", or a colleague suggesting an answer to
-- the one who holds the conversation). A draft is an internal note, so RLS and the channels
-- already keep it from the visitor; it is marked so the console offers "Use as reply" to the
-- agent who holds the conversation. Using it sends a new, ordinary reply: the draft stays as
-- the agents' record.

alter table public.messages
  add column draft boolean not null default false,
  add constraint messages_draft_internal_text check (not draft or (internal and kind = 'text'));
comment on column public.messages.draft is
  'An internal note that is a proposed reply to the visitor: the agent holding the conversation can send its words on.';
