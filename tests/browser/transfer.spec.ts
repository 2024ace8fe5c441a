/**
 * A conversation handed from one agent's device to a colleague's while the visitor goes on
 * talking: three browsers (two agents on tablets, a visitor on a phone with the real snippet
 * and widget). The colleague gets the offer at once with the note, takes it, and replies; the
 * first agent can only read; the visitor reads who they are talking with now.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { PHONE, TABLET, admin, newWorld, pairAgent } from './console-world.ts';
import { snippetPage, startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

async function goOnline(page: Page) {
	const available = page.getByRole('switch', { name: /available/i }).first();
	if ((await available.getAttribute('aria-checked')) !== 'true') await available.click();
	await expect(available).toHaveAttribute('aria-checked', 'true');
}

/**
 * Two agents, Ana and Bea, online in their consoles, and a visitor on a phone who opened the
 * widget through the real snippet and wrote `words`; Ana has taken the conversation.
 */
async function scene(browser: Browser, baseURL: string, words: string, device: object = TABLET) {
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL, world.siteKey));
	const ana = await pairAgent(browser, world, 'Ana', device);
	const bea = await pairAgent(browser, world, 'Bea', device);
	for (const agent of [ana, bea]) {
		await agent.page.goto('/app/conversations');
		await goOnline(agent.page);
	}
	const visitorContext = await browser.newContext(PHONE);
	const visitor = await visitorContext.newPage();
	await visitor.goto(shop.origin + '/help');
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const widget = visitor.frameLocator('iframe');
	const composer = widget.getByRole('textbox', { name: 'Message' });
	await composer.fill(words);
	await composer.press('Enter');
	await ana.page.locator('[data-conversation]').filter({ hasText: words }).click();
	await ana.page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(ana.page.getByTestId('conversation-status')).toHaveText('Yours');
	const conversationId = /conversations\/([0-9a-f-]{36})/.exec(ana.page.url())![1];
	return {
		ana,
		bea,
		widget,
		composer,
		conversationId,
		close: async () => {
			await visitorContext.close();
			await ana.context.close();
			await bea.context.close();
		}
	};
}

test('an agent hands a conversation to a colleague, who takes it and answers; the visitor is told', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { ana, bea, widget, composer, conversationId, close } = await scene(
		browser,
		baseURL!,
		'I was charged twice.'
	);

	// She offers it to Bea with a note.
	await ana.page.getByRole('button', { name: 'Transfer', exact: true }).click();
	const sheet = ana.page.getByRole('dialog', { name: 'Transfer this conversation' });
	await sheet.locator(`[data-colleague="${bea.agentId}"]`).click();
	await sheet.getByLabel(/Note for your colleague/).fill('Billing question, over to you');
	await sheet.getByRole('button', { name: 'Offer the conversation' }).click();
	await expect(ana.page.getByTestId('transfer-pending')).toContainText('Offered to Bea');

	// Bea's console shows the offer at once, with the note and the last message.
	const offer = bea.page.getByTestId('transfer-offer');
	await expect(offer).toBeVisible();
	await expect(offer).toContainText('Ana offers you a conversation');
	await expect(offer).toContainText('Billing question, over to you');
	await expect(offer).toContainText('I was charged twice.');
	await offer.getByRole('button', { name: 'Take it' }).click();
	await expect(bea.page).toHaveURL(new RegExp(`/app/conversations/${conversationId}`));
	await expect(bea.page.getByTestId('conversation-status')).toHaveText('Yours');
	// Bea has the whole conversation, and the record of the hand-over.
	await expect(bea.page.getByText('I was charged twice.').last()).toBeVisible();
	await expect(bea.page.getByText('Ana handed the conversation to Bea')).toBeVisible();

	// Ana's view turns read-only.
	await expect(ana.page.getByTestId('conversation-status')).toHaveText(
		'Bea took this conversation.'
	);
	// (She can still write her colleagues an internal note.)
	await expect(ana.page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
	await expect(ana.page.getByRole('textbox', { name: 'Internal note' })).toBeVisible();
	await expect(ana.page.getByTestId('transfer-pending')).toHaveCount(0);

	// The visitor is told, and goes on talking with Bea.
	await expect(widget.getByText('You are now talking with Bea')).toBeVisible();
	const reply = bea.page.getByRole('textbox', { name: 'Message' });
	await reply.fill('Hi, I am refunding the second charge now.');
	await reply.press('Enter');
	await expect(widget.getByText('Hi, I am refunding the second charge now.')).toBeVisible();
	await composer.fill('Thank you!');
	await composer.press('Enter');
	await expect(bea.page.getByText('Thank you!')).toBeVisible();
	// The note never reached the visitor.
	await expect(widget.getByText('Billing question')).toHaveCount(0);

	const { data } = await admin()
		.from('conversations')
		.select('assigned_agent_id')
		.eq('id', conversationId)
		.single();
	expect(data?.assigned_agent_id).toBe(bea.agentId);
	await close();
});

