/**
 * The browser's one Supabase client: the only way the app talks to the backend. The URL and
 * key are read at run time (`$env/dynamic/public`), so one build serves the local stack or a
 * real Supabase project.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { browser } from '$app/environment';
import { env } from '$env/dynamic/public';

let client: SupabaseClient | undefined;

/** Returns the app's Supabase client, creating it on first use (browser only). */
export function supabase(): SupabaseClient {
	if (!browser) {
		// A module-level client on the server would share one user's session with everyone.
		throw new Error('supabase() is for the browser; server code uses src/lib/server/');
	}
	if (client) return client;
	const url = env.PUBLIC_SUPABASE_URL;
	const key = env.PUBLIC_SUPABASE_ANON_KEY;
	if (!url || !key) {
		throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set');
	}
	client = createClient(url, key, { auth: { persistSession: true, autoRefreshToken: true } });
	return client;
}
