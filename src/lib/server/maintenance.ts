/**
 * Housekeeping the app server does on a timer: deleting anonymous visitors who never wrote,
 * once their site's retention period has passed, so `auth.users` does not grow without bound.
 * On a hosted Supabase project a pg_cron job can do the same (README); set the interval to 0
 * there. Several app servers may run it at once: the SQL function deletes in batches and a
 * row deleted by one is simply not found by the other.
 */

/** What the job needs from a Supabase client: one RPC. */
export interface MaintenanceClient {
	rpc(
		fn: 'cleanup_idle_visitors',
		args: { batch: number }
	): PromiseLike<{ data: unknown; error: { message: string } | null }>;
}

/** Largest number of visitors one call deletes; the job repeats while a batch comes back full. */
export const CLEANUP_BATCH = 1000;
/** At most this many batches per run, so one run cannot hold the database for long. */
export const CLEANUP_MAX_BATCHES = 20;
/** Default time between runs. */
export const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
/** Delay of the first run after start, so start-up work comes first. */
export const CLEANUP_FIRST_RUN_MS = 60 * 1000;

/** Runs one cleanup: batches until one comes back short. Returns how many were deleted. */
export async function cleanupIdleVisitors(client: MaintenanceClient): Promise<number> {
	let total = 0;
	for (let i = 0; i < CLEANUP_MAX_BATCHES; i++) {
		const { data, error } = await client.rpc('cleanup_idle_visitors', { batch: CLEANUP_BATCH });
		if (error) throw new Error(`cleanup_idle_visitors failed: ${error.message}`);
		const deleted = typeof data === 'number' ? data : 0;
		total += deleted;
		if (deleted < CLEANUP_BATCH) break;
	}
	return total;
}

/**
 * Parses PARLEY_CLEANUP_INTERVAL_MINUTES: unset means hourly, 0 turns the job off, anything
 * else must be a whole number of minutes from 1 to 10080 (a week).
 */
export function cleanupIntervalMs(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return CLEANUP_INTERVAL_MS;
	const minutes = Number(value);
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > 10080)
		throw new Error(
			`PARLEY_CLEANUP_INTERVAL_MINUTES must be a whole number from 0 to 10080, not "${value}"`
		);
	return minutes * 60 * 1000;
}

/** Starts the timer; returns a function that stops it. Failures are logged, never thrown. */
export function startMaintenance(
	client: () => MaintenanceClient,
	intervalMs: number,
	log: Pick<Console, 'error' | 'info'> = console
): () => void {
	if (intervalMs === 0) return () => {};
	let timer: ReturnType<typeof setTimeout>;
	const run = async () => {
		try {
			const deleted = await cleanupIdleVisitors(client());
			if (deleted > 0) log.info(`parley: removed ${deleted} idle anonymous visitors`);
		} catch (err) {
			log.error(`parley: visitor cleanup: ${(err as Error).message}`);
		}
		timer = setTimeout(run, intervalMs);
		timer.unref?.();
	};
	timer = setTimeout(run, Math.min(CLEANUP_FIRST_RUN_MS, intervalMs));
	timer.unref?.();
	return () => clearTimeout(timer);
}
