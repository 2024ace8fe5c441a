/**
 * The app server keeps no state of its own: two of them (the built app as `npm start` runs
 * it, pointed at one backend as at a Supabase project) serve the same product. A conversation
 * and an invitation between people whose pages came from different servers work, every
 * message and invitation arrives once, and the push sender running in both servers sends
 * each notification once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/ports.js';
import webpush from 'web-push';
import { WORLD } from './fixtures/tenancy.ts';
import { call, listen, sleep, useChatWorld, uuid, waitFor } from './fixtures/chat.ts';
import { startMockPushService, type MockPushService } from '../browser/push-service.ts';

const world = useChatWorld();
const { visitor, agent } = world;
const SERVERS = 2;
/** How long to keep watching for a second copy once the first has arrived. */
const SETTLE_MS = 1500;

interface AppServer {
	origin: string;
	subject: string;
	stop(): Promise<void>;
}

async function until(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`app server exited with ${child.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await sleep(200);
	}
	throw new Error(`timed out waiting for ${url}`);
}

/** One app server against the test's stack, as against a Supabase project; its own data dir. */
async function startAppServer(i: number, vapid: { publicKey: string; privateKey: string }) {
	const t = world.t();
	const port = await freePort();
	const dataDir = await mkdtemp(join(tmpdir(), `parley-app-${i}-`));
	const subject = `mailto:server-${i}@parley.test`;
	const child = spawn(process.execPath, ['scripts/start.js'], {
		env: {
			...process.env,
			PARLEY_ENV_FILE: '',
			PARLEY_LOCAL_STACK: 'off',
			PUBLIC_SUPABASE_URL: t.url,
			PUBLIC_SUPABASE_ANON_KEY: t.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: t.serviceRoleKey,
			DATABASE_URL: '',
			HOST: '127.0.0.1',
			PORT: String(port),
			PARLEY_DATA_DIR: dataDir,
			PARLEY_APERTIUM: 'off',
			// One key pair for the deployment (a device subscribes once, to whichever server);
			// the subject tells the test which server sent a notification.
			PARLEY_VAPID_PUBLIC_KEY: vapid.publicKey,
			PARLEY_VAPID_PRIVATE_KEY: vapid.privateKey,
			PARLEY_VAPID_SUBJECT: subject,
			PARLEY_PUSH_ALLOW_LOOPBACK_HTTP: 'true',
			PARLEY_PUSH_INTERVAL_MS: '200'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const origin = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGINT');
			await exited;
		}
		await rm(dataDir, { recursive: true, force: true });
	};
	try {
		await until(`${origin}/`, child);
	} catch (err) {
		await stop();
		throw err;
	}
	return { origin, subject, stop };
}

let servers: AppServer[] = [];
let push: MockPushService;

beforeAll(async () => {
	// The servers run the build, as in production: make it if it is missing or stale.
	const built = spawnSync(process.execPath, ['scripts/ensure-build.js'], { stdio: 'inherit' });
	if (built.status !== 0) throw new Error('npm run build failed');
	push = await startMockPushService();
	const vapid = webpush.generateVAPIDKeys();
	servers = await Promise.all(Array.from({ length: SERVERS }, (_, i) => startAppServer(i, vapid)));
}, 600_000);

afterAll(async () => {
	await Promise.all(servers.map((s) => s.stop()));
	await push?.close();
});

/** The notifications the mock push service decrypted for one conversation, with their sender. */
function pushesFor(conversationId: string) {
	return push.received
		.map((r) => ({ server: r.claims.sub, payload: JSON.parse(r.plaintext) }))
		.filter((p) => p.payload.conversationId === conversationId);
}

/** Saves a push subscription on the mock service for an agent's device. */
async function device(client: Awaited<ReturnType<typeof agent>>['client']) {
	const d = push.device();
	const res = await call(client, 'save_push_subscription', {
		endpoint: d.endpoint,
		p256dh: d.p256dh,
		auth: d.auth,
		user_agent: 'Scale-out spec'
	});
	if (res.code) throw new Error(`save_push_subscription: ${res.code} ${res.message}`);
	return d;
}

describe('two app servers against one backend', () => {
	it('serve the same deployment: the snippet names the one backend, and push uses one key', async () => {
		for (const s of servers) {
			const res = await fetch(`${s.origin}/embed.js`);
			expect(await res.text()).toContain(world.t().url);
			// Idle connections stay open as long as the stack's (a balancer in front closes first).
			expect(res.headers.get('keep-alive')).toBe('timeout=65');
		}
		const keys = await Promise.all(
			servers.map(async (s) => (await (await fetch(`${s.origin}/api/push/key`)).json()).publicKey)
		);
		expect(new Set(keys).size).toBe(1);
	});

	it('carry a conversation between a visitor and an agent: each message and notification arrives once', async () => {
		const a = await agent('A', { online: true });
		await device(a.client);
		const feed = await listen(a.client, `site:${WORLD.A.site}`);
		const v = await visitor('A');
		const started = await call<{ conversation_id: string }>(v.client, 'start_conversation', {
			visitor_name: 'Vera'
		});
		expect(started.code).toBeNull();
		const id = started.data!.conversation_id;
		const widget = await listen(v.client, `conversation:${id}`);
		const console_ = await listen(a.client, `conversation:${id}`);

		const ask = uuid();
		const sent = await v.client.from('messages').insert({
			id: ask,
			conversation_id: id,
			sender_id: v.id,
			sender_kind: 'visitor',
			body: 'Hi'
		});
		expect(sent.error).toBeNull();
		const reply = uuid();
		await waitFor(
			() => console_.got.some((m) => m.payload.id === ask),
			'the agent gets the message'
		);
		const answered = await a.client.from('messages').insert({
			id: reply,
			conversation_id: id,
			sender_id: a.id,
			sender_kind: 'agent',
			body: 'Hello!'
		});
		expect(answered.error).toBeNull();
		await waitFor(
			() => widget.got.some((m) => m.payload.id === reply),
			'the visitor gets the reply'
		);
		// The new conversation is held 2 s so the first message joins its notification.
		await waitFor(() => pushesFor(id).length > 0, 'a notification of the conversation');
		await sleep(SETTLE_MS);

		const copies = (got: { event: string; payload: Record<string, unknown> }[], mid: string) =>
			got.filter((m) => m.event === 'message' && m.payload.id === mid).length;
		expect(copies(console_.got, ask)).toBe(1);
		expect(copies(widget.got, reply)).toBe(1);
		expect(
			feed.got.filter((m) => m.event === 'conversation' && m.payload.id === id).length
		).toBeGreaterThan(0);
		const pushes = pushesFor(id);
		expect(pushes.map((p) => p.payload.kind)).toEqual(['conversation_started']);
		expect(servers.map((s) => s.subject)).toContain(pushes[0].server);
		expect(
			await world.sql('select 1 from public.push_outbox where conversation_id = $1', [id])
		).toHaveLength(0);
	});

	it('carry an invitation from an agent to a visitor and its acceptance back: each arrives once', async () => {
		const inviter = await agent('A', { online: true });
		await device(inviter.client);
		const feed = await listen(inviter.client, `site:${WORLD.A.site}`);
		const v = await visitor('A');
		// The snippet's own channel: invitations for this visitor only.
		const page = await listen(v.client, `visitor:${v.id}`);
		const inv = await call<{ id: string }>(inviter.client, 'invite_visitor', {
			visitor_id: v.id,
			message: 'Need help choosing?'
		});
		expect(inv.code).toBeNull();
		await waitFor(
			() => page.got.some((m) => m.event === 'invitation' && m.payload.id === inv.data!.id),
			'the visitor sees the invitation'
		);
		const accepted = await call<{ conversation_id: string }>(v.client, 'accept_invitation', {
			invitation_id: inv.data!.id
		});
		expect(accepted.code).toBeNull();
		const id = accepted.data!.conversation_id;
		await waitFor(
			() =>
				feed.got.some(
					(m) =>
						m.event === 'invitation' &&
						m.payload.id === inv.data!.id &&
						m.payload.status === 'accepted'
				),
			'the agent sees the acceptance'
		);
		await waitFor(() => pushesFor(id).length > 0, 'a notification of the acceptance');
		await sleep(SETTLE_MS);

		const invitations = page.got.filter(
			(m) => m.event === 'invitation' && m.payload.id === inv.data!.id
		);
		expect(invitations).toHaveLength(1);
		const acceptances = feed.got.filter(
			(m) =>
				m.event === 'invitation' && m.payload.id === inv.data!.id && m.payload.status === 'accepted'
		);
		expect(acceptances).toHaveLength(1);
		expect(pushesFor(id).map((p) => p.payload.kind)).toEqual(['invitation_accepted']);
	});
});
