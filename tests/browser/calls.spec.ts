/**
 * Calls as people make them: a visitor on the shop's widget and an agent in the console, with
 * Chromium's fake camera and microphone. The agent calls, the visitor's widget rings and the
 * visitor accepts; video flows both ways (frames decoded on each side, read from the pages'
 * own RTCPeerConnections), mute silences the agent, hang-up ends the call on both sides and
 * the summary lands in the conversation. The same call connects again through a TURN server
 * (coturn, started here) with relayed candidates only, on credentials from /api/ice.
 */
import { TEST_TURN_PORT } from '../../playwright.config.ts';
import type { Frame } from '@playwright/test';
import { connectVideoCall, conversation, inbound, startTurn, widgetFrame } from './call-world.ts';
import { test, expect } from './fixtures.ts';
import { admin } from './console-world.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

test('a video call connects both ways, mute silences it, and hang-up ends it on both sides with a summary', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const setup = await conversation(browser, shop, baseURL!);
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

test('the same call connects through a TURN server with relayed candidates only', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const turn = startTurn();
	try {
		const setup = await conversation(browser, shop, baseURL!, true);
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

/** The colour at (fx, fy), as fractions of the frame, of the video the widget receives. */
async function receivedPixel(frame: Frame, fx: number, fy: number): Promise<number[]> {
	return frame.evaluate(
		([x, y]) => {
			const video = document.querySelector<HTMLVideoElement>('[data-slot="call-remote"]')!;
			const canvas = document.createElement('canvas');
			canvas.width = video.videoWidth;
			canvas.height = video.videoHeight;
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(video, 0, 0);
			return [
				...ctx.getImageData(Math.round(x * canvas.width), Math.round(y * canvas.height), 1, 1).data
			];
		},
		[fx, fy]
	);
}

test('an overlay turned on during the call shows in the frame the other side receives', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const setup = await conversation(browser, shop, baseURL!);
	const { agent, visitor } = setup;
	const { agentCall } = await connectVideoCall(setup);
	const frame = widgetFrame(visitor);
	const isBrand = (p: number[]) => p[2] > 170 && p[0] < 120 && p[1] < 170;
	// The fake camera is green where the logo will be.
	expect(isBrand(await receivedPixel(frame, 0.07, 0.08))).toBe(false);

	await agentCall.getByRole('button', { name: 'Effects' }).click();
	const effects = agent.page.getByRole('group', { name: 'Effects on your video' });
	await effects.getByRole('button', { name: 'Site logo' }).click();
	await effects.getByRole('button', { name: 'Name badge' }).click();
	await expect(effects.getByRole('button', { name: 'Site logo' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	// The site's logo (its initial on the site's blue) arrives in the visitor's frames, with no
	// renegotiation: the connection stays the same one.
	await expect
		.poll(async () => isBrand(await receivedPixel(frame, 0.07, 0.08)), { timeout: 10_000 })
		.toBe(true);
	expect(await frame.evaluate(() => (window as unknown as { __pcs: unknown[] }).__pcs.length)).toBe(
		1
	);
	// And goes away when turned off.
	await effects.getByRole('button', { name: 'Site logo' }).click();
	await effects.getByRole('button', { name: 'Name badge' }).click();
	await expect
		.poll(async () => isBrand(await receivedPixel(frame, 0.07, 0.08)), { timeout: 10_000 })
		.toBe(false);
	await agentCall.getByRole('button', { name: 'Hang up' }).click();
	await setup.visitorContext.close();
	await agent.context.close();
});

test('a visitor calls an agent who is elsewhere in the console: a notice leads to the ringing call', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const setup = await conversation(browser, shop, baseURL!);
	const { agent, widget } = setup;
	await agent.page
		.getByRole('link', { name: /Visitors/ })
		.first()
		.click();
	await expect(agent.page).toHaveURL(/\/app$/);

	await widget.getByRole('button', { name: 'Start an audio call' }).click();
	const visitorCall = widget.locator('[data-slot="call"]');
	await expect(visitorCall).toHaveAttribute('data-phase', 'outgoing');
	const notice = agent.page.getByText('A visitor is calling on Corner Shop');
	await expect(notice).toBeVisible();
	// The console rings, again and again while the call rings (the tap on Visitors unlocked
	// its sound).
	const shell = agent.page.locator('[data-ringing-calls]');
	await expect(shell).toHaveAttribute('data-ringing-calls', '1');
	const rang = async () => Number(await shell.getAttribute('data-rang'));
	const first = await rang();
	expect(first).toBeGreaterThan(0);
	await expect.poll(rang, { timeout: 10_000 }).toBeGreaterThan(first);
	await agent.page.getByRole('button', { name: 'Open' }).click();
	const agentCall = agent.page.locator('[data-slot="call"]');
	await expect(agentCall).toHaveAttribute('data-phase', 'incoming');
	await expect(agentCall).toContainText('Incoming audio call');
	await expect(shell).toHaveAttribute('data-ringing-calls', '1');
	await agentCall.getByRole('button', { name: 'Accept' }).click();
	// Answered: the ringing stops.
	await expect(shell).toHaveAttribute('data-ringing-calls', '0');
	await expect(agentCall).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
	await expect(visitorCall).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
	// An audio call: sound arrives, no camera control.
	await expect
		.poll(async () => (await inbound(agent.page)).totalAudioEnergy, { timeout: 15_000 })
		.toBeGreaterThan(0);
	await expect(agentCall.getByRole('button', { name: 'Turn camera off' })).toHaveCount(0);
	await visitorCall.getByRole('button', { name: 'Hang up' }).click();
	await expect(agentCall).toHaveAttribute('data-reason', 'remote-hangup');
	await expect(agent.page.getByText(/^Audio call · \d+:\d\d$/)).toBeVisible();
	await setup.visitorContext.close();
	await agent.context.close();
});
