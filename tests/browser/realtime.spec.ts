/**
 * Two Chromium pages exchange a broadcast and see each other's presence through supabase-js
 * (its UMD build, served to the page from node_modules) against the local stack.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';
import { test, expect } from './fixtures.ts';

const STACK_URL = `http://127.0.0.1:${Number(process.env.PARLEY_TEST_STACK_PORT || Number(process.env.PARLEY_TEST_APP_PORT || 43210) + 1)}`;
const UMD = readFileSync(
	createRequire(import.meta.url).resolve('@supabase/supabase-js/dist/umd/supabase.js'),
	'utf8'
);

/** Loads the home page, adds supabase-js, joins one channel with presence as `name`. */
async function join(page: Page, name: string, topic: string) {
	await page.goto('/');
	await page.addScriptTag({ content: UMD });
	await page.evaluate(
		async ({ url, key, name, topic }) => {
			const w = window as unknown as {
				supabase: { createClient: (u: string, k: string) => unknown };
				got: unknown[];
				peers: () => string[];
				ch: { send(m: unknown): Promise<string> };
			};
			const client = w.supabase.createClient(url, key) as {
				channel(
					t: string,
					o: unknown
				): {
					on(kind: string, f: unknown, cb: (p: { payload: unknown }) => void): unknown;
					subscribe(cb: (s: string) => void): void;
					track(m: unknown): Promise<string>;
					presenceState(): Record<string, unknown>;
					send(m: unknown): Promise<string>;
				};
			};
			w.got = [];
			const ch = client.channel(topic, { config: { presence: { key: name } } });
			ch.on('broadcast', { event: 'hello' }, (m) => w.got.push(m.payload));
			await new Promise<void>((resolve, reject) =>
				ch.subscribe((status) =>
					status === 'SUBSCRIBED' ? resolve() : status !== 'CLOSED' && reject(new Error(status))
				)
			);
			await ch.track({ name });
			w.peers = () => Object.keys(ch.presenceState()).sort();
			w.ch = ch;
		},
		{ url: STACK_URL, key: DEFAULT_ANON_KEY, name, topic }
	);
}

test('two pages exchange a broadcast and see each other in presence', async ({ browser }) => {
	const topic = `room-${Date.now()}`;
	const a = await (await browser.newContext()).newPage();
	const b = await (await browser.newContext()).newPage();
	await join(a, 'alice', topic);
	await join(b, 'bob', topic);
	const peers = (p: Page) =>
		p.evaluate(() => (window as unknown as { peers: () => string[] }).peers());
	await expect.poll(() => peers(a)).toEqual(['alice', 'bob']);
	await expect.poll(() => peers(b)).toEqual(['alice', 'bob']);
	const status = await a.evaluate(() =>
		(window as unknown as { ch: { send(m: unknown): Promise<string> } }).ch.send({
			type: 'broadcast',
			event: 'hello',
			payload: { text: 'héllo 😀' }
		})
	);
	expect(status).toBe('ok');
	await expect
		.poll(() => b.evaluate(() => (window as unknown as { got: unknown[] }).got))
		.toEqual([{ text: 'héllo 😀' }]);
	await a.close();
	await expect.poll(() => peers(b)).toEqual(['bob']);
});