test('a declined offer leaves the conversation with the agent who made it', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { ana, bea, widget, close } = await scene(browser, baseURL!, 'Hello?');

	await ana.page.getByRole('button', { name: 'Transfer', exact: true }).click();
	const sheet = ana.page.getByRole('dialog', { name: 'Transfer this conversation' });
	await sheet.getByRole('radio', { name: 'Any available agent' }).check();
	await sheet.getByRole('button', { name: 'Offer the conversation' }).click();
	await expect(ana.page.getByTestId('transfer-pending')).toContainText(
		'Offered to any available agent'
	);
	const offer = bea.page.getByTestId('transfer-offer');
	await offer.getByRole('button', { name: 'Not now' }).click();
	await expect(offer).toHaveCount(0);
	// Ana withdraws the offer nobody took; the conversation was hers all along.
	await ana.page.getByRole('button', { name: 'Withdraw' }).click();
	await expect(ana.page.getByTestId('transfer-pending')).toHaveCount(0);
	await expect(ana.page.getByTestId('conversation-status')).toHaveText('Yours');
	// The agents' record keeps the offer and its withdrawal, live and after a reload (an offer
	// to anyone stays open when one colleague says no, so no decline is recorded).
	await expect(
		ana.page.getByText('The transfer to any available agent was withdrawn')
	).toBeVisible();
	await ana.page.reload();
	await expect(
		ana.page.getByText('Ana offered the conversation to any available agent')
	).toBeVisible();
	await expect(
		ana.page.getByText('The transfer to any available agent was withdrawn')
	).toBeVisible();
	await expect(ana.page.getByText(/declined the transfer/)).toHaveCount(0);
	const reply = ana.page.getByRole('textbox', { name: 'Message' });
	await reply.fill('Still here.');
	await reply.press('Enter');
	await expect(widget.getByText('Still here.')).toBeVisible();
	await close();
});

test('an internal note and a whisper reach the colleague at once and never the visitor', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { ana, bea, widget, conversationId, close } = await scene(
		browser,
		baseURL!,
		'My parcel is lost.'
	);

	// Ana whispers to Bea, who is on her conversation list: a notice with the words and Open.
	await ana.page.getByRole('button', { name: 'Internal note' }).click();
	await ana.page.getByRole('combobox', { name: 'For' }).selectOption({ label: 'Bea' });
	const note = ana.page.getByTestId('note-composer').getByRole('textbox');
	await note.fill('Bea, can you check the courier?');
	await note.press('Enter');
	await expect(ana.page.getByText('Bea, can you check the courier?')).toBeVisible();
	await expect(bea.page.getByText('Ana needs you in a conversation')).toBeVisible();
	await expect(bea.page.getByText('Bea, can you check the courier?')).toBeVisible();
	await bea.page.getByRole('button', { name: 'Open' }).click();
	await expect(bea.page).toHaveURL(new RegExp(`/app/conversations/${conversationId}`));
	// Bea, who does not hold it, writes notes only; hers reaches Ana live, marked as internal.
	await expect(bea.page.getByRole('button', { name: 'Reply' })).toHaveCount(0);
	const beaNote = bea.page.getByTestId('note-composer').getByRole('textbox');
	await beaNote.fill('Courier says tomorrow.');
	await beaNote.press('Enter');
	const arrived = ana.page
		.locator('[data-slot="message"]')
		.filter({ hasText: 'Courier says tomorrow.' });
	await expect(arrived).toBeVisible();
	await expect(arrived).toHaveAttribute('data-internal', 'true');
	await expect(arrived).toContainText('the visitor does not see this');

	// Ana answers the visitor; the notes never reached the widget.
	await ana.page.getByRole('button', { name: 'Reply' }).click();
	const reply = ana.page.getByRole('textbox', { name: 'Message' });
	await reply.fill('It arrives tomorrow.');
	await reply.press('Enter');
	await expect(widget.getByText('It arrives tomorrow.')).toBeVisible();
	await expect(widget.getByText('courier', { exact: false })).toHaveCount(0);
	await expect(widget.getByText('Courier says tomorrow.')).toHaveCount(0);
	const { data } = await admin()
		.from('messages')
		.select('body, internal, to_agent_id')
		.eq('conversation_id', conversationId)
		.eq('internal', true)
		.order('created_at');
	expect(data).toEqual([
		{ body: 'Bea, can you check the courier?', internal: true, to_agent_id: bea.agentId },
		{ body: 'Courier says tomorrow.', internal: true, to_agent_id: null }
	]);
	await close();
});

