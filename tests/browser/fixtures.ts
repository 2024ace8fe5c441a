/**
 * Shared browser-test fixtures: fresh credentials, a page that fails the test on errors, and
 * no context left open after the test that opened it.
 */
import { test as base, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';

export interface Credentials {
	email: string;
	password: string;
}

export const test = base.extend<{
	credentials: Credentials;
	pageErrors: string[];
	closeLeftContexts: void;
}>({
	// A new address per test, so tests never depend on each other's accounts.
	// eslint-disable-next-line no-empty-pattern
	credentials: async ({}, use) => {
		const id = randomBytes(6).toString('hex');
		await use({ email: `agent-${id}@example.test`, password: `pw-${id}-secret` });
	},
	// Uncaught exceptions in the page fail the test that caused them.
	pageErrors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('pageerror', (err) => errors.push(err.message));
			await use(errors);
			expect(errors, 'uncaught errors in the page').toEqual([]);
		},
		{ auto: true }
	],
	// Contexts a test opened and left open are closed when it ends: their pages would otherwise
	// keep their sockets, timers and calls running through every later test of the worker.
	// Contexts a beforeAll opened for a file's tests exist before the test starts and stay;
	// the test's own `context` is Playwright's to close.
	closeLeftContexts: [
		async ({ browser, context }, use) => {
			const before = new Set(browser.contexts());
			await use();
			await Promise.all(
				browser
					.contexts()
					.filter((c) => c !== context && !before.has(c))
					.map((c) => c.close())
			);
		},
		{ auto: true }
	]
});

export { expect };
