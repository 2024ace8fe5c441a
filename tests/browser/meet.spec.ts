/**
 * The whole path as people use it, with nothing played by a script: a shop on one origin
 * carries the real snippet, a visitor on a phone browses it, and an agent on a tablet watches
 * in the console on Parley's origin. They meet through an invitation, and through the
 * launcher, and talk in the widget and the console with typing and read state.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { PHONE, admin, newWorld, pairAgent } from './console-world.ts';
import { snippetPage, startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/** Opens a shop page carrying the snippet; resolves with the visitor id its page view got. */
async function browse(page: Page, path: string): Promise<{ visitorId: string; at: number }> {
	const recorded = page.waitForResponse(
		(r) => r.url().endsWith('/rest/v1/rpc/record_page_view') && r.ok()
	);
	await page.goto(shop.origin + path);
	const response = await recorded;
	const at = Date.now();
	return { visitorId: ((await response.json()) as { visitor_id: string }).visitor_id, at };
}

test('an agent invites a phone visitor from the live list, and they talk with no further tap', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const world = await newWorld(shop.origin);
	shop.page('/shoes', snippetPage(baseURL!, world.siteKey));
	shop.page('/shoes/trail', snippetPage(baseURL!, world.siteKey));
	const agent = await pairAgent(browser, world, 'Sam');
	const visitorContext = await browser.newContext(PHONE);
	const visitor = await visitorContext.newPage();
	const errors: string[] = [];
	visitor.on('pageerror', (e) => errors.push(e.message));

	// The page view reaches the agent's live list within a second.
	const { visitorId, at } = await browse(visitor, '/shoes');
	const row = agent.page.locator(`[data-visitor="${visitorId}"]`);
	await row.waitFor({ state: 'visible', timeout: 5_000 });
	expect(Date.now() - at, 'page view to the live list').toBeLessThan(1_000);
	await expect(row.getByTestId('visitor-url')).toHaveText('/shoes');
	// Navigating updates the same row.
	await browse(visitor, '/shoes/trail');
	await expect(row.getByTestId('visitor-url')).toHaveText('/shoes/trail');
	await expect(row).toContainText('2 pages');

	// Invite: the dialog pops up on the visitor's page.
	await row.click();
	const sheet = agent.page.getByRole('dialog', { name: 'Invite to chat' });
	await sheet.getByLabel('Message').fill('Need help finding trail shoes?');
	await sheet.getByRole('button', { name: 'Send invitation' }).click();
	const invitation = visitor.getByRole('dialog');
	await expect(invitation).toContainText('Need help finding trail shoes?');
	await expect(invitation).toContainText('Sam');
	await expect(sheet.getByTestId('invitation-state')).toHaveAttribute('data-state', 'seen');

	// Accept: both sides are in the conversation without another tap.
	await invitation.getByRole('button', { name: 'Chat now' }).click();
	const widget = visitor.frameLocator('iframe');
	await expect(widget.getByText('Need help finding trail shoes?')).toBeVisible();
	await expect(agent.page).toHaveURL(/\/app\/conversations\/[0-9a-f-]{36}$/);
	const conversationId = agent.page.url().split('/').pop()!;

	// The visitor types: the agent sees it, then the message. (Typing is a broadcast, so only
	// someone already on the conversation's channel gets it: wait until the console's is live.)
	await expect(agent.page.locator('[data-slot="message-list"]')).toHaveAttribute(
		'data-connection',
		'connected'
	);
	const composer = widget.getByRole('textbox', { name: 'Message' });
	await composer.pressSequentially('Yes, size 42', { delay: 50 });
	await expect(agent.page.getByText('Typing…')).toBeVisible();
	await composer.press('Enter');
	await expect(agent.page.getByText('Yes, size 42')).toBeVisible();
	// The agent has it open, so the visitor's message turns read.
	const own = widget.locator('[data-slot="message"][data-own="true"]').last();
	await expect(own).toHaveAttribute('data-state', 'read');

	// The agent answers: the visitor sees it with the agent's name.
	const reply = agent.page.getByRole('textbox', { name: 'Message' });
	await reply.fill('We have them in 42. <b>Here</b>: https://shop.test/trail');
	await reply.press('Enter');
	await expect(
		widget.getByText('We have them in 42. <b>Here</b>:', { exact: false })
	).toBeVisible();
	await expect(widget.getByRole('link', { name: /shop\.test\/trail/ })).toHaveAttribute(
		'rel',
		/noopener/
	);
	await expect(widget.locator('[data-slot="message-run"]').last()).toContainText('Sam');

	const { data } = await admin()
		.from('messages')
		.select('sender_kind, body')
		.eq('conversation_id', conversationId)
		.neq('sender_kind', 'system')
		.order('created_at');
	expect(data).toEqual([
		{ sender_kind: 'agent', body: 'Need help finding trail shoes?' },
		{ sender_kind: 'visitor', body: 'Yes, size 42' },
		{ sender_kind: 'agent', body: 'We have them in 42. <b>Here</b>: https://shop.test/trail' }
	]);

	// Leaving the page takes the visitor off the live list.
	await agent.page.goto('/app');
	await expect(agent.page.locator(`[data-visitor="${visitorId}"]`)).toBeVisible();
	await visitor.close();
	await expect(agent.page.locator(`[data-visitor="${visitorId}"]`)).toBeHidden({
		timeout: 5_000
	});
	expect(errors).toEqual([]);
	await visitorContext.close();
	await agent.context.close();
});

