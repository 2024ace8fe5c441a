import { expect, test } from './fixtures.ts';
import { createSite, signUp } from './flows.ts';
import type { Page } from '@playwright/test';

/** Roles a person operates; each must have a name so tests (and screen readers) can find it. */
const INTERACTIVE_ROLES = [
	'button',
	'link',
	'textbox',
	'checkbox',
	'radio',
	'combobox',
	'listbox',
	'slider',
	'switch',
	'tab',
	'menuitem',
	'searchbox',
	'spinbutton'
];
// In an ARIA snapshot a named control reads `- button "Send"`; an unnamed one `- button` / `- button:`.
const UNNAMED_CONTROL = new RegExp(
	`^\\s*- (${INTERACTIVE_ROLES.join('|')})(\\s*\\[[^\\]]*\\])*\\s*:?\\s*$`,
	'gm'
);

for (const path of ['/', '/signup', '/login', '/sites', '/account', '/app', '/pair']) {
	test(`every control on ${path} has an accessible name`, async ({ page }) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const snapshot = await page.locator('body').ariaSnapshot();
		expect(snapshot).toMatch(/- (link|button|textbox) "/);
		expect(snapshot.match(UNNAMED_CONTROL) ?? []).toEqual([]);
	});
}

/** Fails on any interactive control without an accessible name in the page's body. */
async function expectNamedControls(page: Page) {
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const snapshot = await page.locator('body').ariaSnapshot();
	expect(snapshot.match(UNNAMED_CONTROL) ?? []).toEqual([]);
}

test('every control an operator uses when signed in has an accessible name', async ({
	page,
	credentials
}) => {
	await signUp(page, credentials);
	await expectNamedControls(page);
	await createSite(page, 'Named Controls', 'https://named.example');
	await page.getByLabel('Name', { exact: true }).fill('Ada');
	await page.getByRole('button', { name: 'Create pairing link' }).click();
	await expect(page.getByRole('img', { name: 'QR code: Pairing link for Ada' })).toBeVisible();
	await expectNamedControls(page);
	for (const path of ['/sites', '/account', '/app']) {
		await page.goto(path);
		await expectNamedControls(page);
	}
});
