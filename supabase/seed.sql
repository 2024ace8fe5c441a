-- Demo data for local development (runs once, on a fresh database, after the migrations).
--
--   Sign in as the demo operator:  demo@parley.test  /  parley-demo
--   Demo site "Parley demo", site key pk_DemoSiteKey0000000000000,
--   allowed origins: the app's dev (5173), preview (4173) and production (3000) servers.
--
-- The user is created the way Supabase Auth stores an email user: a bcrypt hash in
-- encrypted_password, a confirmed email, and an `email` identity.

insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change, is_anonymous
) values (
  '00000000-0000-0000-0000-000000000000', 'd0000000-0000-4000-8000-000000000001',
  'authenticated', 'authenticated', 'demo@parley.test',
  extensions.crypt('parley-demo', extensions.gen_salt('bf')), now(), null,
  '{"provider":"email","providers":["email"]}', '{"display_name":"Demo Operator"}', false, now(), now(),
  '', '', '', '', false
);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values (
  'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001',
  '{"sub":"d0000000-0000-4000-8000-000000000001","email":"demo@parley.test","email_verified":true,"phone_verified":false}',
  'email', null, now(), now()
);

-- The owner's site_members row is added by the sites_add_owner trigger.
-- Chat settings: invitations wait 90 s, three saved greetings, the widget asks for a name
-- (optional) and an email (optional); visitors who never chat are forgotten after 30 days.
insert into public.sites (id, owner_id, name, site_key, allowed_origins, greeting, default_language,
  invitation_ttl_seconds, invitation_messages, prechat_name, prechat_email, visitor_retention_days)
values (
  'd0000000-0000-4000-8000-0000000000a1', 'd0000000-0000-4000-8000-000000000001', 'Parley demo',
  'pk_DemoSiteKey0000000000000',
  '{http://localhost:5173,http://127.0.0.1:5173,http://localhost:4173,http://localhost:3000}',
  'Hi! How can we help you today?', 'en',
  90,
  '{"Hi! How can we help you today?","Looking for something? I''m happy to help.","Questions about pricing? Ask me anything."}',
  'optional', 'optional', 30
);
