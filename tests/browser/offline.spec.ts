/**
 * The console offline first: replies written without a network wait in the device's outbox
 * and reach the visitor once each, in order; a cut socket loses nothing; the console opens
 * from the service worker with the history; two tabs share one outbox; the widget keeps a
 * visitor's unsent message across a reload. Real Chromium, real stack, the real snippet.
 */
import type { BrowserContext, Page, TestInfo, WebSocketRoute } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { PHONE, TABLET, admin, newWorld, pairAgent, type World } from './console-world.ts';
import { snippetPage, startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

interface Meeting {
	world: World;
	agent: { context: BrowserContext; page: Page; agentId: string };
	visitor: Page;
	visitorContext: BrowserContext;
	conversationId: string;
}

/** The visitor's and agent's own messages of a conversation, as the database holds them. */
async function stored(conversationId: string) {
	const { data, error } = await admin()
		.from('messages')
		.select('sender_kind, body')
		.eq('conversation_id', conversationId)
		.neq('sender_kind', 'system')
		.order('created_at');
	if (error) throw error;
	return data.map((m) => `${m.sender_kind}: ${m.body}`);
}

/** A phone visitor starts a chat from the launcher; a tablet agent takes it. */
async function meet(
	browser: import('@playwright/test').Browser,
	baseURL: string,
	before?: (context: BrowserContext) => Promise<void>
): Promise<Meeting> {
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL, world.siteKey));
	const agent = await pairAgent(browser, world, 'Sam', TABLET);
	await before?.(agent.context);
	await agent.page.goto('/app/conversations');
	const toggle = agent.page.getByRole('switch', { name: /online|available/i }).first();
	if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-checked', 'true');

	const visitorContext = await browser.newContext(PHONE);
	const visitor = await visitorContext.newPage();
	await visitor.goto(`${shop.origin}/help`);
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const composer = visitor.frameLocator('iframe').getByRole('textbox', { name: 'Message' });
	await composer.fill('Hello, anyone there?');
	await composer.press('Enter');

	const item = agent.page
		.locator('[data-conversation]')
		.filter({ hasText: 'Hello, anyone there?' });
	await item.click();
	await agent.page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(agent.page.getByTestId('conversation-status')).toHaveText('Yours');
	await expect(agent.page.locator('[data-slot="message-list"]')).toHaveAttribute(
		'data-connection',
		'connected'
	);
	const conversationId = new URL(agent.page.url()).pathname.split('/').pop()!;
	return { world, agent, visitor, visitorContext, conversationId };
}

const widgetOf = (visitor: Page) => visitor.frameLocator('iframe');

async function reply(page: Page, text: string) {
	const box = page.getByRole('textbox', { name: 'Message' });
	await box.fill(text);
	await box.press('Enter');
	await expect(box).toHaveValue('');
}

/** The agent's own messages in the console, by body, with their shown state. */
const ownStates = (page: Page) =>
	page
		.locator('[data-slot="message"][data-own="true"]')
		.evaluateAll((nodes) =>
			nodes.map(
				(n) =>
					`${n.querySelector(':scope > p')?.textContent?.trim()}=${n.getAttribute('data-state')}`
			)
		);

test('replies written offline are queued and reach the visitor once each, in order', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const m = await meet(browser, baseURL!);
	const page = m.agent.page;
	await m.agent.context.setOffline(true);
	const bar = page.getByTestId('console-connection');
	await expect(bar).toHaveAttribute('data-connection', 'offline');
	for (const text of ['One', 'Two', 'Three']) await reply(page, text);
	await expect(bar).toContainText('3 replies queued');
	await expect(page.locator('[data-slot="message"][data-state="queued"]')).toHaveCount(3);
	// Nothing left the device.
	expect(await stored(m.conversationId)).toEqual(['visitor: Hello, anyone there?']);

	await m.agent.context.setOffline(false);
	await expect(bar).toHaveAttribute('data-connection', 'online');
	await expect(bar).toHaveAttribute('data-queued', '0', { timeout: 15_000 });
	const widget = widgetOf(m.visitor);
	await expect(widget.getByText('Three')).toBeVisible();
	expect(await stored(m.conversationId)).toEqual([
		'visitor: Hello, anyone there?',
		'agent: One',
		'agent: Two',
		'agent: Three'
	]);
	// The visitor shows each once, in order.
	const shown = await widget
		.locator('[data-slot="message"][data-own="false"] > p:first-child')
		.allTextContents();
	expect(shown.map((s) => s.trim()).filter((s) => ['One', 'Two', 'Three'].includes(s))).toEqual([
		'One',
		'Two',
		'Three'
	]);
	await expect.poll(() => ownStates(page)).not.toContain('One=queued');
	await m.visitorContext.close();
	await m.agent.context.close();
});

