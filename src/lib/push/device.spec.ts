import { describe, expect, it } from 'vitest';
import { currentStatus, turnOff, turnOn, type PushDb, type PushPlatform } from './device.ts';

const KEY = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
const OTHER_KEY = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 9)]).toString('base64url');

function fakeDb() {
	const calls: { saved: Record<string, string>[]; deleted: string[] } = { saved: [], deleted: [] };
	const db: PushDb = {
		rpc: async (_fn, args) => {
			calls.saved.push(args);
			return { error: null };
		},
		from: () => ({
			delete: () => ({
				eq: async (_c, value) => {
					calls.deleted.push(value);
					return { error: null };
				}
			})
		})
	};
	return { db, calls };
}

function fakeSub(endpoint: string, key: string, log: string[]): PushSubscription {
	return {
		endpoint,
		options: { applicationServerKey: Buffer.from(key, 'base64url').buffer, userVisibleOnly: true },
		toJSON: () => ({ endpoint, keys: { p256dh: 'P', auth: 'A' } }),
		getKey: () => null,
		unsubscribe: async () => {
			log.push(`unsubscribe ${endpoint}`);
			return true;
		}
	} as unknown as PushSubscription;
}

function platform(opts: {
	permission?: NotificationPermission;
	answer?: NotificationPermission;
	existing?: PushSubscription | null;
	supported?: boolean;
}) {
	const log: string[] = [];
	let current = opts.existing ?? null;
	const manager = {
		getSubscription: async () => current,
		subscribe: async (o: PushSubscriptionOptionsInit) => {
			log.push(`subscribe ${(o.applicationServerKey as Uint8Array).length}`);
			current = fakeSub('https://push.example/new', KEY, log);
			return current;
		}
	} as unknown as PushManager;
	const p: PushPlatform = {
		Notification:
			opts.supported === false
				? undefined
				: {
						permission: opts.permission ?? 'default',
						requestPermission: async () => opts.answer ?? 'granted'
					},
		serviceWorker:
			opts.supported === false
				? undefined
				: {
						ready: Promise.resolve({ pushManager: manager }),
						getRegistration: async () => ({ pushManager: manager })
					},
		fetch: (async () => new Response(JSON.stringify({ publicKey: KEY }))) as typeof fetch,
		userAgent: 'Spec'
	};
	return { p, log };
}

describe('the device push state', () => {
	it('is unsupported without the Push API, blocked when denied, off without a subscription', async () => {
		const { db } = fakeDb();
		expect(await currentStatus(db, platform({ supported: false }).p)).toBe('unsupported');
		expect(await currentStatus(db, platform({ permission: 'denied' }).p)).toBe('blocked');
		expect(await currentStatus(db, platform({ permission: 'granted' }).p)).toBe('off');
	});

	it('turns on: asks, subscribes with the server key and saves the subscription', async () => {
		const { db, calls } = fakeDb();
		const { p, log } = platform({});
		expect(await turnOn(db, p)).toBe('on');
		expect(log).toEqual(['subscribe 65']);
		expect(calls.saved).toEqual([
			{ endpoint: 'https://push.example/new', p256dh: 'P', auth: 'A', user_agent: 'Spec' }
		]);
	});

	it('stays off or blocked when the person says no', async () => {
		const { db, calls } = fakeDb();
		expect(await turnOn(db, platform({ answer: 'denied' }).p)).toBe('blocked');
		expect(await turnOn(db, platform({ answer: 'default' }).p)).toBe('off');
		expect(calls.saved).toEqual([]);
	});

	it('replaces a subscription made with other keys', async () => {
		const { db, calls } = fakeDb();
		const log: string[] = [];
		const old = fakeSub('https://push.example/old', OTHER_KEY, log);
		const { p, log: pLog } = platform({ permission: 'granted', existing: old });
		expect(await turnOn(db, p)).toBe('on');
		expect(log).toEqual(['unsubscribe https://push.example/old']);
		expect(pLog).toEqual(['subscribe 65']);
		expect(calls.deleted).toEqual(['https://push.example/old']);
	});

	it('turns off: deletes the row and unsubscribes the browser', async () => {
		const { db, calls } = fakeDb();
		const log: string[] = [];
		const { p } = platform({
			permission: 'granted',
			existing: fakeSub('https://push.example/x', KEY, log)
		});
		expect(await turnOff(db, p)).toBe('off');
		expect(calls.deleted).toEqual(['https://push.example/x']);
		expect(log).toEqual(['unsubscribe https://push.example/x']);
	});

	it('turns off at once where no worker is registered (sign-out never waits for one)', async () => {
		const { db, calls } = fakeDb();
		const { p } = platform({ permission: 'granted' });
		p.serviceWorker = { ready: new Promise(() => {}), getRegistration: async () => undefined };
		expect(await turnOff(db, p)).toBe('off');
		expect(await currentStatus(db, p)).toBe('off');
		expect(calls.deleted).toEqual([]);
	});

	it('re-saves a subscription the browser still holds, so the server has it for this person', async () => {
		const { db, calls } = fakeDb();
		const { p } = platform({
			permission: 'granted',
			existing: fakeSub('https://push.example/y', KEY, [])
		});
		expect(await currentStatus(db, p)).toBe('on');
		expect(calls.saved.map((s) => s.endpoint)).toEqual(['https://push.example/y']);
	});
});
