/**
 * Presence and attention: two agents of one site see each other online or away with their
 * open conversations; a console goes away by itself after inactivity (timeout shortened on
 * the device for the test) and back on input, while a chosen away stays away; with nobody
 * online a visitor's widget offers to leave a message, and a chat again once someone is
 * back. After the one-tap unlock the console rings for a new visitor message and the app
 * badge counts unread conversations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import {
	DESKTOP,
	PHONE,
	ShopVisitor,
	admin,
	newWorld,
	pairAgent,
	type World
} from './console-world.ts';
import { snippetPage, startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

const AWAY_AFTER_KEY = 'parley.console.awayAfterMs';
const WIDGET_CLOSE = 'Close chat';

/** The availability switch, turned to `online` (true) or away (false) by a tap. */
async function setOnline(page: Page, online: boolean) {
	const toggle = page.getByRole('switch', { name: /available/i }).first();
	if ((await toggle.getAttribute('aria-checked')) !== String(online)) await toggle.click();
	await expect(toggle).toHaveAttribute('aria-checked', String(online));
}

/** What the database says about an agent (the widget's truth). */
async function availability(world: World, userId: string): Promise<string> {
	const { data } = await admin()
		.from('site_members')
		.select('availability')
		.eq('site_id', world.siteId)
		.eq('user_id', userId)
		.single();
	return (data as { availability: string }).availability;
}