test('a socket cut mid-conversation loses none of the visitor’s messages', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	let cut = false;
	const sockets: { client: WebSocketRoute; server: WebSocketRoute }[] = [];
	const m = await meet(browser, baseURL!, async (context) => {
		await context.routeWebSocket(/\/realtime\/v1\/websocket/, (ws) => {
			// While cut, every new socket is closed at once: realtime-js keeps retrying.
			if (cut) return void ws.close({ code: 1006, reason: 'cut' });
			sockets.push({ client: ws, server: ws.connectToServer() });
		});
	});
	const page = m.agent.page;
	const list = page.locator('[data-slot="message-list"]');
	cut = true;
	for (const s of sockets.splice(0)) {
		await s.server.close().catch(() => {});
		await s.client.close({ code: 1006, reason: 'cut' }).catch(() => {});
	}
	await expect(list).toHaveAttribute('data-connection', 'reconnecting', { timeout: 15_000 });
	const composer = widgetOf(m.visitor).getByRole('textbox', { name: 'Message' });
	for (const text of ['Are you there?', 'Hello?', 'I will wait']) {
		await composer.fill(text);
		await composer.press('Enter');
	}
	await expect
		.poll(() => stored(m.conversationId))
		.toEqual([
			'visitor: Hello, anyone there?',
			'visitor: Are you there?',
			'visitor: Hello?',
			'visitor: I will wait'
		]);
	await expect(page.getByText('I will wait')).toBeHidden();

	cut = false;
	await expect(list).toHaveAttribute('data-connection', 'connected', { timeout: 30_000 });
	await expect(page.getByText('I will wait')).toBeVisible();
	const shown = (
		await page.locator('[data-slot="message"][data-own="false"] > p:first-child').allTextContents()
	).map((s) => s.trim());
	expect(shown).toEqual(['Hello, anyone there?', 'Are you there?', 'Hello?', 'I will wait']);
	await m.visitorContext.close();
	await m.agent.context.close();
});

test('after one online visit the console opens offline with the history and queues a reply', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const m = await meet(browser, baseURL!);
	const page = m.agent.page;
	await reply(page, 'Let me check that for you.');
	await expect(widgetOf(m.visitor).getByText('Let me check that for you.')).toBeVisible();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});

	// The device keeps the live visitors too (the shop's visitor is one).
	await expect.poll(async () => (await deviceRows(page, m.agent.agentId)).visitors).toBe(1);
	const visitorsBadge = page.getByRole('link', { name: /Visitors/ }).getByTestId('badge');
	await expect(visitorsBadge.first()).toBeVisible();

	await m.agent.context.setOffline(true);
	await page.reload();
	await expect(page.getByText('Hello, anyone there?').first()).toBeVisible();
	await expect(page.getByText('Let me check that for you.')).toBeVisible();
	await expect(page.getByTestId('console-connection')).toHaveAttribute(
		'data-connection',
		'offline'
	);
	// The Visitors tab shows the visitors as last loaded, saying so.
	await page.goto('/app');
	await expect(page.getByTestId('visitors-as-of')).toContainText('Not connected');
	await expect(page.getByRole('button', { name: /^Invite/ }).first()).toBeVisible();
	// …but the tab's badge does not count them as on the site now.
	await expect(visitorsBadge).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('visitors-offline.png') });
	// The list shows the conversation too.
	await page.goto('/app/conversations?view=mine');
	await expect(page.locator('[data-conversation]').first()).toBeVisible();
	await page.locator('[data-conversation]').first().click();
	await reply(page, 'Found it: in stock.');
	await expect(page.locator('[data-slot="message"][data-state="queued"]')).toHaveCount(1);

	await m.agent.context.setOffline(false);
	await expect(widgetOf(m.visitor).getByText('Found it: in stock.')).toBeVisible({
		timeout: 20_000
	});
	expect(await stored(m.conversationId)).toEqual([
		'visitor: Hello, anyone there?',
		'agent: Let me check that for you.',
		'agent: Found it: in stock.'
	]);
	await m.visitorContext.close();
	await m.agent.context.close();
});

