/**
 * `/embed.js`: the snippet, with this deployment's Supabase URL and anon key filled in at run
 * time, so one build serves any backend (headers and caching: src/embed/serve.ts).
 */
import code from 'virtual:parley-embed';
import { env } from '$env/dynamic/public';
import { scriptHandler } from '../../embed/serve.ts';
import { wrapSnippet } from '../../embed/wrap.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = scriptHandler(() => {
	const url = env.PUBLIC_SUPABASE_URL;
	const key = env.PUBLIC_SUPABASE_ANON_KEY;
	// Not configured: a script that does nothing beats an error on someone else's page.
	return url && key ? wrapSnippet(code, { url, key }) : '/* Parley is not configured */\n';
});
