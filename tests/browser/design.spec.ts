/**
 * Every page, as each kind of person sees it (signed out, operator, paired agent), held to the
 * design system's promises: axe-core finds nothing serious or critical (colour contrast
 * included) in light and dark at phone and desktop size; nothing scrolls sideways from 320 px
 * up; on touch screens every button, nav link, tab, checkbox and radio is at least 44×44 px.
 * Screenshots of every page, light and dark, land in the test output on every run.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page, TestInfo } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures.ts';
import { addCallBackground, createSite, openSection, quartersPng, signUp } from './flows.ts';
import { startShop, visitShop, type Shop } from './shop.ts';

type Persona = 'signed-out' | 'operator' | 'agent';
type Theme = 'light' | 'dark';

interface Screen {
	name: string;
	path: () => string;
	/** Waits until the page shows its real content (not a loading state). */
	ready: (page: Page) => Promise<void>;
	/** Brings the page into the state to check (opens a tab). */
	act?: (page: Page) => Promise<void>;
}

/** Sizes of the axe and screenshot runs. */
const SIZES = {
	phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
	desktop: { viewport: { width: 1280, height: 800 } }
} satisfies Record<string, BrowserContextOptions>;

/** Widths of the layout check; all but the desktop are touch screens. */
const LAYOUT_WIDTHS = [320, 390, 820, 1280] as const;
const HEIGHT: Record<(typeof LAYOUT_WIDTHS)[number], number> = {
	320: 640,
	390: 844,
	820: 1180,
	1280: 800
};
const MIN_TARGET_PX = 44;

const world = { siteId: '', operator: undefined as StorageState, agent: undefined as StorageState };
type StorageState = BrowserContextOptions['storageState'];
let shop: Shop | undefined;

/** Pages wait on the backend; on two shared cores under the whole suite that can take a while. */
const LOAD_TIMEOUT_MS = 30_000;
const slow = expect.configure({ timeout: LOAD_TIMEOUT_MS });
async function settled(page: Page) {
	await slow(page.getByRole('heading', { level: 1 })).toBeVisible();
	await slow(page.locator('[data-slot="skeleton"]')).toHaveCount(0);
}

const SCREENS: Record<Persona, Screen[]> = {
	'signed-out': [
		{ name: 'home', path: () => '/', ready: settled },
		{ name: 'signup', path: () => '/signup', ready: settled },
		{ name: 'login', path: () => '/login', ready: settled },
		{ name: 'forgot-password', path: () => '/forgot-password', ready: settled },
		{
			name: 'reset-password-no-link',
			path: () => '/reset-password',
			ready: (page) => slow(page.getByRole('link', { name: 'Send a new link' })).toBeVisible()
		},
		{ name: 'sites-signed-out', path: () => '/sites', ready: settled },
		{
			name: 'app-signed-out',
			path: () => '/app',
			ready: (page) => slow(page.getByRole('alert')).toBeVisible()
		},
		{
			name: 'pair-incomplete',
			path: () => '/pair',
			ready: (page) => slow(page.getByRole('alert')).toBeVisible()
		}
	],
	operator: [
		{
			name: 'home-operator',
			path: () => '/',
			ready: (page) =>
				slow(page.getByRole('link', { name: 'Go to your sites' }).first()).toBeVisible()
		},
		{
			name: 'sites',
			path: () => '/sites',
			ready: (page) => slow(page.getByRole('link', { name: 'Corner Shop' })).toBeVisible()
		},
		{ name: 'site-new', path: () => '/sites/new', ready: settled },
		{
			name: 'site-install',
			path: () => `/sites/${world.siteId}`,
			ready: (page) => slow(page.getByText(/^Installed on /)).toBeVisible()
		},
		{
			name: 'site-staff',
			path: () => `/sites/${world.siteId}`,
			ready: settled,
			act: async (page) => {
				const staff = await openSection(page, 'Staff and devices');
				await slow(staff.getByRole('list', { name: 'People on this site' })).toContainText('Ada');
			}
		},
		{
			name: 'site-appearance',
			path: () => `/sites/${world.siteId}`,
			ready: settled,
			act: async (page) => void (await openSection(page, 'Appearance'))
		},
		{
			name: 'site-settings',
			path: () => `/sites/${world.siteId}`,
			ready: settled,
			act: async (page) => void (await openSection(page, 'Settings'))
		},
		{
			name: 'site-call-backgrounds',
			path: () => `/sites/${world.siteId}`,
			ready: settled,
			act: async (page) => {
				const settings = await openSection(page, 'Settings');
				const list = settings.getByRole('list', { name: 'This site’s call backgrounds' });
				const thumb = list.getByRole('img', { name: 'Background 1' });
				await slow(thumb).toBeVisible();
				// Thumbnails load lazily: bring them on screen first.
				await list.scrollIntoViewIfNeeded();
				await slow
					.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
					.toBeGreaterThan(0);
			}
		},
		{
			name: 'site-danger',
			path: () => `/sites/${world.siteId}`,
			ready: settled,
			act: async (page) => void (await openSection(page, 'Danger zone'))
		},
		{ name: 'account', path: () => '/account', ready: settled },
		{
			name: 'app-operator',
			path: () => '/app/settings',
			ready: (page) => slow(page.getByRole('list', { name: 'Your sites' })).toBeVisible()
		}
	],
	agent: [
		{
			name: 'app-agent',
			path: () => '/app/settings',
			ready: (page) => slow(page.getByText('Signed in as Ada')).toBeVisible()
		},
		{
			name: 'pair-agent',
			path: () => '/pair',
			ready: (page) => slow(page.getByRole('alert')).toBeVisible()
		}
	]
};

