import type { ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { adminClient } from '$lib/server/admin.ts';
import { cleanupIntervalMs, startMaintenance } from '$lib/server/maintenance.ts';
import { startPush } from '$lib/server/push/index.ts';

/**
 * Starts the server's timers once, when the server starts: housekeeping (visitor retention)
 * and the push sender (which also makes or checks the VAPID keys, failing start on bad ones).
 */
export const init: ServerInit = () => {
	if (building) return;
	startMaintenance(adminClient, cleanupIntervalMs(env.PARLEY_CLEANUP_INTERVAL_MINUTES));
	startPush();
};
