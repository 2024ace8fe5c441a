/** Reading and writing sites through supabase-js; row level security decides who may. */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { followTables, whenChangesFlow } from '$lib/data/live.ts';
import { failure, type Result } from '$lib/data/result.ts';
import type { ChatSettings } from './chat-settings.ts';
import type { Site, SiteSettings } from './types.ts';

/** The sites the signed-in user belongs to, newest first. */
export async function listSites(client: SupabaseClient): Promise<Result<Site[]>> {
	const { data, error } = await client
		.from('sites')
		.select('*')
		.order('created_at', { ascending: false });
	return error ? failure(error) : { ok: true, value: data as Site[] };
}

/** One site, or null when it does not exist or the user may not see it. */
export async function getSite(client: SupabaseClient, id: string): Promise<Result<Site | null>> {
	const { data, error } = await client.from('sites').select('*').eq('id', id).maybeSingle();
	// An id that is not a uuid is a 22P02 from Postgres: to the person, that site does not exist.
	if (error?.code === '22P02') return { ok: true, value: null };
	return error ? failure(error) : { ok: true, value: data as Site | null };
}

/** Creates a site owned by the signed-in user (the owner's membership is added by trigger). */
export async function createSite(
	client: SupabaseClient,
	settings: SiteSettings
): Promise<Result<Site>> {
	const { data, error } = await client.from('sites').insert(settings).select().single();
	return error ? failure(error) : { ok: true, value: data as Site };
}

/** Saves an owner's changes to a site: its identity and look, or its conversation settings. */
export async function updateSite(
	client: SupabaseClient,
	id: string,
	settings: SiteSettings | ChatSettings
): Promise<Result<Site>> {
	const { data, error } = await client
		.from('sites')
		.update(settings)
		.eq('id', id)
		.select()
		.single();
	return error ? failure(error) : { ok: true, value: data as Site };
}

/** Deletes a site and everything in it (visitors, conversations, members, invitations). */
export async function deleteSite(client: SupabaseClient, id: string): Promise<Result<void>> {
	const { data, error } = await client.from('sites').delete().eq('id', id).select('id');
	if (error) return failure(error);
	// RLS hides rows the caller may not delete: no row back means nothing was deleted.
	if (!data || data.length === 0) return failure({ code: '42501', message: 'site not deleted' });
	return { ok: true, value: undefined };
}

/**
 * Follows a site's row live (postgres_changes UPDATE, RLS-checked per subscriber). Refetches
 * after every (re)subscribe so a change made while the socket was down is not missed.
 * Returns the function that stops following.
 */
export function followSite(
	client: SupabaseClient,
	id: string,
	onSite: (site: Site) => void
): () => void {
	let channel: RealtimeChannel | undefined;
	let stopped = false;
	const refetch = async () => {
		const result = await getSite(client, id);
		if (!stopped && result.ok && result.value) onSite(result.value);
	};
	void (async () => {
		// The socket must carry the user's token before joining, or RLS sees an anonymous caller.
		await client.realtime.setAuth();
		if (stopped) return;
		// Read again once changes flow: one made between the join and then is not delivered.
		channel = whenChangesFlow(client.channel(`site-row:${id}`), () => void refetch())
			.on(
				'postgres_changes',
				{ event: 'UPDATE', schema: 'public', table: 'sites', filter: `id=eq.${id}` },
				(payload) => onSite(payload.new as Site)
			)
			.subscribe((status) => {
				if (status === 'SUBSCRIBED') void refetch();
			});
	})();
	return () => {
		stopped = true;
		if (channel) void client.removeChannel(channel);
	};
}

/** Follows every site the user can see (install state, renames); `onSites` gets the list. */
export function followSites(
	client: SupabaseClient,
	onSites: (sites: Result<Site[]>) => void
): () => void {
	let stopped = false;
	const stop = followTables(client, 'sites-list', [{ table: 'sites' }], async () => {
		const result = await listSites(client);
		if (!stopped) onSites(result);
	});
	return () => {
		stopped = true;
		stop();
	};
}

/**
 * Whether the site has had a conversation yet, kept current until it has: then nothing more
 * can change the answer, and the page stops hearing every conversation of the site (on a
 * busy site, one event per message). The check reads one row, not a count of them all.
 */
export function followFirstConversation(
	client: SupabaseClient,
	siteId: string,
	onHasConversation: (has: boolean) => void
): () => void {
	let stopped = false;
	const stop = followTables(
		client,
		`site-conversations:${siteId}`,
		[{ table: 'conversations', filter: `site_id=eq.${siteId}` }],
		async () => {
			const { data, error } = await client
				.from('conversations')
				.select('id')
				.eq('site_id', siteId)
				.limit(1);
			if (stopped || error) return;
			const has = (data ?? []).length > 0;
			onHasConversation(has);
			if (has) end();
		}
	);
	function end() {
		if (stopped) return;
		stopped = true;
		stop();
	}
	return end;
}
