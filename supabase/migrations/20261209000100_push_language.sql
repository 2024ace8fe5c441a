-- Push notifications in the agent's own language: the sender claims each entry with the
-- language its subscriber keeps (agent_preferences, set by the console from its interface
-- language), and words the notification in it. Null when the agent never opened a console
-- that said; the sender then uses English.

drop function public.claim_push_outbox(integer, integer);

create function public.claim_push_outbox(batch integer default 100, lease_seconds integer default 60)
returns table (
  id bigint, claim_id uuid, subscription_id uuid, endpoint text, p256dh text, auth text,
  kind text, conversation_id uuid, data jsonb, created_at timestamptz, attempts integer,
  language text
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_claim uuid := gen_random_uuid();
begin
  if batch is null or batch < 1 or batch > 1000 then
    raise exception 'batch must be from 1 to 1000' using errcode = '22023';
  end if;
  if lease_seconds is null or lease_seconds < 5 or lease_seconds > 3600 then
    raise exception 'lease_seconds must be from 5 to 3600' using errcode = '22023';
  end if;
  return query
  with due as (
    select o.id from public.push_outbox as o
     where o.available_at <= now()
     order by o.id
     limit claim_push_outbox.batch
     for update skip locked
  ), claimed as (
    update public.push_outbox as o
       set claim_id = v_claim,
           available_at = now() + make_interval(secs => claim_push_outbox.lease_seconds),
           attempts = o.attempts + 1
      from due where o.id = due.id
    returning o.*
  )
  select c.id, c.claim_id, c.subscription_id, s.endpoint, s.p256dh, s.auth, c.kind,
         c.conversation_id, c.data, c.created_at, c.attempts, p.language
    from claimed as c
    join public.push_subscriptions as s on s.id = c.subscription_id
    left join public.agent_preferences as p on p.user_id = s.user_id
   order by c.id;
end
$$;
comment on function public.claim_push_outbox(integer, integer) is
  'Sender (service role): claims due push_outbox rows (FOR UPDATE SKIP LOCKED) for a lease; returns them with their subscription and the subscriber''s language.';

revoke execute on function public.claim_push_outbox(integer, integer) from public, anon, authenticated;
grant execute on function public.claim_push_outbox(integer, integer) to service_role;
