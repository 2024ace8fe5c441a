/**
 * The interface languages in the browser: the launcher and the widget follow the visitor's
 * browser (then the site's default); the widget, the console and the operator pages in Arabic
 * lay out right to left, pass axe-core, fit 320 px and keep 44 px targets; the console's
 * language picker switches at once and stays chosen across a reload. Screenshots of the Arabic
 * widget, console and operator pages, 390 px light and dark, land in the test output.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Frame, FrameLocator, Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { newWorld, ownerConsole, pairAgent, PHONE, ShopVisitor } from './console-world.ts';
import { snippetPage, startShop, type Shop } from './shop.ts';
import { agentFor, createSite, type Site } from './sites.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

const THEMES = ['light', 'dark'] as const;

/** A site allowing the shop, with no questions before a chat, its owner online as Alice. */
async function onlineSite(settings: Record<string, unknown> = {}): Promise<Site> {
	const site = await createSite(
		shop.origin,
		{ prechat_name: 'off', prechat_email: 'off', greeting: '', ...settings },
		'Alice'
	);
	await agentFor(site);
	return site;
}

/** Opens the shop page with the real snippet and the widget; returns the widget's frame. */
async function openWidget(page: Page, site: Site, launcher: string | RegExp) {
	const path = `/lang-${site.key.slice(-8)}`;
	shop.page(path, snippetPage(test.info().project.use.baseURL!, site.key));
	await page.goto(shop.origin + path);
	await page.getByRole('button', { name: launcher }).click();
	return page.frameLocator('iframe');
}

const widgetFrame = (page: Page): Frame => page.frames().find((f) => f.url().includes('/widget'))!;

