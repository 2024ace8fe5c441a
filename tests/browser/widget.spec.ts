/**
 * The widget in its iframe on a shop of another origin, against the real app and local stack.
 * A stand-in host page speaks the embed protocol itself (signs the visitor in with supabase-js,
 * records a page view, posts `init`), so each test controls exactly what the widget is told;
 * the last tests go through the real snippet. The agent is a supabase-js client in Node.
 */
import AxeBuilder from '@axe-core/playwright';
import type { FrameLocator, Page } from '@playwright/test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomBytes } from 'node:crypto';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';
import { expect, test } from './fixtures.ts';
import { snippetPage, STACK_URL, startShop, type Shop } from './shop.ts';
import { admin as serviceClient, agentFor, createSite as newSite, type Site } from './sites.ts';

const admin = serviceClient();

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

/** A site allowing the shop, its owner named Alice (who is also its agent). */
const createSite = (settings: Record<string, unknown> = {}): Promise<Site> =>
	newSite(
		shop.origin,
		{
			widget_color: '#0f766e',
			greeting: 'Hi! How can we help?',
			prechat_name: 'off',
			prechat_email: 'off',
			...settings
		},
		'Alice'
	);

/** The visitor's newest conversation on the site, as the agent sees it. */
async function conversationOf(agent: SupabaseClient, site: Site): Promise<string> {
	let id = '';
	await expect
		.poll(async () => {
			const { data } = await agent
				.from('conversations')
				.select('id')
				.eq('site_id', site.id)
				.order('created_at', { ascending: false })
				.limit(1);
			id = data?.[0]?.id ?? '';
			return id;
		})
		.not.toBe('');
	return id;
}

/** Joins the conversation's channel as the agent; collects what arrives. */
async function agentChannel(agent: SupabaseClient, conversationId: string) {
	const got: { event: string; payload: Record<string, unknown> }[] = [];
	await agent.realtime.setAuth();
	const channel = agent.channel(`conversation:${conversationId}`, { config: { private: true } });
	channel.on('broadcast', { event: '*' }, (m) => got.push({ event: m.event, payload: m.payload }));
	await new Promise<void>((resolve, reject) =>
		channel.subscribe((s, err) =>
			s === 'SUBSCRIBED' ? resolve() : s !== 'CLOSED' && reject(err ?? new Error(s))
		)
	);
	return { got, channel };
}

/**
 * A shop page that embeds the widget the way the snippet does, speaking the protocol itself:
 * anonymous sign-in and a page view with supabase-js, then `init` on the widget's `ready`.
 */
function hostPage(appOrigin: string, siteKey: string, open: { conversationId?: string } = {}) {
	return `<!doctype html><html lang="en"><title>Shop with a widget</title>
<style>body{margin:0;font:16px system-ui} iframe{position:fixed;right:20px;bottom:20px;width:380px;height:600px;border:0;box-shadow:0 4px 20px #0004;border-radius:12px}
@media(max-width:479px){iframe{inset:0;width:100%;height:100%;border-radius:0}}</style>
<script src="/supabase.js"></script><main><h1>Shop</h1></main><script>
(async () => {
	const client = supabase.createClient(${JSON.stringify(STACK_URL)}, ${JSON.stringify(DEFAULT_ANON_KEY)});
	let { data: { session } } = await client.auth.getSession();
	if (!session) session = (await client.auth.signInAnonymously()).data.session;
	const { data: view, error } = await client.rpc('record_page_view', { site_key: ${JSON.stringify(siteKey)}, page_url: location.href, page_title: document.title });
	if (error) throw new Error(error.message);
	const app = ${JSON.stringify(appOrigin)};
	const frame = document.createElement('iframe');
	frame.allow = 'camera; microphone; autoplay';
	frame.referrerPolicy = 'origin';
	frame.title = 'Chat';
	frame.src = app + '/widget?site=' + ${JSON.stringify(siteKey)};
	window.fromWidget = [];
	window.client = client;
	window.visitorId = view.visitor_id;
	addEventListener('message', (e) => {
		if (e.source !== frame.contentWindow || e.origin !== app || e.data?.ns !== 'parley') return;
		fromWidget.push(e.data);
		if (e.data.type === 'ready') frame.contentWindow.postMessage({ ns: 'parley', v: 1, type: 'init',
			session: { access_token: session.access_token, refresh_token: session.refresh_token, expires_at: session.expires_at, user_id: session.user.id },
			siteKey: ${JSON.stringify(siteKey)}, visitorId: view.visitor_id, widget: view.widget,
			page: { url: location.href, title: document.title }, open: ${JSON.stringify(open)} }, app);
	});
	window.sendToWidget = (m) => frame.contentWindow.postMessage({ ns: 'parley', v: 1, ...m }, app);
	document.body.append(frame);
})();
</script></html>`;
}

