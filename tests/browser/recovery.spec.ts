/**
 * A forgotten password, as an operator lives it: "Forgot your password?" on the log-in page,
 * the mail (read from the local stack's mail catcher, as a person would open it), the link,
 * a new password, and the old one refused from then on. A used link says so.
 */
import { test, expect } from './fixtures.ts';
import { STACK_URL } from './shop.ts';
import { newUser } from './sites.ts';

interface Found {
	messages: { ID: string; Subject: string }[];
}

/** The link in the newest recovery mail to `email`, from the Mailpit API. */
async function recoveryLink(email: string): Promise<string> {
	let found: Found = { messages: [] };
	await expect
		.poll(async () => {
			const res = await fetch(
				`${STACK_URL}/mailpit/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`
			);
			found = (await res.json()) as Found;
			return found.messages.length;
		})
		.toBe(1);
	expect(found.messages[0].Subject).toBe('Reset your password');
	const res = await fetch(`${STACK_URL}/mailpit/api/v1/message/${found.messages[0].ID}`);
	const { HTML } = (await res.json()) as { HTML: string };
	return /href="([^"]+)"/.exec(HTML)![1].replaceAll('&amp;', '&');
}

test('an operator resets a forgotten password through the mailed link', async ({
	page,
	browser
}) => {
	const operator = await newUser('Rita');
	await page.goto('/login');
	await page.getByRole('link', { name: 'Forgot your password?' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
	await page.getByLabel('Email').fill(operator.email);
	await page.getByRole('button', { name: 'Send the link' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeVisible();
	await expect(page.getByRole('status')).toContainText(operator.email);

	const link = await recoveryLink(operator.email);
	await page.goto(link);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Choose a new password' })
	).toBeVisible();
	// The session the link carried is taken out of the address.
	await expect(page).not.toHaveURL(/access_token/);
	await page.getByLabel('New password').fill('a-brand-new-secret');
	await page.getByRole('button', { name: 'Save the new password' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Password changed' })).toBeVisible();
	await page.getByRole('main').getByRole('link', { name: 'Go to your sites' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your sites' })).toBeVisible();

	// On another device: the old password is refused, the new one lets them in.
	const other = await browser.newContext();
	const login = await other.newPage();
	await login.goto('/login');
	await login.getByLabel('Email').fill(operator.email);
	await login.getByLabel('Password', { exact: true }).fill(operator.password);
	await login.getByRole('button', { name: 'Log in' }).click();
	await expect(login.getByRole('alert')).toContainText('Wrong email or password.');
	await login.getByLabel('Password', { exact: true }).fill('a-brand-new-secret');
	await login.getByRole('button', { name: 'Log in' }).click();
	await expect(login.getByRole('heading', { level: 1, name: 'Your sites' })).toBeVisible();

	// The link works once.
	await login.goto(link);
	await expect(login.getByRole('alert')).toContainText(
		'This link cannot be used: The link has expired or was used already.'
	);
	await expect(login.getByRole('link', { name: 'Send a new link' })).toBeVisible();
	await other.close();
});

test('asking for a link for an address without an account looks the same, and sends nothing', async ({
	page
}) => {
	const email = `nobody-${Date.now()}@example.test`;
	await page.goto('/forgot-password');
	await page.getByLabel('Email').fill(email);
	await page.getByRole('button', { name: 'Send the link' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeVisible();
	const res = await fetch(
		`${STACK_URL}/mailpit/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`
	);
	expect(((await res.json()) as Found).messages).toEqual([]);
});
