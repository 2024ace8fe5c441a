/** Short texts for a visitor row: time on site, where they came from, which page. */

/** Elapsed time as `m:ss` under an hour and `h:mm:ss` above; negative spans count as zero. */
export function formatElapsed(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The host of a referrer URL without `www.`; '' for none, the raw text when it is no URL. */
export function referrerHost(referrer: string): string {
	if (!referrer) return '';
	try {
		return new URL(referrer).hostname.replace(/^www\./, '');
	} catch {
		return referrer;
	}
}

/** A page URL as path, query and hash (the origin is the site's own, so it says nothing). */
export function pagePath(url: string): string {
	try {
		const u = new URL(url);
		return `${u.pathname}${u.search}${u.hash}`;
	} catch {
		return url;
	}
}
