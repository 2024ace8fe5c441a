import { describe, expect, it, vi } from 'vitest';
import {
	CLEANUP_BATCH,
	CLEANUP_MAX_BATCHES,
	cleanupIdleVisitors,
	cleanupIntervalMs,
	startMaintenance,
	type MaintenanceClient
} from './maintenance.ts';

/** A client whose RPC answers the given results in turn. */
function clientAnswering(
	...answers: Array<number | string>
): MaintenanceClient & { calls: number } {
	const fake = {
		calls: 0,
		rpc: async () => {
			const answer = answers[fake.calls++] ?? 0;
			return typeof answer === 'string'
				? { data: null, error: { message: answer } }
				: { data: answer, error: null };
		}
	};
	return fake;
}

describe('visitor cleanup', () => {
	it('repeats while batches come back full and stops at the first short one', async () => {
		const client = clientAnswering(CLEANUP_BATCH, CLEANUP_BATCH, 7);
		expect(await cleanupIdleVisitors(client)).toBe(2 * CLEANUP_BATCH + 7);
		expect(client.calls).toBe(3);
	});

	it('stops after the batch cap even when every batch is full', async () => {
		const client = clientAnswering(...Array(CLEANUP_MAX_BATCHES + 5).fill(CLEANUP_BATCH));
		await cleanupIdleVisitors(client);
		expect(client.calls).toBe(CLEANUP_MAX_BATCHES);
	});

	it('reports a failed call with the database message', async () => {
		await expect(cleanupIdleVisitors(clientAnswering('permission denied'))).rejects.toThrow(
			'cleanup_idle_visitors failed: permission denied'
		);
	});

	it.each([
		[undefined, 3_600_000],
		['', 3_600_000],
		['0', 0],
		['15', 900_000]
	])('reads an interval of %j as %d ms', (value, expected) => {
		expect(cleanupIntervalMs(value)).toBe(expected);
	});

	it.each(['-1', '1.5', 'hourly', '10081'])('refuses an interval of %j', (value) => {
		expect(() => cleanupIntervalMs(value)).toThrow(/PARLEY_CLEANUP_INTERVAL_MINUTES/);
	});

	it('runs on its timer, logs failures instead of throwing, and stops when asked', async () => {
		vi.useFakeTimers();
		try {
			const client = clientAnswering('down', 3);
			const log = { error: vi.fn(), info: vi.fn() };
			const stop = startMaintenance(() => client, 120_000, log);
			await vi.advanceTimersByTimeAsync(60_000);
			expect(log.error).toHaveBeenCalledWith(
				'parley: visitor cleanup: cleanup_idle_visitors failed: down'
			);
			await vi.advanceTimersByTimeAsync(120_000);
			expect(log.info).toHaveBeenCalledWith('parley: removed 3 idle anonymous visitors');
			stop();
			await vi.advanceTimersByTimeAsync(10 * 120_000);
			expect(client.calls).toBe(2);
		} finally {
			vi.useRealTimers();
		}
	});

	it('does nothing when the interval is 0', async () => {
		vi.useFakeTimers();
		try {
			const client = clientAnswering(1);
			startMaintenance(() => client, 0);
			await vi.advanceTimersByTimeAsync(10 * 3_600_000);
			expect(client.calls).toBe(0);
		} finally {
			vi.useRealTimers();
		}
	});
});
