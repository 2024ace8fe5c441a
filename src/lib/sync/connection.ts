/** What the console says about its connection, from the browser, the live channel and the outbox. */

/** `online`: live; `reconnecting`: the network is there but the live channel is not (yet); `offline`: no network. */
export type ConnectionKind = 'online' | 'reconnecting' | 'offline';

export interface ConsoleConnection {
	kind: ConnectionKind;
	/** Replies waiting in the outbox. */
	queued: number;
}

/** The console's connection state: the browser's network first, then the site's live channel. */
export function consoleConnection(
	networkUp: boolean,
	channel: 'connecting' | 'live' | 'offline' | null,
	queued: number
): ConsoleConnection {
	if (!networkUp) return { kind: 'offline', queued };
	if (channel === 'live') return { kind: 'online', queued };
	return { kind: 'reconnecting', queued };
}
