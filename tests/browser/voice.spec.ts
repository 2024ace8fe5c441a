/**
 * Voice messages: the visitor records with the (fake) microphone in the widget, the agent's
 * console plays what arrives by itself once the agent has tapped in it, and two messages
 * play one after the other in the order they were sent (`ended` fires for each). The agent's
 * reply plays on the visitor's side with one tap. Real Chromium, the real stack and snippet.
 */
import type { FrameLocator, Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { meet, widgetFrame } from './attach-world.ts';
import { admin } from './console-world.ts';
import { startShop, type Shop } from './shop.ts';

// A fake microphone (a beep) that needs no prompt; everything else as the config launches it.
test.use({
	launchOptions: {
		executablePath: process.env.PARLEY_CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream'
		]
	}
});

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/** Records about `ms` of voice in a composer and sends it. */
async function record(scope: FrameLocator | Locator | import('@playwright/test').Page, ms: number) {
	await scope.getByRole('button', { name: 'Record a voice message' }).click();
	const bar = scope.locator('[data-slot="voice-recording"]');
	await expect(bar).toBeVisible();
	await new Promise((resolve) => setTimeout(resolve, ms));
	await bar.getByRole('button', { name: 'Stop and send' }).click();
	await expect(bar).toBeHidden();
}

test('voice messages from the visitor play by themselves on the agent’s console, in order', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const { agent, visitor, conversationId } = await meet(browser, shop, baseURL!, {
		permissions: ['microphone']
	});
	const page = agent.page;
	// The shift's one tap (the console's sound button when it shows; any tap unlocks).
	const unlock = page.locator('[data-sound-unlock]');
	if (await unlock.isVisible()) await unlock.click();
	else await page.locator('[data-slot="message-list"]').click();

	const w = visitor.frameLocator('iframe');
	await record(w, 2500);
	const voices = page.locator('[data-slot="voice"]');
	await expect(voices).toHaveCount(1, { timeout: 30_000 });
	await expect(voices.first()).toHaveAttribute('data-voice-state', /playing|played/);
	await expect(voices.first()).toHaveAttribute('data-played-order', '1', { timeout: 20_000 });

	// Two more, sent one right after the other: the second waits for the first.
	await record(w, 3000);
	await record(w, 1000);
	await expect(voices).toHaveCount(3, { timeout: 30_000 });
	await expect(voices.nth(1)).toHaveAttribute('data-played-order', '2', { timeout: 30_000 });
	await expect(voices.nth(2)).toHaveAttribute('data-played-order', '3', { timeout: 30_000 });

	const { data: rows } = await admin()
		.from('messages')
		.select('kind, attachment')
		.eq('conversation_id', conversationId)
		.eq('kind', 'voice')
		.order('created_at');
	expect(rows).toHaveLength(3);
	for (const row of rows!) {
		const a = row.attachment as { mime: string; size: number; duration_ms: number };
		expect(a.mime).toMatch(/^audio\/(webm|mp4)$/);
		expect(a.size).toBeGreaterThan(1000);
		expect(a.duration_ms).toBeGreaterThan(500);
	}

	// The agent answers by voice; the visitor plays it with one tap.
	await record(page, 1200);
	const frame = widgetFrame(visitor);
	await expect(frame.locator('[data-slot="voice"]')).toHaveCount(4, { timeout: 30_000 });
	const reply = frame.locator('[data-slot="voice"]').last();
	await expect(reply).toHaveAttribute('data-voice-state', 'idle');
	await reply.getByRole('button', { name: /^Play voice message/ }).click();
	await expect(reply).toHaveAttribute('data-played-order', /\d/, { timeout: 20_000 });
});
