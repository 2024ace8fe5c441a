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
	await page.getByLabel('Password', { exact: true }).fill(credentials.password);
	await page.getByRole('button', { name: 'Create account' }).click();

	const done = page.getByRole('heading', { level: 1, name: 'Your account is ready' });
	const failure = page.getByRole('alert');
	await expect(done.or(failure)).toBeVisible();
	expect(await failure.allTextContents(), 'no sign-up error is shown').toEqual([]);
	await expect(page.getByRole('status')).toHaveText(`You are signed in as ${credentials.email}.`);
	// The next step is a real button, and the header's one action fits a signed-in operator.
	await expect(page.getByRole('link', { name: 'Create your first site' })).toHaveAttribute(
		'data-slot',
		'button'
	);
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Go to your sites' })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Sign up' })).toHaveCount(0);

	// The session lives in the browser: it survives a reload, and the home page knows it.
	await page.goto('/');
	await expect(nav.getByRole('link', { name: 'Go to your sites' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Create your account' })).toHaveCount(0);
});

test('the password can be shown while typing it, and hidden again', async ({ page }) => {
	await page.goto('/login');
	const password = page.getByLabel('Password', { exact: true });
	await password.fill('secret-words');
	await expect(password).toHaveAttribute('type', 'password');
	const toggle = page.getByRole('button', { name: 'Show password' });
	await toggle.click();
	await expect(password).toHaveAttribute('type', 'text');
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await toggle.click();
	await expect(password).toHaveAttribute('type', 'password');
});
