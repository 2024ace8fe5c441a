/** The visitor's anonymous session: GoTrue's answers, storage, and when to refresh. */
import type { Session } from '../lib/embed/protocol';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

/** GoTrue's session answer (sign-up and refresh), as far as the snippet reads it. */
export interface AuthAnswer {
	access_token: string;
	refresh_token: string;
	expires_at: number;
	user: { id: string };
}

/** The session in a GoTrue answer. */
export const toSession = (a: AuthAnswer): Session => ({
	access_token: a.access_token,
	refresh_token: a.refresh_token,
	expires_at: a.expires_at,
	user_id: a.user.id
});

/** Milliseconds until `session` should be refreshed (0: now). */
export const refreshDelayMs = (session: Session): number =>
	Math.max(0, session.expires_at * 1000 - Date.now() - REFRESH_MARGIN_MS);

/**
 * The stored session of a site (one identity per site key, shared by tabs): null when there
 * is none, undefined when storage is blocked. A malformed entry is not checked here: its
 * refresh fails, and a refused refresh signs in anew.
 */
export function loadSession(siteKey: string): Session | null | undefined {
	try {
		// No entry parses as null rather than throwing: on a first visit an exception would cost
		// the host page a stack trace's worth of work.
		return JSON.parse(localStorage['parley:' + siteKey] || 'null');
	} catch {
		// Blocked storage.
	}
}

/** Stores the session; blocked or full storage only costs persistence across pages. */
export function storeSession(siteKey: string, session: Session): void {
	try {
		localStorage['parley:' + siteKey] = JSON.stringify(session);
	} catch {
		// The session still lives for this page.
	}
}
