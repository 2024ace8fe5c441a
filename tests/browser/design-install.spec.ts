/** The console's install offer gives steps that fit the device it is on. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const IPHONE_UA =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

const offer = (page: Page) =>
	page.getByRole('complementary', { name: 'Install Parley on this device' });

test('a phone without an install prompt gets the menu steps, never the address bar', async ({
	browser
}) => {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	await page.goto('/app');
	await expect(offer(page)).toBeVisible();
	await expect(offer(page)).toContainText('Add to Home screen');
	await expect(offer(page)).not.toContainText('address bar');
	await context.close();
});

test('an iPhone is told to use Share, then Add to Home Screen', async ({ browser }) => {
	const context = await browser.newContext({ ...PHONE, userAgent: IPHONE_UA });
	const page = await context.newPage();
	await page.goto('/app');
	await expect(offer(page).getByRole('listitem')).toHaveText([
		/Tap the Share button/,
		/Add to Home Screen/
	]);
	await context.close();
});
