import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BCRYPT_IDLE_MS, bcryptCompare, bcryptHash } from './bcrypt-thread.ts';

/** Every bcrypt thread this file starts. */
const threads = vi.hoisted(() => [] as Worker[]);
vi.mock('node:worker_threads', async (original) => {
	const { withTrackedWorker } = await import('../tracked-worker.ts');
	return withTrackedWorker(await original<typeof import('node:worker_threads')>(), threads);
});

afterEach(() => {
	vi.useRealTimers();
});

describe('the bcrypt thread', () => {
	it('ends once idle, and the next call starts another', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const hash = await bcryptHash('first-pw', 4);
		expect(threads).toHaveLength(1);
		// A call within the idle time keeps the same thread.
		await vi.advanceTimersByTimeAsync(BCRYPT_IDLE_MS - 100);
		expect(await bcryptCompare('first-pw', hash)).toBe(true);
		expect(threads).toHaveLength(1);
		const ended = new Promise((done) => threads[0].once('exit', done));
		await vi.advanceTimersByTimeAsync(BCRYPT_IDLE_MS);
		await ended;
		expect(await bcryptCompare('first-pw', hash)).toBe(true);
		expect(threads).toHaveLength(2);
	});

	it('brings bcrypt’s errors back, and goes on working', async () => {
		await expect(bcryptHash(42 as unknown as string, 4)).rejects.toThrow('Illegal arguments');
		expect(await bcryptCompare('pw', '$2a$10$short')).toBe(false);
		expect(await bcryptCompare('pw', await bcryptHash('pw', 4))).toBe(true);
	});
});
