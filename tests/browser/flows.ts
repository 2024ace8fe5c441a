/** Steps several browser tests walk the same way: signing an operator up, creating a site. */
import { expect, type Page } from '@playwright/test';
import type { Credentials } from './fixtures.ts';

/** Signs a new operator up through the form and follows the link to create a site. */
export async function signUp(page: Page, credentials: Credentials) {
	await page.goto('/signup');
	await page.getByLabel('Email').fill(credentials.email);
	await page.getByLabel('Password', { exact: true }).fill(credentials.password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Your account is ready' })
	).toBeVisible();
	await page.getByRole('link', { name: 'Create your first site' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Create a site' })).toBeVisible();
}

/** Fills and submits the new-site form; lands on the site's page. */
export async function createSite(page: Page, name: string, origins: string): Promise<string> {
	await page.getByLabel('Site name').fill(name);
	await page.getByLabel('Allowed origins').fill(origins);
	await page.getByLabel('Greeting').fill('Hi! How can we help?');
	await page.getByRole('button', { name: 'Create site' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	const snippet = await page.getByLabel('Snippet', { exact: true }).textContent();
	const key = /data-site="(pk_[0-9A-Za-z]{24})"/.exec(snippet ?? '')?.[1];
	expect(key, 'the snippet carries the site key').toBeTruthy();
	return key as string;
}

/** Opens one of the site page's sections (tabs). */
export async function openSection(
	page: Page,
	name: 'Install' | 'Staff and devices' | 'Appearance' | 'Settings' | 'Danger zone'
) {
	const tab = page.getByRole('tab', { name });
	await tab.click();
	await expect(tab).toHaveAttribute('aria-selected', 'true');
	return page.getByRole('tabpanel', { name });
}

/** The setup checklist's item for one step. */
export function checklistItem(page: Page, title: string) {
	return page
		.getByRole('list', { name: 'Set up your site' })
		.getByRole('listitem')
		.filter({ hasText: title });
}
