/**
 * The browser tests' own harness: a context a test leaves open is closed when it ends, so its
 * pages stop loading the machine for the tests after it, while a context a beforeAll opened
 * for the file's tests stays open for all of them.
 */
import type { BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures.ts';

let shared: BrowserContext;
test.beforeAll(async ({ browser }) => {
	shared = await browser.newContext();
});
test.afterAll(async () => {
	await shared.close();
});

test('a test may leave a context open', async ({ browser, context }) => {
	const left = await browser.newContext();
	await left.newPage();
	expect(browser.contexts()).toEqual(expect.arrayContaining([shared, context, left]));
});

test('the next test finds only its own context and the file’s shared one', async ({
	browser,
	context
}) => {
	expect(browser.contexts()).toHaveLength(2);
	expect(browser.contexts()).toEqual(expect.arrayContaining([shared, context]));
	expect(shared.pages()).toEqual([]);
	await shared.newPage();
});
