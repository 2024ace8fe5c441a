/**
 * A dropped network during a call: the call runs through a TURN server with relayed candidates
 * only, so stopping that server cuts the media path while signalling (the realtime socket) stays
 * up. Both sides say the connection is lost; once a TURN server answers again, an ICE restart
 * (new ICE credentials, new relay allocations) brings the same call back, and video flows again.
 */
import type { ChildProcess } from 'node:child_process';
import type { Frame, Page } from '@playwright/test';
import { connectVideoCall, conversation, inbound, startTurn, widgetFrame } from './call-world.ts';
import { test, expect } from './fixtures.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/** The ICE username fragment of the latest connection's local description. */
const ufrag = (target: Page | Frame) =>
	target.evaluate(() => {
		const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
		return /a=ice-ufrag:(\S+)/.exec(pcs[pcs.length - 1].localDescription?.sdp ?? '')?.[1] ?? '';
	});

const stopped = (turn: ChildProcess) =>
	new Promise<void>((resolve) => {
		if (turn.exitCode !== null || turn.signalCode !== null) return resolve();
		turn.once('exit', () => resolve());
		turn.kill('SIGKILL');
	});

test('a call whose network drops says so, restarts ICE and carries on', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(150_000);
	let turn = startTurn();
	try {
		const setup = await conversation(browser, shop, baseURL!, true);
		const { agent, visitor } = setup;
		const { agentCall, ring } = await connectVideoCall(setup);
		const widget = widgetFrame(visitor);
		const before = { agent: await ufrag(agent.page), visitor: await ufrag(widget) };
		expect(before.agent).not.toBe('');

		// The relay goes away: no media path is left.
		await stopped(turn);
		await expect(agentCall).toHaveAttribute('data-phase', 'reconnecting', { timeout: 20_000 });
		await expect(agentCall).toContainText('Connection lost. Reconnecting…');
		await expect(ring).toHaveAttribute('data-phase', 'reconnecting', { timeout: 20_000 });

		// A relay answers again (new allocations: the old path is gone for good), and the
		// restarts that have been going out every few seconds get through.
		turn = startTurn();
		await expect(agentCall).toHaveAttribute('data-phase', 'connected', { timeout: 25_000 });
		await expect(ring).toHaveAttribute('data-phase', 'connected', { timeout: 25_000 });
		// An ICE restart, not the old path coming back: new ICE credentials on both sides.
		expect(await ufrag(agent.page)).not.toBe(before.agent);
		expect(await ufrag(widget)).not.toBe(before.visitor);

		// Video flows again both ways, relayed.
		for (const side of [agent.page, widget]) {
			const frames = (await inbound(side)).framesDecoded;
			await expect
				.poll(async () => (await inbound(side)).framesDecoded, { timeout: 15_000 })
				.toBeGreaterThan(frames + 10);
			for (const pair of (await inbound(side)).candidateTypes)
				expect(pair.split('/')[0]).toBe('relay');
		}

		await ring.getByRole('button', { name: 'Hang up' }).click();
		await expect(agentCall).toHaveAttribute('data-phase', 'ended');
		await expect(agentCall).toHaveAttribute('data-reason', 'remote-hangup');
		await setup.visitorContext.close();
		await agent.context.close();
	} finally {
		await stopped(turn);
	}
});