/** Uncaught errors of a page the fixture does not watch (agents' own contexts). */
function errorsOf(...pages: Page[]): string[] {
	const errors: string[] = [];
	for (const p of pages) p.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

/** Sets how soon a console goes away (a device setting; 5 minutes by default). */
async function setAwayAfter(page: Page, ms: number) {
	await page.evaluate(
		([key, ms]) => {
			localStorage.setItem(key, ms);
			window.dispatchEvent(new StorageEvent('storage', { key }));
		},
		[AWAY_AFTER_KEY, String(ms)] as const
	);
}

/** A colleague's row in the console's team list (sidebar at desktop width). */
function teamRow(page: Page, userId: string) {
	return page.getByTestId('team').first().locator(`[data-agent="${userId}"]`);
}

test('agents see each other online and away with open counts; inactivity turns a console away and input brings it back; with nobody online a visitor may leave a message', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL!, world.siteKey));

	const sam = await pairAgent(browser, world, 'Sam', DESKTOP);
	const kim = await pairAgent(browser, world, 'Kim', DESKTOP);
	const errors = errorsOf(sam.page, kim.page);
	await setOnline(sam.page, true);
	await setOnline(kim.page, true);

	// Each sees the other online, with no open conversations yet.
	await expect(teamRow(sam.page, kim.agentId)).toHaveAttribute('data-availability', 'online');
	await expect(teamRow(kim.page, sam.agentId)).toHaveAttribute('data-availability', 'online');
	await expect(teamRow(kim.page, sam.agentId)).toContainText('Sam');
	await expect(teamRow(kim.page, sam.agentId)).toContainText('0 open');
	await expect(teamRow(kim.page, kim.agentId)).toContainText('Kim (you)');

	// A conversation assigned to Sam: Kim sees Sam's count go up.
	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/pricing', world.siteKey, 'Pricing');
	const conversationId = await visitor.startChat();
	// Sam has it (as take_conversation would leave it; the service role stands in).
	const take = await admin()
		.from('conversations')
		.update({ assigned_agent_id: sam.agentId })
		.eq('id', conversationId);
	expect(take.error).toBeNull();
	await expect(teamRow(kim.page, sam.agentId)).toContainText('1 open');
	await expect(teamRow(sam.page, sam.agentId)).toContainText('1 open');
	await visitorContext.close();

	// Kim gives no input: after 3 s (shortened for the test) the console turns away, in presence and in the database.
	const kimSwitch = kim.page.getByRole('switch', { name: /available/i }).first();
	await setAwayAfter(kim.page, 3000);
	await expect(kimSwitch).toHaveAttribute('aria-checked', 'false', { timeout: 10_000 });
	await expect(teamRow(sam.page, kim.agentId)).toHaveAttribute('data-availability', 'away');
	expect(await availability(world, kim.agentId)).toBe('away');
	// Input brings it back online.
	await kim.page.mouse.move(200, 300);
	await kim.page.mouse.move(240, 320);
	await expect(kimSwitch).toHaveAttribute('aria-checked', 'true');
	await expect(teamRow(sam.page, kim.agentId)).toHaveAttribute('data-availability', 'online');
	await expect.poll(() => availability(world, kim.agentId)).toBe('online');

	// Sam chooses away; then Kim drifts away too: nobody is online.
	await setOnline(sam.page, false);
	await expect(kimSwitch).toHaveAttribute('aria-checked', 'false', { timeout: 10_000 });
	await expect.poll(() => availability(world, kim.agentId)).toBe('away');
	// Sam's chosen away stays away through Sam's own input.
	await sam.page.mouse.move(300, 300);
	await sam.page.keyboard.press('Shift');
	await sam.page.waitForTimeout(500);
	expect(await availability(world, sam.agentId)).toBe('away');
	await expect(teamRow(kim.page, sam.agentId)).toHaveAttribute('data-availability', 'away');

	// A visitor who opens the widget now gets "leave a message".
	const phone = await browser.newContext(PHONE);
	const shopper = await phone.newPage();
	await shopper.goto(shop.origin + '/help');
	const launcher = shopper.getByRole('button', { name: /^Chat/ });
	await launcher.click();
	const widget = shopper.frameLocator('iframe');
	await expect(widget.getByRole('heading', { name: 'Leave us a message' })).toBeVisible();
	await widget.getByRole('button', { name: WIDGET_CLOSE, exact: true }).click();
	await expect(launcher).toHaveAttribute('aria-expanded', 'false');

	// Kim comes back: the next open offers a chat.
	await kim.page.keyboard.press('Shift');
	await expect(kimSwitch).toHaveAttribute('aria-checked', 'true');
	await setAwayAfter(kim.page, 0); // stays online from here on
	await expect.poll(() => availability(world, kim.agentId)).toBe('online');
	await launcher.click();
	await expect(widget.getByRole('textbox', { name: 'Message' })).toBeVisible();
	await expect(widget.getByRole('heading', { name: 'Leave us a message' })).toBeHidden();

	expect(errors).toEqual([]);
	await phone.close();
	await sam.context.close();
	await kim.context.close();
});

