/** How the served snippet receives its run-time config (no Node dependencies: the route uses it). */

/** The config the server injects into the snippet. */
export interface SnippetConfig {
	/** The Supabase URL, e.g. http://127.0.0.1:54321. */
	url: string;
	/** The anon (publishable) key. */
	key: string;
}

/**
 * The script a host page receives: the bundle body in its own function scope, with the
 * config as its `PARLEY_URL` and `PARLEY_KEY` arguments. No "use strict": the bundle is
 * module code, and nothing in it (every name declared, no `this`, no block-level function
 * declarations) behaves differently without it, so the directive would be bytes for nothing.
 */
export function wrapSnippet(code: string, config: SnippetConfig): string {
	const args = JSON.stringify([config.url.replace(/\/+$/, ''), config.key]).slice(1, -1);
	return `//# allFunctionsCalledOnLoad\n!function(PARLEY_URL,PARLEY_KEY){${code}}(${args});\n`;
}
