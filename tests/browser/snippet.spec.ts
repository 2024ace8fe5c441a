/**
 * The snippet on a stand-in shop on another origin, against the real app and local stack:
 * the launcher in the site's colour and corner, a hostile page's CSS, loading twice, strangers
 * and outages kept silent, the widget iframe and its handshake, and the invitation dialog.
 * Realtime is faked (page.routeWebSocket) where a test is about the snippet's own behaviour;
 * the last tests go through the real stack: a broadcast on the visitor's private topic, and
 * a real agent's invitation accepted into a conversation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { ConsoleMessage, Page, WebSocketRoute } from '@playwright/test';
import { DEFAULT_SERVICE_ROLE_KEY } from '../../supabase/local/keys.ts';
import { expect, test } from './fixtures.ts';
import { snippetPage, STACK_URL, startShop, type Shop } from './shop.ts';
import { admin as serviceClient, createSite as newSite, pairedAgent, type Site } from './sites.ts';

const admin = serviceClient();

/** A widget stand-in that speaks the protocol: says ready, keeps what it hears, can talk back. */
const WIDGET_STUB = `<!doctype html><html lang="en"><title>Widget</title><script>
const host = location.ancestorOrigins?.[0] || new URL(document.referrer).origin;
window.received = [];
addEventListener('message', (e) => { if (e.source === parent && e.origin === host) received.push(e.data); });
window.say = (m) => parent.postMessage({ ns: 'parley', v: 1, ...m }, host);
say({ type: 'ready' });
</script><main><h1>Chat</h1></main></html>`;

/** What WIDGET_STUB adds to its window. */
type WidgetStub = Window & { received: Record<string, unknown>[]; say(m: object): void };

let shop: Shop;
let stranger: Shop;
test.beforeAll(async () => {
	shop = await startShop();
	stranger = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
	await stranger?.close();
});

/** A site owned by a fresh operator, allowing the shop's origin. */
const createSite = (color = '#16a34a', position = 'bottom-left'): Promise<Site> =>
	newSite(shop.origin, { widget_color: color, widget_position: position });

/** Console errors from scripts. The browser's own "Failed to load resource" network lines are
 * left out: no script can prevent them (a refused page view, an unreachable backend). */
function scriptErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m: ConsoleMessage) => {
		if (m.type() == 'error' && !m.text().startsWith('Failed to load resource'))
			errors.push(m.text());
	});
	return errors;
}

/** Opens a shop page with the snippet, waiting for its first recorded page view. */
async function openShop(page: Page, appOrigin: string, site: Site, options = {}, path = '/') {
	shop.page(path, snippetPage(appOrigin, site.key, options));
	const viewed = page.waitForResponse(
		(r) => r.url().endsWith('/rest/v1/rpc/record_page_view') && r.ok()
	);
	await page.goto(shop.origin + path);
	return (await viewed).json() as Promise<{ visitor_id: string }>;
}

/** The launcher: named "Chat" (with the unread count); `aria-expanded` says if the panel is open. */
const launcher = (page: Page) => page.getByRole('button', { name: /^Chat(, \d+ unread)?$/ });

/** Answers the snippet's Realtime socket: accepts the join, hands back a way to broadcast. */
async function fakeRealtime(page: Page) {
	let route: WebSocketRoute | undefined;
	let topic = '';
	const joined = new Promise<{ access_token: string }>((resolve) =>
		page.routeWebSocket(/\/realtime\/v1\/websocket/, (ws) => {
			route = ws;
			ws.onMessage((text) => {
				const f = JSON.parse(String(text));
				if (f.event != 'phx_join') return;
				topic = f.topic;
				ws.send(
					JSON.stringify({
						topic: f.topic,
						event: 'phx_reply',
						payload: { status: 'ok', response: { postgres_changes: [] } },
						ref: f.ref,
						join_ref: f.join_ref
					})
				);
				resolve(f.payload);
			});
		})
	);
	return {
		joined,
		topic: () => topic,
		/** The server drops the connection (the snippet reconnects and joins again). */
		drop: () => route!.close(),
		broadcast(event: string, payload: object) {
			route!.send(
				JSON.stringify({
					topic,
					event: 'broadcast',
					payload: { type: 'broadcast', event, payload },
					ref: null
				})
			);
		}
	};
}

/** An rpc answer other than 200, e.g. a PostgREST error. */
class Status {
	status: number;
	body: unknown;
	constructor(status: number, body: unknown) {
		this.status = status;
		this.body = body;
	}
}

