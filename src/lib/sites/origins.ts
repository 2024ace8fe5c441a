/**
 * Allowed origins as people type them ("https://Shop.example.com/") turned into the normalized
 * `scheme://host[:port]` form the database stores and the browser sends in `Origin`.
 */

/** Same rule as `public.is_origin()` in the tenancy migration. */
const NORMALIZED_ORIGIN =
	/^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?$/;

export type OriginProblem = 'no-scheme' | 'bad-scheme' | 'has-path' | 'invalid';

export type OriginResult =
	{ ok: true; origin: string } | { ok: false; problem: OriginProblem; suggestion?: string };

/** True when the text is already a normalized origin. */
export function isNormalizedOrigin(value: string): boolean {
	if (!NORMALIZED_ORIGIN.test(value)) return false;
	const port = /:(\d+)$/.exec(value)?.[1];
	if (port && Number(port) > 65535) return false;
	return !/^http:\/\/.*:80$/.test(value) && !/^https:\/\/.*:443$/.test(value);
}

/** Normalizes one entry, or says what is wrong with it (and what was probably meant). */
export function normalizeOrigin(input: string): OriginResult {
	const text = input.trim();
	if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
		return { ok: false, problem: 'no-scheme', suggestion: suggest(`https://${text}`) };
	}
	// "https://shop.example.com/" parses with pathname "/": a trailing slash is not a path.
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, problem: 'invalid' };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return { ok: false, problem: 'bad-scheme' };
	if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
		return { ok: false, problem: 'has-path', suggestion: url.origin };
	}
	return isNormalizedOrigin(url.origin)
		? { ok: true, origin: url.origin }
		: { ok: false, problem: 'invalid' };
}

function suggest(candidate: string): string | undefined {
	try {
		const origin = new URL(candidate).origin;
		return isNormalizedOrigin(origin) ? origin : undefined;
	} catch {
		return undefined;
	}
}

/** Splits a textarea of origins (one per line, or separated by commas or spaces). */
export function splitOrigins(text: string): string[] {
	return text
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
