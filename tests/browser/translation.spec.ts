/**
 * Machine translation between a visitor and an agent, end to end with the real snippet, the
 * widget, the console and a real Apertium APy (English↔Spanish, which `npm start` runs): a
 * visitor whose browser is Spanish and an agent in English each read the other's messages
 * translated, the original one tap away; the agent turns translation off and corrects the
 * visitor's language; a pair Apertium lacks (French↔English) shows the original with a note.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, FrameLocator, Page, Route } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { PHONE, TABLET, newWorld, pairAgent } from './console-world.ts';
import { snippetPage, startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
	// These tests need the Apertium APy that `npm start` runs (npm run pretest installs it).
	const languages = await fetch(
		`http://127.0.0.1:${Number(process.env.PARLEY_TEST_APP_PORT || 43210)}/api/translate/languages`
	).then((r) => r.json());
	if (!languages.available)
		throw new Error('translation is not available: npm run pretest installs Apertium');
});
test.afterAll(async () => {
	await shop?.close();
});

async function goOnline(page: Page) {
	const available = page.getByRole('switch', { name: /available/i }).first();
	if ((await available.getAttribute('aria-checked')) !== 'true') await available.click();
	await expect(available).toHaveAttribute('aria-checked', 'true');
}

/** A message bubble (with its mark and toggle) holding `text`. */
const bubble = (root: Page | FrameLocator, text: string | RegExp) =>
	root.locator('[data-slot="message"]').filter({ hasText: text });

/**
 * An agent (Ana, English console) online, and a visitor whose browser speaks `locale` who opened
 * the widget and wrote `words`; Ana has taken the conversation.
 */
async function scene(
	browser: Browser,
	baseURL: string,
	locale: string,
	words: string,
	composerName: string,
	device: object = TABLET,
	visitorDevice: object = PHONE
) {
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL, world.siteKey));
	const ana = await pairAgent(browser, world, 'Ana', { ...device, locale: 'en-US' });
	// Uncaught errors on either side fail the test (as the shared fixture does for `page`).
	const errors: string[] = [];
	ana.page.on('pageerror', (err) => errors.push(`console: ${err.message}`));
	await ana.page.goto('/app/conversations');
	await goOnline(ana.page);
	const visitorContext = await browser.newContext({ ...visitorDevice, locale });
	const visitor = await visitorContext.newPage();
	visitor.on('pageerror', (err) => errors.push(`widget: ${err.message}`));
	await visitor.goto(shop.origin + '/help');
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const widget = visitor.frameLocator('iframe');
	const composer = widget.getByRole('textbox', { name: composerName });
	await composer.fill(words);
	await composer.press('Enter');
	await ana.page.locator('[data-conversation]').filter({ hasText: words }).click();
	await ana.page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(ana.page.getByTestId('conversation-status')).toHaveText('Yours');
	return {
		ana,
		world,
		visitor,
		widget,
		composer,
		close: async () => {
			await visitorContext.close();
			await ana.context.close();
			expect(errors, 'uncaught errors in the pages').toEqual([]);
		}
	};
}

