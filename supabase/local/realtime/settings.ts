/** Limits of the realtime service, read from the environment once when it starts. */

export interface RealtimeSettings {
	/** A socket that sends nothing (not even a heartbeat) for this long is closed. */
	heartbeatTimeoutMs: number;
	/** Largest WebSocket frame accepted; a bigger one closes that socket (1009). */
	maxFrameBytes: number;
	/** Largest broadcast payload; a bigger one is dropped (error reply when `ack` is on). */
	maxPayloadBytes: number;
	/** Frames one socket may send per second before it is closed (1008). */
	maxEventsPerSecond: number;
	/** Channels one socket may join. */
	maxChannelsPerSocket: number;
}

export const DEFAULT_SETTINGS: RealtimeSettings = {
	heartbeatTimeoutMs: 60_000,
	maxFrameBytes: 1_048_576,
	maxPayloadBytes: 524_288,
	maxEventsPerSecond: 100,
	maxChannelsPerSocket: 100
};

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) <= 0)
		throw new Error(`${name} must be a positive whole number, got "${raw}"`);
	return Number(raw);
}

/** Reads the PARLEY_REALTIME_* variables over the defaults. */
export function loadRealtimeSettings(env: NodeJS.ProcessEnv = process.env): RealtimeSettings {
	return {
		heartbeatTimeoutMs: positiveInt(
			env,
			'PARLEY_REALTIME_HEARTBEAT_TIMEOUT_MS',
			DEFAULT_SETTINGS.heartbeatTimeoutMs
		),
		maxFrameBytes: positiveInt(
			env,
			'PARLEY_REALTIME_MAX_FRAME_BYTES',
			DEFAULT_SETTINGS.maxFrameBytes
		),
		maxPayloadBytes: positiveInt(
			env,
			'PARLEY_REALTIME_MAX_PAYLOAD_BYTES',
			DEFAULT_SETTINGS.maxPayloadBytes
		),
		maxEventsPerSecond: positiveInt(
			env,
			'PARLEY_REALTIME_MAX_EVENTS_PER_SECOND',
			DEFAULT_SETTINGS.maxEventsPerSecond
		),
		maxChannelsPerSocket: positiveInt(
			env,
			'PARLEY_REALTIME_MAX_CHANNELS_PER_SOCKET',
			DEFAULT_SETTINGS.maxChannelsPerSocket
		)
	};
}
