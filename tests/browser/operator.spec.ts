/**
 * The operator's first ten minutes, walked as a new user would: sign up, create a site, copy
 * the snippet, watch it switch to "installed" live, pair a phone, and see used, revoked and
 * expired links refused. Bad input gets a clear error and stores nothing.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import { DEFAULT_ANON_KEY, DEFAULT_SERVICE_ROLE_KEY } from '../../supabase/local/keys.ts';
import { test, expect } from './fixtures.ts';
import { checklistItem, createSite, openSection, signUp } from './flows.ts';
import { STACK_URL, startShop, visitShop, type Shop } from './shop.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// Each walk waits on the database and realtime many times; next to the design suite on two
// shared cores, the default 30 s is too tight for the longer ones.
test.describe.configure({ timeout: 60_000 });

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/** Creates a pairing link for `name` on the site page and returns it. */
async function invite(page: Page, name: string): Promise<string> {
	const staff = await openSection(page, 'Staff and devices');
	await staff.getByLabel('Name', { exact: true }).fill(name);
	await staff.getByRole('button', { name: 'Create pairing link' }).click();
	const card = staff
		.locator('[data-slot="link-card"]')
		.filter({ has: page.getByRole('heading', { name: `Pairing link for ${name}` }) });
	const qr = card.getByRole('img', { name: `QR code: Pairing link for ${name}` });
	await expect(qr.locator('svg')).toBeVisible();
	const link = await qr.getAttribute('data-qr');
	expect(link).toMatch(/\/pair#pair_[A-Za-z0-9_-]{43}$/);
	await expect(card.getByText(link as string, { exact: true })).toBeVisible();
	return link as string;
}

async function openOnPhone(
	browser: Browser,
	link: string
): Promise<{ phone: BrowserContext; page: Page }> {
	const phone = await browser.newContext(PHONE);
	const page = await phone.newPage();
	await page.goto(link);
	return { phone, page };
}

test('an operator signs up, installs the snippet and pairs a phone', async ({
	page,
	browser,
	credentials,
	context
}) => {
	test.setTimeout(120_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await signUp(page, credentials);
	const key = await createSite(page, 'Corner Shop', shop.origin);

	// The snippet, copied with the button, is the one line to paste.
	const snippet = await page.getByLabel('Snippet', { exact: true }).textContent();
	expect(snippet).toBe(
		`<script async src="${new URL(page.url()).origin}/embed.js" data-site="${key}"></script>`
	);
	await page.getByRole('button', { name: 'Copy snippet' }).click();
	await expect(page.getByText('Copied to the clipboard.')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

	const status = page.getByText(/^(Waiting for the first visit…|Installed on .*)$/);
	await expect(status).toHaveText('Waiting for the first visit…');
	// The setup checklist starts with the site created and everything else still to do.
	await expect(checklistItem(page, 'Site created')).toHaveAttribute('data-done', 'true');
	for (const step of ['Snippet installed', 'First agent paired', 'First conversation'])
		await expect(checklistItem(page, step)).toHaveAttribute('data-done', 'false');
	await expect(page.getByText('1 of 4 done')).toBeVisible();

	// Strangers are refused and change nothing: a forged key, and a page on another origin.
	const visitor = await browser.newContext();
	const shopPage = await visitor.newPage();
	const forged = await visitShop(shopPage, `${shop.origin}/`, 'pk_' + 'X'.repeat(24));
	expect(forged.error).toEqual({ code: '42501', message: 'unknown site key' });
	const other = await startShop();
	try {
		const wrongOrigin = await visitShop(shopPage, `${other.origin}/`, key);
		expect(wrongOrigin.error).toEqual({
			code: '42501',
			message: `origin ${other.origin} is not allowed for this site`
		});
	} finally {
		await other.close();
	}
	await expect(status).toHaveText('Waiting for the first visit…');

	// The first real page view flips the status live, without a reload.
	const view = await visitShop(shopPage, `${shop.origin}/pricing`, key);
	expect(view.error).toBeNull();
	expect(view.data?.first_view).toBe(true);
	await expect(status).toHaveText(new RegExp(`^Installed on ${shop.origin}/pricing at .+\\.$`));
	await expect(checklistItem(page, 'Snippet installed')).toHaveAttribute('data-done', 'true');
	await expect(page.getByText('2 of 4 done')).toBeVisible();
	await visitor.close();

	// Opened by mistake on the owner's own browser, the link asks before switching people,
	// and stays unused when the owner keeps their session.
	const link = await invite(page, 'Sam');
	const ownTab = await context.newPage();
	await ownTab.goto(link);
	await ownTab.getByRole('link', { name: `Stay signed in as ${credentials.email}` }).click();
	await expect(ownTab).toHaveURL(/\/app$/);
	await ownTab.goto('/app/settings');
	await expect(ownTab.getByText(`Signed in as ${credentials.email}`)).toBeVisible();
	await ownTab.close();

	// A phone opens Sam's pairing link and lands signed in at /app, for good; the owner's page
	// shows Sam on the staff, the link used and the step ticked off, without a reload.
	const people = page.getByRole('list', { name: 'People on this site' });
	const links = page.getByRole('list', { name: 'Pairing links' });
	await expect(people).not.toContainText('Sam');
	await expect(links.getByRole('listitem').filter({ hasText: 'Sam' })).toContainText(
		'Waiting to be opened'
	);
	const { phone, page: phonePage } = await openOnPhone(browser, link);
	await expect(phonePage).toHaveURL(/\/app$/);
	expect(phonePage.url()).not.toContain('pair_');
	// The console offers to install itself to the home screen.
	await expect(
		phonePage.getByRole('heading', { name: 'Install Parley on this device' })
	).toBeVisible();
	await phonePage.goto('/app/settings');
	await expect(phonePage.getByText('Signed in as Sam')).toBeVisible();
	await expect(phonePage.getByRole('list', { name: 'Your sites' })).toContainText('Corner Shop');
	// Later visits go straight to the console without the link, even to the site's root.
	await phonePage.goto('/');
	await expect(phonePage).toHaveURL(/\/app$/);
	await phonePage.goto('/app/settings');
	await expect(phonePage.getByText('Signed in as Sam')).toBeVisible();

	// The same link on a third device is refused.
	const third = await openOnPhone(browser, link);
	await expect(third.page.getByRole('alert')).toHaveText(
		'This pairing link has already been used. Each link works once: ask the site’s owner for a new one.'
	);
	await third.phone.close();

	await expect(people).toContainText('Sam');
	await expect(links.getByRole('listitem').filter({ hasText: 'Sam' })).toContainText('Used');
	await expect(checklistItem(page, 'First agent paired')).toHaveAttribute('data-done', 'true');

	// The first conversation ticks off the last step, live (started here with the service role,
	// as the widget will once it exists).
	const admin = createClient(STACK_URL, DEFAULT_SERVICE_ROLE_KEY, {
		auth: { persistSession: false }
	});
	const { data: siteRow } = await admin.from('sites').select('id').eq('site_key', key).single();
	const { error: convError } = await admin
		.from('conversations')
		.insert({ site_id: siteRow?.id, visitor_id: view.data?.visitor_id });
	expect(convError).toBeNull();
	await expect(checklistItem(page, 'First conversation')).toHaveAttribute('data-done', 'true');
	await expect(page.getByText('4 of 4 done')).toBeVisible();

	// Removing Sam ends the phone's access, and the list follows.
	await people.getByRole('button', { name: 'Remove Sam' }).click();
	await page
		.getByRole('alertdialog')
		.getByRole('button', { name: 'Remove Sam and sign out their devices' })
		.click();
	await expect(people).not.toContainText('Sam');
	// The step stays done: Sam was paired once.
	await expect(checklistItem(page, 'First agent paired')).toHaveAttribute('data-done', 'true');
	// The phone's refresh token no longer works: its session is over.
	const refresh = await phonePage.evaluate(
		async ({ stackUrl, anonKey }) => {
			const key = Object.keys(localStorage).find((k) => k.endsWith('-auth-token'));
			const stored = JSON.parse(localStorage.getItem(key ?? '') ?? '{}') as {
				refresh_token?: string;
			};
			const res = await fetch(`${stackUrl}/auth/v1/token?grant_type=refresh_token`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', apikey: anonKey },
				body: JSON.stringify({ refresh_token: stored.refresh_token })
			});
			return { status: res.status, body: (await res.json()) as { error_code?: string } };
		},
		{ stackUrl: STACK_URL, anonKey: DEFAULT_ANON_KEY }
	);
	expect(refresh.status).toBe(400);
	expect(refresh.body.error_code).toBe('refresh_token_not_found');
	await phonePage.reload();
	await expect(
		phonePage.getByText(/not on the staff of any site|This device is not signed in/)
	).toBeVisible();
	await phone.close();
});

test('revoked and expired pairing links are refused', async ({ page, browser, credentials }) => {
	await signUp(page, credentials);
	await createSite(page, 'Links Ltd', shop.origin);

	const revoked = await invite(page, 'Kim');
	await page.getByRole('button', { name: 'Revoke the link for Kim' }).click();
	await expect(page.getByRole('list', { name: 'Pairing links' })).toContainText('Revoked');
	const first = await openOnPhone(browser, revoked);
	await expect(first.page.getByRole('alert')).toHaveText(
		'This pairing link was revoked by the site’s owner. Ask them for a new one.'
	);
	await first.phone.close();

	// 24 hours pass for Lee's link (moved in the database with the service role).
	const expired = await invite(page, 'Lee');
	const admin = createClient(STACK_URL, DEFAULT_SERVICE_ROLE_KEY, {
		auth: { persistSession: false }
	});
	const { error } = await admin
		.from('agent_invitations')
		.update({ expires_at: new Date(Date.now() - 1000).toISOString() })
		.eq('name', 'Lee');
	expect(error).toBeNull();
	const second = await openOnPhone(browser, expired);
	await expect(second.page.getByRole('alert')).toHaveText(
		'This pairing link has expired. Ask for a new one.'
	);
	await second.phone.close();
});

test('the owner opens the console on their own phone from a QR code', async ({
	page,
	browser,
	credentials
}) => {
	await signUp(page, credentials);
	await createSite(page, 'Owner Phone Co', shop.origin);
	await page.goto('/account');
	await page.getByRole('button', { name: 'Show my QR code' }).click();
	const qr = page.getByRole('img', { name: 'QR code: Your device link' });
	await expect(qr.locator('svg')).toBeVisible();
	const link = (await qr.getAttribute('data-qr')) as string;
	expect(link).toMatch(/\/pair#dev_[A-Za-z0-9_-]{43}$/);

	const { phone, page: phonePage } = await openOnPhone(browser, link);
	await expect(phonePage).toHaveURL(/\/app$/);
	await phonePage.goto('/app/settings');
	await expect(phonePage.getByText(`Signed in as ${credentials.email}`)).toBeVisible();
	await expect(phonePage.getByRole('list', { name: 'Your sites' })).toContainText('Owner Phone Co');
	await phone.close();
});

test('bad site input gets a clear error and nothing is stored', async ({ page, credentials }) => {
	// Laying out a pasted 10 MB text in a textarea takes Chromium several seconds on a busy CI box.
	test.setTimeout(90_000);
	await signUp(page, credentials);
	const save = page.getByRole('button', { name: 'Create site' });

	await save.click();
	await expect(page.getByRole('alert')).toHaveText([
		'Give the site a name.',
		'Add at least one website address. The widget only runs on the addresses listed here, so without one it runs nowhere.'
	]);

	await page.getByLabel('Site name').fill('Typo Shop');
	await page.getByLabel('Allowed origins').fill('http://shop.example.com/products');
	await save.click();
	// The suggestion keeps the scheme that was typed.
	await expect(page.getByRole('alert')).toHaveText(
		'“http://shop.example.com/products” is not an origin. Did you mean http://shop.example.com?'
	);
	// Text that is not an address is explained, not turned into a guess.
	await page.getByLabel('Allowed origins').fill('not a url at all');
	await save.click();
	await expect(page.getByRole('alert')).toHaveText(
		'“not a url at all” is not a web address. Type the address of a website the widget may run on, like https://shop.example.com.'
	);
	// The field says which entry is wrong, to assistive technology too.
	await expect(page.getByLabel('Allowed origins')).toHaveAttribute('aria-invalid', 'true');

	// A 10 MB greeting, pasted in.
	await page.getByLabel('Allowed origins').fill('https://shop.example.com');
	await page.getByLabel('Greeting').evaluate(
		(el, size) => {
			const area = el as HTMLTextAreaElement;
			area.value = 'x'.repeat(size);
			area.dispatchEvent(new Event('input', { bubbles: true }));
		},
		10 * 1024 * 1024
	);
	await save.click();
	await expect(page.getByRole('alert')).toHaveText(
		'The greeting is 10485760 characters long; it can be at most 500. Nothing was saved.'
	);

	await page.goto('/sites');
	await expect(
		page.getByText('No sites yet. Create one to get the snippet for your pages.')
	).toBeVisible();
});

test('an operator edits a site, and deletes it', async ({ page, credentials }) => {
	await signUp(page, credentials);
	await createSite(page, 'Edit Me', shop.origin);
	const settings = await openSection(page, 'Settings');
	await settings.getByLabel('Site name').fill('Edited');
	await settings.getByRole('button', { name: 'Save changes' }).click();
	await expect(settings.getByText('Saved.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Edited' })).toBeVisible();

	const appearance = await openSection(page, 'Appearance');
	await appearance.getByLabel('Greeting').fill('Welcome back!');
	await appearance.getByRole('radio', { name: 'Bottom left' }).click();
	// The preview follows the form before anything is saved.
	await expect(appearance.locator('[data-slot="widget-preview"]')).toContainText('Welcome back!');
	await appearance.getByRole('button', { name: 'Save changes' }).click();
	await expect(appearance.getByText('Saved.')).toBeVisible();

	await page.reload();
	await openSection(page, 'Appearance');
	await expect(appearance.getByLabel('Greeting')).toHaveValue('Welcome back!');
	await expect(appearance.getByRole('radio', { name: 'Bottom left' })).toBeChecked();
	await openSection(page, 'Settings');
	await expect(settings.getByLabel('Site name')).toHaveValue('Edited');

	await openSection(page, 'Danger zone');
	await page.getByRole('button', { name: 'Delete site…' }).click();
	await page
		.getByRole('alertdialog')
		.getByRole('button', { name: 'Delete “Edited” for good' })
		.click();
	await expect(page).toHaveURL(/\/sites$/);
	await expect(
		page.getByText('No sites yet. Create one to get the snippet for your pages.')
	).toBeVisible();
});

test('an operator sets how conversations work, and visitors and storage follow', async ({
	page,
	credentials
}) => {
	await signUp(page, credentials);
	const key = await createSite(page, 'Chat Rules', shop.origin);
	await openSection(page, 'Settings');
	const form = page.getByTestId('chat-settings');
	const service = createClient(STACK_URL, DEFAULT_SERVICE_ROLE_KEY, {
		auth: { persistSession: false }
	});
	const stored = async () =>
		(
			await service
				.from('sites')
				.select(
					'prechat_name, prechat_email, invitation_ttl_seconds, invitation_messages, visitor_retention_days, attachment_max_bytes'
				)
				.eq('site_key', key)
				.single()
		).data;
	const before = await stored();
	expect(before).toMatchObject({ prechat_name: 'optional', invitation_ttl_seconds: 60 });

	await form.getByLabel('Name').selectOption({ label: 'Ask, required' });
	await form.getByLabel('Email').selectOption({ label: 'Ask, optional' });
	await form.getByLabel('Saved invitation messages').fill('Hi! Need a hand?\n\nAsk me anything.\n');
	// Out of range: said on the field, nothing saved.
	await form.getByLabel('An invitation waits (seconds)').fill('5');
	await form.getByLabel('Largest attachment (MB)').fill('2.5');
	await form.getByRole('button', { name: 'Save conversation settings' }).click();
	await expect(form.getByText('Type a whole number of seconds from 10 to 600.')).toBeVisible();
	await expect(form.getByText('Type a whole number of megabytes from 1 to 50.')).toBeVisible();
	expect(await stored()).toEqual(before);

	await form.getByLabel('An invitation waits (seconds)').fill('90');
	await form.getByLabel('Largest attachment (MB)').fill('2');
	await form.getByLabel('Keep silent visitors for (days)').fill('14');
	await form.getByRole('button', { name: 'Save conversation settings' }).click();
	await expect(form.getByText('Saved.')).toBeVisible();
	expect(await stored()).toEqual({
		prechat_name: 'required',
		prechat_email: 'optional',
		invitation_ttl_seconds: 90,
		invitation_messages: ['Hi! Need a hand?', 'Ask me anything.'],
		visitor_retention_days: 14,
		attachment_max_bytes: 2 * 1024 * 1024
	});
	await page.reload();
	await openSection(page, 'Settings');
	await expect(form.getByLabel('Name')).toHaveValue('required');
	await expect(form.getByLabel('An invitation waits (seconds)')).toHaveValue('90');
	await expect(form.getByLabel('Largest attachment (MB)')).toHaveValue('2');

	// What a visitor's widget is told, and what the server holds them to.
	const visitor = createClient(STACK_URL, DEFAULT_ANON_KEY, {
		auth: { persistSession: false },
		global: { headers: { origin: shop.origin } }
	});
	await visitor.auth.signInAnonymously();
	const view = await visitor.rpc('record_page_view', {
		site_key: key,
		page_url: `${shop.origin}/`,
		page_title: 'Home'
	});
	expect(view.error).toBeNull();
	expect(view.data.widget).toMatchObject({ prechat_name: 'required', prechat_email: 'optional' });
	const nameless = await visitor.rpc('start_conversation', {});
	expect(nameless.error?.message).toMatch(/name/i);
	const started = await visitor.rpc('start_conversation', { visitor_name: 'Vera' });
	expect(started.error).toBeNull();
	const limits = await visitor.rpc('attachment_limits', {
		p_conversation_id: started.data.conversation_id
	});
	expect(limits.data.max_bytes).toBe(2 * 1024 * 1024);
});

test('log in and sign-up cannot be sent before the page is ready, so a password never lands in the address', async ({
	browser
}) => {
	// Without scripts the page stays as the server drew it: what a quick tap meets before
	// hydration on a slow phone.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	for (const [path, button] of [
		['/login', 'Log in'],
		['/signup', 'Create account']
	]) {
		await page.goto(path);
		await expect(page.getByRole('button', { name: button })).toBeDisabled();
		await expect(page.locator('form')).toHaveAttribute('method', 'post');
		await page.getByLabel('Email').fill('olive@example.test');
		await page.getByLabel('Password', { exact: true }).fill('a-secret-password');
		await page.getByLabel('Password', { exact: true }).press('Enter');
		await page.waitForTimeout(500);
		expect(page.url(), path).not.toContain('secret');
	}
	await context.close();
});

