import { describe, expect, it, vi } from 'vitest';
import { cleanupIdleVisitors, startVisitorCleanup } from './maintenance.js';

describe('cleanupIdleVisitors', () => {
	it('calls the function with the service role and returns the count', async () => {
		const fetchImpl = vi.fn(async () => new Response('3', { status: 200 }));
		expect(await cleanupIdleVisitors('http://db.test', 'service-key', fetchImpl)).toBe(3);
		expect(fetchImpl).toHaveBeenCalledWith('http://db.test/rest/v1/rpc/cleanup_idle_visitors', {
			method: 'POST',
			headers: {
				apikey: 'service-key',
				authorization: 'Bearer service-key',
				'content-type': 'application/json'
			},
			body: '{}'
		});
	});

	it('throws with the status and body when refused', async () => {
		const fetchImpl = async () => new Response('{"code":"42501"}', { status: 403 });
		await expect(cleanupIdleVisitors('http://db.test', 'k', fetchImpl)).rejects.toThrow(
			'cleanup_idle_visitors answered 403: {"code":"42501"}'
		);
	});
});

describe('startVisitorCleanup', () => {
	it('runs at once and every interval until stopped', async () => {
		vi.useFakeTimers();
		try {
			const run = vi.fn(async () => 0);
			const stop = startVisitorCleanup(
				{ supabaseUrl: 'http://db.test', serviceRoleKey: 'k' },
				{ intervalMs: 1000, run }
			);
			expect(run).toHaveBeenCalledTimes(1);
			await vi.advanceTimersByTimeAsync(2000);
			expect(run).toHaveBeenCalledTimes(3);
			stop();
			await vi.advanceTimersByTimeAsync(5000);
			expect(run).toHaveBeenCalledTimes(3);
		} finally {
			vi.useRealTimers();
		}
	});

	it('does nothing without a service role key', () => {
		const run = vi.fn(async () => 0);
		startVisitorCleanup({ supabaseUrl: 'http://db.test', serviceRoleKey: '' }, { run });
		expect(run).not.toHaveBeenCalled();
	});
});