test('a Spanish visitor and an English agent read each other translated, the original one tap away', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const { ana, visitor, widget, composer, close } = await scene(
		browser,
		baseURL!,
		'es-ES',
		'Mi pedido no ha llegado todavía.',
		'Mensaje'
	);

	// Ana reads the visitor's words in English, marked, with the Spanish one tap away.
	await expect(bubble(ana.page, /has not arrived/)).toBeVisible();
	// Found by place from here on: its text changes with each tap.
	const question = ana.page.locator('[data-slot="message"]').first();
	await expect(question.locator('[data-slot="translated-mark"]')).toHaveText('Translated');
	await question.getByRole('button', { name: 'Show original' }).click();
	await expect(question).toContainText('Mi pedido no ha llegado todavía.');
	await expect(question.locator('[data-slot="translated-mark"]')).toHaveCount(0);
	await question.getByRole('button', { name: 'Show translation' }).click();
	await expect(question).toContainText(/has not arrived/);
	// The browser's language, confirmed on the visitor's words.
	const panel = ana.page.getByTestId('translation');
	await expect(panel.getByLabel('Visitor’s language')).toHaveValue('es-ES');
	await expect(panel.getByTestId('translation-source')).toHaveText('Detected from their messages');

	// Her reply reaches the visitor in Spanish (the engine's English→Spanish pipeline starts
	// with this first one, which can take a few seconds on a busy machine).
	const answer = ana.page.getByRole('textbox', { name: 'Message' });
	await answer.fill('We sent it today.');
	await answer.press('Enter');
	await expect(bubble(widget, /hoy/)).toBeVisible();
	const reply = widget.locator('[data-slot="message"]').last();
	await expect(reply.locator('[data-slot="translated-mark"]')).toHaveText('Traducido');
	await reply.getByRole('button', { name: 'Ver original' }).click();
	await expect(reply).toContainText('We sent it today.');
	await reply.getByRole('button', { name: 'Ver traducción' }).click();
	await expect(reply).toContainText(/hoy/);
	// Ana sees what the visitor reads, one tap away.
	const own = ana.page.locator('[data-slot="message"]').last();
	await own.getByRole('button', { name: 'Show translation' }).click();
	await expect(own).toContainText(/hoy/);
	await expect(own.locator('[data-slot="translated-mark"]')).toHaveText('Translated');

	// The next one: the original first, its translation right behind it (within the second on
	// a quiet machine; two seconds leave room for a busy one). The widget records each text its
	// messages show as it changes, since the translation can replace the original faster than
	// a check from the test polls.
	const widgetFrame = (await (await visitor.locator('iframe').elementHandle())!.contentFrame())!;
	await widgetFrame.evaluate(() => {
		const w = window as unknown as { __shown: { at: number; text: string }[] };
		w.__shown = [];
		new MutationObserver(() => {
			for (const m of document.querySelectorAll('[data-slot="message"]')) {
				const text = m.textContent ?? '';
				if (!w.__shown.some((s) => s.text === text))
					w.__shown.push({ at: performance.now(), text });
			}
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	await answer.fill('Thank you for waiting.');
	await answer.press('Enter');
	await expect(bubble(widget, /Gracias/)).toBeVisible();
	const shown = await widgetFrame.evaluate(
		() => (window as unknown as { __shown: { at: number; text: string }[] }).__shown
	);
	const original = shown.find((s) => s.text.includes('Thank you for waiting.'));
	const translated = shown.find((s) => s.text.includes('Gracias'));
	expect(original, 'the original words, shown before their translation').toBeDefined();
	expect(translated!.at).toBeGreaterThanOrEqual(original!.at);
	expect(translated!.at - original!.at).toBeLessThan(2_000);

	// Internal notes are never translated nor sent for translation.
	const asked: string[] = [];
	ana.context.on('request', (r) => {
		if (r.url().endsWith('/api/translate')) asked.push(r.postData() ?? '');
	});
	await ana.page.getByRole('button', { name: 'Internal note' }).click();
	await ana.page.getByRole('textbox', { name: 'Internal note' }).fill('Check the warehouse today');
	await ana.page.getByRole('textbox', { name: 'Internal note' }).press('Enter');
	const note = bubble(ana.page, 'Check the warehouse today');
	await expect(note).toBeVisible();
	await ana.page.waitForTimeout(1_000);
	await expect(note.getByRole('button')).toHaveCount(0);
	expect(asked).toEqual([]);
	await ana.page.getByRole('button', { name: 'Reply' }).click();

	// Ana turns translation off: both sides show the words as written.
	await panel.getByRole('switch', { name: 'Translate messages' }).click();
	await expect(panel.getByRole('switch', { name: 'Translate messages' })).toHaveAttribute(
		'aria-checked',
		'false'
	);
	await expect(bubble(widget, 'We sent it today.')).toBeVisible();
	await expect(widget.locator('[data-slot="translated-mark"]')).toHaveCount(0);
	await composer.fill('Gracias, espero.');
	await composer.press('Enter');
	const plain = bubble(ana.page, 'Gracias, espero.');
	await expect(plain).toBeVisible();
	await ana.page.waitForTimeout(1_000);
	await expect(plain.locator('[data-slot="translated-mark"]')).toHaveCount(0);
	await expect(ana.page.locator('[data-slot="translated-mark"]')).toHaveCount(0);

	// On again, the stored translations come back; a corrected language is kept as the agent's.
	await panel.getByRole('switch', { name: 'Translate messages' }).click();
	await expect(bubble(widget, /hoy/)).toBeVisible();
	await panel.getByLabel('Visitor’s language').selectOption({ label: 'French' });
	await expect(panel.getByTestId('translation-source')).toHaveText('Set by an agent');
	// Apertium here has no French↔English: the visitor's words show as written, with a note.
	await expect(panel.getByTestId('translation-no-pair')).toBeVisible();
	await expect(
		bubble(ana.page, 'Mi pedido no ha llegado todavía.').locator('[data-slot="not-translated"]')
	).toHaveText('Not translated: these languages cannot be translated.');
	// Back to Spanish: translated again.
	await panel.getByLabel('Visitor’s language').selectOption({ label: 'Spanish' });
	await expect(bubble(ana.page, /has not arrived/)).toBeVisible();
	await close();
});

test('with the engine down or slow, both sides get the words at once with a note, and translation resumes after', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(150_000);
	const { ana, visitor, widget, composer, close } = await scene(
		browser,
		baseURL!,
		'es-ES',
		'Mi pedido no ha llegado todavía.',
		'Mensaje'
	);
	await expect(bubble(ana.page, /has not arrived/)).toBeVisible();

	// From here the route answers as it does when Apertium cannot be reached, or does not answer
	// within 2 s (tests/contract/translate.test.ts checks the server side of both).
	let reason: 'down' | 'slow' = 'down';
	const failing = async (route: Route) => {
		if (route.request().method() !== 'POST') return route.fallback();
		if (reason === 'slow') await new Promise((done) => setTimeout(done, 2_000));
		await route.fulfill({
			json: {
				reason,
				message:
					reason === 'down'
						? 'the translation service cannot be reached'
						: 'the translation service did not answer in time',
				provider: 'apertium'
			}
		});
	};
	await ana.context.route('**/api/translate', failing);
	await visitor.context().route('**/api/translate', failing);

	// Down: the visitor's words reach Ana as written, with the note.
	await composer.fill('¿Pueden enviarlo hoy?');
	await composer.press('Enter');
	const question = bubble(ana.page, '¿Pueden enviarlo hoy?');
	await expect(question).toBeVisible();
	await expect(question.locator('[data-slot="not-translated"]')).toHaveText(
		'Not translated: translation is unavailable right now.'
	);
	// Slow: Ana's reply is not held back for it; the note follows.
	reason = 'slow';
	const answer = ana.page.getByRole('textbox', { name: 'Message' });
	await answer.fill('Yes, it leaves today.');
	await answer.press('Enter');
	const reply = bubble(widget, 'Yes, it leaves today.');
	await expect(reply).toBeVisible({ timeout: 2_000 });
	await expect(reply.locator('[data-slot="not-translated"]')).toHaveText(
		'Sin traducir: la traducción no está disponible ahora.',
		{ timeout: 15_000 }
	);
	await expect(reply.locator('[data-slot="translated-mark"]')).toHaveCount(0);

	// The engine is back: the next message is translated again.
	await ana.context.unroute('**/api/translate');
	await visitor.context().unroute('**/api/translate');
	await answer.fill('Thank you for waiting.');
	await answer.press('Enter');
	await expect(bubble(widget, /Gracias/)).toBeVisible({ timeout: 15_000 });
	await close();
});

test('a colleague’s console reads a conversation it never opened translated, offline', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(150_000);
	const { ana, world, close } = await scene(
		browser,
		baseURL!,
		'es-ES',
		'Mi pedido no ha llegado todavía.',
		'Mensaje'
	);
	// Ana reads it translated: the translation is kept on the server with the message.
	await expect(bubble(ana.page, /has not arrived/)).toBeVisible();

	// Ben's console loads the site once, online, without opening the conversation.
	const ben = await pairAgent(browser, world, 'Ben', { ...TABLET, locale: 'en-US' });
	await ben.page.goto('/app/conversations?view=all');
	await expect(ben.page.locator('[data-conversation]')).toHaveCount(1);
	await ben.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
	await expect.poll(() => translationsOnDevice(ben.page, ben.agentId), { timeout: 15_000 }).toBe(1);

	// Offline, he opens it: the visitor's words read in English, marked, the original one tap away.
	await ben.context.setOffline(true);
	await ben.page.reload();
	await ben.page.locator('[data-conversation]').first().click();
	const question = ben.page.locator('[data-slot="message"]').first();
	await expect(question).toContainText(/has not arrived/);
	await expect(question.locator('[data-slot="translated-mark"]')).toHaveText('Translated');
	await question.getByRole('button', { name: 'Show original' }).click();
	await expect(question).toContainText('Mi pedido no ha llegado todavía.');
	await ben.context.close();
	await close();
});

/** How many translations the console's device database holds. */
function translationsOnDevice(page: Page, userId: string) {
	return page.evaluate(
		(name) =>
			new Promise<number>((done, fail) => {
				const open = indexedDB.open(name);
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction('translations').objectStore('translations').count();
					request.onsuccess = () => (db.close(), done(request.result));
					request.onerror = () => (db.close(), fail(request.error));
				};
			}),
		`parley-console-${userId}`
	);
}

