/**
 * How `/embed.js` and `/embed-panel.js` are served. Loaded by other sites' pages: any origin
 * may fetch them (the panel is an ES module, so its import needs CORS), a short cache lets
 * fixes reach every page soon, and the ETag makes revalidation cheap. Server only.
 */
import { createHash } from 'node:crypto';

const HEADERS = {
	'content-type': 'text/javascript; charset=utf-8',
	'cache-control': 'public, max-age=300',
	'access-control-allow-origin': '*',
	'cross-origin-resource-policy': 'cross-origin',
	'x-content-type-options': 'nosniff'
};

/** A GET handler for a script whose body `body()` gives (its ETag computed once per body). */
export function scriptHandler(body: () => string): (event: { request: Request }) => Response {
	let cached: { body: string; etag: string } | undefined;
	return ({ request }) => {
		const text = body();
		if (cached?.body != text)
			cached = {
				body: text,
				etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`
			};
		const headers = { ...HEADERS, etag: cached.etag };
		if (request.headers.get('if-none-match') == cached.etag)
			return new Response(null, { status: 304, headers });
		return new Response(cached.body, { headers });
	};
}