/** Answers the named functions instead of the stack, recording what the snippet sent. */
async function fakeRpc(page: Page, answers: Record<string, unknown>) {
	const calls: { fn: string; body: unknown }[] = [];
	await page.route(/\/rest\/v1\/rpc\/(\w+)$/, async (route) => {
		const fn = /rpc\/(\w+)$/.exec(route.request().url())![1];
		if (!(fn in answers)) return route.fallback();
		calls.push({ fn, body: route.request().postDataJSON() });
		const answer = answers[fn];
		await route.fulfill({
			status: answer instanceof Status ? answer.status : 200,
			headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
			body: JSON.stringify(answer instanceof Status ? answer.body : answer)
		});
	});
	return calls;
}

/** Resolves when the snippet's socket has joined the visitor's private topic on the real stack. */
const realtimeJoined = (page: Page) =>
	new Promise<void>((resolve) =>
		page.on('websocket', (ws) =>
			ws.on('framereceived', ({ payload }) => {
				const f = JSON.parse(String(payload));
				if (f.event == 'phx_reply' && f.ref == 'phx_join' && f.payload.status == 'ok') resolve();
			})
		)
	);

test('the launcher appears once, in the site colour and corner, for a recorded visitor', async ({
	page,
	baseURL
}) => {
	const errors = scriptErrors(page);
	const site = await createSite('#16a34a', 'bottom-left');
	// Loaded twice, as a careless template would: one install, one visitor, one launcher.
	const view = await openShop(page, baseURL!, site, { times: 2 });

	await expect(launcher(page)).toHaveCount(1);
	await expect(launcher(page)).toBeVisible();
	await expect(launcher(page)).toHaveAccessibleName('Chat');
	await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
	await expect(launcher(page)).toHaveCSS('background-color', 'rgb(22, 163, 74)');
	const box = (await launcher(page).boundingBox())!;
	const viewport = page.viewportSize()!;
	expect(box).toEqual({ x: 20, y: viewport.height - 20 - 56, width: 56, height: 56 });

	// The visitor's session is kept for this site, and the page view is on record.
	const stored = await page.evaluate((key) => localStorage[`parley:${key}`], site.key);
	expect(JSON.parse(stored).user_id).toBe(view.visitor_id);
	const { data: visitor } = await admin
		.from('visitors')
		.select('site_id, current_url, current_title, pages_seen')
		.eq('id', view.visitor_id)
		.single();
	expect(visitor).toEqual({
		site_id: site.id,
		current_url: `${shop.origin}/`,
		current_title: 'Shop with Parley',
		pages_seen: 1
	});

	// A single-page app navigates: another page view, same visitor.
	const second = page.waitForResponse((r) => r.url().endsWith('/rpc/record_page_view') && r.ok());
	await page.evaluate(() => {
		history.pushState({}, '', '/products/42');
		document.title = 'Product 42';
	});
	expect((await (await second).json()).visitor_id).toBe(view.visitor_id);
	await expect
		.poll(async () => {
			const { data } = await admin
				.from('visitors')
				.select('current_url, current_title, pages_seen')
				.eq('id', view.visitor_id)
				.single();
			return data;
		})
		.toEqual({
			current_url: `${shop.origin}/products/42`,
			current_title: 'Product 42',
			pages_seen: 2
		});

	// Coming back later keeps the same identity.
	const again = page.waitForResponse((r) => r.url().endsWith('/rpc/record_page_view') && r.ok());
	await page.goto(`${shop.origin}/`);
	expect((await (await again).json()).visitor_id).toBe(view.visitor_id);
	expect(errors).toEqual([]);

	// Closing the tab ends the visit at once (a keepalive request on pagehide).
	await page.close({ runBeforeUnload: true });
	await expect
		.poll(async () => {
			const { data } = await admin
				.from('visitors')
				.select('ended_at')
				.eq('id', view.visitor_id)
				.single();
			return data?.ended_at;
		})
		.toBeTruthy();
});

test('a hostile page stylesheet and a top overlay do not break the launcher', async ({
	page,
	baseURL
}) => {
	const site = await createSite('#2563eb', 'bottom-right');
	await openShop(page, baseURL!, site, {
		head: '<style>* { all: unset !important } html, body { display: block !important }</style>',
		body:
			'<div id="overlay" style="position: fixed !important; inset: 0 !important; ' +
			'z-index: 2147483647 !important; background: rgb(0 0 0 / 0.1) !important"></div>'
	});
	await expect(launcher(page)).toBeVisible();
	await expect(launcher(page)).toHaveCSS('width', '56px');
	await expect(launcher(page)).toHaveCSS('background-color', 'rgb(37, 99, 235)');
	const box = (await launcher(page).boundingBox())!;
	expect(box.x + box.width).toBe(page.viewportSize()!.width - 20);
	// Clickable: the launcher, not the overlay, is what is under the pointer.
	await launcher(page).click();
	await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');
});

