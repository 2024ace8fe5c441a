/**
 * Calls as people make them: a visitor on the shop's widget and an agent in the console, with
 * Chromium's fake camera and microphone. The agent calls, the visitor's widget rings and the
 * visitor accepts; video flows both ways (frames decoded on each side, read from the pages'
 * own RTCPeerConnections), mute silences the agent, hang-up ends the call on both sides and
 * the summary lands in the conversation. The same call connects again through a TURN server
 * (coturn, started here) with relayed candidates only, on credentials from /api/ice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { TEST_TURN_PORT, TEST_TURN_SECRET } from '../../playwright.config.ts';
import { test, expect } from './fixtures.ts';
import { PHONE, TABLET, admin, newWorld, pairAgent } from './console-world.ts';
import { snippetPage, startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/**
 * Keeps every RTCPeerConnection a page (or its frames) makes in `window.__pcs`, so the test
 * can read their stats; with `relay`, every connection uses relayed candidates only.
 */
async function instrument(context: BrowserContext, relay = false) {
	await context.addInitScript((relayOnly: boolean) => {
		const Native = window.RTCPeerConnection;
		const pcs: RTCPeerConnection[] = [];
		(window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
		class Recorded extends Native {
			constructor(config?: RTCConfiguration) {
				super(relayOnly ? { ...config, iceTransportPolicy: 'relay' } : config);
				pcs.push(this);
			}
		}
		window.RTCPeerConnection = Recorded;
	}, relay);
}

type Inbound = {
	framesDecoded: number;
	totalAudioEnergy: number;
	candidateTypes: string[];
	state: string;
};

/** What the latest connection of a page or frame receives, and the candidate types in use. */
async function inbound(target: Page | Frame): Promise<Inbound> {
	return target.evaluate(async () => {
		const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
		const pc = pcs[pcs.length - 1];
		const out = {
			framesDecoded: 0,
			totalAudioEnergy: 0,
			candidateTypes: [] as string[],
			state: 'none'
		};
		if (!pc) return out;
		out.state = pc.connectionState;
		const stats = await pc.getStats();
		const byId = new Map<string, Record<string, unknown>>();
		stats.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
		for (const s of byId.values()) {
			if (s.type === 'inbound-rtp' && s.kind === 'video')
				out.framesDecoded += Number(s.framesDecoded ?? 0);
			if (s.type === 'inbound-rtp' && s.kind === 'audio')
				out.totalAudioEnergy += Number(s.totalAudioEnergy ?? 0);
			if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
				const local = byId.get(s.localCandidateId as string);
				const remote = byId.get(s.remoteCandidateId as string);
				out.candidateTypes.push(`${local?.candidateType}/${remote?.candidateType}`);
			}
		}
		return out;
	});
}

/** The widget's frame in the visitor's page. */
function widgetFrame(page: Page): Frame {
	const frame = page.frames().find((f) => f.url().includes('/widget'));
	if (!frame) throw new Error('no widget frame');
	return frame;
}

async function goOnline(page: Page) {
	const toggle = page.getByRole('switch', { name: /online|available/i }).first();
	if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-checked', 'true');
}

/** A visitor on a phone chatting with an agent on a tablet, in one conversation. */
async function conversation(
	browser: import('@playwright/test').Browser,
	baseURL: string,
	relay = false
) {
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL, world.siteKey));
	const agent = await pairAgent(browser, world, 'Sam', TABLET);
	await instrument(agent.context, relay);
	await agent.page.goto('/app/conversations');
	await goOnline(agent.page);

	const visitorContext = await browser.newContext({
		...PHONE,
		permissions: ['camera', 'microphone']
	});
	await instrument(visitorContext, relay);
	const visitor = await visitorContext.newPage();
	await visitor.goto(shop.origin + '/help');
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const widget = visitor.frameLocator('iframe');
	const composer = widget.getByRole('textbox', { name: 'Message' });
	await composer.fill('Can we talk on video?');
	await composer.press('Enter');

	const item = agent.page
		.locator('[data-conversation]')
		.filter({ hasText: 'Can we talk on video?' });
	await item.click();
	await agent.page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(agent.page.getByTestId('conversation-status')).toHaveText('Yours');
	await expect(widget.getByText('Sam joined the conversation')).toBeVisible();
	await expect(agent.page.locator('[data-slot="message-list"]')).toHaveAttribute(
		'data-connection',
		'connected'
	);
	const conversationId = new URL(agent.page.url()).pathname.split('/').pop()!;
	return { world, agent, visitorContext, visitor, widget, conversationId };
}

/** The agent calls on video, the visitor accepts, and both receive video. */
async function connectVideoCall(setup: Awaited<ReturnType<typeof conversation>>) {
	const { agent, visitor, widget } = setup;
	await agent.page.getByRole('button', { name: 'Start a video call' }).click();
	const agentCall = agent.page.locator('[data-slot="call"]');
	await expect(agentCall).toHaveAttribute('data-phase', 'outgoing');
	const ring = widget.locator('[data-slot="call"]');
	await expect(ring).toHaveAttribute('data-phase', 'incoming');
	await expect(ring).toContainText('Incoming video call');
	await ring.getByRole('button', { name: 'Accept' }).click();
	await expect(ring).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
	await expect(agentCall).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });

	// Frames are decoded on each side.
	await expect
		.poll(async () => (await inbound(agent.page)).framesDecoded, { timeout: 15_000 })
		.toBeGreaterThan(0);
	await expect
		.poll(async () => (await inbound(widgetFrame(visitor))).framesDecoded, { timeout: 15_000 })
		.toBeGreaterThan(0);
	return { agentCall, ring };
}

