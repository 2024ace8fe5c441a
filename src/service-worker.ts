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
import { alreadyShown, clickPath, parsePushPayload, pickWindow } from '$lib/push/notification.ts';

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
// PUSH: the server sends one notification per conversation (tag = its id, so a newer one
// replaces the older and, with renotify, alerts again). The payload is checked before use.
// ---------------------------------------------------------------------------------------------

const NOTIFICATION_ICON = `${base}/icons/icon-192.png`;

sw.addEventListener('push', (event) => {
	event.waitUntil(showPush(event.data?.text()));
});

async function showPush(text: string | undefined): Promise<void> {
	const payload = parsePushPayload(text);
	if (!payload) {
		// Every push must show something (browsers punish silent ones); this one is not ours to
		// read, so it only says that something happened and opens the conversation list.
		await sw.registration.showNotification('Parley', {
			icon: NOTIFICATION_ICON,
			tag: 'parley',
			data: { url: '/app/conversations' }
		});
		return;
	}
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	if (alreadyShown(payload, windows, base)) return;
	const options: NotificationOptions & { renotify: boolean; timestamp: number } = {
		body: payload.body,
		icon: NOTIFICATION_ICON,
		badge: NOTIFICATION_ICON,
		tag: payload.tag,
		renotify: true,
		timestamp: Date.now(),
		data: {
			url: payload.url,
			conversationId: payload.conversationId,
			kind: payload.kind,
			offer: payload.offer
		}
	};
	await sw.registration.showNotification(payload.title, options);
}

// ---------------------------------------------------------------------------------------------
// NOTIFICATION CLICK: focus an open console window and take it to the conversation, or open
// one there.
// ---------------------------------------------------------------------------------------------

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	// Started before waitUntil, so the work also runs for an event a test dispatches itself.
	const work = openConversation(
		new URL(`${base}${clickPath(event.notification.data)}`, sw.location.origin).href
	);
	event.waitUntil(work);
});

async function openConversation(url: string): Promise<void> {
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const target = pickWindow(windows, base);
	if (target) {
		// focus() needs the click's user activation; navigate() works on windows we control.
		await target.focus().catch(() => undefined);
		const navigated = await target.navigate(url).catch(() => null);
		if (navigated) return;
	}
	await sw.clients.openWindow(url);
}
