// The console with a big device database, in a real browser: the built app and the local
// stack (as `npm start` runs them), Debian's Chromium through Playwright, an agent signed in
// whose IndexedDB holds 10,000 conversations and 100,000 messages.
//   console_cold_start_ms        navigation to /app/conversations → the first conversation of
//                                the list is on screen (sites from the server, the list from
//                                the device), measured in the page from navigation start.
//   console_open_conversation_ms a tap on a conversation → its messages are on screen (read
//                                from the device; the server's answer follows).
// Needs `npm run build` first. Usage: node bench/console.js, or through bench/run.js.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import { startApp } from './app.js';

export const CONSOLE_COLD_START_BUDGET_MS = 1_500;
export const CONSOLE_OPEN_CONVERSATION_BUDGET_MS = 100;
const CONVERSATIONS = Number(process.env.BENCH_CONSOLE_CONVERSATIONS ?? 10_000);
const MESSAGES_PER_CONVERSATION = Number(process.env.BENCH_CONSOLE_MESSAGES_EACH ?? 10);
const ROUNDS = Number(process.env.BENCH_CONSOLE_ROUNDS ?? 5);
const CHROMIUM = process.env.PARLEY_CHROMIUM_PATH || '/usr/bin/chromium';

/** Prints where the last round's open spent its CPU time (function self time, top entries). */
const PROFILE = !!process.env.BENCH_CONSOLE_PROFILE;

async function startProfile(page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
	await cdp.send('Profiler.start');
	return cdp;
}

async function printProfile(cdp, ms) {
	const { profile } = await cdp.send('Profiler.stop');
	const self = new Map();
	const dt = new Map();
	for (let i = 0; i < profile.samples.length; i++)
		dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
	for (const node of profile.nodes) {
		const f = node.callFrame;
		const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
		self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0));
	}
	console.log(`open took ${Math.round(ms)} ms; CPU self time by function:`);
	for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
		console.log(t.toFixed(1).padStart(8), key);
	await cdp.detach();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (x) => Math.round(x);

/** Fills the agent's console database the way the sync engine stores rows. */
function seed({ siteId, userId, conversations, each }) {
	return new Promise((resolve, reject) => {
		const open = indexedDB.open(`parley-console-${userId}`);
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const db = open.result;
			const tx = db.transaction(['conversations', 'messages'], 'readwrite');
			const cs = tx.objectStore('conversations');
			const ms = tx.objectStore('messages');
			const start = Date.now() - conversations * 60_000;
			for (let i = 0; i < conversations; i++) {
				const id = crypto.randomUUID();
				const at = new Date(start + i * 60_000).toISOString();
				cs.put({
					id,
					site_id: siteId,
					visitor_id: crypto.randomUUID(),
					assigned_agent_id: i % 3 === 0 ? userId : null,
					status: i % 5 === 0 ? 'closed' : 'open',
					visitor_language: 'en',
					visitor_name: `Visitor ${i}`,
					visitor_email: null,
					offline: false,
					created_at: at,
					updated_at: at,
					closed_at: null,
					last_message_at: at,
					last_message_preview: `Message ${each - 1} of conversation ${i}`,
					agent_unread: i % 7 === 0 ? 1 : 0,
					visitor_unread: 0
				});
				for (let j = 0; j < each; j++) {
					ms.put({
						id: crypto.randomUUID(),
						conversation_id: id,
						sender_id: j % 2 ? userId : null,
						sender_kind: j % 2 ? 'agent' : 'visitor',
						kind: 'text',
						body: `Message ${j} of conversation ${i}`,
						attachment: null,
						created_at: new Date(start + i * 60_000 - (each - j) * 1000).toISOString(),
						delivered_at: null,
						read_at: null
					});
				}
			}
			tx.oncomplete = () => {
				db.close();
				resolve();
			};
			tx.onerror = () => reject(tx.error);
		};
	});
}

