import { expect, test } from './fixtures.ts';

test('the home page says what Parley is and links to sign-up', async ({ page }) => {
	await page.goto('/');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Talk with the people on your website, live' })
	).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Create your account' })).toHaveAttribute(
		'href',
		/signup$/
	);
});

test('a visitor signs up from the home page and is signed in', async ({ page, credentials }) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Create your account' }).click();
	await expect(page.getByRole('heading', { name: 'Create your Parley account' })).toBeVisible();

	await page.getByLabel('Email').fill(credentials.email);
	await page.getByLabel('Password').fill(credentials.password);
	await page.getByRole('button', { name: 'Create account' }).click();

	const nav = page.getByRole('navigation', { name: 'Main' });
	const signedIn = nav.getByText(`Signed in as ${credentials.email}`);
	const failure = page.getByRole('alert');
	await expect(signedIn.or(failure)).toBeVisible();
	expect(await failure.allTextContents(), 'no sign-up error is shown').toEqual([]);
	await expect(signedIn).toBeVisible();
	await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();

	// The session lives in the browser: it survives a reload.
	await page.reload();
	await expect(signedIn).toBeVisible();
});