test('an offer nobody answers in time goes back to the agent who made it, and a late look says so', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { ana, bea, conversationId, close } = await scene(browser, baseURL!, 'Anyone there?');
	const { data: conversation } = await admin()
		.from('conversations')
		.select('site_id')
		.eq('id', conversationId)
		.single();
	expect(
		(
			await admin()
				.from('sites')
				.update({ transfer_ttl_seconds: 10 })
				.eq('id', conversation!.site_id)
		).error
	).toBeNull();

	await ana.page.getByRole('button', { name: 'Transfer', exact: true }).click();
	const sheet = ana.page.getByRole('dialog', { name: 'Transfer this conversation' });
	await sheet.locator(`[data-colleague="${bea.agentId}"]`).click();
	await sheet.getByRole('button', { name: 'Offer the conversation' }).click();
	await expect(ana.page.getByTestId('transfer-pending')).toContainText('Offered to Bea');
	await expect(bea.page.getByTestId('transfer-offer')).toBeVisible();

	// Ten seconds by the server's clock, and nobody answered: it is Ana's again, on both sides.
	await expect(ana.page.getByTestId('transfer-pending')).toHaveCount(0, { timeout: 20_000 });
	await expect(bea.page.getByTestId('transfer-offer')).toHaveCount(0);
	await expect(ana.page.getByTestId('conversation-status')).toHaveText('Yours');
	await expect(ana.page.getByText('The transfer to Bea was not answered in time')).toBeVisible();
	const { data: offer } = await admin()
		.from('transfers')
		.select('id, status')
		.eq('conversation_id', conversationId)
		.single();
	expect(offer?.status).toBe('expired');

	// Bea comes to it late, from the notification: the page says what became of it, and there
	// is nothing to take.
	await bea.page.goto(`/app/conversations/${conversationId}?offer=${offer!.id}`);
	await expect(bea.page.getByTestId('offer-outcome')).toHaveText(
		'This offer was not answered in time, so the conversation stays with Ana.'
	);
	await expect(bea.page.getByTestId('transfer-offer')).toHaveCount(0);
	await expect(bea.page.getByTestId('conversation-status')).toHaveText(
		'Ana took this conversation.'
	);
	await close();
});

test('a colleague proposes a reply as a draft; the agent holding the conversation sends it on', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { ana, bea, widget, conversationId, close } = await scene(
		browser,
		baseURL!,
		'Where is my refund?'
	);

	// Bea opens the conversation Ana holds and drafts the answer for her.
	await bea.page.goto(`/app/conversations/${conversationId}`);
	await bea.page.getByRole('combobox', { name: 'For' }).selectOption({ label: 'Ana' });
	await bea.page.getByRole('checkbox', { name: 'A draft reply for the visitor' }).click();
	const note = bea.page.getByTestId('note-composer').getByRole('textbox');
	await note.fill('Your refund left on Monday; allow three days.');
	await note.press('Enter');
	// The box is a plain note again for the next one.
	await expect(
		bea.page.getByRole('checkbox', { name: 'A draft reply for the visitor' })
	).toHaveAttribute('aria-checked', 'false');

	// Ana sees it as a draft, marked for agents only, and puts it in her reply box.
	const draft = ana.page
		.locator('[data-slot="message"][data-draft="true"]')
		.filter({ hasText: 'Your refund left on Monday' });
	await expect(draft).toContainText('Draft reply · the visitor does not see this yet');
	await expect(widget.getByText('Your refund left on Monday')).toHaveCount(0);
	// Bea does not hold the conversation, so her copy offers nothing to send.
	await expect(bea.page.getByRole('button', { name: 'Use as reply' })).toHaveCount(0);
	await draft.getByRole('button', { name: 'Use as reply' }).click();
	const reply = ana.page.getByRole('textbox', { name: 'Message' });
	await expect(reply).toHaveValue('Your refund left on Monday; allow three days.');
	await expect(reply).toBeFocused();
	await reply.press('End');
	await reply.pressSequentially(' Sorry for the wait!');
	await reply.press('Enter');
	await expect(
		widget.getByText('Your refund left on Monday; allow three days. Sorry for the wait!')
	).toBeVisible();

	const { data } = await admin()
		.from('messages')
		.select('body, internal, draft')
		.eq('conversation_id', conversationId)
		.like('body', 'Your refund%')
		.order('created_at');
	expect(data).toEqual([
		{ body: 'Your refund left on Monday; allow three days.', internal: true, draft: true },
		{
			body: 'Your refund left on Monday; allow three days. Sorry for the wait!',
			internal: false,
			draft: false
		}
	]);
	await close();
});