test('a video call connects both ways, mute silences it, and hang-up ends it on both sides with a summary', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const setup = await conversation(browser, baseURL!);
	const { agent, visitor, widget, conversationId } = setup;
	const { agentCall, ring } = await connectVideoCall(setup);
	await expect(agentCall.locator('[data-slot="call-local"]')).toBeVisible();

	// The visitor hears the agent's microphone (the fake one beeps), until the agent mutes.
	const energy = async () => (await inbound(widgetFrame(visitor))).totalAudioEnergy;
	const heard = async () => {
		const before = await energy();
		await agent.page.waitForTimeout(2_500);
		return (await energy()) - before;
	};
	await expect.poll(heard, { timeout: 15_000, intervals: [0] }).toBeGreaterThan(0.001);
	const mute = agentCall.getByRole('button', { name: 'Mute microphone' });
	await mute.click();
	await expect(mute).toHaveAttribute('aria-pressed', 'true');
	await agent.page.waitForTimeout(500);
	expect(await heard(), 'audio energy while muted').toBeLessThan(0.0001);

	// Hang-up ends it on both sides; the summary lands in the conversation.
	await agent.page.waitForTimeout(1_000);
	await agentCall.getByRole('button', { name: 'Hang up' }).click();
	await expect(agentCall).toHaveAttribute('data-phase', 'ended');
	await expect(ring).toHaveAttribute('data-phase', 'ended');
	await expect(ring).toHaveAttribute('data-reason', 'remote-hangup');
	await expect(widget.getByText(/^Video call · \d+:\d\d$/)).toBeVisible();
	await expect(agent.page.getByText(/^Video call · \d+:\d\d$/)).toBeVisible();
	// The screens close by themselves.
	await expect(agentCall).toBeHidden({ timeout: 8_000 });
	await expect(ring).toBeHidden({ timeout: 8_000 });

	const { data } = await admin()
		.from('messages')
		.select('sender_kind, kind, attachment')
		.eq('conversation_id', conversationId)
		.eq('kind', 'event');
	const summary = (data ?? []).find((m) => (m.attachment as { event?: string }).event === 'call');
	expect(summary?.attachment).toMatchObject({
		event: 'call',
		media: 'video',
		outcome: 'ended',
		started_side: 'agent',
		ended_by: 'agent'
	});
	const seconds = (summary?.attachment as { duration_seconds: number }).duration_seconds;
	expect(seconds).toBeGreaterThanOrEqual(3);
	expect(seconds).toBeLessThan(60);
	await setup.visitorContext.close();
	await agent.context.close();
});

/** Starts coturn on loopback with the app's TURN secret. */
function startTurn(): ChildProcess {
	const bin = spawnSync('sh', ['-c', 'command -v turnserver']).stdout.toString().trim();
	if (!bin)
		throw new Error('turnserver (Debian coturn) is not installed: npm run pretest installs it');
	return spawn(
		bin,
		[
			'-n',
			'--listening-ip=127.0.0.1',
			'--relay-ip=127.0.0.1',
			`--listening-port=${TEST_TURN_PORT}`,
			'--min-port=49160',
			'--max-port=49200',
			'--use-auth-secret',
			`--static-auth-secret=${TEST_TURN_SECRET}`,
			'--realm=parley.test',
			'--no-tls',
			'--no-dtls',
			'--allow-loopback-peers',
			'--no-cli',
			'--log-file=stdout'
		],
		{ stdio: 'ignore' }
	);
}

test('the same call connects through a TURN server with relayed candidates only', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const turn = startTurn();
	try {
		const setup = await conversation(browser, baseURL!, true);
		const { agent, visitor } = setup;
		const { agentCall, ring } = await connectVideoCall(setup);
		// Relay on both ends of the pair in use, on each side.
		const agentSide = await inbound(agent.page);
		const visitorSide = await inbound(widgetFrame(visitor));
		expect(agentSide.candidateTypes.length).toBeGreaterThan(0);
		for (const pair of [...agentSide.candidateTypes, ...visitorSide.candidateTypes])
			expect(pair.split('/')[0]).toBe('relay');
		// Relayed candidates exist only once coturn accepted the credentials the route issued
		// (REST scheme: <expiry>:<user id>), which the page's connection was given.
		const servers = await agent.page.evaluate(() => {
			const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
			return pcs[pcs.length - 1].getConfiguration().iceServers ?? [];
		});
		expect(servers).toEqual([
			{
				urls: [`turn:127.0.0.1:${TEST_TURN_PORT}?transport=udp`],
				username: expect.stringMatching(/^\d{10}:[0-9a-f-]{36}$/),
				credential: expect.any(String)
			}
		]);
		await ring.getByRole('button', { name: 'Hang up' }).click();
		await expect(agentCall).toHaveAttribute('data-phase', 'ended');
		await setup.visitorContext.close();
		await agent.context.close();
	} finally {
		turn.kill('SIGTERM');
	}
});
