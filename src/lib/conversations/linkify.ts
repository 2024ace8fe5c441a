/**
 * Message text as safe pieces: plain text, and links for http and https URLs only. Renderers
 * put `text` into text nodes and `href` into an `<a>` attribute, never into HTML, so markup
 * in a message is shown as typed and nothing in it runs.
 */

/** A piece of a message: text as typed, or a link whose text is the URL as typed. */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Attributes every message link gets: a new tab that cannot reach back into the chat. */
export const LINK_ATTRIBUTES = { rel: 'noopener noreferrer', target: '_blank' } as const;

// A URL ends at whitespace, quotes or angle brackets; `\b` keeps "xhttp://" from matching.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/** Drops trailing punctuation and a closing parenthesis that has no opening one in the URL. */
function trimUrl(candidate: string): string {
	let url = candidate.replace(TRAILING_PUNCTUATION, '');
	while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
		url = url.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
	}
	return url;
}

/** The URL's normalised href when it is a valid http(s) URL with a host, else null. */
export function safeHref(candidate: string): string | null {
	try {
		const url = new URL(candidate);
		if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
		return url.href;
	} catch {
		return null;
	}
}

/** Splits message text into text and http(s) link segments; adjacent text is joined. */
export function linkify(text: string): Segment[] {
	const segments: Segment[] = [];
	const pushText = (t: string) => {
		if (!t) return;
		const last = segments.at(-1);
		if (last?.kind === 'text') last.text += t;
		else segments.push({ kind: 'text', text: t });
	};
	let at = 0;
	for (const match of text.matchAll(URL_CANDIDATE)) {
		const url = trimUrl(match[0]);
		const href = safeHref(url);
		if (!href) continue;
		pushText(text.slice(at, match.index));
		segments.push({ kind: 'link', text: url, href });
		at = match.index + url.length;
	}
	pushText(text.slice(at));
	return segments;
}
