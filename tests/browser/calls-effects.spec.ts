/**
 * Virtual backgrounds in a real call, with every request to anything but 127.0.0.1 blocked:
 * person segmentation (the TensorFlow Lite runtime, its loader and the model, all from our own origin)
 * loads when the agent picks a background, and gives a mask covering the frame. Chromium's
 * fake camera shows no person, so the whole frame is background: with an image on, the frame
 * the visitor receives is that image; with blur on, it is the camera blurred (its colours
 * kept, its edges gone); with none, the camera again. The connection is never renegotiated:
 * one connection, no new offer or answer, the same sender, its track replaced. Where the
 * model cannot load, the background choices are disabled with the reason, and overlays still
 * work.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import {
	connectVideoCall,
	conversation,
	look,
	widgetFrame,
	type CallWindow
} from './call-world.ts';
import { test, expect } from './fixtures.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/** Refuses every request to another host than 127.0.0.1, and keeps a list of them. */
async function onlyLoopback(contexts: BrowserContext[]): Promise<string[]> {
	const blocked: string[] = [];
	for (const context of contexts)
		await context.route('**/*', (route) => {
			const url = route.request().url();
			if (/^(data|blob):/.test(url) || new URL(url).hostname === '127.0.0.1')
				return route.fallback();
			blocked.push(url);
			return route.abort('blockedbyclient');
		});
	return blocked;
}

/** The page's negotiation count, its connections, and its video sender's track now. */
async function negotiation(target: Page | Frame) {
	return target.evaluate(() => {
		const w = window as unknown as CallWindow & { __videoSender?: RTCRtpSender };
		const pc = w.__pcs[w.__pcs.length - 1];
		const sender = pc.getSenders().find((s) => s.track?.kind === 'video');
		w.__videoSender ??= sender;
		return {
			connections: w.__pcs.length,
			localDescriptions: w.__localDescriptions,
			replacedTracks: w.__replacedTracks,
			sameSender: sender === w.__videoSender,
			trackId: sender?.track?.id ?? ''
		};
	});
}

