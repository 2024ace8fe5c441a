/**
 * A site's own call backgrounds, end to end: the owner adds pictures under Settings (a file
 * that is not a picture is refused with the reason; one over the bucket's limit is scaled down
 * in the browser and stored as JPEG; one can be removed), then in a video call both sides
 * offer them beside the built-in ones, and when the visitor picks one the agent receives it
 * in the frame. Chromium's fake camera shows no person, so the whole frame becomes the picture.
 */
import type { Page } from '@playwright/test';
import { connectVideoCall, conversation, look, widgetFrame } from './call-world.ts';
import { ownerConsole } from './console-world.ts';
import { test, expect } from './fixtures.ts';
import { addCallBackground, quartersPng } from './flows.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/**
 * A photo-like PNG of `side`×`side` px drawn in the page: smooth colour blobs with a little
 * grain, several MB as PNG (beyond the bucket's 2 MiB) and far less as JPEG.
 */
async function photoPng(page: Page, side: number) {
	const dataUrl = await page.evaluate((side) => {
		const small = document.createElement('canvas');
		small.width = small.height = 12;
		const sctx = small.getContext('2d')!;
		const blobs = sctx.createImageData(12, 12);
		for (let i = 0; i < blobs.data.length; i++)
			blobs.data[i] = i % 4 === 3 ? 255 : (Math.random() * 256) | 0;
		sctx.putImageData(blobs, 0, 0);
		const canvas = document.createElement('canvas');
		canvas.width = canvas.height = side;
		const ctx = canvas.getContext('2d')!;
		ctx.imageSmoothingEnabled = true;
		ctx.drawImage(small, 0, 0, side, side);
		const image = ctx.getImageData(0, 0, side, side);
		for (let i = 0; i < image.data.length; i++)
			if (i % 4 !== 3) image.data[i] += ((Math.random() * 7) | 0) - 3;
		ctx.putImageData(image, 0, 0);
		return canvas.toDataURL('image/png');
	}, side);
	return {
		name: 'photo.png',
		mimeType: 'image/png',
		buffer: Buffer.from(dataUrl.split(',')[1], 'base64')
	};
}

test('pictures the owner adds in Settings are offered on both sides of a call, and the one the visitor picks reaches the agent', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(300_000);
	const setup = await conversation(browser, shop, baseURL!);
	const { agent, visitor, world } = setup;

	// The owner, on their site's Settings.
	const owner = await ownerConsole(browser, world, { viewport: { width: 390, height: 844 } });
	await owner.page.goto(`/sites/${world.siteId}`);
	const picture = await quartersPng(owner.page, ['#e11d48', '#f59e0b', '#0ea5e9', '#10b981']);
	const section = await addCallBackground(owner.page, picture);
	await expect(section.getByRole('listitem').first()).toHaveAttribute('data-path', /\.png$/);

	// Not a picture: refused in plain words, nothing stored.
	await section.getByTestId('call-background-file').setInputFiles({
		name: 'setup.exe',
		mimeType: 'application/x-msdownload',
		buffer: Buffer.from('MZ\x90\x00')
	});
	await expect(section.getByRole('alert')).toHaveText(
		'That file is not a picture Parley can use. Choose a JPEG, PNG or WebP image.'
	);
	await expect(section.getByRole('listitem')).toHaveCount(1);

	// Over 2 MiB: scaled down in the browser and stored as JPEG; then removed again.
	const photo = await photoPng(owner.page, 2400);
	expect(photo.buffer.length).toBeGreaterThan(2 * 1024 * 1024);
	await addCallBackground(owner.page, photo);
	const second = section.getByRole('listitem').nth(1);
	await expect(second).toHaveAttribute('data-path', /\.jpg$/);
	const { data: stored } = await world.owner.storage
		.from('call-backgrounds')
		.list(world.siteId, { sortBy: { column: 'created_at', order: 'asc' } });
	expect(stored?.map((o) => o.metadata?.mimetype)).toEqual(['image/png', 'image/jpeg']);
	expect(Number(stored?.[1].metadata?.size)).toBeLessThanOrEqual(2 * 1024 * 1024);
	await second.getByRole('button', { name: 'Remove background 2' }).click();
	await expect(section.getByRole('listitem')).toHaveCount(1);
	await expect(section.getByText('1 of 6')).toBeVisible();
	await owner.context.close();

	// A video call: both sides offer the site's picture after the built-in ones.
	const { agentCall, ring } = await connectVideoCall(setup);
	await agentCall.getByRole('button', { name: 'Effects' }).click();
	const agentBackgrounds = agent.page.getByRole('group', { name: 'Background' });
	await expect(agentBackgrounds.getByRole('button', { name: 'Site picture 1' })).toBeVisible();
	await expect(agentBackgrounds.getByRole('button')).toHaveText([
		'None',
		'Blur',
		'Dawn',
		'Lagoon',
		'Studio',
		'Meadow',
		'Site picture 1'
	]);
	await agentCall.getByRole('button', { name: 'Effects' }).click();

	const frame = widgetFrame(visitor);
	const before = await look(agent.page, picture.dataUrl);
	expect(before.offImage, 'the fake camera is nothing like the picture').toBeGreaterThan(40);

	await ring.getByRole('button', { name: 'Effects' }).click();
	const visitorEffects = ring.locator('[data-slot="call-effects"]');
	await expect(visitorEffects).toHaveAttribute('data-site-backgrounds', 'ready');
	const sitePicture = ring
		.getByRole('group', { name: 'Background' })
		.getByRole('button', { name: 'Site picture 1' });
	// Its thumbnail is the bytes fetched with the visitor's token, shown from a blob: URL.
	await expect(sitePicture.locator('img')).toHaveAttribute('src', /^blob:/);
	await sitePicture.click();
	await expect(sitePicture).toHaveAttribute('aria-pressed', 'true');
	await expect(visitorEffects).toHaveAttribute('data-background', 'on', { timeout: 90_000 });

	// The agent receives the picture where the visitor's camera was.
	await expect
		.poll(async () => (await look(agent.page, picture.dataUrl)).offImage, { timeout: 20_000 })
		.toBeLessThan(12);
	await visitor.screenshot({ path: testInfo.outputPath('widget-site-picture-390.png') });
	// The canvas sending it was never tainted: the visitor's own preview can still be read.
	const readable = await frame.evaluate(() => {
		const video = document.querySelector<HTMLVideoElement>('[data-slot="call-local"]')!;
		const canvas = document.createElement('canvas');
		canvas.width = 8;
		canvas.height = 8;
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(video, 0, 0, 8, 8);
		return ctx.getImageData(0, 0, 1, 1).data.length;
	});
	expect(readable).toBe(4);

	await agentCall.getByRole('button', { name: 'Hang up' }).click();
	await expect(ring).toHaveAttribute('data-phase', 'ended');
	await setup.visitorContext.close();
	await agent.context.close();
});