test('a pair the engine lacks shows the words as written with a note, on both sides', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const { ana, widget, close } = await scene(
		browser,
		baseURL!,
		'fr-FR',
		'Bonjour, ma commande n’est pas arrivée.',
		'Message'
	);
	const question = bubble(ana.page, 'Bonjour, ma commande n’est pas arrivée.');
	await expect(question.locator('[data-slot="not-translated"]')).toHaveText(
		'Not translated: these languages cannot be translated.'
	);
	await expect(ana.page.getByTestId('translation-no-pair')).toContainText('French');
	await ana.page.getByRole('textbox', { name: 'Message' }).fill('Let me check.');
	await ana.page.getByRole('textbox', { name: 'Message' }).press('Enter');
	// The visitor gets the original at once; the note follows.
	const reply = bubble(widget, 'Let me check.');
	await expect(reply).toBeVisible({ timeout: 2_000 });
	await expect(reply.locator('[data-slot="not-translated"]')).toHaveText(
		'Non traduit : pas de traduction entre ces langues.'
	);
	// Settings name the engine and the pairs it translates.
	await ana.page.goto('/app/settings');
	const settings = ana.page.getByTestId('translation-settings');
	await expect(settings).toContainText('machine-translated by Apertium');
	await expect(
		settings.getByRole('listitem').filter({ hasText: 'English → Spanish' })
	).toBeVisible();
	await expect(
		settings.getByRole('listitem').filter({ hasText: 'Spanish → English' })
	).toBeVisible();
	await close();
});