/** Opens the stand-in host page on the shop; returns the widget's frame. */
async function openWidget(page: Page, site: Site, open: { conversationId?: string } = {}) {
	const path = `/w-${randomBytes(4).toString('hex')}`;
	shop.page(path, hostPage(test.info().project.use.baseURL!, site.key, open));
	await page.goto(shop.origin + path);
	return page.frameLocator('iframe');
}

/** What the widget told the host page. */
const fromWidget = (page: Page) =>
	page.evaluate(() => (window as unknown as { fromWidget: { type: string }[] }).fromWidget);

const composer = (w: FrameLocator) => w.getByRole('textbox', { name: 'Message' });

test('pre-chat, then messages both ways with typing, the agent’s name and read state', async ({
	page
}) => {
	const site = await createSite({ prechat_name: 'required', prechat_email: 'optional' });
	const agent = await agentFor(site);
	const w = await openWidget(page, site);

	await expect(w.getByRole('heading', { name: /^Shop / })).toBeVisible();
	await w.getByRole('button', { name: 'Start the conversation' }).click();
	await expect(w.getByText('Please enter your name.')).toBeVisible();
	await w.getByLabel('Your name').fill('Vera');
	await w.getByLabel(/Your email/).fill('vera@shop.test');
	await w.getByRole('button', { name: 'Start the conversation' }).click();
	await expect(composer(w)).toBeFocused();

	const conversationId = await conversationOf(agent, site);
	await expect
		.poll(() => fromWidget(page))
		.toContainEqual(expect.objectContaining({ type: 'conversation', id: conversationId }));
	const { got, channel } = await agentChannel(agent, conversationId);
	const { error: takeError } = await agent.rpc('take_conversation', {
		conversation_id: conversationId
	});
	expect(takeError).toBeNull();
	await expect(w.getByText('Alice joined the conversation')).toBeVisible();

	// The visitor types: the agent sees typing, then the message.
	await composer(w).fill('Hello');
	await composer(w).press('End');
	await composer(w).pressSequentially(' there');
	await expect
		.poll(() => got.some((g) => g.event === 'typing' && g.payload.typing === true))
		.toBe(true);
	await composer(w).press('Enter');
	await expect
		.poll(
			() =>
				got.find((g) => g.event === 'message' && g.payload.sender_kind === 'visitor')?.payload.body
		)
		.toBe('Hello there');
	const own = w.locator('[data-slot="message"][data-own="true"]').last();
	await expect(own).toHaveAttribute('data-state', 'sent');

	// The agent types and answers: the visitor sees both, with the agent's name and initial.
	await channel.send({
		type: 'broadcast',
		event: 'typing',
		payload: { sender_kind: 'agent', name: 'Alice', typing: true }
	});
	await expect(w.getByText('Alice is typing…')).toBeVisible();
	const { error: sendError } = await agent.from('messages').insert({
		id: crypto.randomUUID(),
		conversation_id: conversationId,
		sender_id: (await agent.auth.getUser()).data.user!.id,
		sender_kind: 'agent',
		body: 'Hi Vera, how can I help?'
	});
	expect(sendError).toBeNull();
	await expect(w.getByText('Hi Vera, how can I help?')).toBeVisible();
	await expect(w.getByText('Alice is typing…')).toBeHidden();
	await expect(w.locator('[data-slot="message-run"]').last()).toContainText('Alice');
	await expect(w.locator('[data-slot="avatar"]').last()).toHaveText('A');
	// The visitor sees it, so the agent's message is read.
	await expect
		.poll(
			async () =>
				(
					await agent
						.from('messages')
						.select('read_at')
						.eq('sender_kind', 'agent')
						.eq('conversation_id', conversationId)
				).data?.[0]?.read_at
		)
		.toBeTruthy();

	// The agent reads: the visitor's message shows read.
	await agent.rpc('mark_conversation_read', { conversation_id: conversationId });
	await expect(own).toHaveAttribute('data-state', 'read');
	await expect(own.getByText('Read')).toBeVisible();
	await agent.removeAllChannels();
});

