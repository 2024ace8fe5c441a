/**
 * The call screens as people see them: ringing on the visitor's widget, and a connected call
 * on both sides, at 390 px (phone) and 1024 px (tablet), light and dark. axe-core finds
 * nothing serious, nothing scrolls sideways down to 320 px, and every control is a 44 px
 * touch target. Screenshots go to the test's output folder.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { connectVideoCall, conversation } from './call-world.ts';
import { test, expect } from './fixtures.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

const WIDTHS = { 390: 844, 1024: 768 } as const;

/** axe-core's serious and critical findings on the page (with its frames), or within `include`. */
async function serious(page: Page, include?: string): Promise<string[]> {
	const builder = new AxeBuilder({ page });
	if (include) builder.include(include);
	const results = await builder.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Buttons in the call screen smaller than 44×44, and whether its document scrolls sideways. */
async function layout(page: Page) {
	const frame = page.frames().find((f) => f.url().includes('/widget')) ?? page.mainFrame();
	const target = (await frame.locator('[data-slot="call"]').count()) ? frame : page.mainFrame();
	return target.evaluate(() => {
		const small: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('[data-slot="call"] button')) {
			const box = el.getBoundingClientRect();
			if (box.width + 0.5 < 44 || box.height + 0.5 < 44)
				small.push(`${el.getAttribute('aria-label') ?? el.textContent} ${box.width}×${box.height}`);
		}
		return {
			small,
			scroll: document.documentElement.scrollWidth,
			inner: window.innerWidth
		};
	});
}

async function check(
	page: Page,
	testInfo: TestInfo,
	name: string,
	include?: string,
	widths: (keyof typeof WIDTHS)[] = [390, 1024]
) {
	for (const width of widths) {
		await page.setViewportSize({ width, height: WIDTHS[width] });
		for (const theme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
			await page.waitForTimeout(300);
			expect.soft(await serious(page, include), `${name} at ${width} in ${theme}`).toEqual([]);
			await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${theme}.png`) });
		}
	}
	await page.setViewportSize({ width: 320, height: 640 });
	await page.waitForTimeout(300);
	const { small, scroll, inner } = await layout(page);
	expect.soft(scroll, `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(inner);
	expect.soft(small, `${name}: targets under 44 px`).toEqual([]);
	await page.screenshot({ path: testInfo.outputPath(`${name}-320.png`) });
}

/**
 * Waits until a background is on and past the compositor's first-seconds check of whether the
 * device keeps up, which axe's own load on two cores would otherwise fail.
 */
async function merging(effects: Locator) {
	await expect(effects).toHaveAttribute('data-background', 'on', { timeout: 60_000 });
	await expect(effects).toHaveAttribute('data-merge-where', 'worker', { timeout: 15_000 });
	await effects.page().waitForTimeout(3_000);
	await expect(effects).toHaveAttribute('data-background', 'on');
}

test('the call screens pass axe, fit 320 px and have 44 px targets, light and dark', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(420_000);
	const setup = await conversation(browser, shop, baseURL!);
	const { agent, visitor, widget } = setup;

	// Ringing on the visitor's phone.
	await agent.page.getByRole('button', { name: 'Start a video call' }).click();
	const ring = widget.locator('[data-slot="call"]');
	await expect(ring).toHaveAttribute('data-phase', 'incoming');
	// (One width: the ring lasts 45 s, and axe takes its time on two cores.)
	await check(visitor, testInfo, 'widget-incoming', undefined, [390]);
	await visitor.setViewportSize({ width: 390, height: 844 });
	await agent.page.locator('[data-slot="call"]').getByRole('button', { name: 'Hang up' }).click();
	await expect(ring).toHaveAttribute('data-phase', 'ended');
	// A cancelled call's screen closes by itself.
	await expect(ring).toBeHidden({ timeout: 8_000 });
	await expect(agent.page.locator('[data-slot="call"]')).toBeHidden({ timeout: 8_000 });

	// Connected, on both sides. The runtime of background effects is held back on the
	// agent's side for a moment, to see the sheet while it loads.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await agent.context.route('**/segmentation/**/*.wasm', async (route) => {
		await held;
		await route.fallback();
	});
	await connectVideoCall(setup);
	await check(visitor, testInfo, 'widget-connected');
	// The visitor's effects sheet, blur on.
	await ring.getByRole('button', { name: 'Effects' }).click();
	await ring.getByRole('button', { name: 'Blur' }).click();
	await merging(ring.locator('[data-slot="call-effects"]'));
	await check(visitor, testInfo, 'widget-effects', undefined, [390]);
	// The agent's screen with the effects sheet open: an image loading, then on with the
	// overlays.
	const agentCall = agent.page.locator('[data-slot="call"]');
	await agentCall.getByRole('button', { name: 'Effects' }).click();
	await agentCall.getByRole('button', { name: 'Lagoon' }).click();
	const effects = agentCall.locator('[data-slot="call-effects"]');
	await expect(effects).toHaveAttribute('data-background', 'loading');
	await expect(effects).toContainText('Loading background effects…');
	await check(agent.page, testInfo, 'console-effects-loading', '[data-slot="call"]', [390]);
	release();
	await merging(effects);
	await agentCall.getByRole('button', { name: 'Name badge' }).click();
	await agentCall.getByRole('button', { name: 'Site logo' }).click();
	await check(agent.page, testInfo, 'console-connected', '[data-slot="call"]');
	await setup.visitorContext.close();
	await agent.context.close();
});