test.describe.configure({ mode: 'parallel' });

// One operator with an installed site and one paired agent, made through the pages themselves.
test.beforeAll(async ({ browser }) => {
	test.setTimeout(120_000);
	shop = await startShop();
	const context = await browser.newContext();
	const page = await context.newPage();
	const id = randomBytes(6).toString('hex');
	await signUp(page, { email: `design-${id}@example.test`, password: `pw-${id}-secret` });
	const key = await createSite(page, 'Corner Shop', shop.origin);
	world.siteId = new URL(page.url()).pathname.split('/').pop() ?? '';
	const staff = await openSection(page, 'Staff and devices');
	await staff.getByLabel('Name', { exact: true }).fill('Ada');
	await staff.getByRole('button', { name: 'Create pairing link' }).click();
	const link = await staff
		.getByRole('img', { name: 'QR code: Pairing link for Ada' })
		.getAttribute('data-qr');
	await addCallBackground(page, await quartersPng(page));
	world.operator = await context.storageState();

	const visitor = await browser.newContext();
	expect((await visitShop(await visitor.newPage(), `${shop.origin}/`, key)).error).toBeNull();
	await visitor.close();

	const phone = await browser.newContext(SIZES.phone);
	const phonePage = await phone.newPage();
	await phonePage.goto(link ?? '');
	await expect(phonePage).toHaveURL(/\/app$/);
	await phonePage.goto('/app/settings');
	await expect(phonePage.getByText('Signed in as Ada')).toBeVisible();
	world.agent = await phone.storageState();
	await phone.close();
	await context.close();
});

test.afterAll(async () => {
	await shop?.close();
});

async function open(browser: Browser, persona: Persona, options: BrowserContextOptions) {
	const storageState =
		persona === 'operator' ? world.operator : persona === 'agent' ? world.agent : undefined;
	const context = await browser.newContext({ ...options, storageState });
	const page = await context.newPage();
	// Transitions mid-way would give axe half-faded colours to measure.
	await page.emulateMedia({ reducedMotion: 'reduce' });
	return { context, page };
}

async function show(page: Page, screen: Screen) {
	await page.goto(screen.path());
	await screen.ready(page);
	await screen.act?.(page);
}

/** axe-core's serious and critical findings, one line per rule and element. */
async function seriousFindings(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) =>
			v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`)
		);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
	await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

for (const persona of ['signed-out', 'operator', 'agent'] as const) {
	for (const screen of SCREENS[persona]) {
		test(`axe finds nothing serious on ${screen.name} (${persona}, phone and desktop, light and dark)`, async ({
			browser
		}, testInfo) => {
			test.setTimeout(120_000);
			for (const options of Object.values(SIZES)) {
				const { context, page } = await open(browser, persona, options);
				for (const theme of ['light', 'dark'] as Theme[]) {
					await page.emulateMedia({ colorScheme: theme });
					await show(page, screen);
					await expect(page.locator('html')).toHaveClass(
						theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/
					);
					expect
						.soft(
							await seriousFindings(page),
							`${screen.name} at ${options.viewport.width} in ${theme}`
						)
						.toEqual([]);
					await screenshot(page, testInfo, `${screen.name}-${options.viewport.width}-${theme}`);
				}
				await context.close();
			}
		});
	}

	for (const width of LAYOUT_WIDTHS) {
		const touch = width < 1280;
		test(`no page scrolls sideways${touch ? ' and every target is 44 px' : ''} (${persona}, ${width} px)`, async ({
			browser
		}) => {
			test.setTimeout(180_000);
			const { context, page } = await open(browser, persona, {
				viewport: { width, height: HEIGHT[width] },
				hasTouch: touch,
				isMobile: touch
			});
			for (const screen of SCREENS[persona]) {
				await show(page, screen);
				const overflow = await page.evaluate(() => ({
					scroll: document.documentElement.scrollWidth,
					inner: window.innerWidth
				}));
				expect
					.soft(overflow.scroll, `${screen.name} scrolls sideways`)
					.toBeLessThanOrEqual(overflow.inner);
				if (touch)
					expect.soft(await smallTargets(page), `${screen.name}: targets under 44 px`).toEqual([]);
			}
			await context.close();
		});
	}
}

/** Buttons, nav links, tabs, checkboxes and radios on screen that are smaller than 44×44. */
function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate((min) => {
		const selector = [
			'button',
			'[role="button"]',
			'nav a',
			'[role="tab"]',
			'[role="checkbox"]',
			'[role="radio"]',
			'input[type="checkbox"]',
			'input[type="radio"]'
		].join(',');
		const found: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>(selector)) {
			// Decorative copies (the widget preview) and hidden panels are not targets.
			if (el.closest('[aria-hidden="true"], [inert], [hidden]')) continue;
			if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
			const box = el.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue;
			if (box.width + 0.5 < min || box.height + 0.5 < min) {
				const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
				found.push(
					`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`
				);
			}
		}
		return found;
	}, MIN_TARGET_PX);
}
