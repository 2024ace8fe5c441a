import { describe, expect, it } from 'vitest';
import { consoleConnection } from './connection.ts';

describe('consoleConnection', () => {
	it.each([
		['no network is offline, with the queue', false, 'live', 3, 'offline'],
		['no network is offline even before the channel joins', false, null, 0, 'offline'],
		['network and a joined channel is online', true, 'live', 0, 'online'],
		['network without the channel is reconnecting', true, 'offline', 1, 'reconnecting'],
		['network while the channel joins is reconnecting', true, 'connecting', 0, 'reconnecting']
	] as const)('%s', (_name, up, channel, queued, kind) => {
		expect(consoleConnection(up, channel, queued)).toEqual({ kind, queued });
	});
});