test('with no translation engine, Settings say so and conversations show no translation', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const { ana, widget, close } = await scene(
		browser,
		baseURL!,
		'es-ES',
		'Mi pedido no ha llegado todavía.',
		'Mensaje'
	);
	// What the server answers when no engine is set up (tests/contract/translate.test.ts).
	await ana.context.route('**/api/translate/languages', (route) =>
		route.fulfill({
			json: {
				available: false,
				provider: null,
				pairs: [],
				languages: [],
				reason: 'off',
				message: 'translation is not set up on this server'
			}
		})
	);
	const asked: string[] = [];
	ana.context.on('request', (r) => {
		if (/\/api\/translate(\/detect)?$/.test(r.url())) asked.push(r.url());
	});
	await ana.page.reload();
	await expect(bubble(ana.page, 'Mi pedido no ha llegado todavía.')).toBeVisible();
	await expect(ana.page.getByRole('heading', { name: 'Visitor', exact: true })).toBeVisible();
	await expect(ana.page.getByTestId('translation')).toHaveCount(0);
	await ana.page.getByRole('textbox', { name: 'Message' }).fill('Hello there');
	await ana.page.getByRole('textbox', { name: 'Message' }).press('Enter');
	await expect(bubble(widget, 'Hello there')).toBeVisible();
	await ana.page.waitForTimeout(1_000);
	await expect(ana.page.locator('[data-slot="message-meta"] button')).toHaveCount(0);
	expect(asked).toEqual([]);
	await ana.page.goto('/app/settings');
	await expect(ana.page.getByTestId('translation-settings')).toHaveText(
		'Translation is off: this server has no translation engine set up.'
	);
	await close();
});

