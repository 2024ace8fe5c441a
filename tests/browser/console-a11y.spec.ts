/**
 * Every console tab in both themes at a phone's and a desktop's size: no serious or critical
 * axe-core finding, no sideways scrolling down to 320 px, touch targets of at least 44 px on a
 * touch screen, and screenshots written to the test output for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { DESKTOP, newWorld, pairAgent, PHONE, ShopVisitor, type World } from './console-world.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
let world: World;
let storage: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>;
let conversationId = '';
let visitor: ShopVisitor;
let closeVisitor: () => Promise<void>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
	test.setTimeout(90_000);
	shop = await startShop();
	world = await newWorld(shop.origin, { invitation_messages: ['Looking for a size?'] });
	const agent = await pairAgent(browser, world, 'Sam', PHONE);
	storage = await agent.context.storageState();
	await agent.context.close();
	const visitorContext = await browser.newContext();
	closeVisitor = () => visitorContext.close();
	visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/pricing?plan=team', world.siteKey, 'Pricing for teams');
	const started = await visitor.rpc('start_conversation', { visitor_name: 'Vera' });
	conversationId = (started.data as { conversation_id: string }).conversation_id;
});

test.afterAll(async () => {
	await closeVisitor?.();
	await shop?.close();
});

async function agentPage(browser: Browser, device: object, dark: boolean): Promise<Page> {
	const context = await browser.newContext({
		...device,
		storageState: storage,
		colorScheme: dark ? 'dark' : 'light'
	});
	return context.newPage();
}

const TABS = [
	{ name: 'visitors', path: '/app', heading: 'Visitors' },
	{ name: 'conversations', path: '/app/conversations', heading: 'Conversations' },
	{ name: 'conversation', path: '', heading: '' },
	{ name: 'settings', path: '/app/settings', heading: 'Settings' }
];

/** Controls whose hit area must be at least 44×44 on a touch screen. */
const TARGETS = 'a[href], button, [role="switch"], [role="tab"], input, select, textarea';

for (const [size, device] of [
	['390', PHONE],
	['1280', DESKTOP]
] as const) {
	for (const theme of ['light', 'dark'] as const) {
		test(`console tabs at ${size} px in ${theme}: axe, overflow, touch targets`, async ({
			browser
		}, testInfo) => {
			test.setTimeout(90_000);
			// Keep the visitor online for the Visitors tab.
			await visitor.rpc('visitor_heartbeat');
			const page = await agentPage(browser, device, theme === 'dark');
			for (const tab of TABS) {
				const path = tab.path || `/app/conversations/${conversationId}`;
				await page.goto(path);
				if (tab.heading) {
					await expect(page.getByRole('heading', { level: 1, name: tab.heading })).toBeVisible();
				} else {
					await expect(page.getByRole('heading', { name: 'Vera' })).toBeVisible();
				}
				if (tab.name === 'visitors') {
					await expect(page.locator(`[data-visitor="${visitor.id}"]`)).toBeVisible();
				}
				await page.waitForTimeout(300);
				await page.screenshot({
					path: testInfo.outputPath(`console-${tab.name}-${size}-${theme}.png`),
					fullPage: false
				});

				const axe = await new AxeBuilder({ page }).analyze();
				const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
				expect(
					bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
					`${path} at ${size} px, ${theme}`
				).toEqual([]);

				if (size === '390') {
					const small = await page.locator(TARGETS).evaluateAll((els) =>
						els
							// The install offer and the device QR card are the design-system branch's
							// components (restyled and checked there).
							.filter(
								(el) =>
									!el.closest(
										'[aria-labelledby="install-offer-title"], [aria-labelledby="phone-title"]'
									)
							)
							.filter((el) => {
								const r = el.getBoundingClientRect();
								const style = getComputedStyle(el);
								return r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
							})
							// A field's label widens its hit area; count the label's box too.
							.map((el) => {
								const r = el.getBoundingClientRect();
								const label = el.closest('label')?.getBoundingClientRect();
								const w = Math.max(r.width, label?.width ?? 0);
								const h = Math.max(r.height, label?.height ?? 0);
								return { el: el.outerHTML.slice(0, 80), w, h };
							})
							.filter(({ w, h }) => w < 44 - 0.5 || h < 44 - 0.5)
					);
					expect(small, `touch targets on ${path}`).toEqual([]);

					for (const width of [320, 390]) {
						await page.setViewportSize({ width, height: 844 });
						const overflow = await page.evaluate(
							() => document.documentElement.scrollWidth - window.innerWidth
						);
						expect(overflow, `${path} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
					}
				}
			}
			await page.context().close();
		});
	}
}