test('log in shows a clear error for a wrong password, and sign-up for a taken email', async ({
	page,
	credentials
}) => {
	await page.goto('/signup');
	await page.getByLabel('Email').fill(credentials.email);
	await page.getByLabel('Password', { exact: true }).fill('123');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Sign-up failed: That password is too weak: Password should be at least 6 characters.'
	);

	await page.getByLabel('Password', { exact: true }).fill(credentials.password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('link', { name: 'Create your first site' })).toBeVisible();
	await page.getByRole('link', { name: 'Go to your sites' }).click();
	await page
		.getByRole('complementary', { name: 'Sidebar' })
		.getByRole('button', { name: 'Sign out' })
		.click();
	await expect(page).toHaveURL(/\/$/);

	await page.goto('/signup');
	await page.getByLabel('Email').fill(credentials.email);
	await page.getByLabel('Password', { exact: true }).fill(credentials.password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Sign-up failed: An account with this email already exists. Log in instead.'
	);

	await page.goto('/login');
	await page.getByLabel('Email').fill(credentials.email);
	await page.getByLabel('Password', { exact: true }).fill('not-the-password');
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Could not log in: Wrong email or password.');

	await page.getByLabel('Password', { exact: true }).fill(credentials.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/\/sites$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Your sites' })).toBeVisible();
});
