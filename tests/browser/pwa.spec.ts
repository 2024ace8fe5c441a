/** The console as an installable, offline-capable app: manifest, service worker, install offer. */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

interface ManifestIcon {
	src: string;
	sizes: string;
	type: string;
	purpose?: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
	expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until a service worker controls the page (the first install claims it). */
async function waitForController(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
}

test('the manifest is served and describes the console with loadable icons', async ({
	page,
	request
}) => {
	await page.goto('/app');
	const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(manifestHref).toBe('/manifest.webmanifest');
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#2f5bea');

	const response = await request.get('/manifest.webmanifest');
	expect(response.ok()).toBe(true);
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		id: '/app',
		name: 'Parley',
		short_name: 'Parley',
		start_url: '/app',
		scope: '/',
		display: 'standalone',
		theme_color: '#2f5bea'
	});
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

	const icons: ManifestIcon[] = manifest.icons;
	const described = icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort();
	expect(described).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
	for (const icon of icons) {
		const image = await request.get(icon.src);
		expect(image.ok(), icon.src).toBe(true);
		expect(image.headers()['content-type']).toBe('image/png');
		const { width, height } = pngSize(await image.body());
		expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
	}

	const touchIcon = page.locator('link[rel="apple-touch-icon"]');
	await expect(touchIcon).toHaveAttribute('sizes', '180x180');
	const touchIconImage = await request.get((await touchIcon.getAttribute('href')) ?? '');
	expect(pngSize(await touchIconImage.body())).toEqual({ width: 180, height: 180 });
});

test('Chromium finds the console installable', async ({ baseURL }, testInfo) => {
	// A second browser with its own profile starts and stops inside this test.
	test.setTimeout(60_000);
	// Chromium reports "in-incognito" for throwaway contexts; installability needs a profile.
	const profile = mkdtempSync(join(tmpdir(), 'parley-pwa-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		...testInfo.project.use.launchOptions,
		baseURL
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/app');
		await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
		await waitForController(page);
		const cdp = await context.newCDPSession(page);
		await expect
			.poll(async () => {
				const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
				return installabilityErrors;
			})
			.toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('the service worker controls the console and opens it offline', async ({ page, context }) => {
	await page.goto('/app');
	await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
	await waitForController(page);
	const scriptUrl = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
	expect(scriptUrl).toMatch(/\/service-worker\.js$/);

	await context.setOffline(true);
	try {
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
		// Any console URL opens from the same shell, and its client router takes over from there.
		await page.goto('/app/somewhere/deeper');
		await expect(page.getByRole('heading', { name: '404' })).toBeVisible();
		await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
			'href',
			'/manifest.webmanifest'
		);
		// Pages outside the console are not cached: this proves the network really is gone.
		await expect(page.goto('/signup')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	} finally {
		await context.setOffline(false);
	}
});

test('a first install that fails to load a file is tried again until the console works offline', async ({
	page,
	context
}) => {
	// The worker's first fetch of a build file fails once, as on a network that drops a request.
	const failed: string[] = [];
	await context.route('**/_app/immutable/**', async (route) => {
		if (failed.length === 0 && route.request().serviceWorker()) {
			failed.push(new URL(route.request().url()).pathname);
			await route.fulfill({ status: 503, body: 'unavailable' });
			return;
		}
		await route.continue();
	});
	const installs: string[] = [];
	context.on('serviceworker', (worker) => installs.push(worker.url()));
	await page.goto('/app');
	await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
	await waitForController(page);
	expect(failed, 'one precache fetch failed').toHaveLength(1);
	expect(installs.length, 'the worker was started again after the failed install').toBeGreaterThan(
		1
	);

	await context.setOffline(true);
	try {
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
	} finally {
		await context.setOffline(false);
	}
});

const offer = (page: Page) =>
	page.getByRole('complementary', { name: 'Install Parley on this device' });

test('without a browser prompt the install offer gives instructions', async ({ page }) => {
	await page.goto('/app');
	await expect(offer(page)).toBeVisible();
	await expect(offer(page)).toContainText('choose Install app');
	await expect(offer(page).getByRole('button', { name: 'Install' })).toHaveCount(0);
});

test('the Install button uses the browser prompt and the offer goes once accepted', async ({
	page
}) => {
	await page.goto('/app');
	await expect(offer(page)).toBeVisible();

	const defaultPrevented = await page.evaluate(() => {
		const state = window as unknown as { prompted: number };
		state.prompted = 0;
		const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => {
				state.prompted += 1;
			},
			userChoice: Promise.resolve({ outcome: 'accepted', platform: 'web' })
		});
		window.dispatchEvent(event);
		return event.defaultPrevented;
	});
	expect(defaultPrevented, 'the mini-infobar is suppressed').toBe(true);

	const install = offer(page).getByRole('button', { name: 'Install' });
	await expect(install).toBeVisible();
	await expect(offer(page)).not.toContainText('choose Install app');
	await install.click();
	await expect(offer(page)).toBeHidden();
	expect(await page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
});

test('closing the install offer keeps it closed after a reload', async ({ page }) => {
	await page.goto('/app');
	await offer(page).getByRole('button', { name: 'Not now' }).click();
	await expect(offer(page)).toBeHidden();

	await page.reload();
	await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
	expect(await page.evaluate(() => localStorage.getItem('parley.pwa.installOfferDismissed'))).toBe(
		'1'
	);
	await expect(offer(page)).toBeHidden();
});

test('the install offer stays away when the console runs as an installed app', async ({ page }) => {
	// iOS Safari's flag for a page opened from the home screen.
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true });
	});
	await page.goto('/app');
	await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
	await expect(offer(page)).toBeHidden();
});

