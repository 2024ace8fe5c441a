/**
 * Where email links may send a browser (`internal/utilities/request.go` GetReferrer and
 * IsRedirectURLValid). GoTrue allows the site URL's origin (any port on loopback hosts),
 * loopback IP addresses, and its URI allow list. The local stack has no allow list: its
 * site URL is its own public URL, and `localhost` counts as loopback.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { headerOf } from '../http.ts';

const DECIMAL_IP = /^[0-9]+$/;
// Control characters and space are never valid in a URL, and browsers strip leading ones.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '');
	if (host === 'localhost') return true;
	if (isIP(host) === 4) return host.startsWith('127.');
	if (isIP(host) === 6) return host === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(host);
	return false;
}

/** IsRedirectURLValid, with an empty allow list. */
export function isRedirectUrlValid(siteUrl: string, candidate: string): boolean {
	if (candidate === '' || CONTROL_OR_SPACE.test(candidate)) return false;
	let base: URL;
	let ref: URL;
	try {
		base = new URL(siteUrl);
		ref = new URL(candidate);
	} catch {
		return false;
	}
	const isHttp = ref.protocol === 'http:' || ref.protocol === 'https:';
	if (!isHttp) return false;
	// The WHATWG parser rewrites hosts such as `2130706433` or `127.1` to `127.0.0.1`; Go's does
	// not, and GoTrue refuses those forms. Only a host written as it parses is accepted.
	const rawHost = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(
		candidate
	)?.[1];
	if (rawHost === undefined || rawHost.toLowerCase() !== ref.hostname) return false;
	if (
		base.hostname === ref.hostname &&
		base.protocol === ref.protocol &&
		(base.port === ref.port || isLoopbackHost(ref.hostname))
	)
		return true;
	// A decimal-form IP is refused outright; any other host would need the allow list.
	if (DECIMAL_IP.test(ref.hostname)) return false;
	return isLoopbackHost(ref.hostname);
}

/**
 * GetReferrer: `redirect_to` from the header or the query string, else the Referer header,
 * whichever is allowed first; else the site URL.
 */
export function referrer(req: IncomingMessage, url: URL, siteUrl: string): string {
	const fromRequest = headerOf(req, 'redirect_to') || url.searchParams.get('redirect_to') || '';
	if (isRedirectUrlValid(siteUrl, fromRequest)) return fromRequest;
	const referer = headerOf(req, 'referer') ?? '';
	if (isRedirectUrlValid(siteUrl, referer)) return referer;
	return siteUrl;
}

/** Go's url.QueryEscape. */
export function queryEscape(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

/** encodeRedirectURL: a value that still holds `&`, `=` or `#` was not encoded by the caller. */
function encodeRedirect(value: string): string {
	return /[&=#]/.test(value) ? queryEscape(value) : value;
}

/** The `…/verify?token=…&type=…&redirect_to=…` link an email would carry (mailer getPath). */
export function actionLink(
	authBaseUrl: string,
	token: string,
	type: string,
	redirectTo: string
): string {
	return `${authBaseUrl}/verify?token=${queryEscape(token)}&type=${queryEscape(type)}&redirect_to=${encodeRedirect(redirectTo)}`;
}

/** GoTrue's oauthErrorMap: the OAuth error name of a status. */
export const OAUTH_ERROR: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable'
};

/** url.Values.Encode: keys sorted, values query-escaped. */
export function encodeValues(values: Record<string, string>): string {
	return Object.keys(values)
		.sort()
		.map((k) => `${queryEscape(k)}=${queryEscape(values[k])}`)
		.join('&');
}

/** http.Redirect with 303 See Other, as Go writes it. */
export function seeOther(req: IncomingMessage, res: ServerResponse, location: string): void {
	const body =
		req.method === 'GET' ? `<a href="${location.replace(/"/g, '&#34;')}">See Other</a>.\n\n` : '';
	res.writeHead(303, {
		location,
		...(body ? { 'content-type': 'text/html; charset=utf-8' } : {}),
		'content-length': Buffer.byteLength(body)
	});
	res.end(body);
}