test('a page on an origin the site does not allow gets nothing, silently', async ({
	page,
	baseURL
}) => {
	const errors = scriptErrors(page);
	const site = await createSite();
	stranger.page('/', snippetPage(baseURL!, site.key));
	const refused = page.waitForResponse((r) => r.url().endsWith('/rpc/record_page_view'));
	await page.goto(stranger.origin);
	expect((await refused).status()).toBe(403);
	await page.waitForTimeout(500);
	await expect(launcher(page)).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('when the backend is down the page shows nothing and logs no script error', async ({
	page,
	baseURL
}) => {
	const errors = scriptErrors(page);
	const site = await createSite();
	await page.route(`${STACK_URL}/**`, (route) => route.abort('connectionrefused'));
	shop.page('/down', snippetPage(baseURL!, site.key));
	const tried = page.waitForRequest((r) => r.url().startsWith(STACK_URL));
	await page.goto(`${shop.origin}/down`);
	await tried;
	await page.waitForTimeout(500);
	await expect(launcher(page)).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('the launcher opens the widget iframe, shown once it says ready, and hands it the session', async ({
	page,
	baseURL
}) => {
	const site = await createSite();
	await page.route(`${baseURL}/widget?*`, (route) =>
		route.fulfill({ contentType: 'text/html', body: WIDGET_STUB })
	);
	const panelLoads: string[] = [];
	page.on('request', (r) => r.url().endsWith('/embed-panel.js') && panelLoads.push(r.url()));
	const view = await openShop(page, baseURL!, site);
	// Nothing more until the visitor reaches for the launcher: the panel's code comes with the
	// pointer over it (a moment before the press), and only once; the iframe with the press.
	await launcher(page).waitFor();
	await page.waitForTimeout(300);
	expect(panelLoads).toEqual([]);
	await launcher(page).hover();
	await expect.poll(() => panelLoads).toEqual([`${baseURL}/embed-panel.js`]);
	await expect(page.locator('iframe')).toHaveCount(0);
	await launcher(page).click();

	const iframe = page.locator('iframe');
	await expect(iframe).toHaveAttribute('src', `${baseURL}/widget?site=${site.key}`);
	await expect(iframe).toHaveAttribute('allow', 'camera; microphone; autoplay');
	await expect(iframe).toHaveAttribute('title', 'Chat');
	await expect(iframe).toBeVisible();
	expect(panelLoads).toHaveLength(1);
	await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');

	const widget = page.frame({ url: /\/widget\?site=/ })!;
	await expect
		.poll(() => widget.evaluate(() => (window as unknown as WidgetStub).received.length))
		.toBe(1);
	const [init] = await widget.evaluate(() => (window as unknown as WidgetStub).received);
	const stored = JSON.parse(await page.evaluate((key) => localStorage[`parley:${key}`], site.key));
	expect(init).toMatchObject({
		ns: 'parley',
		v: 1,
		type: 'init',
		session: stored,
		siteKey: site.key,
		visitorId: view.visitor_id,
		widget: { color: '#16a34a', position: 'bottom-left' },
		page: { url: `${shop.origin}/`, title: 'Shop with Parley' },
		open: {}
	});
	expect(stored.user_id).toBe(view.visitor_id);

	// The widget reports unread messages and closes the panel.
	await widget.evaluate(() => (window as unknown as WidgetStub).say({ type: 'unread', count: 2 }));
	await widget.evaluate(() => (window as unknown as WidgetStub).say({ type: 'close' }));
	await expect(iframe).toBeHidden();
	await expect(page.getByRole('button', { name: 'Chat, 2 unread' })).toBeVisible();
	await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
	// Focus went back to the launcher when the widget closed itself.
	await expect(launcher(page)).toBeFocused();

	// Opening again reuses the iframe and tells it to open.
	await launcher(page).click();
	await expect(iframe).toBeVisible();
	await expect(iframe).toHaveCount(1);
	await expect
		.poll(() => widget.evaluate(() => (window as unknown as WidgetStub).received.at(-1)))
		.toEqual({ ns: 'parley', v: 1, type: 'open' });
	// And the launcher closes it again.
	await launcher(page).click();
	await expect(iframe).toBeHidden();
	expect(panelLoads).toHaveLength(1);
});

test('a keyboard user reaching the launcher gets the panel code before pressing it', async ({
	page,
	baseURL
}) => {
	const site = await createSite();
	const panelLoads: string[] = [];
	page.on('request', (r) => r.url().endsWith('/embed-panel.js') && panelLoads.push(r.url()));
	await openShop(page, baseURL!, site);
	await launcher(page).waitFor();
	expect(panelLoads).toEqual([]);
	await page.keyboard.press('Tab');
	await expect(launcher(page)).toBeFocused();
	await expect.poll(() => panelLoads).toEqual([`${baseURL}/embed-panel.js`]);
});

test('the launcher and an invitation pass axe; the dialog takes focus, Escape declines, Accept opens the conversation', async ({
	page,
	baseURL
}) => {
	const site = await createSite();
	const realtime = await fakeRealtime(page);
	const calls = await fakeRpc(page, {
		mark_invitation_seen: null,
		decline_invitation: null,
		accept_invitation: { conversation_id: 'c0ffee00-0000-4000-8000-000000000001' }
	});
	await page.route(`${baseURL}/widget?*`, (route) =>
		route.fulfill({ contentType: 'text/html', body: WIDGET_STUB })
	);
	const view = await openShop(page, baseURL!, site);
	const join = await realtime.joined;
	expect(realtime.topic()).toBe(`realtime:visitor:${view.visitor_id}`);
	const stored = JSON.parse(await page.evaluate((key) => localStorage[`parley:${key}`], site.key));
	expect(join).toMatchObject({ config: { private: true }, access_token: stored.access_token });

	await expect(launcher(page)).toBeVisible();
	const launcherScan = await new AxeBuilder({ page }).analyze();
	expect(
		launcherScan.violations.filter((v) => v.impact == 'serious' || v.impact == 'critical')
	).toEqual([]);

	const invitation = (id: string) => ({
		id,
		message: 'Hi! Can I help you find a size?',
		agent_name: 'Anna',
		agent_initial: 'A',
		expires_in_seconds: 60,
		expires_at: new Date(Date.now() + 60_000).toISOString()
	});
	realtime.broadcast('invitation', invitation('i1'));
	const dialog = page.getByRole('dialog', { name: 'Anna' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toHaveAccessibleDescription('Hi! Can I help you find a size?');
	await expect(dialog).toBeFocused();
	for (const name of ['Chat now', 'No thanks']) {
		const button = (await dialog.getByRole('button', { name }).boundingBox())!;
		expect(button.height).toBeGreaterThanOrEqual(44);
	}
	const dialogScan = await new AxeBuilder({ page }).analyze();
	expect(
		dialogScan.violations.filter((v) => v.impact == 'serious' || v.impact == 'critical')
	).toEqual([]);
	await expect.poll(() => calls.map((c) => c.fn)).toContain('mark_invitation_seen');

	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect
		.poll(() => calls.find((c) => c.fn == 'decline_invitation')?.body)
		.toEqual({ invitation_id: 'i1' });

	// Withdrawn by the agent: the dialog goes away.
	realtime.broadcast('invitation', invitation('i2'));
	await expect(dialog).toBeVisible();
	realtime.broadcast('invitation_closed', { id: 'i2', status: 'cancelled' });
	await expect(dialog).toBeHidden();

	// Accepted: the widget opens on the new conversation, with no further tap.
	realtime.broadcast('invitation', invitation('i3'));
	await dialog.getByRole('button', { name: 'Chat now' }).click();
	await expect(dialog).toBeHidden();
	expect(calls.find((c) => c.fn == 'accept_invitation')?.body).toEqual({ invitation_id: 'i3' });
	await expect(page.locator('iframe')).toBeVisible();
	const widget = page.frame({ url: /\/widget\?site=/ })!;
	await expect
		.poll(() => widget.evaluate(() => (window as unknown as WidgetStub).received[0]?.open))
		.toEqual({ conversationId: 'c0ffee00-0000-4000-8000-000000000001' });
});

test('an invitation expires on its own', async ({ page, baseURL }) => {
	const site = await createSite();
	const realtime = await fakeRealtime(page);
	await fakeRpc(page, { mark_invitation_seen: null });
	await openShop(page, baseURL!, site);
	await realtime.joined;
	realtime.broadcast('invitation', {
		id: 'i1',
		message: 'Hello',
		agent_name: 'Ben',
		agent_initial: 'B',
		expires_in_seconds: 1
	});
	const dialog = page.getByRole('dialog', { name: 'Ben' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toBeHidden({ timeout: 3000 });
});

test('an invitation broadcast through the real stack reaches the visitor', async ({
	page,
	baseURL
}) => {
	const site = await createSite();
	const joined = new Promise<void>((resolve) =>
		page.on('websocket', (ws) =>
			ws.on('framereceived', ({ payload }) => {
				const f = JSON.parse(String(payload));
				if (f.event == 'phx_reply' && f.topic.startsWith('realtime:visitor:'))
					if (f.payload.status == 'ok') resolve();
			})
		)
	);
	const view = await openShop(page, baseURL!, site);
	await joined;
	const sent = await fetch(`${STACK_URL}/realtime/v1/api/broadcast`, {
		method: 'POST',
		headers: {
			apikey: DEFAULT_SERVICE_ROLE_KEY,
			authorization: `Bearer ${DEFAULT_SERVICE_ROLE_KEY}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify({
			messages: [
				{
					topic: `visitor:${view.visitor_id}`,
					event: 'invitation',
					payload: { id: 'i1', message: 'Hi', agent_name: 'Cleo', expires_in_seconds: 60 },
					private: true
				}
			]
		})
	});
	expect(sent.status).toBe(202);
	await expect(page.getByRole('dialog', { name: 'Cleo' })).toBeVisible();
});

test('a pending invitation is fetched on every join, so one sent while the socket was away still shows', async ({
	page,
	baseURL
}) => {
	const site = await createSite();
	const realtime = await fakeRealtime(page);
	const pending = {
		id: 'i9',
		message: 'Still there?',
		agent_name: 'Eve',
		agent_initial: 'E',
		expires_in_seconds: 60,
		expires_at: new Date(Date.now() + 60_000).toISOString()
	};
	const calls = await fakeRpc(page, {
		widget_state: { agents_online: true, conversation: null, invitation: null },
		mark_invitation_seen: null
	});
	await openShop(page, baseURL!, site);
	await realtime.joined;
	await expect.poll(() => calls.filter((c) => c.fn == 'widget_state').length).toBe(1);
	const dialog = page.getByRole('dialog', { name: 'Eve' });
	await expect(dialog).toHaveCount(0);

	// The socket drops; meanwhile an invitation was sent. The rejoin asks for it.
	await page.unroute(/\/rest\/v1\/rpc\/(\w+)$/);
	const again = await fakeRpc(page, {
		widget_state: { agents_online: true, conversation: null, invitation: pending },
		mark_invitation_seen: null
	});
	realtime.drop();
	await expect(dialog).toBeVisible();
	await expect(dialog).toHaveAccessibleDescription('Still there?');
	expect(again.map((c) => c.fn)).toEqual(['widget_state', 'mark_invitation_seen']);
	// Shown once: the broadcast that may also arrive does not show it again.
	realtime.broadcast('invitation', pending);
	await page.waitForTimeout(300);
	expect(again.filter((c) => c.fn == 'mark_invitation_seen')).toHaveLength(1);
});

test('accepting too late records the expiry and says so briefly', async ({ page, baseURL }) => {
	const site = await createSite();
	const realtime = await fakeRealtime(page);
	const calls = await fakeRpc(page, {
		mark_invitation_seen: null,
		accept_invitation: new Status(400, {
			code: 'P0001',
			message: 'invitation expired',
			details: null,
			hint: null
		}),
		expire_invitation: 'expired'
	});
	await openShop(page, baseURL!, site);
	await realtime.joined;
	realtime.broadcast('invitation', {
		id: 'i1',
		message: 'Hello',
		agent_name: 'Ben',
		agent_initial: 'B',
		expires_in_seconds: 60
	});
	const dialog = page.getByRole('dialog', { name: 'Ben' });
	await dialog.getByRole('button', { name: 'Chat now' }).click();
	await expect(dialog).toContainText('Invitation expired.');
	await expect(dialog.getByRole('button')).toHaveCount(0);
	expect(calls.filter((c) => c.fn != 'mark_invitation_seen')).toEqual([
		{ fn: 'accept_invitation', body: { invitation_id: 'i1' } },
		{ fn: 'expire_invitation', body: { invitation_id: 'i1' } }
	]);
	// The server's closing event for it does not cut the notice short; its own timer does.
	realtime.broadcast('invitation_closed', { id: 'i1', status: 'expired' });
	await page.waitForTimeout(500);
	await expect(dialog).toBeVisible();
	await expect(dialog).toBeHidden({ timeout: 6000 });
	await expect(page.locator('iframe')).toHaveCount(0);
});

test("a real agent's invitation shows the dialog, and Accept opens the widget on the new conversation", async ({
	page,
	baseURL
}) => {
	const site = await createSite();
	const agent = await pairedAgent(site, 'Dana');
	await page.route(`${baseURL}/widget?*`, (route) =>
		route.fulfill({ contentType: 'text/html', body: WIDGET_STUB })
	);
	const joined = realtimeJoined(page);
	const view = await openShop(page, baseURL!, site);
	await joined;

	const sent = await agent.client.rpc('invite_visitor', {
		visitor_id: view.visitor_id,
		message: 'Hi, I am Dana. Need a hand?'
	});
	expect(sent.error).toBeNull();
	const dialog = page.getByRole('dialog', { name: 'Dana' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toHaveAccessibleDescription('Hi, I am Dana. Need a hand?');
	await expect
		.poll(async () => {
			const { data } = await admin
				.from('chat_invitations')
				.select('seen_at')
				.eq('id', sent.data.id)
				.single();
			return data?.seen_at;
		})
		.toBeTruthy();

	const accepted = page.waitForResponse((r) => r.url().endsWith('/rpc/accept_invitation'));
	await dialog.getByRole('button', { name: 'Chat now' }).click();
	const answer = await accepted;
	expect(answer.status()).toBe(200);
	const { conversation_id } = await answer.json();
	await expect(dialog).toBeHidden();
	await expect(page.locator('iframe')).toBeVisible();
	const widget = page.frame({ url: /\/widget\?site=/ })!;
	await expect
		.poll(() => widget.evaluate(() => (window as unknown as WidgetStub).received[0]?.open))
		.toEqual({ conversationId: conversation_id });

	const { data: conversation } = await admin
		.from('conversations')
		.select('visitor_id, assigned_agent_id, status')
		.eq('id', conversation_id)
		.single();
	expect(conversation).toEqual({
		visitor_id: view.visitor_id,
		assigned_agent_id: agent.id,
		status: 'open'
	});
	const { data: invitation } = await admin
		.from('chat_invitations')
		.select('status')
		.eq('id', sent.data.id)
		.single();
	expect(invitation?.status).toBe('accepted');
});

test('a leave that arrives after the next page view does not end the visit; the last page’s own leave does', async ({
	page,
	baseURL
}) => {
	const site = await createSite();
	const row = async (id: string) =>
		(await admin.from('visitors').select('current_url, pages_seen, ended_at').eq('id', id).single())
			.data;
	// The first page's pagehide leave is kept back (in the shop's storage) and sent by the test
	// after the next page's view is stored: the order a slow network or a busy server can give
	// a keepalive request that outlives its page. (Routing cannot hold a request whose page has
	// gone, nor can a binding carry it out.)
	await page.addInitScript(() => {
		const send = window.fetch;
		window.fetch = (input, init) =>
			location.pathname == '/shoes' && String(input).endsWith('/rpc/visitor_leave')
				? (localStorage.setItem(
						'late-leave',
						JSON.stringify({ url: String(input), headers: init?.headers, body: init?.body })
					),
					new Promise<Response>(() => {}))
				: send(input, init);
	});
	const first = await openShop(page, baseURL!, site, {}, '/shoes');
	const next = await openShop(page, baseURL!, site, {}, '/shoes/trail');
	expect(next.visitor_id).toBe(first.visitor_id);
	const { url, headers, body } = JSON.parse(
		(await page.evaluate(() => localStorage.getItem('late-leave')))!
	) as { url: string; headers: Record<string, string>; body: string };
	expect(JSON.parse(body)).toEqual({ visit: 1, page: 1 });
	const answer = await fetch(url, {
		method: 'POST',
		headers: { ...headers, origin: shop.origin },
		body
	});
	expect(answer.status).toBe(204);
	expect(await row(first.visitor_id)).toEqual({
		current_url: `${shop.origin}/shoes/trail`,
		pages_seen: 2,
		ended_at: null
	});

	// Leaving the last page ends the visit.
	await page.goto('about:blank');
	await expect
		.poll(async () => (await row(first.visitor_id))?.ended_at, { timeout: 5_000 })
		.toBeTruthy();
});
