/**
 * This device's push subscription: turning notifications on (permission, subscribe with the
 * server's VAPID key, save it for the signed-in member) and off (unsubscribe, delete the row).
 * Framework-free; `push.svelte.ts` keeps the state the Settings section shows.
 */

/** What the Settings section shows. */
export type PushStatus = 'on' | 'off' | 'blocked' | 'unsupported';

/** What these functions need from supabase-js. */
export interface PushDb {
	rpc(
		fn: 'save_push_subscription',
		args: { endpoint: string; p256dh: string; auth: string; user_agent: string }
	): PromiseLike<{ error: { message: string } | null }>;
	from(table: 'push_subscriptions'): {
		delete(): {
			eq(column: 'endpoint', value: string): PromiseLike<{ error: { message: string } | null }>;
		};
	};
}

/** The browser's parts this module uses (window in the app, stand-ins in specs). */
export interface PushPlatform {
	Notification?: {
		permission: NotificationPermission;
		requestPermission(): Promise<NotificationPermission>;
	};
	serviceWorker?: {
		ready: Promise<{ pushManager: PushManager }>;
		getRegistration(): Promise<{ pushManager: PushManager } | undefined>;
	};
	fetch: typeof fetch;
	userAgent: string;
}

/** The current window as a PushPlatform. */
export function browserPlatform(): PushPlatform {
	const hasPush = typeof window !== 'undefined' && 'PushManager' in window;
	return {
		Notification: hasPush && 'Notification' in window ? window.Notification : undefined,
		serviceWorker: hasPush && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
		fetch: (...args) => fetch(...args),
		userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent
	};
}

/** Whether this browser can receive web push at all. */
export function pushSupported(p: PushPlatform): boolean {
	return !!p.Notification && !!p.serviceWorker;
}

/** Decodes a base64url string (the VAPID key) into bytes for applicationServerKey. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
	const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
	const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
	const binary = atob(padded);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

function bytesToBase64Url(buffer: ArrayBuffer | null): string {
	if (!buffer) return '';
	let binary = '';
	for (const b of new Uint8Array(buffer)) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The server's VAPID public key (GET /api/push/key), checked to be a P-256 public key. */
export async function serverKey(p: PushPlatform): Promise<string> {
	const response = await p.fetch('/api/push/key', { cache: 'no-store' });
	if (!response.ok) throw new Error(`the server answered ${response.status}`);
	const body = (await response.json()) as { publicKey?: unknown };
	if (typeof body.publicKey !== 'string' || !/^B[A-Za-z0-9_-]{86}$/.test(body.publicKey))
		throw new Error('the server sent no usable push key');
	return body.publicKey;
}

/** How long turning on waits for the console's service worker to be running. */
export const WORKER_READY_TIMEOUT_MS = 10_000;

/** The push manager of the registered worker, or null when none is registered (`npm run dev`). */
async function registeredPushManager(p: PushPlatform): Promise<PushManager | null> {
	return (await p.serviceWorker?.getRegistration())?.pushManager ?? null;
}

/** The push manager once the worker runs; fails instead of waiting forever when it never does. */
async function readyPushManager(p: PushPlatform): Promise<PushManager> {
	if (!p.serviceWorker) throw new Error('no service worker');
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error('the console’s service worker is not running; reload and try again')),
			WORKER_READY_TIMEOUT_MS
		);
	});
	try {
		return (await Promise.race([p.serviceWorker.ready, late])).pushManager;
	} finally {
		clearTimeout(timer);
	}
}

/** Saves a browser subscription for the signed-in member. */
async function save(db: PushDb, sub: PushSubscription, userAgent: string): Promise<void> {
	const json = sub.toJSON();
	const { error } = await db.rpc('save_push_subscription', {
		endpoint: sub.endpoint,
		p256dh: json.keys?.p256dh ?? bytesToBase64Url(sub.getKey('p256dh')),
		auth: json.keys?.auth ?? bytesToBase64Url(sub.getKey('auth')),
		user_agent: userAgent.slice(0, 512)
	});
	if (error) throw new Error(error.message);
}

/** The state now. A subscription the browser holds is saved again, so the server has it. */
export async function currentStatus(db: PushDb, p: PushPlatform): Promise<PushStatus> {
	if (!pushSupported(p)) return 'unsupported';
	if (p.Notification!.permission === 'denied') return 'blocked';
	if (p.Notification!.permission !== 'granted') return 'off';
	const sub = await (await registeredPushManager(p))?.getSubscription();
	if (!sub) return 'off';
	await save(db, sub, p.userAgent);
	return 'on';
}

/** Asks for permission, subscribes with the server's key and saves the subscription. */
export async function turnOn(db: PushDb, p: PushPlatform): Promise<PushStatus> {
	if (!pushSupported(p)) return 'unsupported';
	const permission = await p.Notification!.requestPermission();
	if (permission === 'denied') return 'blocked';
	if (permission !== 'granted') return 'off';
	const key = await serverKey(p);
	const manager = await readyPushManager(p);
	let sub = await manager.getSubscription();
	// A subscription made with other keys (the server's changed) cannot be used: replace it.
	if (sub && bytesToBase64Url(sub.options.applicationServerKey) !== key) {
		await db.from('push_subscriptions').delete().eq('endpoint', sub.endpoint);
		await sub.unsubscribe();
		sub = null;
	}
	sub ??= await manager.subscribe({
		userVisibleOnly: true,
		applicationServerKey: base64UrlToBytes(key)
	});
	await save(db, sub, p.userAgent);
	return 'on';
}

/**
 * Unsubscribes this device and deletes its row. Used by "Turn off" and on signing out, so a
 * device handed to someone else stops getting the previous person's notifications.
 */
export async function turnOff(db: PushDb, p: PushPlatform): Promise<PushStatus> {
	if (!pushSupported(p)) return 'unsupported';
	// Never waits for a worker: signing out must not hang where none is registered.
	const sub = await (await registeredPushManager(p))?.getSubscription();
	if (sub) {
		const { error } = await db.from('push_subscriptions').delete().eq('endpoint', sub.endpoint);
		if (error) throw new Error(error.message);
		await sub.unsubscribe();
	}
	return p.Notification!.permission === 'denied' ? 'blocked' : 'off';
}
