/**
 * The agent console, walked at a tablet's size: live visitors appear within a second, follow
 * navigation and leave at once; invitations show their state live and an accepted one opens
 * the conversation by itself; chats are taken and answered; 2,000 visitors stay a window.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import {
	admin,
	DESKTOP,
	newWorld,
	pairAgent,
	PHONE,
	ShopVisitor,
	type World
} from './console-world.ts';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';
import { STACK_URL, startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

test('a page view shows up within a second, navigation updates it and leaving removes it', async ({
	browser
}) => {
	const world = await newWorld(shop.origin);
	const { page, context } = await pairAgent(browser, world, 'Sam');
	const list = page.getByRole('list', { name: 'Live visitors' });
	await expect(page.getByRole('heading', { level: 1, name: 'Visitors' })).toBeVisible();
	// Nobody yet: the empty state says what will appear (the snippet is not installed yet).
	await expect(page.getByText('No one is on your site right now')).toBeVisible();

	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/pricing', world.siteKey, 'Pricing');
	const returned = Date.now();
	const row = list.locator(`[data-visitor="${visitor.id}"]`);
	await row.waitFor({ state: 'visible', timeout: 5_000 });
	const latency = Date.now() - returned;
	expect(latency, 'the page view reached the list').toBeLessThan(1_000);
	await expect(row.getByTestId('visitor-title')).toHaveText('Pricing');
	await expect(row.getByTestId('visitor-url')).toHaveText('/pricing');
	await expect(row).toContainText('New');
	await expect(row).toContainText('1 page');
	await expect(page.getByTestId('visitor-count')).toHaveText('1 online now');

	// Navigating updates the same row.
	await visitor.view(shop.origin, '/cart', world.siteKey, 'Your cart');
	await expect(row.getByTestId('visitor-title')).toHaveText('Your cart');
	await expect(row.getByTestId('visitor-url')).toHaveText('/cart');
	await expect(row).toContainText('2 pages');

	// A heartbeat keeps the row; a leave removes it at once.
	expect((await visitor.rpc('visitor_heartbeat')).error).toBeNull();
	await expect(row).toBeVisible();
	expect((await visitor.rpc('visitor_leave')).error).toBeNull();
	const left = Date.now();
	await expect(row).toBeHidden({ timeout: 5_000 });
	expect(Date.now() - left).toBeLessThan(1_000);
	await expect(page.getByText('No one is on your site right now')).toBeVisible();

	await visitorContext.close();
	await context.close();
});

test('an invitation shows sent and seen, and accepting opens the conversation by itself', async ({
	browser
}) => {
	const world = await newWorld(shop.origin, { invitation_messages: ['Looking for a size?'] });
	const { page, context } = await pairAgent(browser, world, 'Sam');
	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/shoes', world.siteKey, 'Shoes');

	await page.locator(`[data-visitor="${visitor.id}"]`).click();
	const sheet = page.getByRole('dialog', { name: 'Invite to chat' });
	await expect(sheet).toBeVisible();
	// The greeting is the default; a saved greeting is one tap away.
	const message = sheet.getByLabel('Message');
	await expect(message).toHaveValue('Hi! How can we help?');
	await sheet.getByRole('button', { name: 'Looking for a size?' }).click();
	await expect(message).toHaveValue('Looking for a size?');
	await sheet.getByRole('button', { name: 'Send invitation' }).click();
	const state = sheet.getByTestId('invitation-state');
	await expect(state).toHaveAttribute('data-state', 'sent');
	await expect(state).toContainText(/Invitation sent · \d+ s left/);

	const invitationId = await visitor.latestInvitation();
	expect(
		(await visitor.rpc('mark_invitation_seen', { invitation_id: invitationId })).error
	).toBeNull();
	await expect(state).toHaveAttribute('data-state', 'seen');

	const accepted = await visitor.rpc('accept_invitation', { invitation_id: invitationId });
	expect(accepted.error).toBeNull();
	const conversationId = (accepted.data as { conversation_id: string }).conversation_id;
	// No tap: the console goes to the conversation.
	await expect(page).toHaveURL(new RegExp(`/app/conversations/${conversationId}$`));
	await expect(page.getByText('Looking for a size?').first()).toBeVisible();

	await visitorContext.close();
	await context.close();
});

test('declined and expired invitations say so', async ({ browser }) => {
	const world = await newWorld(shop.origin, { invitation_ttl_seconds: 10 });
	const { page, context } = await pairAgent(browser, world, 'Sam');
	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/', world.siteKey, 'Home');

	const row = page.locator(`[data-visitor="${visitor.id}"]`);
	await row.click();
	const sheet = page.getByRole('dialog', { name: 'Invite to chat' });
	await sheet.getByRole('button', { name: 'Send invitation' }).click();
	const state = sheet.getByTestId('invitation-state');
	await expect(state).toHaveAttribute('data-state', 'sent');
	const first = await visitor.latestInvitation();
	expect((await visitor.rpc('decline_invitation', { invitation_id: first })).error).toBeNull();
	await expect(state).toHaveAttribute('data-state', 'declined');
	await expect(state).toHaveText('Declined');

	// Invite again and let it run out: the console asks the server, whose clock decides.
	await sheet.getByRole('button', { name: 'Invite again' }).click();
	await sheet.getByRole('button', { name: 'Send invitation' }).click();
	await expect(state).toHaveAttribute('data-state', 'sent');
	// Keep the visitor online meanwhile.
	const beat = setInterval(() => void visitor.rpc('visitor_heartbeat').catch(() => {}), 5_000);
	try {
		await expect(state).toHaveAttribute('data-state', 'expired', { timeout: 15_000 });
		await expect(state).toHaveText('Expired without an answer');
	} finally {
		clearInterval(beat);
	}
	const second = await visitor.latestInvitation();
	const { data } = await admin()
		.from('chat_invitations')
		.select('status')
		.eq('id', second)
		.single();
	expect(data?.status).toBe('expired');
	await page.keyboard.press('Escape');
	await expect(row.getByTestId('invitation-badge')).toHaveText('Expired');

	await visitorContext.close();
	await context.close();
});

test('a chat a visitor starts arrives unassigned; the agent takes it and they talk', async ({
	browser
}) => {
	// A whole conversation with four uploads of up to 5 MB: more than the default on a
	// loaded machine.
	test.setTimeout(90_000);
	const world = await newWorld(shop.origin);
	const { page, context } = await pairAgent(browser, world, 'Sam');
	await page.getByRole('link', { name: 'Conversations' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
	await expect(page.getByText('No chat is waiting')).toBeVisible();

	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/help', world.siteKey, 'Help');
	const conversationId = await visitor.startChat('Vera');
	await visitor.say(conversationId, 'Do you ship to Norway?');

	// It arrives live, unassigned and unread; the tab's badge counts it.
	const item = page.locator(`[data-conversation="${conversationId}"]`);
	await expect(item).toContainText('Vera');
	await expect(item).toContainText('Do you ship to Norway?');
	await expect(item.getByTestId('conversation-owner')).toHaveText('Unassigned');
	await expect(
		page
			.getByRole('navigation', { name: 'Console' })
			.getByRole('link', { name: /1 unread conversation\b/ })
	).toBeVisible();

	await item.click();
	await expect(page).toHaveURL(new RegExp(`/app/conversations/${conversationId}`));
	await expect(page.getByText('Do you ship to Norway?').last()).toBeVisible();
	await expect(page.getByTestId('conversation-status')).toHaveText('Unassigned');
	await page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(page.getByTestId('conversation-status')).toHaveText('Yours');

	const composer = page.getByRole('textbox').last();
	await composer.fill('Yes, in 3 days.');
	await composer.press('Enter');
	await expect(page.getByText('Yes, in 3 days.')).toBeVisible();
	await expect
		.poll(async () => {
			const { data } = await admin()
				.from('messages')
				.select('body, sender_kind')
				.eq('conversation_id', conversationId)
				.eq('sender_kind', 'agent');
			return data?.map((m) => m.body);
		})
		.toEqual(['Yes, in 3 days.']);
	// Read: the agent saw the visitor's message, so the unread count is gone.
	await expect
		.poll(async () => {
			const { data } = await admin()
				.from('conversations')
				.select('agent_unread')
				.eq('id', conversationId)
				.single();
			return data?.agent_unread;
		})
		.toBe(0);

	// A colleague who opens it sees who has it, and cannot take it.
	const other = await pairAgent(browser, world, 'Kim');
	await other.page.goto(`/app/conversations/${conversationId}`);
	await expect(other.page.getByTestId('conversation-status')).toHaveText(
		'Sam took this conversation.'
	);
	await expect(other.page.getByRole('button', { name: 'Take', exact: true })).toHaveCount(0);

	// Closing it moves it to Closed.
	await page.getByRole('button', { name: 'Close', exact: true }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Close conversation' }).click();
	await expect(page.getByTestId('conversation-status')).toHaveText('This conversation is closed.');

	await other.context.close();
	await visitorContext.close();
	await context.close();
});

/**
 * The conversation row the console's device database holds (IndexedDB, read directly), or
 * null; `remove` deletes it instead, behind the app's back.
 */