test('a background image and blur go into the frame the other side receives, live, loaded from our own origin only', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const setup = await conversation(browser, shop, baseURL!);
	const { agent, visitor } = setup;
	const blocked = await onlyLoopback([agent.context, setup.visitorContext]);
	const segmentation: string[] = [];
	agent.page.on('requestfinished', (request) => {
		if (request.url().includes('/segmentation/')) segmentation.push(request.url());
	});
	const { agentCall } = await connectVideoCall(setup);
	const frame = widgetFrame(visitor);
	const before = await negotiation(agent.page);
	const visitorBefore = await negotiation(frame);
	const camera = await look(frame, '/backgrounds/dawn.svg');
	// The fake camera is nothing like the image, and has edges.
	expect(camera.offImage).toBeGreaterThan(40);
	expect(camera.edges).toBeGreaterThan(0.002);
	// Nothing of segmentation loads before someone asks for it.
	expect(segmentation).toEqual([]);
	// The agent's own camera size, from its preview: what the visitor receives may be scaled
	// down by the connection's adaptation on a busy machine.
	const captured = await agent.page
		.locator('[data-slot="call-local"]')
		.evaluate((v: HTMLVideoElement) => `${v.videoWidth}x${v.videoHeight}`);
	expect(captured).toMatch(/^[1-9]\d*x[1-9]\d*$/);

	await agentCall.getByRole('button', { name: 'Effects' }).click();
	const effects = agent.page.locator('[data-slot="call-effects"]');
	const backgrounds = agent.page.getByRole('group', { name: 'Background' });
	await expect(backgrounds.getByRole('button', { name: 'None' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await backgrounds.getByRole('button', { name: 'Dawn' }).click();
	await expect(backgrounds.getByRole('button', { name: 'Dawn' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(effects).toHaveAttribute('data-background', 'on', { timeout: 60_000 });
	// Loaded from our own origin, in a worker: the model gives a mask covering the frame, at
	// its own output size (the landscape model's 256×144), stretched over the frame's size
	// where it is applied.
	expect(segmentation.some((u) => u.endsWith('/selfie_segmentation_landscape.tflite'))).toBe(true);
	expect(segmentation.some((u) => u.endsWith('.wasm'))).toBe(true);
	// Frame, mask and applied mask read together (one frame's report), once the camera's frames
	// are at its settled size: the size the agent's camera captures.
	await expect
		.poll(
			() =>
				effects.evaluate(
					(el: HTMLElement) =>
						`${el.dataset.frameSize} ${el.dataset.maskSize} ${el.dataset.appliedMaskSize}`
				),
			{ timeout: 15_000 }
		)
		.toBe(`${captured} 256x144 ${captured}`);
	await expect(effects).toHaveAttribute('data-merge-where', 'worker');

	// The visitor receives the image where the camera was.
	await expect
		.poll(async () => (await look(frame, '/backgrounds/dawn.svg')).offImage, { timeout: 20_000 })
		.toBeLessThan(12);

	// Blur: the camera's colours, without its edges. The image is smooth too, so first wait
	// until the frame is no longer the image.
	await backgrounds.getByRole('button', { name: 'Blur' }).click();
	await expect
		.poll(async () => (await look(frame, '/backgrounds/dawn.svg')).offImage, { timeout: 20_000 })
		.toBeGreaterThan(40);
	await expect
		.poll(async () => (await look(frame)).edges, { timeout: 20_000 })
		.toBeLessThan(camera.edges * 0.2);
	const blurred = await look(frame);
	for (let c = 0; c < 3; c++) expect(Math.abs(blurred.mean[c] - camera.mean[c])).toBeLessThan(20);

	// None: the camera again.
	await backgrounds.getByRole('button', { name: 'None' }).click();
	await expect(effects).toHaveAttribute('data-background', 'off');
	await expect
		.poll(async () => (await look(frame)).edges, { timeout: 20_000 })
		.toBeGreaterThan(camera.edges * 0.5);
	expect((await look(frame, '/backgrounds/dawn.svg')).offImage).toBeGreaterThan(40);

	// No renegotiation: the same connection and sender on each side, no new offer or answer;
	// only the sent track was replaced (to the canvas and back).
	const after = await negotiation(agent.page);
	expect(after).toMatchObject({
		connections: 1,
		localDescriptions: before.localDescriptions,
		sameSender: true,
		trackId: before.trackId
	});
	expect(after.replacedTracks).toBeGreaterThanOrEqual(before.replacedTracks + 2);
	expect(await negotiation(frame)).toMatchObject({
		connections: 1,
		localDescriptions: visitorBefore.localDescriptions
	});

	// Hanging up closes the segmenter; nothing may reach out then either.
	await agentCall.getByRole('button', { name: 'Hang up' }).click();
	await expect(agentCall).toHaveAttribute('data-phase', 'ended');
	await agent.page.waitForTimeout(3_000);
	expect(blocked, 'requests to other hosts').toEqual([]);
	await setup.visitorContext.close();
	await agent.context.close();
});

test('where person segmentation cannot load, backgrounds are disabled with the reason and overlays still work', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const setup = await conversation(browser, shop, baseURL!);
	const { agent, visitor } = setup;
	// The runtime does not arrive (a proxy that drops large files, say).
	await agent.context.route('**/segmentation/**/*.wasm', (route) => route.abort('failed'));
	const { agentCall } = await connectVideoCall(setup);
	await agentCall.getByRole('button', { name: 'Effects' }).click();
	const effects = agent.page.locator('[data-slot="call-effects"]');
	const backgrounds = agent.page.getByRole('group', { name: 'Background' });
	await backgrounds.getByRole('button', { name: 'Blur' }).click();
	await expect(effects).toHaveAttribute('data-background', 'unavailable', { timeout: 60_000 });
	await expect(backgrounds).toContainText(
		'Background effects are not available on this device: person detection did not load.'
	);
	for (const name of ['Blur', 'Dawn', 'Lagoon', 'Studio', 'Meadow'])
		await expect(backgrounds.getByRole('button', { name })).toBeDisabled();
	await expect(backgrounds.getByRole('button', { name: 'None' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	// The site's logo still reaches the visitor's frames.
	await effects.getByRole('button', { name: 'Site logo' }).click();
	const frame = widgetFrame(visitor);
	await expect
		.poll(
			async () =>
				frame.evaluate(() => {
					const video = document.querySelector<HTMLVideoElement>('[data-slot="call-remote"]')!;
					const canvas = document.createElement('canvas');
					canvas.width = video.videoWidth;
					canvas.height = video.videoHeight;
					const ctx = canvas.getContext('2d')!;
					ctx.drawImage(video, 0, 0);
					const [r, g, b] = ctx.getImageData(
						Math.round(0.07 * canvas.width),
						Math.round(0.08 * canvas.height),
						1,
						1
					).data;
					return b > 170 && r < 120 && g < 170;
				}),
			{ timeout: 15_000 }
		)
		.toBe(true);
	await agentCall.getByRole('button', { name: 'Hang up' }).click();
	await setup.visitorContext.close();
	await agent.context.close();
});
