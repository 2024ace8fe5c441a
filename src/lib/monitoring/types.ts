/** A row of `public.visitors` as `live_visitors()` and the `site:<id>` `visitor` event carry it. */
export interface VisitorRow {
	id: string;
	site_id: string;
	created_at: string;
	last_seen_at: string;
	ended_at: string | null;
	current_url: string;
	current_title: string;
	referrer: string;
	language: string;
	user_agent: string;
	screen: string;
	pages_seen: number;
	visit_count: number;
	visit_started_at: string;
}

/** How long a visitor stays listed after their last heartbeat (the server's rule too). */
export const VISITOR_ONLINE_WINDOW_MS = 30_000;
