-- The 6-picture limit of a site's call backgrounds holds when uploads race.
--
-- `may_add_call_background` (20261205001200_call_backgrounds.sql) counted the site's objects
-- inside the insert's own statement snapshot: two uploads at the same moment each counted 5,
-- each passed, and the site ended with 7 or more (on Postgres, 4 of 8 simultaneous uploads
-- to a site with 5 were stored). Now the check first takes a per-site advisory lock, held to
-- the end of the inserting transaction, and only then counts, in a statement of its own, so
-- it sees every row a transaction that held the lock before it committed. The function is
-- volatile for that reason: a stable function reads with the calling statement's snapshot,
-- taken before the lock was granted.
--
-- The lock is per site (uploads to other sites do not wait) and short: Storage writes the row
-- in its own transaction once the bytes have arrived, and its permission probe is rolled back.
-- A refused upload is still the insert policy's refusal (42501, Storage's 403 AccessDenied).

create or replace function public.may_add_call_background(p_site_id uuid) returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if p_site_id is null or not public.is_site_owner(p_site_id) then
    return false;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('call-backgrounds:' || p_site_id::text, 0));
  -- Counted by a definer function: a policy on storage.objects cannot query the table itself.
  return (select count(*) from storage.objects as o
           where o.bucket_id = 'call-backgrounds' and o.name like p_site_id::text || '/%') < 6;
end
$$;
comment on function public.may_add_call_background(uuid) is
  'True when the caller owns the site and it has fewer than 6 call backgrounds; holds the site''s call-background lock to the end of the transaction, so concurrent uploads are counted one after another.';
