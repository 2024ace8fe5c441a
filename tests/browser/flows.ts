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

/** A picture made in the page: a `width`×`height` PNG of four coloured quarters. */
export async function quartersPng(
	page: Page,
	colors: [string, string, string, string] = ['#e11d48', '#f59e0b', '#0ea5e9', '#10b981'],
	width = 640,
	height = 480
): Promise<{ name: string; mimeType: string; buffer: Buffer; dataUrl: string }> {
	const dataUrl = await page.evaluate(
		({ colors, width, height }) => {
			const canvas = document.createElement('canvas');
			canvas.width = width;
			canvas.height = height;
			const ctx = canvas.getContext('2d')!;
			colors.forEach((color, i) => {
				ctx.fillStyle = color;
				ctx.fillRect(
					(i % 2) * (width / 2),
					Math.floor(i / 2) * (height / 2),
					width / 2,
					height / 2
				);
			});
			return canvas.toDataURL('image/png');
		},
		{ colors, width, height }
	);
	const buffer = Buffer.from(dataUrl.split(',')[1], 'base64');
	return { name: 'quarters.png', mimeType: 'image/png', buffer, dataUrl };
}

/** Adds a picture to the site's call backgrounds on the open site page (Settings). */
export async function addCallBackground(
	page: Page,
	file: { name: string; mimeType: string; buffer: Buffer }
) {
	const settings = await openSection(page, 'Settings');
	const list = settings.getByTestId('call-backgrounds');
	await expect(list.getByText(/^\d of 6$/)).toBeVisible({ timeout: 15_000 });
	const before = await list.getByRole('listitem').count();
	await list.getByTestId('call-background-file').setInputFiles(file);
	await expect(list.getByRole('listitem')).toHaveCount(before + 1, { timeout: 15_000 });
	await expect(list.getByText(/^Added\./)).toBeVisible();
	return list;
}
