/**
 * A call folded into a bar over the conversation: the agent reads and writes there while the
 * call goes on (frames still arriving), opens the transfer sheet, which says the call stays
 * behind, and comes back to the call with a tap. The visitor's phone folds it the same way,
 * within 320 px, with 44 px targets, and axe-clean.
 */
import AxeBuilder from '@axe-core/playwright';
import { connectVideoCall, conversation, inbound, widgetFrame } from './call-world.ts';
import { test, expect } from './fixtures.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

test('a call folds into a bar: the agent writes and opens the transfer sheet, which says the call stays behind', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(150_000);
	const setup = await conversation(browser, shop, baseURL!);
	const { agent, visitor, widget } = setup;
	const { agentCall, ring } = await connectVideoCall(setup);

	await agentCall.getByRole('button', { name: 'Back to the conversation' }).click();
	await expect(agentCall).toHaveAttribute('data-minimized', 'true');
	const restore = agentCall.getByRole('button', { name: 'Return to the call' });
	await expect(restore).toBeFocused();
	await expect(agentCall.locator('[data-slot="call-bar-status"]')).toHaveText(/^\d+:\d\d$/);
	// The call goes on: the other side's frames keep arriving while folded.
	const before = (await inbound(agent.page)).framesDecoded;
	await expect
		.poll(async () => (await inbound(agent.page)).framesDecoded, { timeout: 10_000 })
		.toBeGreaterThan(before);

	// The conversation is there to write in.
	const reply = agent.page.getByRole('textbox', { name: 'Message' });
	await reply.fill('I am sending you the link in the chat.');
	await reply.press('Enter');
	await expect(widget.getByText('I am sending you the link in the chat.')).toBeAttached();

	// A transfer would leave the call behind, and the sheet says so before anything is sent.
	await agent.page.getByRole('button', { name: 'Transfer', exact: true }).click();
	const sheet = agent.page.getByRole('dialog', { name: 'Transfer this conversation' });
	await expect(sheet.getByRole('note')).toHaveText(
		'The call in progress stays with you: it is not carried over.'
	);
	await agent.page.keyboard.press('Escape');
	await expect(sheet).toBeHidden();

	// The visitor's phone folds the call too, and the bar fits the narrowest phone.
	await visitor.setViewportSize({ width: 320, height: 640 });
	await ring.getByRole('button', { name: 'Back to the conversation' }).click();
	await expect(ring).toHaveAttribute('data-minimized', 'true');
	await expect(widget.getByText('I am sending you the link in the chat.')).toBeVisible();
	const frame = widgetFrame(visitor);
	const layout = await frame.evaluate(() => {
		const bar = document.querySelector('[data-slot="call"]')!.getBoundingClientRect();
		const small = [...document.querySelectorAll<HTMLElement>('[data-slot="call"] button')]
			.map((b) => b.getBoundingClientRect())
			.filter((r) => r.width > 0 && (r.width < 43.5 || r.height < 43.5));
		return {
			scroll: document.documentElement.scrollWidth,
			inner: window.innerWidth,
			left: bar.left,
			right: bar.right,
			small: small.length
		};
	});
	expect(layout.scroll).toBeLessThanOrEqual(layout.inner);
	expect(layout.left).toBeGreaterThanOrEqual(0);
	expect(layout.right).toBeLessThanOrEqual(layout.inner);
	expect(layout.small).toBe(0);
	const axe = await new AxeBuilder({ page: visitor }).analyze();
	expect(
		axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
		'axe on the folded call'
	).toEqual([]);
	await visitor.screenshot({ path: test.info().outputPath('call-folded-320.png') });

	// Back to the call, which is still connected, and hang up from there.
	await restore.click();
	await expect(agentCall).not.toHaveAttribute('data-minimized', 'true');
	await expect(agentCall).toHaveAttribute('data-phase', 'connected');
	await expect(agentCall.getByRole('button', { name: 'Back to the conversation' })).toBeFocused();
	await agentCall.getByRole('button', { name: 'Hang up' }).click();
	await expect(ring).toHaveAttribute('data-phase', 'ended');
	await expect(ring).not.toHaveAttribute('data-minimized', 'true');
	await setup.visitorContext.close();
	await agent.context.close();
});
