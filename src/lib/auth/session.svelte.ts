/** The signed-in user as reactive state, fed by supabase-js's auth events. */
import { getContext, setContext } from 'svelte';
import type { SupabaseClient, User } from '@supabase/supabase-js';

export class AuthSession {
	#user = $state<User | null>(null);
	#ready = $state(false);

	/** The signed-in user, or null. */
	get user(): User | null {
		return this.#user;
	}

	/** False until supabase-js has restored (or ruled out) a stored session. */
	get ready(): boolean {
		return this.#ready;
	}

	/** Follows the client's auth state; returns the function that stops following it. */
	follow(client: SupabaseClient): () => void {
		const { data } = client.auth.onAuthStateChange((event, session) => {
			this.#user = session?.user ?? null;
			this.#ready = true;
			// The session ended for good (signed out here or in another tab, or refused on refresh
			// because it was revoked, as when the person's last site removed them): nothing of the
			// console's data stays on the device.
			if (event === 'SIGNED_OUT')
				void import('$lib/db/index.ts').then((db) => db.wipeConsoleData()).catch(() => {});
		});
		return () => data.subscription.unsubscribe();
	}

	/**
	 * Signs out on this device: first this device stops getting the person's notifications (the
	 * row can only be deleted while signed in; a failure must not keep them signed in), then the
	 * session ends and the console's data the device kept for the person is wiped.
	 */
	async signOut(client: SupabaseClient): Promise<void> {
		// Loaded on demand, like the database code below: most pages never need either.
		const push = await import('$lib/push/device.ts');
		await push.turnOff(client, push.browserPlatform()).catch(() => undefined);
		const { error } = await client.auth.signOut({ scope: 'local' });
		if (error) throw error;
		// Loaded on demand: pages without the console do not carry the database code.
		const { wipeConsoleData } = await import('$lib/db/index.ts');
		await wipeConsoleData();
	}
}

const KEY = Symbol('auth-session');

/** Makes the session available to the components below the caller. */
export function setAuthSession(session: AuthSession): AuthSession {
	return setContext(KEY, session);
}

/** The session set by the root layout. */
export function getAuthSession(): AuthSession {
	return getContext<AuthSession>(KEY);
}