test('a visitor opens the launcher and an online agent takes the chat and answers', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL!, world.siteKey));
	const agent = await pairAgent(browser, world, 'Sam');
	await agent.page.goto('/app/conversations');
	await goOnline(agent.page);

	const visitorContext = await browser.newContext(PHONE);
	const visitor = await visitorContext.newPage();
	await browse(visitor, '/help');
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const widget = visitor.frameLocator('iframe');
	const composer = widget.getByRole('textbox', { name: 'Message' });
	await composer.fill('Do you ship to Norway?');
	await composer.press('Enter');

	// It arrives unassigned; the agent takes it and replies.
	const item = agent.page
		.locator('[data-conversation]')
		.filter({ hasText: 'Do you ship to Norway?' });
	await expect(item.getByTestId('conversation-owner')).toHaveText('Unassigned');
	await item.click();
	await agent.page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(agent.page.getByTestId('conversation-status')).toHaveText('Yours');
	await expect(widget.getByText('Sam joined the conversation')).toBeVisible();
	const reply = agent.page.getByRole('textbox', { name: 'Message' });
	await reply.fill('Yes, in 3 days.');
	await reply.press('Enter');
	await expect(widget.getByText('Yes, in 3 days.')).toBeVisible();

	// The agent closes it; the visitor sees it closed and can start again.
	await agent.page.getByRole('button', { name: 'Close', exact: true }).click();
	await agent.page.getByRole('dialog').getByRole('button', { name: 'Close conversation' }).click();
	await expect(widget.getByText('This conversation has ended.')).toBeVisible();
	await expect(widget.getByRole('button', { name: 'Start a new conversation' })).toBeVisible();
	await visitorContext.close();
	await agent.context.close();
});

test('with no agent online the launcher takes a message that the operator finds in the console', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const world = await newWorld(shop.origin);
	shop.page('/late', snippetPage(baseURL!, world.siteKey));
	const visitorContext = await browser.newContext(PHONE);
	const visitor = await visitorContext.newPage();
	await browse(visitor, '/late');
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const widget = visitor.frameLocator('iframe');
	await expect(widget.getByRole('heading', { name: 'Leave us a message' })).toBeVisible();
	await widget.getByLabel('Your email').fill('late@shop.test');
	await widget.getByLabel('Your message').fill('Please call me back about order 42.');
	await widget.getByRole('button', { name: 'Send message' }).click();
	await expect(widget.getByText(/We got your message/)).toBeVisible();

	const agent = await pairAgent(browser, world, 'Sam');
	await agent.page.goto('/app/conversations');
	await agent.page
		.getByRole('navigation', { name: 'Show' })
		.getByRole('link', { name: /^Messages/ })
		.click();
	await expect(agent.page.getByText('Please call me back about order 42.')).toBeVisible();
	await expect(agent.page.getByText('late@shop.test').first()).toBeVisible();
	await visitorContext.close();
	await agent.context.close();
});

/** Turns the agent's availability to online from the console. */
async function goOnline(page: Page) {
	const toggle = page.getByRole('switch', { name: /online|available/i }).first();
	if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-checked', 'true');
}