test('message text is text: HTML and script are shown as typed, only http(s) URLs are links', async ({
	page
}) => {
	const site = await createSite();
	await agentFor(site);
	const w = await openWidget(page, site);
	const hostile =
		'<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> &amp; javascript:alert(1) data:text/html,hi https://example.com/ok';
	await composer(w).fill(hostile);
	await composer(w).press('Enter');
	const bubble = w.locator('[data-slot="message"]').last();
	await expect(bubble).toHaveAttribute('data-state', 'sent');
	await expect(bubble.locator('p').first()).toHaveText(hostile + ' (opens in a new tab)');
	await expect(bubble.locator('img, script')).toHaveCount(0);
	const links = bubble.getByRole('link');
	await expect(links).toHaveCount(1);
	await expect(links).toHaveAttribute('href', 'https://example.com/ok');
	await expect(links).toHaveAttribute('rel', 'noopener noreferrer');
	await expect(links).toHaveAttribute('target', '_blank');
	const frame = page.frames().find((f) => f.url().includes('/widget'))!;
	expect(
		await frame.evaluate(() => (window as unknown as { pwned?: number }).pwned)
	).toBeUndefined();
});

test('with no agent online the visitor leaves a message with an email', async ({ page }) => {
	const site = await createSite({ prechat_name: 'optional' });
	const w = await openWidget(page, site);
	await expect(w.getByRole('heading', { name: 'Leave us a message' })).toBeVisible();
	await expect(w.getByText('We are away right now')).toBeVisible();
	await w.getByRole('button', { name: 'Send message' }).click();
	await expect(w.getByText('Please enter your email address.')).toBeVisible();
	await w.getByLabel('Your email').fill('late@shop.test');
	await w.getByLabel(/Your name/).fill('Lou');
	await w.getByLabel('Your message').fill('Please call me back about order 42.');
	await w.getByRole('button', { name: 'Send message' }).click();
	await expect(
		w.getByText('Thanks! We got your message and will reply to late@shop.test.')
	).toBeVisible();
	const { data } = await admin
		.from('conversations')
		.select('offline, visitor_email, visitor_name, messages(body)')
		.eq('site_id', site.id);
	expect(data).toEqual([
		{
			offline: true,
			visitor_email: 'late@shop.test',
			visitor_name: 'Lou',
			messages: [{ body: 'Please call me back about order 42.' }]
		}
	]);
});

test('a closed conversation ends in the widget, a returning visitor sees it, and a new one starts', async ({
	page
}) => {
	const site = await createSite();
	const agent = await agentFor(site);
	let w = await openWidget(page, site);
	await composer(w).fill('First question');
	await composer(w).press('Enter');
	const first = await conversationOf(agent, site);
	await expect(w.locator('[data-slot="message"]').last()).toHaveAttribute('data-state', 'sent');
	await agent.rpc('close_conversation', { conversation_id: first });
	await expect(w.getByText('This conversation has ended.')).toBeVisible();
	await expect(w.getByText('The conversation was closed')).toBeVisible();
	await expect(composer(w)).toHaveCount(0);

	// Back on the site later: the history is there, ended.
	await page.reload();
	w = page.frameLocator('iframe');
	await expect(w.getByText('First question')).toBeVisible();
	await expect(w.getByText('This conversation has ended.')).toBeVisible();

	await w.getByRole('button', { name: 'Start a new conversation' }).click();
	await expect(composer(w)).toBeVisible();
	await expect(w.getByText('First question')).toHaveCount(0);
	await composer(w).fill('Second question');
	await composer(w).press('Enter');
	await expect.poll(() => conversationOf(agent, site)).not.toBe(first);
});

