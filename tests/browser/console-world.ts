/**
 * Setup the console tests share, made through the API so each test spends its time on the
 * console: an operator with a site for a stand-in shop, an agent paired through a real pairing
 * link, and visitors on the shop's pages driven through supabase-js as the snippet drives it.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';
import { STACK_URL } from './shop.ts';
import { admin, newUser } from './sites.ts';

export const TABLET = { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

export { admin, newUser };

export interface World {
	owner: SupabaseClient;
	ownerId: string;
	ownerEmail: string;
	ownerPassword: string;
	siteId: string;
	siteKey: string;
}

/** An operator and their site for `origin`, with saved greetings and a TTL. */
export async function newWorld(
	origin: string,
	settings: { invitation_ttl_seconds?: number; invitation_messages?: string[]; name?: string } = {}
): Promise<World> {
	const owner = await newUser('Olive');
	const { data, error } = await owner.client
		.from('sites')
		.insert({
			name: settings.name ?? 'Corner Shop',
			allowed_origins: [origin],
			greeting: 'Hi! How can we help?'
		})
		.select()
		.single();
	if (error) throw error;
	const update = await owner.client
		.from('sites')
		.update({
			invitation_ttl_seconds: settings.invitation_ttl_seconds ?? 60,
			invitation_messages: settings.invitation_messages ?? ['Looking for something?']
		})
		.eq('id', data.id);
	if (update.error) throw update.error;
	return {
		owner: owner.client,
		ownerId: owner.id,
		ownerEmail: owner.email,
		ownerPassword: owner.password,
		siteId: data.id as string,
		siteKey: data.site_key as string
	};
}

/** Pairs a new agent called `name` through a real pairing link; lands on the console. */
export async function pairAgent(
	browser: Browser,
	world: World,
	name: string,
	device: object = TABLET
): Promise<{ context: BrowserContext; page: Page; agentId: string }> {
	const { data, error } = await world.owner.rpc('create_agent_invitation', {
		site_id: world.siteId,
		name
	});
	if (error) throw error;
	const context = await browser.newContext(device);
	const page = await context.newPage();
	await page.goto(`/pair#${(data as { token: string }).token}`);
	await expect(page).toHaveURL(/\/app$/);
	const agentId = await page.evaluate(() => {
		const key = Object.keys(localStorage).find((k) => k.endsWith('-auth-token'));
		return (
			(JSON.parse(localStorage.getItem(key ?? '') ?? '{}') as { user?: { id: string } }).user?.id ??
			''
		);
	});
	return { context, page, agentId };
}

/** Signs the operator in through the log-in form and opens the console. */
export async function ownerConsole(browser: Browser, world: World, device: object = TABLET) {
	const context = await browser.newContext(device);
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Email').fill(world.ownerEmail);
	await page.getByLabel('Password', { exact: true }).fill(world.ownerPassword);
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
	await page.goto('/app');
	return { context, page };
}

type Answer = { data: unknown; error: { code: string; message: string } | null };

/** A visitor on the shop: a page with supabase-js, signed in anonymously, as the snippet is. */
export class ShopVisitor {
	readonly page: Page;
	id = '';
	constructor(page: Page) {
		this.page = page;
	}

	/** Opens `path` on the shop and records the page view; returns when the server answered. */
	async view(origin: string, path: string, siteKey: string, title?: string): Promise<Answer> {
		await this.page.goto(`${origin}${path}`);
		const answer = await this.page.evaluate(
			async ({ stackUrl, anonKey, siteKey, title }) => {
				type Client = {
					auth: {
						signInAnonymously(): Promise<{ error: unknown }>;
						getSession(): Promise<{ data: { session: unknown } }>;
					};
					rpc(fn: string, args?: unknown): Promise<Answer>;
				};
				const w = window as unknown as {
					supabase: { createClient(url: string, key: string): Client };
					visitor?: Client;
				};
				const client = w.supabase.createClient(stackUrl, anonKey);
				w.visitor = client;
				const { data } = await client.auth.getSession();
				if (!data.session) {
					const signIn = await client.auth.signInAnonymously();
					if (signIn.error) throw new Error(JSON.stringify(signIn.error));
				}
				if (title) document.title = title;
				const { data: view, error } = await client.rpc('record_page_view', {
					site_key: siteKey,
					page_url: location.href,
					page_title: document.title,
					referrer: document.referrer,
					language: navigator.language,
					screen: `${screen.width}x${screen.height}`
				});
				return { data: view, error: error && { code: error.code, message: error.message } };
			},
			{ stackUrl: STACK_URL, anonKey: DEFAULT_ANON_KEY, siteKey, title }
		);
		expect(answer.error).toBeNull();
		this.id = (answer.data as { visitor_id: string }).visitor_id;
		return answer;
	}

	/** Calls a visitor function with the page's session. */
	async rpc(fn: string, args?: Record<string, unknown>): Promise<Answer> {
		return this.page.evaluate(
			async ({ fn, args }) => {
				const w = window as unknown as {
					visitor: { rpc(fn: string, args?: unknown): Promise<Answer> };
				};
				const { data, error } = await w.visitor.rpc(fn, args);
				return { data, error: error && { code: error.code, message: error.message } };
			},
			{ fn, args }
		);
	}

	/** Starts a conversation as the widget's pre-chat does; its id. */
	async startChat(visitorName?: string): Promise<string> {
		const started = await this.rpc(
			'start_conversation',
			visitorName === undefined ? {} : { visitor_name: visitorName }
		);
		expect(started.error).toBeNull();
		return (started.data as { conversation_id: string }).conversation_id;
	}

	/** Sends a text message as the widget does (with the page's own supabase-js client). */
	async say(conversationId: string, body: string): Promise<void> {
		const sent = await this.page.evaluate(
			async ({ conversationId, body }) => {
				const w = window as unknown as {
					visitor: {
						auth: { getUser(): Promise<{ data: { user: { id: string } } }> };
						from(t: string): { insert(v: unknown): Promise<{ error: unknown }> };
					};
				};
				const { data } = await w.visitor.auth.getUser();
				return w.visitor.from('messages').insert({
					id: crypto.randomUUID(),
					conversation_id: conversationId,
					sender_id: data.user.id,
					sender_kind: 'visitor',
					kind: 'text',
					body
				});
			},
			{ conversationId, body }
		);
		expect(sent.error).toBeNull();
	}

	/** The id of the latest invitation to this visitor. */
	async latestInvitation(): Promise<string> {
		const { data } = await admin()
			.from('chat_invitations')
			.select('id')
			.eq('visitor_id', this.id)
			.order('created_at', { ascending: false })
			.limit(1)
			.single();
		return (data as { id: string }).id;
	}
}
