/**
 * simple-peer, loaded when a call starts or rings, never with the page: the shim for Node's
 * `process` goes first (static imports run before the importing module, so it is a module of
 * its own), then the library itself.
 */
import type SimplePeerClass from 'simple-peer';

export type SimplePeer = SimplePeerClass;
export type SimplePeerConstructor = typeof SimplePeerClass;

let loading: Promise<SimplePeerConstructor> | null = null;

/** The SimplePeer class, loaded once. */
export function loadSimplePeer(): Promise<SimplePeerConstructor> {
	loading ??= import('./process-shim.ts')
		.then(() => import('simple-peer'))
		.then((m) => m.default)
		.catch((err: unknown) => {
			loading = null;
			throw err;
		});
	return loading;
}