test('the visitor ends the conversation from the header after confirming, and the agent sees they did', async ({
	page
}) => {
	const site = await createSite();
	const agent = await agentFor(site);
	const w = await openWidget(page, site);
	const end = w.getByRole('button', { name: 'End conversation' });
	// Nothing to end before the first message.
	await expect(composer(w)).toBeVisible();
	await expect(end).toHaveCount(0);
	await composer(w).fill('Just a quick question');
	await composer(w).press('Enter');
	const id = await conversationOf(agent, site);
	await expect(w.locator('[data-slot="message"]').last()).toHaveAttribute(
		'data-state',
		/sent|delivered|read/
	);

	// Changing one's mind keeps it open.
	await end.click();
	const dialog = w.getByRole('alertdialog', { name: 'End this conversation?' });
	await expect(dialog).toBeVisible();
	const results = await new AxeBuilder({ page }).include('iframe').analyze();
	expect(
		results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id)
	).toEqual([]);
	await dialog.getByRole('button', { name: 'Keep chatting' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(composer(w)).toBeVisible();

	await end.click();
	await dialog.getByRole('button', { name: 'End conversation' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(w.getByText('This conversation has ended.')).toBeVisible();
	await expect(composer(w)).toHaveCount(0);
	await expect(end).toHaveCount(0);

	// Closed by the visitor, as the console tells its agents.
	const { data: row } = await agent.from('conversations').select('status').eq('id', id).single();
	expect(row?.status).toBe('closed');
	const { data: events } = await agent
		.from('messages')
		.select('attachment')
		.eq('conversation_id', id)
		.eq('kind', 'event');
	expect(events).toContainEqual({ attachment: { event: 'closed', by: 'visitor' } });

	await w.getByRole('button', { name: 'Start a new conversation' }).click();
	await expect(composer(w)).toBeVisible();
});

test('opened on an accepted invitation, the widget shows that conversation with no tap', async ({
	page
}) => {
	const site = await createSite();
	const agent = await agentFor(site);
	await openWidget(page, site);
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { visitorId?: string }).visitorId))
		.toBeTruthy();
	const visitorId = await page.evaluate(
		() => (window as unknown as { visitorId: string }).visitorId
	);
	const { data: invitation, error } = await agent.rpc('invite_visitor', {
		visitor_id: visitorId,
		message: 'Can I help you find something?'
	});
	expect(error).toBeNull();
	// Accepting is the snippet's part: the visitor's session accepts, the host opens the widget on it.
	const conversationId = await page.evaluate(
		async (id) => {
			const { client } = window as unknown as {
				client: {
					rpc(
						f: string,
						a: object
					): Promise<{ data: { conversation_id: string } | null; error: unknown }>;
				};
			};
			const { data, error } = await client.rpc('accept_invitation', { invitation_id: id });
			if (error) throw new Error(JSON.stringify(error));
			return data!.conversation_id;
		},
		(invitation as { id: string }).id
	);
	const w = await openWidget(page, site, { conversationId });
	await expect(w.getByText('Can I help you find something?')).toBeVisible();
	await expect(w.locator('[data-slot="message-run"]').first()).toContainText('Alice');
	await expect(composer(w)).toBeFocused();
	await expect
		.poll(() => fromWidget(page))
		.toContainEqual({ ns: 'parley', v: 1, type: 'conversation', id: conversationId });
});

for (const scheme of ['light', 'dark'] as const) {
	test(`the widget passes axe-core in ${scheme} mode and fits 320 px`, async ({ browser }) => {
		const site = await createSite({ prechat_name: 'optional', prechat_email: 'optional' });
		const agent = await agentFor(site);
		const context = await browser.newContext({
			colorScheme: scheme,
			viewport: { width: 320, height: 640 }
		});
		const page = await context.newPage();
		const w = await openWidget(page, site);
		await expect(w.getByRole('button', { name: 'Start the conversation' })).toBeVisible();
		const check = async () => {
			const frame = page.frames().find((f) => f.url().includes('/widget'))!;
			const results = await new AxeBuilder({ page }).include('iframe').analyze();
			const serious = results.violations.filter(
				(v) => v.impact === 'serious' || v.impact === 'critical'
			);
			expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
			expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				320
			);
		};
		await check();
		await w.getByLabel(/Your name/).fill('Dana');
		await w.getByRole('button', { name: 'Start the conversation' }).click();
		await composer(w).fill(
			'A long line with https://example.com/a/very/long/path/that/should/wrap/nicely/without/overflowing'
		);
		await composer(w).press('Enter');
		const id = await conversationOf(agent, site);
		await agent.rpc('take_conversation', { conversation_id: id });
		await expect(w.getByText('Alice joined the conversation')).toBeVisible();
		await expect(w.locator('[data-slot="message"]').last()).toHaveAttribute(
			'data-state',
			/sent|delivered|read/
		);
		await check();
		await context.close();
	});
}

