/**
 * People and sites for the browser tests, made through the stack's API (the service role
 * where the product would go through sign-up, e-mail or a pairing page), so each test spends
 * its time on what it is about. Shared by the snippet, widget and console tests.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomBytes } from 'node:crypto';
import { DEFAULT_ANON_KEY, DEFAULT_SERVICE_ROLE_KEY } from '../../supabase/local/keys.ts';
import { STACK_URL } from './shop.ts';

/** A new service-role client of the stack. */
export const admin = (): SupabaseClient =>
	createClient(STACK_URL, DEFAULT_SERVICE_ROLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});

/** A supabase-js client of the stack signed in with a password, as the console would have it. */
export async function signedIn(email: string, password: string): Promise<SupabaseClient> {
	const client = createClient(STACK_URL, DEFAULT_ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { error } = await client.auth.signInWithPassword({ email, password });
	if (error) throw error;
	return client;
}

/** A signed-in supabase-js client for a new confirmed user called `name`. */
export async function newUser(
	name: string
): Promise<{ client: SupabaseClient; id: string; email: string; password: string }> {
	const tag = randomBytes(5).toString('hex');
	const email = `${name.toLowerCase()}-${tag}@example.test`;
	const password = `pw-${tag}-secret`;
	const created = await admin().auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { display_name: name }
	});
	if (created.error) throw created.error;
	return { client: await signedIn(email, password), id: created.data.user.id, email, password };
}

export interface Site {
	id: string;
	key: string;
	/** The owner's sign-in. */
	owner: { email: string; password: string };
}

/**
 * A site of a new operator allowing `origin`, named "Shop …"; `settings` are columns of
 * `sites` to set. `agentName` names the owner in the site's staff (they are its agent too).
 */
export async function createSite(
	origin: string,
	settings: Record<string, unknown> = {},
	agentName?: string
): Promise<Site> {
	const owner = await newUser('Owner');
	const { data, error } = await admin()
		.from('sites')
		.insert({
			owner_id: owner.id,
			name: `Shop ${randomBytes(6).toString('hex')}`,
			allowed_origins: [origin],
			...settings
		})
		.select('id, site_key')
		.single();
	if (error) throw error;
	if (agentName) {
		const named = await admin()
			.from('site_members')
			.update({ display_name: agentName })
			.eq('site_id', data.id)
			.eq('user_id', owner.id);
		if (named.error) throw named.error;
	}
	return {
		id: data.id,
		key: data.site_key,
		owner: { email: owner.email, password: owner.password }
	};
}

/** The site's owner as its agent, signed in with supabase-js; online unless told otherwise. */
export async function agentFor(site: Site, online = true): Promise<SupabaseClient> {
	const client = await signedIn(site.owner.email, site.owner.password);
	if (online) {
		const { error } = await client.rpc('set_agent_availability', { availability: 'online' });
		if (error) throw error;
	}
	return client;
}

/**
 * An agent of `site`, paired the way the product pairs one: the owner creates a pairing
 * invitation, the server redeems its token for the agent's account. Signed in, via supabase-js.
 */
export async function pairedAgent(
	site: Site,
	name: string
): Promise<{ id: string; client: SupabaseClient }> {
	const owner = await signedIn(site.owner.email, site.owner.password);
	const pairing = await owner.rpc('create_agent_invitation', { site_id: site.id, name });
	if (pairing.error) throw pairing.error;
	const id = randomBytes(6).toString('hex');
	const credentials = { email: `agent-${id}@example.test`, password: `pw-${id}-secret` };
	const { data: user, error } = await admin().auth.admin.createUser({
		...credentials,
		email_confirm: true
	});
	if (error) throw error;
	const redeemed = await admin().rpc('redeem_agent_invitation', {
		token: pairing.data.token,
		user_id: user.user.id
	});
	if (redeemed.error) throw redeemed.error;
	return { id: user.user.id, client: await signedIn(credentials.email, credentials.password) };
}