async function deviceConversation(page: Page, id: string, opts: { remove?: boolean } = {}) {
	return page.evaluate(
		async ({ id, remove }) => {
			const names = (await indexedDB.databases()).map((d) => d.name ?? '');
			const name = names.find((n) => n.startsWith('parley-console-'));
			if (!name) throw new Error('no console database');
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			try {
				const store = db
					.transaction('conversations', remove ? 'readwrite' : 'readonly')
					.objectStore('conversations');
				const req = remove ? store.delete(id) : store.get(id);
				return await new Promise<Record<string, unknown> | null>((resolve, reject) => {
					req.onsuccess = () => resolve((req.result as Record<string, unknown>) ?? null);
					req.onerror = () => reject(req.error);
				});
			} finally {
				db.close();
			}
		},
		{ id, remove: opts.remove ?? false }
	);
}

test('a message in a conversation the device does not hold brings the whole conversation', async ({
	browser
}) => {
	const world = await newWorld(shop.origin);
	const { page, context } = await pairAgent(browser, world, 'Sam');
	await page.getByRole('link', { name: 'Conversations' }).click();
	await expect(page.getByText('No chat is waiting')).toBeVisible();
	const visitorContext = await browser.newContext();
	const visitor = new ShopVisitor(await visitorContext.newPage());
	await visitor.view(shop.origin, '/help', world.siteKey, 'Help');
	const conversationId = await visitor.startChat('Vera');
	const item = page.locator(`[data-conversation="${conversationId}"]`);
	await expect(item).toContainText('Vera');

	// The device database forgets it, behind the app's back (as if it had never been pulled).
	const stored = (id: string) => deviceConversation(page, id);
	const storedActivity = async () => {
		const row = await stored(conversationId);
		return row && [row.visitor_name, row.last_message_preview, row.agent_unread];
	};
	await expect.poll(async () => (await stored(conversationId))?.visitor_name).toBe('Vera');
	await deviceConversation(page, conversationId, { remove: true });
	expect(await stored(conversationId)).toBeNull();

	// A message changes only the conversation's activity, so only that comes on the site's
	// channel; the console fetches the whole row again and stores it (the visitor's name is
	// not in the event).
	await visitor.say(conversationId, 'Is the blue one back in stock?');
	await expect(item).toContainText('Is the blue one back in stock?');
	await expect.poll(storedActivity).toEqual(['Vera', 'Is the blue one back in stock?', 1]);
	// The next one is merged into the row the device now holds.
	await visitor.say(conversationId, 'Size M, please.');
	await expect(item).toContainText('Size M, please.');
	await expect(item).toContainText('Vera');
	await expect.poll(storedActivity).toEqual(['Vera', 'Size M, please.', 2]);

	await visitorContext.close();
	await context.close();
});