for (const theme of ['light', 'dark'] as const) {
	test(`translated messages and the translation settings at 320 px, ${theme}: axe, no sideways scroll, 44 px targets`, async ({
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
		const { ana, visitor, widget, close } = await scene(
			browser,
			baseURL!,
			'es-ES',
			'Mi pedido no ha llegado todavía.',
			'Mensaje',
			narrow,
			narrow
		);
		await expect(bubble(ana.page, /has not arrived/)).toBeVisible();
		await ana.page.getByRole('textbox', { name: 'Message' }).fill('We sent it today.');
		await ana.page.getByRole('textbox', { name: 'Message' }).press('Enter');
		await expect(bubble(widget, /hoy/)).toBeVisible();

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
			const small = await page
				.locator(scope)
				.first()
				.evaluate((root) =>
					[...root.querySelectorAll('button, [role="switch"], select')]
						.map((e) => e.getBoundingClientRect())
						.filter((r) => r.width > 0 && (r.height < 44 || r.width < 44))
						.map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`)
				);
			expect(small).toEqual([]);
		};
		await check(ana.page, 'console-translated', '[data-slot="message-list"]');
		await ana.page.getByRole('button', { name: 'Visitor details' }).click();
		await expect(ana.page.getByRole('dialog').getByTestId('translation')).toBeVisible();
		await check(ana.page, 'console-translation-settings', '[data-testid="translation"]');
		await ana.page.keyboard.press('Escape');
		// The widget's own document, inside the iframe.
		const frame = visitor.frames().find((f) => f.url().includes('/widget'))!;
		await frame.waitForSelector('[data-slot="translated-mark"]');
		const widgetPage = frame.page();
		await widgetPage.screenshot({
			path: test.info().outputPath(`widget-translated-320-${theme}.png`)
		});
		// The visitor's page is the shop with the widget's frame in it: all of it is checked.
		const axe = await new AxeBuilder({ page: widgetPage }).analyze();
		expect(
			axe.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
		).toEqual([]);
		const small = await frame.evaluate(() =>
			[...document.querySelectorAll('[data-slot="message-meta"] button')]
				.map((e) => e.getBoundingClientRect())
				.filter((r) => r.width > 0 && (r.height < 44 || r.width < 44))
				.map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`)
		);
		expect(small).toEqual([]);
		expect(
			await frame.evaluate(
				() => document.documentElement.scrollWidth > document.documentElement.clientWidth
			)
		).toBe(false);
		await close();
	});
}
