/**
 * The widget's backend clients: postgrest-js and realtime-js on their own, not supabase-js.
 * The widget never signs in (the host page's snippet holds the visitor's session and hands
 * its token over), so supabase-js's auth client, storage and functions would be ~30 KB
 * gzipped of dead weight in an iframe with an 80 KB budget.
 */
import { PostgrestClient } from '@supabase/postgrest-js';
import { RealtimeClient } from '@supabase/realtime-js';

export interface WidgetClients {
	db: PostgrestClient;
	realtime: RealtimeClient;
	/** Uses `token` from now on, for requests and for every joined channel. */
	setToken(token: string): void;
	/** Closes the realtime connection. */
	close(): void;
}

/** Clients for `url` (the Supabase URL) and its anon key, authorised by the host's token. */
export function widgetClients(url: string, anonKey: string, initialToken: string): WidgetClients {
	let token = initialToken;
	const db = new PostgrestClient(`${url}/rest/v1`, {
		headers: { apikey: anonKey },
		// The token of the moment, on every request (it changes when the snippet refreshes it).
		fetch: (input, init) => {
			const headers = new Headers(init?.headers);
			headers.set('Authorization', `Bearer ${token}`);
			return fetch(input, { ...init, headers });
		}
	});
	const realtime = new RealtimeClient(`${url.replace(/^http/, 'ws')}/realtime/v1`, {
		params: { apikey: anonKey }
	});
	// A token given outright is taken at once (an `accessToken` callback is awaited, so the
	// first channel join would go out without it and be refused as anonymous).
	void realtime.setAuth(token);
	return {
		db,
		realtime,
		setToken(next) {
			token = next;
			void realtime.setAuth(next);
		},
		close: () => void realtime.disconnect()
	};
}