/**
 * A pass-through proxy in front of the app whose service worker script can be made to differ,
 * which is how a newly deployed build looks to the browser's update check. (Playwright's
 * request routing does not see the browser's own worker update fetches.)
 */
async function proxyWithNextWorker(target: string, nextBuild: () => boolean): Promise<Server> {
	const server = createServer(async (req, res) => {
		const upstream = await fetch(new URL(req.url ?? '/', target), {
			headers: { accept: req.headers.accept ?? '*/*' },
			redirect: 'manual'
		});
		let body = Buffer.from(await upstream.arrayBuffer());
		if (req.url?.startsWith('/service-worker.js') && nextBuild()) {
			body = Buffer.concat([body, Buffer.from('\n// the next build\n')]);
		}
		const headers = [...upstream.headers].filter(
			([name]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(name)
		);
		res.writeHead(upstream.status, Object.fromEntries(headers));
		res.end(body);
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	return server;
}

test('a new build waits until the agent accepts the update, then takes over', async ({
	page,
	baseURL
}) => {
	let deployed = false;
	const proxy = await proxyWithNextWorker(baseURL ?? '', () => deployed);
	const origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	try {
		await page.goto(`${origin}/app`);
		await waitForController(page);

		deployed = true;
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())?.update();
		});
		const prompt = page
			.getByRole('status')
			.filter({ hasText: 'A new version of Parley is ready.' });
		await expect(prompt).toBeVisible({ timeout: 20_000 });
		const waiting = await page.evaluate(
			async () => !!(await navigator.serviceWorker.getRegistration())?.waiting
		);
		expect(waiting, 'the new worker waits instead of taking over').toBe(true);

		const reloaded = page.waitForEvent('load');
		await prompt.getByRole('button', { name: 'Reload to update' }).click();
		await reloaded;
		await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
		await expect(prompt).toBeHidden();
		const after = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return { waiting: !!registration?.waiting, controlled: !!navigator.serviceWorker.controller };
		});
		expect(after).toEqual({ waiting: false, controlled: true });
	} finally {
		proxy.closeAllConnections();
		await new Promise((closed) => proxy.close(closed));
	}
});