/** Time from navigation start until the first conversation of the list is in the DOM. */
async function coldStart(page, origin) {
	await page.goto(`${origin}/app/conversations?view=all`, { waitUntil: 'commit' });
	await page.waitForSelector('[data-conversation]', { timeout: 30_000 });
	return page.evaluate(() => {
		const seen = window.__firstConversationAt;
		return typeof seen === 'number' ? seen : performance.now();
	});
}

/** A tap on the n-th conversation of the list until one of its messages is on screen. */
function openConversation(page, n) {
	return page.evaluate(
		(n) =>
			new Promise((resolve, reject) => {
				const link = document.querySelectorAll('a[data-conversation]')[n];
				if (!link) return reject(new Error('no conversation to open'));
				const t0 = performance.now();
				const done = () => {
					if (!document.querySelector('[data-slot="message"]')) return false;
					observer.disconnect();
					resolve(performance.now() - t0);
					return true;
				};
				const observer = new MutationObserver(done);
				observer.observe(document.body, { childList: true, subtree: true });
				link.click();
			}),
		n
	);
}

export async function consoleBench() {
	const app = await startApp();
	const browser = await chromium.launch({ executablePath: CHROMIUM });
	try {
		const { DEFAULT_ANON_KEY, DEFAULT_SERVICE_ROLE_KEY } =
			await import('../supabase/local/keys.ts');
		const admin = createClient(app.stack, DEFAULT_SERVICE_ROLE_KEY, {
			auth: { persistSession: false }
		});
		const tag = randomBytes(4).toString('hex');
		const email = `bench-${tag}@example.test`;
		const password = `pw-${tag}-secret`;
		const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
		if (created.error) throw created.error;
		const owner = createClient(app.stack, DEFAULT_ANON_KEY, { auth: { persistSession: false } });
		await owner.auth.signInWithPassword({ email, password });
		const site = await owner
			.from('sites')
			.insert({ name: 'Bench Shop', allowed_origins: ['http://127.0.0.1'] })
			.select()
			.single();
		if (site.error) throw site.error;

		const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
		// Records when the list first shows a conversation, before Playwright's polling sees it.
		await context.addInitScript(() => {
			new MutationObserver((_, observer) => {
				if (document.querySelector('[data-conversation]')) {
					window.__firstConversationAt = performance.now();
					observer.disconnect();
				}
			}).observe(document, { childList: true, subtree: true });
		});
		const page = await context.newPage();
		await page.goto(`${app.origin}/login`);
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password', { exact: true }).fill(password);
		await page.getByRole('button', { name: 'Log in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/login'));
		await page.goto(`${app.origin}/app/conversations?view=all`);
		await page.waitForSelector('h1:has-text("Conversations")');
		// The console made its database; fill it.
		await page.waitForFunction(
			async (name) => (await indexedDB.databases()).some((d) => d.name === name),
			`parley-console-${created.data.user.id}`
		);
		await page.evaluate(seed, {
			siteId: site.data.id,
			userId: created.data.user.id,
			conversations: CONVERSATIONS,
			each: MESSAGES_PER_CONVERSATION
		});

		const cold = [];
		const open = [];
		for (let i = 0; i < ROUNDS; i++) {
			cold.push(await coldStart(page, app.origin));
			await page.waitForTimeout(300);
			const profiling = PROFILE && i === ROUNDS - 1 ? await startProfile(page) : null;
			open.push(await openConversation(page, i + 1));
			if (profiling) await printProfile(profiling, open.at(-1));
			await page.waitForTimeout(200);
		}
		return {
			console_cold_start_ms: { p50: round(median(cold)), max: round(Math.max(...cold)) },
			console_open_conversation_ms: { p50: round(median(open)), max: round(Math.max(...open)) },
			stored: { conversations: CONVERSATIONS, messages: CONVERSATIONS * MESSAGES_PER_CONVERSATION }
		};
	} finally {
		await browser.close();
		await app.stop();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	console.log(JSON.stringify(await consoleBench(), null, 2));
}
