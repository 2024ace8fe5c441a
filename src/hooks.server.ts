import type { ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { adminClient } from '$lib/server/admin.ts';
import { cleanupIntervalMs, startMaintenance } from '$lib/server/maintenance.ts';

/** Starts the server's housekeeping timer (visitor retention) once, when the server starts. */
export const init: ServerInit = () => {
	if (building) return;
	startMaintenance(adminClient, cleanupIntervalMs(env.PARLEY_CLEANUP_INTERVAL_MINUTES));
};
