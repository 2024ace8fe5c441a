/**
 * `/embed.js`: the snippet, with this deployment's Supabase URL and anon key filled in at run
 * time, so one build serves any backend. Loaded by other sites' pages: any origin may fetch
 * it, a short cache lets fixes reach every page soon, and the ETag makes revalidation cheap.
 */
import { createHash } from 'node:crypto';
import code from 'virtual:parley-embed';
import { env } from '$env/dynamic/public';
import { wrapSnippet } from '../../embed/wrap.ts';
import type { RequestHandler } from './$types';

const HEADERS = {
	'content-type': 'text/javascript; charset=utf-8',
	'cache-control': 'public, max-age=300',
	'access-control-allow-origin': '*',
	'cross-origin-resource-policy': 'cross-origin',
	'x-content-type-options': 'nosniff'
};

let cached: { body: string; etag: string } | undefined;

/** The served script for the current config, built once per config. */
function script(): { body: string; etag: string } {
	const url = env.PUBLIC_SUPABASE_URL;
	const key = env.PUBLIC_SUPABASE_ANON_KEY;
	// Not configured: a script that does nothing beats an error on someone else's page.
	const body = url && key ? wrapSnippet(code, { url, key }) : '/* Parley is not configured */\n';
	if (cached?.body != body)
		cached = {
			body,
			etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
		};
	return cached;
}

export const GET: RequestHandler = ({ request }) => {
	const { body, etag } = script();
	const headers = { ...HEADERS, etag };
	if (request.headers.get('if-none-match') == etag)
		return new Response(null, { status: 304, headers });
	return new Response(body, { headers });
};