test('two console tabs of one agent, both with queued replies, send each once', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const m = await meet(browser, baseURL!);
	const first = m.agent.page;
	const second = await m.agent.context.newPage();
	await second.goto(`/app/conversations/${m.conversationId}`);
	await expect(second.locator('[data-slot="message-list"]')).toHaveAttribute(
		'data-connection',
		'connected'
	);
	await m.agent.context.setOffline(true);
	await reply(first, 'From the first tab');
	await reply(second, 'From the second tab');
	await reply(first, 'First tab again');
	await expect(first.getByTestId('console-connection')).toContainText('3 replies queued');

	await m.agent.context.setOffline(false);
	const widget = widgetOf(m.visitor);
	await expect(widget.getByText('First tab again')).toBeVisible({ timeout: 20_000 });
	await expect(first.getByTestId('console-connection')).toHaveAttribute('data-queued', '0');
	await expect(second.getByTestId('console-connection')).toHaveAttribute('data-queued', '0');
	const rows = await stored(m.conversationId);
	expect(rows.filter((r) => r.startsWith('agent')).sort()).toEqual(
		['agent: First tab again', 'agent: From the first tab', 'agent: From the second tab'].sort()
	);
	// Each tab shows every reply once.
	for (const tab of [first, second]) {
		await expect(tab.getByText('From the second tab')).toHaveCount(1);
		await expect(tab.getByText('From the first tab')).toHaveCount(1);
	}
	await m.visitorContext.close();
	await m.agent.context.close();
});

/** How many rows each store of the agent's console database holds on this device. */
function deviceRows(page: Page, userId: string) {
	return page.evaluate(
		(name) =>
			new Promise<Record<string, number>>((done, fail) => {
				const open = indexedDB.open(name);
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const stores = ['sites', 'visitors', 'conversations', 'messages', 'outbox'];
					const tx = db.transaction(stores);
					const counts: Record<string, number> = {};
					for (const store of stores) {
						const request = tx.objectStore(store).count();
						request.onsuccess = () => (counts[store] = request.result);
					}
					tx.oncomplete = () => (db.close(), done(counts));
				};
			}),
		`parley-console-${userId}`
	);
}

test('removed from the site, the agent’s console forgets it at once and wipes its data from the device', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const m = await meet(browser, baseURL!);
	const page = m.agent.page;
	await reply(page, 'One moment please.');
	// Sent before the network goes (under load the answer can take a moment).
	await expect(page.locator('[data-slot="message"][data-state="queued"]')).toHaveCount(0);
	await m.agent.context.setOffline(true);
	await reply(page, 'Still here.');
	await expect(page.locator('[data-slot="message"][data-state="queued"]')).toHaveCount(1);
	await m.agent.context.setOffline(false);
	await expect(widgetOf(m.visitor).getByText('Still here.')).toBeVisible({ timeout: 20_000 });
	await expect
		.poll(() => deviceRows(page, m.agent.agentId))
		.toMatchObject({ sites: 1, visitors: 1, conversations: 1, outbox: 0 });
	expect((await deviceRows(page, m.agent.agentId)).messages).toBeGreaterThanOrEqual(3);

	// The owner removes the agent while their console is open on the conversation.
	const { error } = await m.world.owner.rpc('remove_site_member', {
		site_id: m.world.siteId,
		user_id: m.agent.agentId
	});
	expect(error).toBeNull();
	await expect(page).toHaveURL(/\/app$/);
	await expect(page.getByText(/not on the staff of any site/)).toBeVisible();
	await expect
		.poll(() => deviceRows(page, m.agent.agentId))
		.toEqual({ sites: 0, visitors: 0, conversations: 0, messages: 0, outbox: 0 });

	// It was their only site, so their sessions were revoked too: the next refresh is refused,
	// the console signs out, and nothing of theirs stays on the device.
	await page.evaluate(() => {
		const key = Object.keys(localStorage).find((k) => k.endsWith('-auth-token'))!;
		const session = JSON.parse(localStorage.getItem(key)!) as { expires_at: number };
		session.expires_at = Math.floor(Date.now() / 1000) - 10;
		localStorage.setItem(key, JSON.stringify(session));
	});
	await page.reload();
	await expect
		.poll(() =>
			page.evaluate(async () =>
				(await indexedDB.databases())
					.map((d) => d.name)
					.filter((n) => n?.startsWith('parley-console-'))
			)
		)
		.toEqual([]);
	expect(
		await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('-auth-token')))
	).toEqual([]);
	await m.visitorContext.close();
	await m.agent.context.close();
});