test('2,000 live visitors scroll as a window of rows', async ({ browser }) => {
	// Making 2,000 anonymous users is most of this test's time.
	test.setTimeout(360_000);
	const world = await newWorld(shop.origin);
	const service = admin();
	// Visitor rows need auth users: anonymous sign-ins, as the snippet makes them, 50 at a time.
	const ids: string[] = [];
	while (ids.length < 2_000) {
		const made = await Promise.all(
			Array.from({ length: 50 }, async () => {
				const res = await fetch(`${STACK_URL}/auth/v1/signup`, {
					method: 'POST',
					headers: { apikey: DEFAULT_ANON_KEY, 'content-type': 'application/json' },
					body: '{}'
				});
				expect(res.status).toBe(200);
				return ((await res.json()) as { user: { id: string } }).user.id;
			})
		);
		ids.push(...made);
	}
	const { page, context } = await pairAgent(browser, world, 'Sam');
	const languages = ['en-GB', 'de-DE', 'fr-FR', 'es-ES'];
	for (let start = 0; start < ids.length; start += 500) {
		const rows = ids.slice(start, start + 500).map((id, i) => ({
			id,
			site_id: world.siteId,
			current_url: `${shop.origin}/product/${start + i}`,
			current_title: `Product ${start + i}`,
			language: languages[(start + i) % languages.length],
			user_agent:
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1',
			screen: '390x844'
		}));
		const { error } = await service.from('visitors').insert(rows);
		expect(error).toBeNull();
	}
	// Visitors arrive as events; a reload takes them in one load.
	await page.reload();
	await expect(page.getByTestId('visitor-count')).toHaveText('2000 online now', {
		timeout: 15_000
	});
	const list = page.getByRole('list', { name: 'Live visitors' });
	const rendered = list.locator(':scope > li');
	expect(await rendered.count()).toBeLessThan(40);
	await expect(rendered.first()).toHaveAttribute('aria-setsize', '2000');

	// Scrolling to the end shows the last rows and still holds only a window.
	const scroller = page.getByTestId('virtual-list');
	for (const fraction of [0.25, 0.5, 0.75, 1]) {
		await scroller.evaluate((el, f) => el.scrollTo(0, el.scrollHeight * f), fraction);
		await page.waitForTimeout(50);
		expect(await rendered.count()).toBeLessThan(40);
	}
	await expect(list.locator('li[aria-posinset="2000"]')).toBeVisible();

	// A filter narrows 2,000 to a quarter at once.
	await page.getByRole('combobox').selectOption('de');
	await expect(page.getByTestId('visitor-count')).toHaveText('500 of 2000 shown');
	await context.close();
});

