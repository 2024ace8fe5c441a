/**
 * The widget's backend clients: postgrest-js and realtime-js on their own, not supabase-js.
 * The widget never signs in (the host page's snippet holds the visitor's session and hands
 * its token over), so supabase-js's auth client, storage and functions would be ~30 KB
 * gzipped of dead weight in an iframe with an 80 KB budget.
 *
 * realtime-js (with Phoenix's client, about 16 KB gzipped) is not needed to show the first
 * screen or to send: it loads when a conversation opens, or once the widget is idle.
 */
import { PostgrestClient } from '@supabase/postgrest-js';
import type { RealtimeClient } from '@supabase/realtime-js';

export interface WidgetClients {
	db: PostgrestClient;
	/** The realtime client, its code loaded on the first call. */
	realtime(): Promise<RealtimeClient>;
	/** Uses `token` from now on, for requests and for every joined channel. */
	setToken(token: string): void;
	/** Closes the realtime connection, if one was opened. */
	close(): void;
}

/** Clients for `url` (the Supabase URL) and its anon key, authorised by the host's token. */
export function widgetClients(url: string, anonKey: string, initialToken: string): WidgetClients {
	let token = initialToken;
	let closed = false;
	const db = new PostgrestClient(`${url}/rest/v1`, {
		headers: { apikey: anonKey },
		// The token of the moment, on every request (it changes when the snippet refreshes it).
		fetch: (input, init) => {
			const headers = new Headers(init?.headers);
			headers.set('Authorization', `Bearer ${token}`);
			return fetch(input, { ...init, headers });
		}
	});
	let realtime: Promise<RealtimeClient> | null = null;
	const load = () =>
		(realtime ??= import('@supabase/realtime-js').then(({ RealtimeClient }) => {
			const client = new RealtimeClient(`${url.replace(/^http/, 'ws')}/realtime/v1`, {
				params: { apikey: anonKey }
			});
			// A token given outright is taken at once (an `accessToken` callback is awaited, so
			// the first channel join would go out without it and be refused as anonymous).
			void client.setAuth(token);
			if (closed) void client.disconnect();
			return client;
		}));
	return {
		db,
		realtime: () => {
			const loading = load();
			// A failed load (the network dropped) is tried again next time.
			loading.catch(() => {
				if (realtime === loading) realtime = null;
			});
			return loading;
		},
		setToken(next) {
			token = next;
			void realtime?.then((client) => client.setAuth(next)).catch(() => {});
		},
		close() {
			closed = true;
			void realtime?.then((client) => client.disconnect()).catch(() => {});
		}
	};
}
