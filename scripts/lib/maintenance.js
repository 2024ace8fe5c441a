// Hourly database upkeep the app server does where pg_cron does not (the local stack, or a
// Supabase project without it): forgetting idle anonymous visitors after their retention.

export const VISITOR_CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** Calls cleanup_idle_visitors() with the service role; resolves to how many were deleted. */
export async function cleanupIdleVisitors(supabaseUrl, serviceRoleKey, fetchImpl = fetch) {
	const res = await fetchImpl(`${supabaseUrl}/rest/v1/rpc/cleanup_idle_visitors`, {
		method: 'POST',
		headers: {
			apikey: serviceRoleKey,
			authorization: `Bearer ${serviceRoleKey}`,
			'content-type': 'application/json'
		},
		body: '{}'
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`cleanup_idle_visitors answered ${res.status}: ${text}`);
	return Number(text);
}

/**
 * Runs the cleanup now and then every hour; returns a function that stops it. Failures are
 * reported with console.error and retried at the next hour.
 */
export function startVisitorCleanup(
	{ supabaseUrl, serviceRoleKey },
	{ intervalMs = VISITOR_CLEANUP_INTERVAL_MS, run = cleanupIdleVisitors } = {}
) {
	if (!supabaseUrl || !serviceRoleKey) return () => undefined;
	const tick = () =>
		run(supabaseUrl, serviceRoleKey).catch((err) =>
			console.error(`parley: visitor cleanup failed: ${err.message}`)
		);
	void tick();
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