test('through the real snippet: launcher, widget, a message, close', async ({ page, baseURL }) => {
	const site = await createSite();
	const agent = await agentFor(site);
	shop.page('/snippet-shop', snippetPage(baseURL!, site.key));
	await page.goto(shop.origin + '/snippet-shop');
	await page.getByRole('button', { name: /^Chat/ }).click();
	const w = page.frameLocator('iframe');
	await expect(composer(w)).toBeFocused();
	await composer(w).fill('Via the snippet');
	await composer(w).press('Enter');
	const id = await conversationOf(agent, site);
	await expect
		.poll(async () => (await agent.from('messages').select('body').eq('conversation_id', id)).data)
		.toEqual([{ body: 'Via the snippet' }]);
	await w.getByRole('button', { name: 'Close chat' }).click();
	await expect(page.locator('iframe')).toBeHidden();
});

test('through the real snippet, leave-a-message follows whether an agent can answer', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	const site = await createSite();
	const agent = await agentFor(site);
	shop.page('/follow-shop', snippetPage(baseURL!, site.key));
	await page.goto(shop.origin + '/follow-shop');
	await page.getByRole('button', { name: /^Chat/ }).click();
	const w = page.frameLocator('iframe');
	const screen = w.locator('[data-slot="widget"]');
	await expect(screen).toHaveAttribute('data-screen', 'chat');
	// The snippet's heartbeat (every 10 s) brings the news to the open widget.
	const beat = { timeout: 30_000 };
	expect((await agent.rpc('set_agent_availability', { availability: 'away' })).error).toBeNull();
	await expect(screen).toHaveAttribute('data-screen', 'leave', beat);
	expect((await agent.rpc('set_agent_availability', { availability: 'online' })).error).toBeNull();
	await expect(screen).toHaveAttribute('data-screen', 'chat', beat);
	await expect(composer(w)).toBeVisible();

	// A visitor who has started writing keeps their screen.
	expect((await agent.rpc('set_agent_availability', { availability: 'away' })).error).toBeNull();
	await expect(screen).toHaveAttribute('data-screen', 'leave', beat);
	await w.getByLabel('Your message').fill('Please call me back.');
	expect((await agent.rpc('set_agent_availability', { availability: 'online' })).error).toBeNull();
	await expect(w.getByTestId('widget-status')).toHaveAttribute('data-online', 'true', beat);
	await expect(screen).toHaveAttribute('data-screen', 'leave');
	await expect(w.getByLabel('Your message')).toHaveValue('Please call me back.');
});

// Screenshots for a person to look at (not compared), written to the test output on every run.
test('screenshots of the widget, phone and desktop, light and dark', async ({ page }) => {
	test.setTimeout(90_000);
	const site = await createSite();
	const agent = await agentFor(site);
	await page.setViewportSize({ width: 390, height: 844 });
	const w = await openWidget(page, site);
	await composer(w).fill('Hi! Is the blue jacket <b>in stock</b> in size M?');
	await composer(w).press('Enter');
	const id = await conversationOf(agent, site);
	// The conversation exists before the message is stored: the agent can only have read the
	// message once the server has it.
	await expect(w.locator('[data-slot="message"][data-own="true"]')).toHaveAttribute(
		'data-state',
		'sent'
	);
	await agent.rpc('take_conversation', { conversation_id: id });
	await agent.from('messages').insert({
		id: crypto.randomUUID(),
		conversation_id: id,
		sender_id: (await agent.auth.getUser()).data.user!.id,
		sender_kind: 'agent',
		body: 'Hello! Yes, size M is in stock. You can order it here: https://shop.example/jacket'
	});
	await agent.rpc('mark_conversation_read', { conversation_id: id });
	await expect(w.locator('[data-slot="message"][data-own="true"]')).toHaveAttribute(
		'data-state',
		'read'
	);
	for (const [name, viewport] of [
		['phone', { width: 390, height: 844 }],
		['desktop', { width: 1280, height: 720 }]
	] as const) {
		await page.setViewportSize(viewport);
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			await page.waitForTimeout(300);
			await page.screenshot({ path: test.info().outputPath(`widget-${name}-${colorScheme}.png`) });
		}
	}
});