for (const theme of ['light', 'dark'] as const) {
	test(`the transfer sheet and the offer at 320 px, ${theme}: axe, no sideways scroll, 44 px targets`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(120_000);
		const narrow = {
			viewport: { width: 320, height: 640 },
			isMobile: true,
			hasTouch: true,
			colorScheme: theme
		};
		const { ana, bea, close } = await scene(
			browser,
			baseURL!,
			'A question about my order, which is rather long to read',
			narrow
		);
		// The header keeps every action on screen (it wraps rather than pushing one off).
		const header = ana.page.locator('header:has(#conversation-title)');
		for (const button of await header.getByRole('button').all()) {
			const box = (await button.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(320);
		}
		await ana.page.screenshot({ path: test.info().outputPath(`conversation-320-${theme}.png`) });
		// The note composer fits too, and passes axe.
		await ana.page.getByRole('button', { name: 'Internal note' }).click();
		await expect(ana.page.getByTestId('note-composer')).toBeVisible();
		await ana.page.screenshot({ path: test.info().outputPath(`note-320-${theme}.png`) });
		const noteAxe = await new AxeBuilder({ page: ana.page }).analyze();
		expect(
			noteAxe.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
		).toEqual([]);
		expect(
			await ana.page.evaluate(
				() => document.documentElement.scrollWidth > document.documentElement.clientWidth
			)
		).toBe(false);
		await ana.page.getByRole('button', { name: 'Reply' }).click();
		await ana.page.getByRole('button', { name: 'Transfer', exact: true }).click();

		const check = async (page: Page, name: string, scope: string) => {
			await page.waitForTimeout(300);
			await page.screenshot({ path: test.info().outputPath(`${name}-320-${theme}.png`) });
			const axe = await new AxeBuilder({ page }).analyze();
			expect(
				axe.violations
					.filter((v) => v.impact === 'serious' || v.impact === 'critical')
					.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
			).toEqual([]);
			expect(
				await page.evaluate(
					() => document.documentElement.scrollWidth > document.documentElement.clientWidth
				)
			).toBe(false);
			const small = await page.locator(scope).evaluate((root) =>
				[...root.querySelectorAll('button, label:has(input[type=radio]), a[href]')]
					.map((e) => e.getBoundingClientRect())
					.filter((r) => r.width > 0 && (r.height < 44 || r.width < 44))
					.map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`)
			);
			expect(small).toEqual([]);
		};
		const sheet = ana.page.getByRole('dialog', { name: 'Transfer this conversation' });
		await expect(sheet.locator(`[data-colleague="${bea.agentId}"]`)).toBeVisible();
		await check(ana.page, 'transfer-sheet', '[role="dialog"] form');
		await sheet.locator(`[data-colleague="${bea.agentId}"]`).click();
		await sheet.getByLabel(/Note for your colleague/).fill('Over to you');
		await sheet.getByRole('button', { name: 'Offer the conversation' }).click();
		await expect(bea.page.getByTestId('transfer-offer')).toBeVisible();
		await check(
			bea.page,
			'transfer-offer',
			'[data-testid="transfer-offer"] [data-slot="dialog-footer"]'
		);
		await close();
	});
}