test('the widget keeps a visitor’s unsent message across a reload and sends it after', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const m = await meet(browser, baseURL!);
	// The visitor's sends cannot get out (a train tunnel), then the page is reloaded.
	await m.visitorContext.route(/\/rest\/v1\/messages/, (route) =>
		route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()
	);
	const widget = widgetOf(m.visitor);
	const composer = widget.getByRole('textbox', { name: 'Message' });
	await composer.fill('Written in the tunnel');
	await composer.press('Enter');
	await expect(widget.locator('[data-slot="message"][data-own="true"]').last()).toHaveAttribute(
		'data-state',
		'queued'
	);
	await m.visitorContext.unroute(/\/rest\/v1\/messages/);
	await m.visitor.reload();
	await m.visitor.getByRole('button', { name: /^Chat/ }).click();
	await expect(m.agent.page.getByText('Written in the tunnel')).toBeVisible({ timeout: 20_000 });
	expect(await stored(m.conversationId)).toEqual([
		'visitor: Hello, anyone there?',
		'visitor: Written in the tunnel'
	]);
	await m.visitorContext.close();
	await m.agent.context.close();
});

async function shoot(page: Page, testInfo: TestInfo, name: string) {
	const path = testInfo.outputPath(name);
	await page.screenshot({ path });
	await testInfo.attach(name, { path, contentType: 'image/png' });
}

for (const [label, viewport] of [
	['phone', { width: 390, height: 844 }],
	['tablet', { width: 1024, height: 768 }]
] as const) {
	test(`screenshots at ${viewport.width}×${viewport.height}: visitors, inbox, conversation`, async ({
		browser,
		baseURL
	}, testInfo) => {
		test.setTimeout(120_000);
		const m = await meet(browser, baseURL!);
		const page = m.agent.page;
		await page.setViewportSize(viewport);
		await reply(page, 'Hi! Happy to help. What are you looking for?');
		await m.agent.context.setOffline(true);
		await reply(page, 'Written offline: waiting for the network.');
		await shoot(page, testInfo, `${label}-conversation-offline.png`);
		await m.agent.context.setOffline(false);
		await expect(page.getByTestId('console-connection')).toHaveAttribute('data-queued', '0', {
			timeout: 20_000
		});
		await shoot(page, testInfo, `${label}-conversation.png`);
		await page.goto('/app/conversations?view=mine');
		await expect(page.locator('[data-conversation]').first()).toBeVisible();
		await shoot(page, testInfo, `${label}-inbox.png`);
		await page.goto('/app');
		await expect(page.getByRole('heading', { name: 'Visitors' })).toBeVisible();
		await expect(page.locator('[data-visitor]').first()).toBeVisible();
		await shoot(page, testInfo, `${label}-visitors.png`);
		const scroll = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(scroll).toBeLessThanOrEqual(0);
		await m.visitorContext.close();
		await m.agent.context.close();
	});
}
