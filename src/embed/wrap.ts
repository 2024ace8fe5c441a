/** How the served snippet receives its run-time config (no Node dependencies: the route uses it). */

/** The config the server injects into the snippet. */
export interface SnippetConfig {
	/** The Supabase URL, e.g. http://127.0.0.1:54321. */
	url: string;
	/** The anon (publishable) key. */
	key: string;
}

/**
 * The script a host page receives: the bundle body in its own strict-mode function scope,
 * with the config as its `PARLEY_CONFIG` argument.
 */
export function wrapSnippet(code: string, config: SnippetConfig): string {
	const json = JSON.stringify({ url: config.url.replace(/\/+$/, ''), key: config.key });
	return `!function(PARLEY_CONFIG){"use strict";${code}}(${json});\n`;
}
