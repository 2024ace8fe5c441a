/**
 * The meeting the attachment and voice walks start from: a phone visitor on the shop writes
 * first, a tablet agent (paired through a real link, available) takes the conversation.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { PHONE, TABLET, newWorld, pairAgent, type World } from './console-world.ts';
import { snippetPage, type Shop } from './shop.ts';

export interface Meeting {
	world: World;
	agent: { context: BrowserContext; page: Page };
	visitor: Page;
	conversationId: string;
}

/** A phone visitor starts a chat from the launcher; a tablet agent takes it. */
export async function meet(
	browser: Browser,
	shop: Shop,
	baseURL: string,
	visitorOptions: BrowserContextOptions = {}
): Promise<Meeting> {
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL, world.siteKey));
	const agent = await pairAgent(browser, world, 'Sam', TABLET);
	await agent.page.goto('/app/conversations');
	const toggle = agent.page.getByRole('switch', { name: /online|available/i }).first();
	// A click before the console has hydrated does nothing: click until it holds.
	await expect(async () => {
		if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
		await expect(toggle).toHaveAttribute('aria-checked', 'true', { timeout: 2_000 });
	}).toPass({ timeout: 20_000 });

	const visitorContext = await browser.newContext({ ...PHONE, ...visitorOptions });
	const visitor = await visitorContext.newPage();
	await visitor.goto(`${shop.origin}/help`);
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const composer = visitor.frameLocator('iframe').getByRole('textbox', { name: 'Message' });
	await composer.fill('Hello, I have a photo for you');
	await composer.press('Enter');

	await agent.page
		.locator('[data-conversation]')
		.filter({ hasText: 'Hello, I have a photo for you' })
		.click();
	await agent.page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(agent.page.getByTestId('conversation-status')).toHaveText('Yours');
	const conversationId = new URL(agent.page.url()).pathname.split('/').pop()!;
	return { world, agent, visitor, conversationId };
}

/** The widget's frame inside the shop's page. */
export const widgetFrame = (page: Page): Frame =>
	page.frames().find((f) => new URL(f.url()).pathname === '/widget')!;
