/**
 * Allowed origins as people type them ("https://Shop.example.com/") turned into the normalized
 * `scheme://host[:port]` form the database stores and the browser sends in `Origin`.
 *
 * When an entry is not an origin, the suggestion keeps the scheme the person typed (an
 * `http://` shop stays `http://`), and is only made when the rest looks like a web address:
 * "not a url at all" is explained, not turned into "https://not".
 */

/** Same rule as `public.is_origin()` in the tenancy migration. */
const NORMALIZED_ORIGIN =
	/^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?$/;

/**
 * - `no-scheme`: an address without `https://` or `http://` in front.
 * - `bad-scheme`: a scheme other than http(s) (`ftp:`, `javascript:`).
 * - `has-path`: a path, query, fragment or user name after the host.
 * - `not-address`: text that is not a web address at all.
 */
export type OriginProblem = 'no-scheme' | 'bad-scheme' | 'has-path' | 'not-address';

export type OriginResult =
	{ ok: true; origin: string } | { ok: false; problem: OriginProblem; suggestion?: string };

/** True when the text is already a normalized origin. */
export function isNormalizedOrigin(value: string): boolean {
	if (!NORMALIZED_ORIGIN.test(value)) return false;
	const port = /:(\d+)$/.exec(value)?.[1];
	if (port && Number(port) > 65535) return false;
	return !/^http:\/\/.*:80$/.test(value) && !/^https:\/\/.*:443$/.test(value);
}

/** `http` or `https` followed by a mistyped separator: "http//", "https:/", "http:\\". */
const TYPED_SCHEME = /^(https?)(?::\/{0,2}|\/\/|:\\\\)(?=[^/\\])/i;
/** Any other `scheme:` that is not a host followed by a port (`shop.example:8080`). */
const OTHER_SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d)/i;

/** Normalizes one entry, or says what is wrong with it (and what was probably meant). */
export function normalizeOrigin(input: string): OriginResult {
	const text = input.trim();
	const typed = TYPED_SCHEME.exec(text);
	if (typed) {
		const scheme = typed[1].toLowerCase();
		const rest = text.slice(typed[0].length);
		// Exactly "scheme://": parse it as typed; a mistyped separator is a suggestion.
		if (text.slice(0, typed[0].length).toLowerCase() !== `${scheme}://`) {
			const suggestion = suggest(scheme, rest);
			return suggestion
				? { ok: false, problem: 'no-scheme', suggestion }
				: { ok: false, problem: 'not-address' };
		}
		return parse(text, scheme, rest);
	}
	if (/^https?:[/\\]*$/i.test(text)) return { ok: false, problem: 'not-address' };
	if (OTHER_SCHEME.test(text)) return { ok: false, problem: 'bad-scheme' };
	// No scheme: a local development host is plain http, anything else https.
	const suggestion = suggest(isLocalHost(text) ? 'http' : 'https', text);
	return suggestion
		? { ok: false, problem: 'no-scheme', suggestion }
		: { ok: false, problem: 'not-address' };
}

/** A full `http(s)://` entry: the person's own host is taken as typed, guesses are not. */
function parse(text: string, scheme: string, rest: string): OriginResult {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, problem: 'not-address' };
	}
	// "https://shop.example.com/" parses with pathname "/": a trailing slash is not a path.
	if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
		const suggestion = suggest(scheme, rest);
		return suggestion
			? { ok: false, problem: 'has-path', suggestion }
			: { ok: false, problem: 'not-address' };
	}
	return isNormalizedOrigin(url.origin)
		? { ok: true, origin: url.origin }
		: { ok: false, problem: 'not-address' };
}

/** The origin `scheme://` + the host part of `rest`, when that host looks like an address. */
function suggest(scheme: string, rest: string): string | undefined {
	const host = /^[^/?#\s]*/.exec(rest.replace(/^[^@/]*@/, ''))?.[0] ?? '';
	if (host === '') return undefined;
	try {
		const url = new URL(`${scheme}://${host}`);
		if (!looksLikeHost(url.hostname)) return undefined;
		return isNormalizedOrigin(url.origin) ? url.origin : undefined;
	} catch {
		return undefined;
	}
}

/** A domain with a dot and a letter TLD, localhost, or an IP address. */
function looksLikeHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname.startsWith('[')) return true;
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return true;
	return /^([a-z0-9-]+\.)+(xn--[a-z0-9-]+|[a-z]{2,63})$/.test(hostname);
}

function isLocalHost(text: string): boolean {
	return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i.test(text);
}

/**
 * Splits a textarea of origins: one per line or separated by commas. Spaces separate entries
 * only when every piece looks like an address, so a sentence stays one entry to explain.
 */
export function splitOrigins(text: string): string[] {
	return text
		.split(/[\n\r,]+/)
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.flatMap((line) => {
			const pieces = line.split(/\s+/);
			return pieces.every((piece) => /[.:]/.test(piece)) ? pieces : [line];
		});
}
