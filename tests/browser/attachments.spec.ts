/**
 * Images and files both ways between the visitor's widget and the agent's console: the bytes
 * that arrive are the bytes that left, a file over the site's limit and an `.exe` are refused
 * with a clear message before anything is stored, and another site's member cannot read what
 * was sent (asked of Storage with supabase-js). Real Chromium, the real stack and snippet.
 */
import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { meet, widgetFrame } from './attach-world.ts';
import { admin, newWorld } from './console-world.ts';
import { startShop, type Shop } from './shop.ts';

let shop: Shop;
test.beforeAll(async () => {
	shop = await startShop();
});
test.afterAll(async () => {
	await shop?.close();
});

const MB = 1024 * 1024;

/** A real PNG (a colour gradient), so the browser can decode it and draw its thumbnail. */
function png(width: number, height: number): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf: Buffer) => {
		let c = 0xffffffff;
		for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), body.length + 4);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.alloc((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		for (let x = 0; x < width; x++) {
			rows.set([(x * 255) / width, (y * 255) / height, 160], row + 1 + x * 3);
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** A PDF-looking file of `size` random bytes. */
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The SHA-256 of what the page downloads from `href` (as the person's browser gets it). */
async function fetchedSha(frame: Frame | Page, href: string): Promise<string> {
	return frame.evaluate(async (url) => {
		const bytes = await (await fetch(url)).arrayBuffer();
		const digest = await crypto.subtle.digest('SHA-256', bytes);
		return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
	}, href);
}

/** The received attachment's link, once its signed URL is there. */
async function linkOf(scope: Page | Frame, kind: 'image' | 'file', name: string) {
	const link = scope
		.locator(`[data-slot="attachment"][data-kind="${kind}"][data-path$="/${name}"] a`)
		.first();
	await expect(link).toHaveAttribute('href', /\/storage\/v1\/object\/sign\//, { timeout: 30_000 });
	return (await link.getAttribute('href'))!;
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
	const path = testInfo.outputPath(name);
	await page.screenshot({ path });
	await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('an image and a 5 MB file go each way, and arrive byte for byte', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(180_000);
	const { world, agent, visitor, conversationId } = await meet(browser, shop, baseURL!);
	const w = visitor.frameLocator('iframe');
	const photo = png(320, 240);
	const report = pdf(5 * MB);

	// Visitor → agent: the picker takes both; the image shows its preview at once.
	await w.locator('input[type=file][multiple]').setInputFiles([
		{ name: 'photo.png', mimeType: 'image/png', buffer: photo },
		{ name: 'report.pdf', mimeType: 'application/pdf', buffer: report }
	]);
	await expect(w.locator('[data-slot="attachment"][data-kind="image"] img')).toBeVisible();
	const page = agent.page;
	expect(await fetchedSha(page, await linkOf(page, 'image', 'photo.png'))).toBe(sha(photo));
	expect(await fetchedSha(page, await linkOf(page, 'file', 'report.pdf'))).toBe(sha(report));
	await expect(
		page.getByRole('link', { name: /^Download report\.pdf \(PDF, 5 MB\)/ })
	).toBeVisible();
	await expect(page.locator('[data-slot="attachment"][data-kind="image"] img')).toHaveJSProperty(
		'complete',
		true
	);

	// Agent → visitor, the same way.
	const chart = png(200, 300);
	const offer = pdf(5 * MB);
	await page.locator('input[type=file][multiple]').setInputFiles([
		{ name: 'chart.png', mimeType: 'image/png', buffer: chart },
		{ name: 'offer.pdf', mimeType: 'application/pdf', buffer: offer }
	]);
	const frame = widgetFrame(visitor);
	expect(await fetchedSha(frame, await linkOf(frame, 'image', 'chart.png'))).toBe(sha(chart));
	expect(await fetchedSha(frame, await linkOf(frame, 'file', 'offer.pdf'))).toBe(sha(offer));

	// The database holds four attachment messages whose objects Storage has.
	const { data: rows } = await admin()
		.from('messages')
		.select('kind, attachment')
		.eq('conversation_id', conversationId)
		.neq('kind', 'text')
		.neq('kind', 'event');
	expect(rows?.map((r) => r.kind).sort()).toEqual(['file', 'file', 'image', 'image']);
	const paths = rows!.map((r) => (r.attachment as { path: string }).path);
	for (const path of paths)
		expect(path.startsWith(`${world.siteId}/${conversationId}/`)).toBe(true);

	// Another site's owner cannot read them, through Storage itself.
	const stranger = await newWorld(shop.origin, { name: 'Other Shop' });
	for (const path of paths) {
		const read = await stranger.owner.storage.from('attachments').download(path);
		expect(read.data).toBeNull();
		const signed = await stranger.owner.storage.from('attachments').createSignedUrl(path, 60);
		expect(signed.data).toBeNull();
	}
	await shoot(page, testInfo, 'console-attachments-tablet.png');
	await shoot(visitor, testInfo, 'widget-attachments-phone.png');
});

test('a 30 MB file and an .exe are refused with a clear message, on both sides', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { world, agent, visitor, conversationId } = await meet(browser, shop, baseURL!);
	const w = visitor.frameLocator('iframe');
	const big = { name: 'holiday.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(30 * MB, 1) };
	const exe = {
		name: 'setup.exe',
		mimeType: 'application/x-msdownload',
		buffer: Buffer.from('MZ\x90\x00 a program')
	};

	await w.locator('input[type=file][multiple]').setInputFiles([big, exe]);
	const notice = w.locator('[data-slot="attach-notice"]');
	await expect(notice).toContainText('“holiday.mp4” is too large to send: the limit is 20 MB.');
	await expect(notice).toContainText(
		'“setup.exe” cannot be sent: this type of file is not allowed.'
	);
	await w.getByRole('button', { name: 'Dismiss' }).click();
	await expect(notice).toBeHidden();

	await agent.page.locator('input[type=file][multiple]').setInputFiles([exe]);
	await expect(agent.page.locator('[data-slot="attach-notice"]')).toContainText(
		'“setup.exe” cannot be sent: this type of file is not allowed.'
	);

	// Nothing half-stored: no message, no object.
	const { data: rows } = await admin()
		.from('messages')
		.select('kind')
		.eq('conversation_id', conversationId)
		.neq('kind', 'text')
		.neq('kind', 'event');
	expect(rows).toEqual([]);
	const { data: objects } = await admin()
		.storage.from('attachments')
		.list(`${world.siteId}/${conversationId}`);
	expect(objects ?? []).toEqual([]);
});

test('attachments in the widget and the console: axe-clean, 320 px wide, 44 px targets, light and dark', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(180_000);
	const { agent, visitor } = await meet(browser, shop, baseURL!);
	const w = visitor.frameLocator('iframe');
	await w.locator('input[type=file][multiple]').setInputFiles([
		{ name: 'photo.png', mimeType: 'image/png', buffer: png(320, 240) },
		{ name: 'invoice-march.pdf', mimeType: 'application/pdf', buffer: pdf(120_000) }
	]);
	const page = agent.page;
	await linkOf(page, 'file', 'invoice-march.pdf');
	await page
		.locator('input[type=file][multiple]')
		.setInputFiles([{ name: 'answer.png', mimeType: 'image/png', buffer: png(240, 320) }]);
	const frame = widgetFrame(visitor);
	await linkOf(frame, 'image', 'answer.png');
	await linkOf(frame, 'file', 'invoice-march.pdf');
	// The newest message stays in view on both sides, also when the images above it load and
	// grow, and when the screen changes size (a phone turned).
	const atBottom = async (target: typeof page) => {
		const scope = target === visitor ? frame : page.mainFrame();
		const list = scope.locator('[data-slot="message-list"]');
		await expect
			.poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
			.toBeLessThan(80);
	};
	await atBottom(page);
	await atBottom(visitor);

	for (const colorScheme of ['light', 'dark'] as const) {
		for (const [target, sizes] of [
			[visitor, [390, 1024]],
			[page, [390, 1024]]
		] as const) {
			await target.emulateMedia({ colorScheme });
			for (const width of sizes) {
				await target.setViewportSize({ width, height: 844 });
				await target.waitForTimeout(200);
				await atBottom(target);
				const who = target === visitor ? 'widget' : 'console';
				await shoot(target, testInfo, `${who}-attachments-${width}-${colorScheme}.png`);
			}
			// The visitor's page is the shop with the widget's frame in it: all of it is checked.
			const builder = new AxeBuilder({ page: target });
			const axe = await (target === visitor ? builder : builder.include('main')).analyze();
			expect(
				axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' > ')).join(', ')}`)
			).toEqual([]);
		}
	}

	// 320 px: nothing scrolls sideways, and every attachment control is at least 44 px.
	for (const target of [visitor, page]) {
		await target.setViewportSize({ width: 320, height: 700 });
		await target.waitForTimeout(200);
		const scope = target === visitor ? widgetFrame(visitor) : target.mainFrame();
		expect(await scope.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			320
		);
		const sizes = await scope.evaluate(() =>
			[
				...document.querySelectorAll<HTMLElement>(
					'[data-slot="composer"] button, [data-slot="attachment"] button'
				)
			]
				.filter((b) => b.offsetParent !== null)
				.map((b) => {
					const r = b.getBoundingClientRect();
					return { label: b.getAttribute('aria-label') ?? b.textContent, w: r.width, h: r.height };
				})
		);
		for (const s of sizes) {
			expect(s.w, String(s.label)).toBeGreaterThanOrEqual(44);
			expect(s.h, String(s.label)).toBeGreaterThanOrEqual(44);
		}
	}
});

test('an image sent offline waits in the outbox and goes out when the network is back; cancel leaves nothing', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { world, agent, visitor, conversationId } = await meet(browser, shop, baseURL!);
	const page = agent.page;
	const photo = png(120, 90);
	// The conversation has been open a moment (its attachment code loads 2 s after it opens).
	await page.waitForTimeout(3_000);
	await agent.context.setOffline(true);
	await page.locator('input[type=file][multiple]').setInputFiles([
		{ name: 'later.png', mimeType: 'image/png', buffer: photo },
		{ name: 'never.pdf', mimeType: 'application/pdf', buffer: pdf(50_000) }
	]);
	const queued = page.locator('[data-slot="message"][data-own="true"]');
	await expect(queued.filter({ has: page.locator('[data-path$="/later.png"]') })).toHaveAttribute(
		'data-state',
		'queued',
		{ timeout: 15_000 }
	);
	// The second changes its mind before the network is back.
	await page.getByRole('button', { name: 'Cancel sending never.pdf' }).click();
	await expect(page.locator('[data-path$="/never.pdf"]')).toHaveCount(0);

	await agent.context.setOffline(false);
	const frame = widgetFrame(visitor);
	expect(await fetchedSha(frame, await linkOf(frame, 'image', 'later.png'))).toBe(sha(photo));
	const { data: rows } = await admin()
		.from('messages')
		.select('attachment')
		.eq('conversation_id', conversationId)
		.eq('kind', 'image');
	expect(rows?.map((r) => (r.attachment as { name: string }).name)).toEqual(['later.png']);
	const { data: objects } = await admin()
		.storage.from('attachments')
		.list(`${world.siteId}/${conversationId}`);
	expect(objects).toHaveLength(1);
});

test('files waiting to be sent survive a reload, in the console and in the widget', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(150_000);
	const { agent, visitor } = await meet(browser, shop, baseURL!);
	const page = agent.page;
	const fromAgent = png(64, 48);
	await page.waitForTimeout(3_000);

	// The agent picks a photo offline and reloads the console, still offline.
	await agent.context.setOffline(true);
	await page
		.locator('input[type=file][multiple]')
		.setInputFiles([{ name: 'kept.png', mimeType: 'image/png', buffer: fromAgent }]);
	const kept = page
		.locator('[data-slot="message"][data-own="true"]')
		.filter({ has: page.locator('[data-path$="/kept.png"]') });
	await expect(kept).toHaveAttribute('data-state', 'queued', { timeout: 15_000 });
	await page.reload();
	await expect(kept).toHaveAttribute('data-state', 'queued', { timeout: 15_000 });
	// Its preview comes from the bytes the device kept.
	await expect(kept.locator('img')).toHaveJSProperty('complete', true);
	expect(await kept.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
	await agent.context.setOffline(false);
	const frame = widgetFrame(visitor);
	expect(await fetchedSha(frame, await linkOf(frame, 'image', 'kept.png'))).toBe(sha(fromAgent));

	// The visitor's upload cannot get through; they reload the shop's page meanwhile.
	const fromVisitor = png(40, 30);
	const uploads = '**/storage/v1/object/attachments/**';
	await visitor.context().route(uploads, (route) => route.abort('internetdisconnected'));
	await frame
		.locator('input[type=file][multiple]')
		.setInputFiles([{ name: 'also-kept.png', mimeType: 'image/png', buffer: fromVisitor }]);
	const waiting = (f: Frame) =>
		f
			.locator('[data-slot="message"][data-own="true"]')
			.filter({ has: f.locator('[data-path$="/also-kept.png"]') });
	await expect(waiting(frame)).toHaveAttribute('data-state', 'queued', { timeout: 15_000 });
	// Shown at once; kept (bytes, then the outbox entry) a moment later.
	await expect
		.poll(() =>
			frame.evaluate(() =>
				Object.keys(localStorage).some(
					(k) => k.startsWith('parley.outbox.') && localStorage[k].includes('also-kept.png')
				)
			)
		)
		.toBe(true);
	await visitor.reload();
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	await expect.poll(() => visitor.frames().some((f) => f.url().includes('/widget'))).toBe(true);
	const again = widgetFrame(visitor);
	await expect(waiting(again)).toHaveAttribute('data-state', 'queued', { timeout: 15_000 });
	await visitor.context().unroute(uploads);
	expect(await fetchedSha(page, await linkOf(page, 'image', 'also-kept.png'))).toBe(
		sha(fromVisitor)
	);
	await expect(waiting(again)).not.toHaveAttribute('data-state', 'queued', { timeout: 30_000 });
	await visitor.context().close();
	await agent.context.close();
});
