// The load generator's `fetch` for its supabase-js clients: the same HTTP requests over
// node:http with kept-alive connections. Node's own `fetch` (undici, WHATWG streams and all)
// took 170 to 340 µs of CPU per REST request on this machine against 70 to 120 through
// node:http, and at 1,000 messages/s that difference is a fifth of a core taken from the server
// under test; a browser's fetch is native code on a device of its own (bench/README.md).
// Anything this does not carry as it is (a body that is not a string or bytes, https, an
// AbortSignal) goes to the global fetch.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 30_000 });

/** The response headers, read as `Headers` reads them. */
class ResponseHeaders {
	#raw;
	constructor(raw) {
		this.#raw = raw;
	}
	get(name) {
		const value = this.#raw[name.toLowerCase()];
		if (value === undefined) return null;
		return Array.isArray(value) ? value.join(', ') : String(value);
	}
	has(name) {
		return this.#raw[name.toLowerCase()] !== undefined;
	}
	forEach(fn) {
		for (const name of Object.keys(this.#raw)) fn(this.get(name), name, this);
	}
	*entries() {
		for (const name of Object.keys(this.#raw)) yield [name, this.get(name)];
	}
	[Symbol.iterator]() {
		return this.entries();
	}
}

/** What supabase-js reads of a response: status, headers and the body, once. */
class BufferedResponse {
	#body;
	#used = false;
	constructor(status, statusText, headers, body, url) {
		this.status = status;
		this.statusText = statusText;
		this.headers = new ResponseHeaders(headers);
		this.url = url;
		this.#body = body;
	}
	get ok() {
		return this.status >= 200 && this.status < 300;
	}
	get bodyUsed() {
		return this.#used;
	}
	#take() {
		if (this.#used)
			return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
		this.#used = true;
		return Promise.resolve(this.#body);
	}
	text() {
		return this.#take().then((b) => b.toString('utf8'));
	}
	json() {
		return this.text().then((t) => JSON.parse(t));
	}
	arrayBuffer() {
		return this.#take().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
	}
}

function plainHeaders(headers) {
	const out = {};
	if (!headers) return out;
	if (typeof headers.forEach === 'function' && !Array.isArray(headers))
		headers.forEach((value, name) => (out[name] = value));
	else
		for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers))
			out[name] = value;
	return out;
}

/** `fetch(input, init)` for http: URLs with a string or byte body; anything else goes to fetch. */
export function httpFetch(input, init = {}) {
	const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
	const body = init.body;
	if (
		url === null ||
		!url.startsWith('http:') ||
		init.signal ||
		(body != null && typeof body !== 'string' && !(body instanceof Uint8Array))
	)
		return fetch(input, init);
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: init.method ?? 'GET', headers: plainHeaders(init.headers), agent },
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () =>
					resolve(
						new BufferedResponse(
							res.statusCode,
							res.statusMessage,
							res.headers,
							Buffer.concat(chunks),
							url
						)
					)
				);
			}
		);
		req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
		req.end(body ?? undefined);
	});
}