test('after the one-tap unlock a new visitor message rings, and the app badge counts unread conversations', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const world = await newWorld(shop.origin);
	const agent = await pairAgent(browser, world, 'Sam', PHONE);
	// Count the tones the console plays and the badge it sets.
	await agent.context.addInitScript(() => {
		const w = window as unknown as { tones: number; badges: (number | null)[] };
		w.tones = 0;
		w.badges = [];
		const start = OscillatorNode.prototype.start;
		OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
			w.tones++;
			return start.apply(this, args);
		};
		Object.defineProperty(navigator, 'setAppBadge', {
			configurable: true,
			value: async (n?: number) => void w.badges.push(n ?? null)
		});
		Object.defineProperty(navigator, 'clearAppBadge', {
			configurable: true,
			value: async () => void w.badges.push(0)
		});
	});
	const errors = errorsOf(agent.page);
	await agent.page.goto('/app');
	const page = agent.page;
	const tones = () => page.evaluate(() => (window as unknown as { tones: number }).tones);
	const badges = () =>
		page.evaluate(() => (window as unknown as { badges: (number | null)[] }).badges);

	// Sound is locked until a tap: the console offers the tap.
	const unlock = page.getByRole('button', { name: 'Turn on sound' });
	await expect(unlock).toBeVisible();
	await page.waitForTimeout(300);
	await page.screenshot({ path: test.info().outputPath('sound-unlock-390-light.png') });
	await unlock.click();
	await expect(unlock).toBeHidden();
	await setOnline(page, true);
	// The tap plays a short confirmation.
	await expect.poll(tones).toBeGreaterThan(0);
	await page.waitForTimeout(1600); // past the chime's minimum gap
	const before = await tones();
	const rangBefore = Number(await page.locator('[data-rang]').getAttribute('data-rang'));

	// A visitor starts a chat and writes: the console rings, and the badge shows 1.
	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/pricing', world.siteKey, 'Pricing');
	const conversationId = await visitor.startChat('Vera');
	await expect.poll(tones).toBeGreaterThan(before);
	await page.waitForTimeout(1600);
	const afterStart = await tones();
	await visitor.say(conversationId, 'Do you ship to Norway?');
	await expect.poll(tones).toBeGreaterThan(afterStart);
	await expect
		.poll(async () => Number(await page.locator('[data-rang]').getAttribute('data-rang')))
		.toBeGreaterThanOrEqual(rangBefore + 2);
	await expect.poll(async () => (await badges()).at(-1)).toBe(1);

	// Reading it (the conversation on screen) clears the badge and its messages stay quiet.
	await page.goto(`/app/conversations/${conversationId}`);
	await expect(page.getByRole('heading', { name: 'Vera' })).toBeVisible();
	// The reload locked sound again; a tap anywhere unlocks it.
	await page.getByRole('heading', { name: 'Vera' }).click();
	await expect.poll(async () => (await badges()).at(-1)).toBe(0);
	await page.waitForTimeout(1600);
	const reading = await tones();
	await visitor.say(conversationId, 'Hello?');
	await expect(page.getByRole('log', { name: 'Messages' }).getByText('Hello?')).toBeVisible();
	await page.waitForTimeout(1000);
	expect(await tones(), 'no ring for the conversation on screen').toBe(reading);
	expect(errors).toEqual([]);

	await visitorContext.close();
	await agent.context.close();
});

for (const [size, device] of [
	['390', PHONE],
	['1024', { viewport: { width: 1024, height: 768 } }]
] as const) {
	for (const theme of ['light', 'dark'] as const) {
		test(`team and sound at ${size} px, ${theme}: screenshots and axe`, async ({ browser }) => {
			test.setTimeout(60_000);
			const world = await newWorld(shop.origin);
			const kim = await pairAgent(browser, world, 'Kim', DESKTOP);
			await setOnline(kim.page, true);
			const sam = await pairAgent(browser, world, 'Sam', { ...device, colorScheme: theme });
			const page = sam.page;
			await setOnline(page, true);
			if (size === '390') {
				await page.getByRole('button', { name: /^Team: 2 online/ }).click();
			}
			await expect(teamRow(page, kim.agentId)).toHaveAttribute('data-availability', 'online');
			await page.waitForTimeout(300);
			await page.screenshot({ path: test.info().outputPath(`team-${size}-${theme}.png`) });
			const axe = await new AxeBuilder({ page }).analyze();
			const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
			expect(
				bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
			).toEqual([]);
			await page.keyboard.press('Escape');
			await page.goto('/app/settings');
			await expect(page.getByRole('heading', { name: 'Sound and away' })).toBeVisible();
			await page.waitForTimeout(300);
			await page.screenshot({
				path: test.info().outputPath(`settings-sound-${size}-${theme}.png`),
				fullPage: true
			});
			const axe2 = await new AxeBuilder({ page }).analyze();
			expect(
				axe2.violations
					.filter((v) => v.impact === 'serious' || v.impact === 'critical')
					.map((v) => v.id)
			).toEqual([]);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth > document.documentElement.clientWidth
			);
			expect(overflow).toBe(false);
			await sam.context.close();
			await kim.context.close();
		});
	}
}
