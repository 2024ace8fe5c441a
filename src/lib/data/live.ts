/**
 * Keeping a view of some rows current: refetch after every (re)subscribe, so a change made
 * while the socket was down is not missed, and refetch again on each change of the tables
 * watched (Realtime checks every INSERT and UPDATE against the subscriber's RLS).
 *
 * Realtime answers a join before it has set postgres_changes up, and says when it has with a
 * `system` message; a change made between the two is not delivered. So the view is read again
 * on that message too (`whenChangesFlow`), or such a change would show only after the next
 * rejoin.
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';

/** One table (and optional `column=eq.value` filter) whose changes mean "read again". */
export interface Watched {
	table: string;
	filter?: string;
}

/** Realtime's `system` message for a channel's postgres_changes. */
interface ChangesStatus {
	extension?: string;
	status?: string;
}

/** Adds to `channel` a call of `ready` each time Realtime says its postgres_changes flow. */
export function whenChangesFlow(channel: RealtimeChannel, ready: () => void): RealtimeChannel {
	return channel.on('system', {}, (payload: ChangesStatus) => {
		if (payload.extension === 'postgres_changes' && payload.status === 'ok') ready();
	});
}

/**
 * Calls `refetch` when the channel joins, when its changes start to flow and after each
 * watched change; returns the stop.
 */
export function followTables(
	client: SupabaseClient,
	name: string,
	watched: Watched[],
	refetch: () => void | Promise<void>
): () => void {
	let channel: RealtimeChannel | undefined;
	let stopped = false;
	// Several rows change at once (a link used adds a member too): one read covers them.
	let queued: ReturnType<typeof setTimeout> | undefined;
	const soon = () => {
		clearTimeout(queued);
		queued = setTimeout(() => {
			if (!stopped) void refetch();
		}, 50);
	};
	void (async () => {
		// The socket must carry the user's token before joining, or RLS sees an anonymous caller.
		await client.realtime.setAuth();
		if (stopped) return;
		let next = whenChangesFlow(client.channel(name), soon);
		for (const { table, filter } of watched)
			next = next.on('postgres_changes', { event: '*', schema: 'public', table, filter }, soon);
		channel = next.subscribe((status) => {
			if (status === 'SUBSCRIBED') soon();
		});
	})();
	return () => {
		stopped = true;
		clearTimeout(queued);
		if (channel) void client.removeChannel(channel);
	};
}
