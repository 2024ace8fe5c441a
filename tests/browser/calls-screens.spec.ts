/**
 * The call screens as people see them: ringing on the visitor's widget, and a connected call
 * on both sides, at 390 px (phone) and 1024 px (tablet), light and dark. axe-core finds
 * nothing serious, nothing scrolls sideways down to 320 px, every control is a 44 px touch
 * target, and a call's controls make one row at 390 and 320 px (the less-used ones in a "More"
 * menu there, itself checked). Screenshots go to the test's output folder.
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

/** The frame that shows the call screen: the widget's, or the console page itself. */
async function callFrame(page: Page) {
	const frame = page.frames().find((f) => f.url().includes('/widget')) ?? page.mainFrame();
	return (await frame.locator('[data-slot="call"]').count()) ? frame : page.mainFrame();
}

/**
 * Buttons in the call screen (and an open menu) smaller than 44×44, whether its document
 * scrolls sideways, and the top offset of each control of a call's row that is shown.
 */
async function layout(page: Page) {
	return (await callFrame(page)).evaluate(() => {
		const small: string[] = [];
		const targets = '[data-slot="call"] button, [role="menu"] [role^="menuitem"]';
		for (const el of document.querySelectorAll<HTMLElement>(targets)) {
			const box = el.getBoundingClientRect();
			if (box.width + 0.5 < 44 || box.height + 0.5 < 44)
				small.push(`${el.getAttribute('aria-label') ?? el.textContent} ${box.width}×${box.height}`);
		}
		const row = document.querySelector('[data-slot="call-controls"]');
		const tops = [...(row?.querySelectorAll<HTMLElement>('button, span:has(> select)') ?? [])]
			.filter((el) => el.getClientRects().length > 0)
			.map((el) => ({
				name: el.getAttribute('aria-label') ?? el.title,
				top: Math.round(el.getBoundingClientRect().top)
			}));
		return {
			small,
			tops,
			scroll: document.documentElement.scrollWidth,
			inner: window.innerWidth
		};
	});
}

/** The call's controls share one row: the same top offset for each. */
function oneRow(tops: { name: string; top: number }[], what: string) {
	const rows = new Set(tops.map((t) => t.top));
	expect.soft(rows.size, `${what}: controls on ${rows.size} rows ${JSON.stringify(tops)}`).toBe(1);
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
	for (const [width, height] of [
		[390, 844],
		[320, 640]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.waitForTimeout(300);
		const { small, tops, scroll, inner } = await layout(page);
		expect.soft(scroll, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(inner);
		expect.soft(small, `${name}: targets under 44 px at ${width} px`).toEqual([]);
		if (tops.length) oneRow(tops, `${name} at ${width} px`);
		await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`) });
	}
}

/**
 * A phone's "More" menu: open at `width` (it holds the sound output in Chromium, which lists
 * fake outputs), axe-clean in light and dark, 44 px items; closed again with Escape.
 */
async function moreMenu(page: Page, testInfo: TestInfo, name: string) {
	const frame = await callFrame(page);
	for (const [width, height] of [
		[390, 844],
		[320, 640]
	] as const) {
		await page.setViewportSize({ width, height });
		const more = frame.locator('[data-slot="call"]').getByRole('button', { name: 'More options' });
		await more.click();
		const menu = frame.getByRole('menu');
		await expect(menu).toBeVisible();
		await expect(menu.getByRole('group', { name: 'Sound output' })).toBeVisible();
		await expect(menu.getByRole('menuitemradio').first()).toBeVisible();
		for (const theme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
			await page.waitForTimeout(300);
			expect.soft(await serious(page), `${name} at ${width} in ${theme}`).toEqual([]);
			await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${theme}.png`) });
		}
		const { small, scroll, inner } = await layout(page);
		expect.soft(scroll, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(inner);
		expect.soft(small, `${name}: targets under 44 px at ${width} px`).toEqual([]);
		await page.keyboard.press('Escape');
		await expect(menu).toBeHidden();
	}
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
	// Axe runs in light and dark on each screen and menu, at several widths, on two cores.
	test.setTimeout(600_000);
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
	await moreMenu(visitor, testInfo, 'widget-more');
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
	await moreMenu(agent.page, testInfo, 'console-more');
	await setup.visitorContext.close();
	await agent.context.close();
});
