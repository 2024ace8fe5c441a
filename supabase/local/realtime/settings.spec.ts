import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadRealtimeSettings } from './settings.ts';

describe('realtime settings', () => {
	it('uses the defaults when nothing is set', () => {
		expect(loadRealtimeSettings({})).toEqual(DEFAULT_SETTINGS);
		expect(DEFAULT_SETTINGS.heartbeatTimeoutMs).toBe(60_000);
	});

	it('reads positive whole numbers and refuses anything else', () => {
		expect(
			loadRealtimeSettings({ PARLEY_REALTIME_HEARTBEAT_TIMEOUT_MS: '500' }).heartbeatTimeoutMs
		).toBe(500);
		expect(() => loadRealtimeSettings({ PARLEY_REALTIME_MAX_FRAME_BYTES: '1e6' })).toThrow(
			/PARLEY_REALTIME_MAX_FRAME_BYTES/
		);
		expect(() => loadRealtimeSettings({ PARLEY_REALTIME_MAX_EVENTS_PER_SECOND: '0' })).toThrow();
	});
});
