import { expect, test } from './fixtures.ts';

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
