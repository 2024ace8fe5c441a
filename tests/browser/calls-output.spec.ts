/**
 * Where a call's sound plays. Chromium lists its fake outputs (a default and two more) and
 * plays a media element to any of them (`setSinkId`): the agent's call screen offers them, the
 * chosen one gets the other side's sound and is remembered for the next call on that device.
 * A browser without `setSinkId` (iOS Safari, played here by the visitor's widget with it
 * removed) offers no choice, only sound on and off.
 */
import { connectVideoCall, conversation } from './call-world.ts';
import { test, expect } from './fixtures.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

type SinkWindow = { __sinks: string[] };

test('the agent chooses the output the call plays on, remembered for the next call; without setSinkId none is offered', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const setup = await conversation(browser, shop, baseURL!, false, {
		// Every setSinkId the page makes, in order.
		agent: () => {
			const w = window as unknown as SinkWindow;
			w.__sinks = [];
			const native = HTMLMediaElement.prototype.setSinkId;
			HTMLMediaElement.prototype.setSinkId = function (this: HTMLMediaElement, id: string) {
				w.__sinks.push(id);
				return native.call(this, id);
			};
		},
		// As on iOS: media elements cannot choose an output.
		visitor: () => {
			delete (HTMLMediaElement.prototype as { setSinkId?: unknown }).setSinkId;
		}
	});
	const { agent } = setup;
	const page = agent.page;
	const { agentCall, ring } = await connectVideoCall(setup);

	const outputs = await page.evaluate(async () =>
		(await navigator.mediaDevices.enumerateDevices())
			.filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default')
			.map((d) => ({ id: d.deviceId, label: d.label }))
	);
	expect(outputs.length).toBeGreaterThanOrEqual(2);
	const output = agentCall.getByRole('combobox', { name: 'Sound output' });
	await expect(output).toBeVisible();
	await expect(output.locator('option')).toHaveText([
		'Fake Default Audio Output',
		...outputs.map((o) => o.label)
	]);
	await expect(output).toHaveValue('');
	expect(await page.evaluate(() => (window as unknown as SinkWindow).__sinks)).toEqual([]);

	const chosen = outputs[1];
	await output.selectOption({ label: chosen.label });
	const sinkId = () =>
		page.evaluate(
			() => document.querySelector<HTMLVideoElement>('[data-slot="call-remote"]')!.sinkId
		);
	await expect.poll(sinkId).toBe(chosen.id);
	expect(await page.evaluate(() => (window as unknown as SinkWindow).__sinks)).toEqual([chosen.id]);
	expect(
		JSON.parse((await page.evaluate(() => localStorage.getItem('parley.call.audioOutput')))!)
	).toEqual(chosen);

	// The widget, without setSinkId: sound on and off only.
	await expect(ring.getByRole('button', { name: 'Sound from the other side' })).toBeVisible();
	await expect(ring.locator('[data-slot="call-output"]')).toHaveCount(0);

	// The next call plays on the remembered output from the start.
	await agentCall.getByRole('button', { name: 'Hang up' }).click();
	await expect(agentCall).toBeHidden({ timeout: 8_000 });
	await expect(ring).toBeHidden({ timeout: 8_000 });
	await page.evaluate(() => ((window as unknown as SinkWindow).__sinks = []));
	const next = await connectVideoCall(setup);
	await expect(next.agentCall.getByRole('combobox', { name: 'Sound output' })).toHaveValue(
		chosen.id
	);
	await expect.poll(sinkId).toBe(chosen.id);
	expect(await page.evaluate(() => (window as unknown as SinkWindow).__sinks)).toEqual([chosen.id]);

	await next.agentCall.getByRole('button', { name: 'Hang up' }).click();
	await setup.visitorContext.close();
	await agent.context.close();
});
