/**
 * For specs: `node:worker_threads` with a `Worker` that records every thread it starts, so a
 * test can end one as a crash would or see that an idle one ended. Used from a `vi.mock`
 * factory, which hands over the real module (this file must not import it, or the mock
 * would import itself).
 */
import type * as WorkerThreads from 'node:worker_threads';

export function withTrackedWorker(
	real: typeof WorkerThreads,
	started: WorkerThreads.Worker[]
): typeof WorkerThreads {
	class TrackedWorker extends real.Worker {
		constructor(...args: ConstructorParameters<typeof real.Worker>) {
			super(...args);
			started.push(this);
		}
	}
	return { ...real, Worker: TrackedWorker };
}
