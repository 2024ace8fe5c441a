// The widget in a real browser: the built app and the local stack (as `npm start` runs them),
// a stand-in shop on another port with the real snippet, Debian's Chromium through Playwright.
//   widget_js_gzip_bytes  every JavaScript file the widget iframe loads until its composer is
//                         ready, each gzipped (level 9) as a compressing server would send it.
//   widget_open_ms        launcher click → the composer in the iframe is focused and enabled
//                         (iframe created, app loaded, session handed over, state fetched).
// Needs `npm run build` first. Usage: node bench/widget.js, or through bench/run.js.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WIDGET_BUDGET_GZIP_BYTES = 80_000;
export const WIDGET_OPEN_BUDGET_MS = 500;
const OPEN_ROUNDS = Number(process.env.BENCH_WIDGET_ROUNDS ?? 7);
const CHROMIUM = process.env.PARLEY_CHROMIUM_PATH || '/usr/bin/chromium';

async function until(url, ms = 120_000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`timed out waiting for ${url}`);
}

/** Starts the built app with its stack on free-ish ports; returns its origin and a stop(). */
async function startApp() {
	const port = 43900 + Math.floor(Math.random() * 50) * 2;
	const child = spawn(process.execPath, ['tests/browser/serve.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			PARLEY_STACK_PORT: String(port + 1),
			PARLEY_STACK_HOST: '127.0.0.1'
		},
		stdio: 'ignore'
	});
	const origin = `http://127.0.0.1:${port}`;
	await until(origin + '/');
	return {
		origin,
		stack: `http://127.0.0.1:${port + 1}`,
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', resolve);
				child.kill('SIGINT');
			})
	};
}

/** A site whose owner is online as its agent, so the widget opens on the composer. */
async function createSite(stack, shopOrigin, anonKey) {
	const { DEFAULT_SERVICE_ROLE_KEY } = await import('../supabase/local/keys.ts');
	const admin = createClient(stack, DEFAULT_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
	const id = randomBytes(6).toString('hex');
	const owner = { email: `bench-${id}@example.test`, password: `pw-${id}-secret` };
	const { data: user, error } = await admin.auth.admin.createUser({
		...owner,
		email_confirm: true
	});
	if (error) throw error;
	const { data: site, error: siteError } = await admin
		.from('sites')
		.insert({
			owner_id: user.user.id,
			name: 'Bench shop',
			allowed_origins: [shopOrigin],
			// No pre-chat form: the widget opens straight on the composer.
			prechat_name: 'off',
			prechat_email: 'off'
		})
		.select('site_key')
		.single();
	if (siteError) throw siteError;
	const agent = createClient(stack, anonKey, { auth: { persistSession: false } });
	await agent.auth.signInWithPassword(owner);
	await agent.rpc('set_agent_availability', { availability: 'online' });
	return site.site_key;
}

/** One visitor opening the widget: its JavaScript bytes and the time to a ready composer. */
async function openOnce(browser, shopOrigin, appOrigin) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	const scripts = [];
	page.on('response', (r) => {
		const frame = r.frame();
		if (
			r.request().resourceType() === 'script' &&
			frame !== page.mainFrame() &&
			r.url().startsWith(appOrigin)
		)
			scripts.push(r.body().then((b) => gzipSync(b, { level: 9 }).length));
	});
	await page.goto(shopOrigin + '/');
	const launcher = page.getByRole('button', { name: /^Chat/ });
	await launcher.waitFor();
	const start = Date.now();
	if (process.env.BENCH_WIDGET_TRACE)
		page.on('requestfinished', (r) => console.log(Date.now() - start, 'ms', r.url().slice(0, 90)));
	await launcher.click();
	const composer = page.frameLocator('iframe').getByRole('textbox', { name: 'Message' });
	await composer.waitFor();
	await expectFocused(composer);
	const ms = Date.now() - start;
	const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
	await context.close();
	return { ms, bytes };
}

async function expectFocused(locator) {
	const end = Date.now() + 10_000;
	while (Date.now() < end) {
		if (await locator.evaluate((el) => document.activeElement === el && !el.disabled)) return;
		await new Promise((r) => setTimeout(r, 5));
	}
	throw new Error('the composer never became ready');
}

/** A shop on its own port whose page carries the real snippet of a site allowing that origin. */
async function startShop(app, anonKey) {
	let siteKey = '';
	const server = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(
			`<!doctype html><html lang="en"><title>Shop</title><script async src="${app.origin}/embed.js" data-site="${siteKey}"></script><h1>Shop</h1></html>`
		);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${server.address().port}`;
	siteKey = await createSite(app.stack, origin, anonKey);
	return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Runs both measurements: `{ widget_js_gzip_bytes, widget_open_ms: {p50, max} }`. */
export async function widgetBench() {
	const { DEFAULT_ANON_KEY } = await import('../supabase/local/keys.ts');
	const app = await startApp();
	let shop;
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu']
	});
	try {
		shop = await startShop(app, DEFAULT_ANON_KEY);
		const runs = [];
		for (let i = 0; i < OPEN_ROUNDS; i++)
			runs.push(await openOnce(browser, shop.origin, app.origin));
		const times = runs.map((r) => r.ms).sort((a, b) => a - b);
		return {
			widget_js_gzip_bytes: Math.max(...runs.map((r) => r.bytes)),
			widget_open_ms: { p50: times[Math.floor(times.length / 2)], max: times.at(-1) }
		};
	} finally {
		await browser.close();
		await shop?.close();
		await app.stop();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const result = await widgetBench();
	console.log(JSON.stringify(result, null, 2));
}
