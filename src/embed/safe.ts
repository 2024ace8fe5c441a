/** Nothing of ours may reach the host page: no thrown error, no unhandled rejection. */

const noop = () => {};

/**
 * `f` with every error swallowed, thrown or (when it returns a promise) rejected. Wraps
 * everything the browser calls: timers, listeners, socket handlers.
 */
export const safe =
	<A = void>(f: (a: A) => unknown) =>
	(a: A) => {
		try {
			(f(a) as Promise<unknown> | undefined)?.catch?.(noop);
		} catch {
			// Swallowed on purpose.
		}
	};
