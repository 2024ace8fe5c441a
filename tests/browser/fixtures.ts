/** Shared browser-test fixtures: fresh credentials, and a page that fails the test on errors. */
import { test as base, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';

export interface Credentials {
	email: string;
	password: string;
}

export const test = base.extend<{ credentials: Credentials; pageErrors: string[] }>({
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
	]
});

export { expect };
