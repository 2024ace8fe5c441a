/**
 * A stand-in for an operator's website: a tiny HTTP server on 127.0.0.1 whose pages load
 * supabase-js and record a page view the way the snippet will, so tests can watch the site
 * switch to "installed" and see the origin and site-key checks refuse strangers.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';

export const STACK_URL = `http://127.0.0.1:${Number(process.env.PARLEY_TEST_STACK_PORT || Number(process.env.PARLEY_TEST_APP_PORT || 43210) + 1)}`;

const UMD = readFileSync(
	createRequire(import.meta.url).resolve('@supabase/supabase-js/dist/umd/supabase.js'),
	'utf8'
);

export interface Shop {
	origin: string;
	/** Serves `html` at `path` (the path part only, the query is ignored) instead of the default page. */
	page(path: string, html: string): void;
	close(): Promise<void>;
}

/** A shop page that includes the real snippet tag `times` times, after `head`. */
export function snippetPage(
	appOrigin: string,
	siteKey: string,
	{ head = '', body = '', times = 1 }: { head?: string; body?: string; times?: number } = {}
): string {
	const tag = `<script async src="${appOrigin}/embed.js" data-site="${siteKey}"></script>`;
	return `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop with Parley</title>${head}${tag.repeat(times)}<main><h1>Shop</h1>${body}</main></html>`;
}

/**
 * Starts a shop: every path is an HTML page titled after it, unless `page()` set one;
 * /supabase.js is supabase-js.
 */
export async function startShop(): Promise<Shop> {
	const pages = new Map<string, string>();
	const server: Server = createServer((req, res) => {
		if (req.url === '/supabase.js') {
			res.writeHead(200, { 'content-type': 'text/javascript' });
			res.end(UMD);
			return;
		}
		const page = pages.get(new URL(req.url ?? '/', 'http://shop').pathname);
		if (page) {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(page);
			return;
		}
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(
			`<!doctype html><html lang="en"><title>Shop ${req.url}</title><script src="/supabase.js"></script><h1>Shop</h1></html>`
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		page: (path, html) => void pages.set(path, html),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/** What record_page_view answered: its data, or the error code and message. */
export interface PageViewAnswer {
	data: { site_id: string; visitor_id: string; first_view: boolean } | null;
	error: { code: string; message: string } | null;
}

/** Opens `url` on a shop and records a page view there as an anonymous visitor would. */
export async function visitShop(page: Page, url: string, siteKey: string): Promise<PageViewAnswer> {
	await page.goto(url);
	return page.evaluate(
		async ({ stackUrl, anonKey, siteKey }) => {
			type Client = {
				auth: { signInAnonymously(): Promise<{ error: unknown }> };
				rpc(fn: string, args: unknown): Promise<PageViewAnswer>;
			};
			const w = window as unknown as {
				supabase: { createClient(url: string, key: string): Client };
			};
			const client = w.supabase.createClient(stackUrl, anonKey);
			const signIn = await client.auth.signInAnonymously();
			if (signIn.error) throw new Error(JSON.stringify(signIn.error));
			const { data, error } = await client.rpc('record_page_view', {
				site_key: siteKey,
				page_url: location.href,
				page_title: document.title,
				referrer: document.referrer,
				language: navigator.language
			});
			return { data, error: error && { code: error.code, message: error.message } };
		},
		{ stackUrl: STACK_URL, anonKey: DEFAULT_ANON_KEY, siteKey }
	);
}
