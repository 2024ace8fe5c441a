/**
 * Two-factor sign-in for an operator, as they would turn it on and live with it: the account
 * page's QR code and key, a first code from the authenticator app (computed here from the key,
 * as the app computes it), then a code after the password at every log-in, and the operator
 * pages asking for it when a session has not passed it. The database side is
 * `tests/contract/second-factor.test.ts`.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { totp } from '../../supabase/local/auth/totp.ts';
import { test, expect } from './fixtures.ts';
import { createSite, type Site } from './sites.ts';

test.describe.configure({ timeout: 90_000 });

async function logIn(browser: Browser, site: Site): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Email').fill(site.owner.email);
	await page.getByLabel('Password', { exact: true }).fill(site.owner.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	return page;
}

async function fitsAndAxeClean(page: Page, what: string) {
	for (const theme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: theme });
		const axe = await new AxeBuilder({ page }).analyze();
		expect(
			axe.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
			`${what} in ${theme}`
		).toEqual([]);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, `${what} in ${theme} scrolls sideways`).toBeLessThanOrEqual(320);
		await page.screenshot({
			path: test.info().outputPath(`${what.replaceAll(' ', '-')}-320-${theme}.png`),
			fullPage: true
		});
	}
}

test('an operator turns on two-factor sign-in, and from then on signs in with a code', async ({
	browser
}) => {
	const site = await createSite('https://shop.second-factor.test');
	const page = await logIn(browser, site);
	await expect(page.getByRole('heading', { level: 1, name: 'Your sites' })).toBeVisible();

	await page.setViewportSize({ width: 320, height: 800 });
	await page.goto('/account');
	const card = page.locator('section', {
		has: page.getByRole('heading', { name: 'Two-factor sign-in' })
	});
	await card.getByRole('button', { name: 'Turn on' }).click();
	await expect(card.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
	const key = (await card.getByTestId('totp-key').textContent())!.trim();
	expect(key).toMatch(/^[A-Z2-7]{32}$/);
	await fitsAndAxeClean(page, 'the QR code step');
	await card.getByLabel('Code').fill('000000');
	await card.getByRole('button', { name: 'Turn on' }).click();
	await expect(card.getByRole('alert')).toContainText('That code is not right.');
	await card.getByLabel('Code').fill(totp(key));
	await card.getByRole('button', { name: 'Turn on' }).click();
	await expect(card.getByText('Two-factor sign-in is on.')).toBeVisible();
	await expect(card.getByRole('button', { name: 'Turn off' })).toBeVisible();

	// Log in on another device: the password, then the code.
	const other = await logIn(browser, site);
	await other.setViewportSize({ width: 320, height: 800 });
	await expect(other.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeVisible();
	await fitsAndAxeClean(other, 'the code prompt');
	await other.getByLabel('Code').fill('123 456');
	await other.getByRole('button', { name: 'Verify' }).click();
	await expect(other.getByRole('alert')).toContainText('That code is not right.');
	await other.getByLabel('Code').fill(totp(key));
	await other.getByRole('button', { name: 'Verify' }).click();
	await expect(other.getByRole('heading', { level: 1, name: 'Your sites' })).toBeVisible();

	// A session that skipped the code and went straight to a site's page gets the prompt there.
	const skipper = await logIn(browser, site);
	await expect(
		skipper.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })
	).toBeVisible();
	await skipper.goto(`/sites/${site.id}`);
	await expect(
		skipper.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })
	).toBeVisible();
	await skipper.getByLabel('Code').fill(totp(key));
	await skipper.getByRole('button', { name: 'Verify' }).click();
	await expect(skipper.getByRole('tab', { name: 'Install' })).toBeVisible();

	// Someone without the code can sign out from the prompt and start again.
	const stuck = await logIn(browser, site);
	await expect(stuck.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeVisible();
	const sessionKeys = () =>
		stuck.evaluate(() => Object.keys(localStorage).filter((k) => /^sb-.*-auth-token$/.test(k)));
	expect(await sessionKeys()).toHaveLength(1);
	await stuck.getByRole('button', { name: 'Use another account' }).click();
	await expect(stuck).toHaveURL(/\/login$/);
	await expect(stuck.getByLabel('Email')).toBeVisible();
	expect(await sessionKeys()).toEqual([]);
	await stuck.goto(`/sites/${site.id}`);
	await expect(stuck.getByRole('heading', { name: 'You are signed out' })).toBeVisible();

	// Turned off (from a session that passed the code), the password alone is enough again.
	await card.getByRole('button', { name: 'Turn off' }).click();
	await expect(card.getByText('Two-factor sign-in is off.')).toBeVisible();
	const plain = await logIn(browser, site);
	await expect(plain.getByRole('heading', { level: 1, name: 'Your sites' })).toBeVisible();
});