/**
 * Every console tab in both themes at a phone's and a desktop's size: no serious or critical
 * axe-core finding, no sideways scrolling down to 320 px, touch targets of at least 44 px on a
 * touch screen, and screenshots written to the test output for a person to look at. In this
 * file so it never runs beside the latency tests above (files run in parallel, tests of one
 * file in order).
 */
test.describe('console tabs', () => {
	let world: World;
	let storage: Awaited<ReturnType<BrowserContext['storageState']>>;
	let conversationId = '';
	let visitor: ShopVisitor;
	let closeVisitor: () => Promise<void>;

	test.beforeAll(async ({ browser }) => {
		test.setTimeout(90_000);
		world = await newWorld(shop.origin, { invitation_messages: ['Looking for a size?'] });
		const agent = await pairAgent(browser, world, 'Sam', PHONE);
		storage = await agent.context.storageState();
		await agent.context.close();
		const visitorContext = await browser.newContext();
		closeVisitor = () => visitorContext.close();
		visitor = new ShopVisitor(await visitorContext.newPage());
		await visitor.view(shop.origin, '/pricing?plan=team', world.siteKey, 'Pricing for teams');
		conversationId = await visitor.startChat('Vera');
	});

	test.afterAll(async () => {
		await closeVisitor?.();
	});

	async function agentPage(browser: Browser, device: object, dark: boolean): Promise<Page> {
		const context = await browser.newContext({
			...device,
			storageState: storage,
			colorScheme: dark ? 'dark' : 'light'
		});
		return context.newPage();
	}

	const TABS = [
		{ name: 'visitors', path: '/app', heading: 'Visitors' },
		{ name: 'conversations', path: '/app/conversations', heading: 'Conversations' },
		{ name: 'conversation', path: '', heading: '' },
		{ name: 'settings', path: '/app/settings', heading: 'Settings' }
	];

	/** Controls whose hit area must be at least 44×44 on a touch screen. */
	const TARGETS = 'a[href], button, [role="switch"], [role="tab"], input, select, textarea';

	for (const [size, device] of [
		['390', PHONE],
		['1280', DESKTOP]
	] as const) {
		for (const theme of ['light', 'dark'] as const) {
			test(`console tabs at ${size} px in ${theme}: axe, overflow, touch targets`, async ({
				browser
			}, testInfo) => {
				test.setTimeout(90_000);
				// Keep the visitor online for the Visitors tab.
				await visitor.rpc('visitor_heartbeat');
				const page = await agentPage(browser, device, theme === 'dark');
				for (const tab of TABS) {
					const path = tab.path || `/app/conversations/${conversationId}`;
					await page.goto(path);
					if (tab.heading) {
						await expect(page.getByRole('heading', { level: 1, name: tab.heading })).toBeVisible();
					} else {
						await expect(page.getByRole('heading', { name: 'Vera' })).toBeVisible();
					}
					if (tab.name === 'visitors') {
						await expect(page.locator(`[data-visitor="${visitor.id}"]`)).toBeVisible();
					}
					await page.waitForTimeout(300);
					await page.screenshot({
						path: testInfo.outputPath(`console-${tab.name}-${size}-${theme}.png`),
						fullPage: false
					});

					const axe = await new AxeBuilder({ page }).analyze();
					const bad = axe.violations.filter(
						(v) => v.impact === 'serious' || v.impact === 'critical'
					);
					expect(
						bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
						`${path} at ${size} px, ${theme}`
					).toEqual([]);

					if (size === '390') {
						const small = await page.locator(TARGETS).evaluateAll((els) =>
							els
								// The install offer and the device QR card are the design-system branch's
								// components (restyled and checked there).
								.filter(
									(el) =>
										!el.closest(
											'[aria-labelledby="install-offer-title"], [aria-labelledby="phone-title"]'
										)
								)
								.filter((el) => {
									const r = el.getBoundingClientRect();
									const style = getComputedStyle(el);
									return r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
								})
								// A field's label widens its hit area; count the label's box too.
								.map((el) => {
									const r = el.getBoundingClientRect();
									const label = el.closest('label')?.getBoundingClientRect();
									const w = Math.max(r.width, label?.width ?? 0);
									const h = Math.max(r.height, label?.height ?? 0);
									return { el: el.outerHTML.slice(0, 80), w, h };
								})
								.filter(({ w, h }) => w < 44 - 0.5 || h < 44 - 0.5)
						);
						expect(small, `touch targets on ${path}`).toEqual([]);

						for (const width of [320, 390]) {
							await page.setViewportSize({ width, height: 844 });
							const overflow = await page.evaluate(
								() => document.documentElement.scrollWidth - window.innerWidth
							);
							expect(overflow, `${path} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
						}
					}
				}
				await page.context().close();
			});
		}
	}
});