/** axe-core's serious and critical findings in the page, its shadow roots and frames. */
async function seriousFindings(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Sideways overflow and targets under 44×44 px in a page or frame. */
function layoutProblems(target: Page | Frame): Promise<string[]> {
	return target.evaluate(() => {
		const found: string[] = [];
		const root = document.documentElement;
		if (root.scrollWidth > innerWidth) found.push(`scrolls sideways: ${root.scrollWidth}px`);
		const selector =
			'button, [role="button"], nav a, [role="tab"], [role="checkbox"], [role="radio"]';
		for (const el of document.querySelectorAll<HTMLElement>(selector)) {
			if (el.closest('[aria-hidden="true"], [inert], [hidden]')) continue;
			if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
			const box = el.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue;
			if (box.width + 0.5 < 44 || box.height + 0.5 < 44)
				found.push(
					`${el.getAttribute('aria-label') ?? el.textContent?.trim()} ${box.width}×${box.height}`
				);
		}
		return found;
	});
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
	await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** The send button sits at the start of the line, left of the text box, as Arabic reads. */
async function expectSendOnTheLeft(textbox: Locator, send: Locator) {
	const [box, button] = [await textbox.boundingBox(), await send.boundingBox()];
	expect(box && button).toBeTruthy();
	expect(button!.x + button!.width).toBeLessThanOrEqual(box!.x + 1);
}

test("the launcher and the widget follow the visitor's browser language", async ({ browser }) => {
	const site = await onlineSite();
	const context = await browser.newContext({ locale: 'es-ES' });
	const page = await context.newPage();
	const w = await openWidget(page, site, /^Chat/);
	await expect(w.getByRole('textbox', { name: 'Mensaje' })).toHaveAttribute(
		'placeholder',
		'Escribe un mensaje…'
	);
	await expect(w.getByRole('button', { name: 'Cerrar el chat' })).toBeVisible();
	expect(await widgetFrame(page).evaluate(() => document.documentElement.lang)).toBe('es');
	await context.close();
});

test("without a supported browser language the widget takes the site's default", async ({
	browser
}) => {
	const site = await onlineSite({ default_language: 'fr' });
	const context = await browser.newContext({ locale: 'it-IT' });
	const page = await context.newPage();
	const w = await openWidget(page, site, /^Chat/);
	await expect(w.getByRole('textbox', { name: 'Message' })).toHaveAttribute(
		'placeholder',
		'Écrivez un message…'
	);
	await context.close();
});

test('the widget in Arabic is right to left, passes axe-core and fits 320 px', async ({
	browser
}, testInfo) => {
	test.setTimeout(90_000);
	const site = await onlineSite();
	for (const theme of THEMES) {
		const context = await browser.newContext({ ...PHONE, locale: 'ar', colorScheme: theme });
		const page = await context.newPage();
		await page.emulateMedia({ reducedMotion: 'reduce' });
		const w: FrameLocator = await openWidget(page, site, /^دردشة/);
		// The snippet's launcher and panel carry the language and direction too.
		await expect(page.locator('div[lang="ar"][dir="rtl"]')).toHaveCount(1);
		const textbox = w.getByRole('textbox', { name: 'الرسالة' });
		await textbox.fill('مرحبًا، هل تشحنون إلى الرياض؟');
		const frame = widgetFrame(page);
		expect(
			await frame.evaluate(() => [document.documentElement.lang, document.documentElement.dir])
		).toEqual(['ar', 'rtl']);
		await expectSendOnTheLeft(textbox, w.getByRole('button', { name: 'إرسال', exact: true }));
		await textbox.press('Enter');
		await expect(w.locator('[data-slot="message"]').last()).toHaveAttribute(
			'data-state',
			/sent|delivered|read/
		);
		expect.soft(await seriousFindings(page), `widget in ${theme}`).toEqual([]);
		await shot(page, testInfo, `widget-ar-390-${theme}`);
		await page.setViewportSize({ width: 320, height: 640 });
		expect.soft(await layoutProblems(frame), `widget at 320 px in ${theme}`).toEqual([]);
		await context.close();
	}
});

/** An agent on a phone whose browser speaks Arabic, with a visitor's chat taken. */
async function arabicConsole(browser: Browser) {
	const world = await newWorld(shop.origin);
	const agent = await pairAgent(browser, world, 'Sami', { ...PHONE, locale: 'ar' });
	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/help', world.siteKey, 'Help');
	const conversationId = await visitor.startChat('Vera');
	await visitorContext.close();
	return {
		...agent,
		conversationId
	};
}

test('the console in Arabic is right to left, passes axe-core and fits 320 px', async ({
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const { context, page, conversationId } = await arabicConsole(browser);
	await expect(page.getByRole('heading', { level: 1, name: 'الزوار' })).toBeVisible();
	expect(
		await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])
	).toEqual(['ar', 'rtl']);

	await page.goto(`/app/conversations/${conversationId}`);
	await page.getByRole('button', { name: 'تولي', exact: true }).first().click();
	const textbox = page.getByRole('textbox', { name: 'الرسالة' });
	await textbox.fill('أهلًا بك، كيف يمكنني المساعدة؟');
	await expectSendOnTheLeft(textbox, page.getByRole('button', { name: 'إرسال', exact: true }));

	const screens = [`/app/conversations/${conversationId}`, '/app', '/app/settings'];
	for (const theme of THEMES) {
		await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
		for (const path of screens) {
			await page.goto(path);
			await expect(page.getByRole('heading').first()).toBeVisible();
			await page.waitForLoadState('networkidle');
			const name = path.split('/').filter(Boolean).slice(0, 2).join('-');
			expect.soft(await seriousFindings(page), `${path} in ${theme}`).toEqual([]);
			await shot(page, testInfo, `console-ar-${name}-390-${theme}`);
		}
	}
	await page.setViewportSize({ width: 320, height: 640 });
	for (const path of screens) {
		await page.goto(path);
		await expect(page.getByRole('heading').first()).toBeVisible();
		await page.waitForLoadState('networkidle');
		expect.soft(await layoutProblems(page), `${path} at 320 px`).toEqual([]);
	}
	await context.close();
});

test('the operator pages in Arabic are right to left from the server on, pass axe-core and fit 320 px', async ({
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const world = await newWorld(shop.origin);
	const { context, page } = await ownerConsole(browser, world, PHONE);
	// The choice made on this device, as the language picker stores it.
	await page.evaluate(() => localStorage.setItem('parley.language', 'ar'));
	await context.addCookies([
		{ name: 'parley-language', value: 'ar', url: test.info().project.use.baseURL! }
	]);
	const html = await (await page.request.get('/account')).text();
	expect(html).toContain('<html lang="ar" dir="rtl">');
	expect(html).toContain('حسابك');

	const screens = ['/account', '/sites', `/sites/${world.siteId}`];
	for (const theme of THEMES) {
		await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
		for (const path of screens) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.locator('[data-slot="skeleton"]')).toHaveCount(0);
			expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
			expect.soft(await seriousFindings(page), `${path} in ${theme}`).toEqual([]);
			const name = path.split('/').filter(Boolean)[0] + (path.split('/').length > 2 ? '-site' : '');
			await shot(page, testInfo, `operator-ar-${name}-390-${theme}`);
		}
	}
	await page.setViewportSize({ width: 320, height: 640 });
	for (const path of screens) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.locator('[data-slot="skeleton"]')).toHaveCount(0);
		expect.soft(await layoutProblems(page), `${path} at 320 px`).toEqual([]);
	}
	await context.close();
});

test("the console's language picker switches at once and stays chosen after a reload", async ({
	browser
}) => {
	const world = await newWorld(shop.origin);
	const { context, page } = await pairAgent(browser, world, 'Sam');
	await page.goto('/app/settings');
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await page.getByLabel('Language').selectOption('de');
	await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
	await expect(page.getByLabel('Sprache')).toHaveValue('de');
	// The server renders the page's <html> in the chosen language from the start.
	const html = await (await page.request.get('/app/settings')).text();
	expect(html).toContain('<html lang="de" dir="ltr">');

	// Back to the browser's language.
	await page.getByLabel('Sprache').selectOption('');
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await context.close();
});
