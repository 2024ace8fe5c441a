/**
 * What the service worker does with each request, as pure functions so the rules can be tested
 * without a worker. `src/service-worker.ts` does the caching; this module only decides.
 */

/** The console's path below the app's base; its pages share one client-rendered shell. */
export const CONSOLE_PATH = '/app';

/** The message workbox-window's `messageSkipWaiting()` sends to a waiting worker. */
export const SKIP_WAITING = 'SKIP_WAITING';

/**
 * - `immutable`: a hashed build file; the precache is always right, so cache first.
 * - `static`: a file from `static/`; its name survives rebuilds, so network first with the
 *   precache as the offline copy (a newer page must never get an older build's file).
 * - `console`: a navigation inside the console; network first, the cached shell offline.
 * - `passthrough`: not the worker's business (API calls, other origins, other pages, writes).
 */
export type Strategy = 'immutable' | 'static' | 'console' | 'passthrough';

/** The parts of a request the decision depends on. */
export interface RequestFacts {
	url: string;
	method: string;
	mode: RequestMode;
	/** True when the request asks for a byte range (media seeking), which a cache can't serve. */
	hasRange: boolean;
}

/** What the worker knows about its own build. */
export interface WorkerScope {
	/** The app's origin (the worker's own). */
	origin: string;
	/** SvelteKit's `base` path, '' at the root. */
	base: string;
	/** Paths of hashed build files (`$service-worker`'s `build`). */
	build: ReadonlySet<string>;
	/** Paths of files copied from `static/` (`$service-worker`'s `files`). */
	files: ReadonlySet<string>;
}

/** True when `pathname` is `prefix` itself or lies below it. */
function isUnder(pathname: string, prefix: string): boolean {
	return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Decides how the service worker answers one request. */
export function routeRequest(request: RequestFacts, scope: WorkerScope): Strategy {
	if (request.method !== 'GET' || request.hasRange) return 'passthrough';
	const url = new URL(request.url);
	// The Supabase API lives on another origin; its data belongs to the sync engine, not here.
	if (url.origin !== scope.origin) return 'passthrough';
	if (isUnder(url.pathname, `${scope.base}/api`)) return 'passthrough';
	if (request.mode === 'navigate') {
		return isUnder(url.pathname, `${scope.base}${CONSOLE_PATH}`) ? 'console' : 'passthrough';
	}
	if (scope.build.has(url.pathname)) return 'immutable';
	if (scope.files.has(url.pathname)) return 'static';
	return 'passthrough';
}

/**
 * True when an HTML shell loads only files from this build. The worker checks the console
 * shell it fetches at install time, so a deploy racing the install can never pair this
 * worker's cache with another build's page.
 */
export function shellMatchesBuild(
	html: string,
	build: ReadonlySet<string>,
	immutablePrefix: string
): boolean {
	const pattern = new RegExp(`${escapeRegExp(immutablePrefix)}[^"'\`\\s)]+`, 'g');
	const referenced = html.match(pattern) ?? [];
	return referenced.length > 0 && referenced.every((path) => build.has(path));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True for workbox-window's "activate now" message. */
export function isSkipWaitingMessage(data: unknown): boolean {
	return (
		typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SKIP_WAITING
	);
}
