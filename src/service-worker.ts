/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The console's service worker: precaches this build, opens the console offline from a cached
 * shell, and keeps every build's files in that build's own cache so pages and files of two
 * builds never mix. Request routing is decided in `$lib/pwa/strategy.ts`.
 */
import { base, build, files, version } from '$service-worker';
import {
	CONSOLE_PATH,
	isSkipWaitingMessage,
	routeRequest,
	shellMatchesBuild,
	type WorkerScope
} from '$lib/pwa/strategy.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE_PREFIX = 'parley-precache-';
const CACHE = `${CACHE_PREFIX}${version}`;
const SHELL_URL = `${base}${CONSOLE_PATH}`;
/** Proxy answers that mean "the app server is unreachable", treated like being offline. */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

const scope: WorkerScope = {
	origin: sw.location.origin,
	base,
	build: new Set(build),
	files: new Set(files)
};

/**
 * The console renders in the browser (`ssr = false`), so the page the server sends for `/app`
 * is a shell that fits every console URL. It is fetched now, while online, and checked to
 * belong to this build.
 */
async function fetchShell(): Promise<Response> {
	const response = await fetch(SHELL_URL, { cache: 'no-store', credentials: 'same-origin' });
	if (!response.ok || response.redirected) {
		throw new Error(`The console shell answered ${response.status}; not installing.`);
	}
	const html = await response.clone().text();
	if (!shellMatchesBuild(html, scope.build, `${base}/_app/immutable/`)) {
		throw new Error('The console shell belongs to another build; not installing.');
	}
	return response;
}

sw.addEventListener('install', (event) => {
	// A failed install is retried by the browser on a later visit; the old worker stays.
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...build, ...files]);
			await cache.put(SHELL_URL, await fetchShell());
		})()
	);
	// No skipWaiting() here: an update waits until the person accepts it (the update prompt),
	// so a console with an unsent reply is never swapped under their hands.
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
			}
			// On a first install, take over the page that registered us so it works offline now.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (isSkipWaitingMessage(event.data)) void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const strategy = routeRequest(
		{
			url: request.url,
			method: request.method,
			mode: request.mode,
			hasRange: request.headers.has('range')
		},
		scope
	);
	if (strategy === 'passthrough') return;
	const path = new URL(request.url).pathname;
	if (strategy === 'immutable') event.respondWith(cacheFirst(request, path));
	else if (strategy === 'static') event.respondWith(networkFirst(request, path));
	else event.respondWith(consoleNavigation(request));
});

async function cacheFirst(request: Request, path: string): Promise<Response> {
	const cached = await caches.match(path, { cacheName: CACHE });
	return cached ?? fetch(request);
}

async function networkFirst(request: Request, path: string): Promise<Response> {
	try {
		return await fetch(request);
	} catch (error) {
		const cached = await caches.match(path, { cacheName: CACHE });
		if (cached) return cached;
		throw error;
	}
}

async function consoleNavigation(request: Request): Promise<Response> {
	try {
		const response = await fetch(request);
		if (!UNREACHABLE_STATUSES.has(response.status)) return response;
		return (await caches.match(SHELL_URL, { cacheName: CACHE })) ?? response;
	} catch (error) {
		const shell = await caches.match(SHELL_URL, { cacheName: CACHE });
		if (shell) return shell;
		throw error;
	}
}

// ---------------------------------------------------------------------------------------------
// PUSH (not built yet): a `push` listener will show a notification for new conversations,
// accepted invitations and transfers, with the conversation's path in `data`.
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// NOTIFICATION CLICK (not built yet): a `notificationclick` listener will focus an open console
// window (or open one) and navigate it to the conversation named in the notification's data.
// ---------------------------------------------------------------------------------------------
