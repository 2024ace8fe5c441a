/** The visitor's anonymous session: GoTrue's answers, storage, and when to refresh. */
import { isSession, type Session } from '../lib/embed/protocol';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

/** GoTrue's session answer (sign-up and refresh), as far as the snippet reads it. */
export interface AuthAnswer {
	access_token: string;
	refresh_token: string;
	expires_in: number;
	expires_at?: number;
	user: { id: string };
}

/** The session in a GoTrue answer received at `nowMs`. */
export const toSession = (a: AuthAnswer, nowMs: number): Session => ({
	access_token: a.access_token,
	refresh_token: a.refresh_token,
	expires_at: a.expires_at || Math.floor(nowMs / 1000) + a.expires_in,
	user_id: a.user.id
});

/** Milliseconds from `nowMs` until `session` should be refreshed (0: now). */
export const refreshDelayMs = (session: Session, nowMs: number): number =>
	Math.max(0, session.expires_at * 1000 - nowMs - REFRESH_MARGIN_MS);

/** The localStorage key of a site's visitor session: one identity per site, shared by tabs. */
export const sessionKey = (siteKey: string) => 'parley:' + siteKey;

/** The stored session, or null when there is none, it is malformed or storage is blocked. */
export function loadSession(key: string): Session | null {
	try {
		const s = JSON.parse(localStorage[key]);
		return isSession(s) ? s : null;
	} catch {
		return null;
	}
}

/** Stores the session; blocked or full storage only costs persistence across pages. */
export function storeSession(key: string, session: Session): void {
	try {
		localStorage[key] = JSON.stringify(session);
	} catch {
		// The session still lives for this page.
	}
}
