/**
 * The LibreTranslate client against a local server that answers as LibreTranslate documents
 * (https://libretranslate.com/docs, its app.py): `GET /languages`, `POST /translate` with JSON,
 * and its error replies `{error}` with 400, 403, 429 and 500.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_CALL_LIMIT_MS } from './http.ts';
import { LibreTranslateProvider } from './libretranslate.ts';

const API_KEY = 'lt-key-for-the-spec';
const LANGUAGES = [
	{ code: 'en', name: 'English', targets: ['en', 'es', 'fr', 'pb', 'zh-Hans'] },
	{ code: 'es', name: 'Spanish', targets: ['en', 'es'] },
	{ code: 'fr', name: 'French', targets: ['en', 'fr'] },
	{ code: 'pb', name: 'Portuguese (Brazil)', targets: ['en', 'pb'] },
	{ code: 'zh-Hans', name: 'Chinese', targets: ['en', 'zh-Hans'] }
];

/** What the next /translate answers instead of translating, and what the server received. */
let override: ((res: ServerResponse) => void) | null = null;
let languagesOverride: ((res: ServerResponse) => void) | null = null;
const received: { path: string; body: Record<string, unknown> | null }[] = [];

const reply = (res: ServerResponse, status: number, body: unknown) =>
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
	let text = '';
	for await (const chunk of req) text += chunk;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** LibreTranslate's behaviour, as far as the client uses it. */
async function libreTranslate(req: IncomingMessage, res: ServerResponse) {
	const path = new URL(req.url ?? '/', 'http://x').pathname;
	if (req.method === 'GET' && path === '/languages') {
		received.push({ path, body: null });
		if (languagesOverride) return languagesOverride(res);
		return reply(res, 200, LANGUAGES);
	}
	if (req.method === 'POST' && path === '/translate') {
		const body = await readJson(req);
		received.push({ path, body });
		if (override) return override(res);
		if (!body || typeof body.q !== 'string')
			return reply(res, 400, { error: 'Invalid request: missing q parameter' });
		if (body.api_key !== API_KEY) return reply(res, 403, { error: 'Invalid API key' });
		const source = LANGUAGES.find((l) => l.code === body.source);
		if (!source) return reply(res, 400, { error: `${String(body.source)} is not supported` });
		if (!source.targets.includes(String(body.target)))
			return reply(res, 400, { error: `${String(body.target)} is not supported` });
		return reply(res, 200, { translatedText: `[${body.source}→${body.target}] ${body.q}` });
	}
	reply(res, 404, { error: 'Not Found' });
}

let server: Server;
let url: string;

beforeAll(async () => {
	server = createServer((req, res) => void libreTranslate(req, res));
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
afterEach(() => {
	override = null;
	languagesOverride = null;
	received.length = 0;
});

const client = (opts: { apiKey?: string; callLimitMs?: number } = {}) =>
	new LibreTranslateProvider({ url: `${url}/`, apiKey: API_KEY, ...opts });

describe('LibreTranslateProvider', () => {
	it('posts {q, source, target, format, api_key} as JSON and reads translatedText', async () => {
		const result = await client().translate({ text: 'Hola', source: 'es', target: 'en' });
		expect(result).toEqual({ ok: true, text: '[es→en] Hola' });
		expect(received.at(-1)).toEqual({
			path: '/translate',
			body: { q: 'Hola', source: 'es', target: 'en', format: 'text', api_key: API_KEY }
		});
	});

	it('maps BCP-47 tags to the server’s own codes (pt-BR → pb, zh-CN → zh-Hans, en-GB → en)', async () => {
		const p = client();
		expect(await p.translate({ text: 'hi', source: 'en-GB', target: 'pt-BR' })).toEqual({
			ok: true,
			text: '[en→pb] hi'
		});
		expect(await p.translate({ text: 'hi', source: 'en', target: 'zh-CN' })).toEqual({
			ok: true,
			text: '[en→zh-Hans] hi'
		});
	});

	it('asks for /languages once and lists its pairs as tags', async () => {
		const p = client();
		await p.translate({ text: 'a', source: 'es', target: 'en' });
		await p.translate({ text: 'b', source: 'fr', target: 'en' });
		const languages = await p.languages();
		expect(received.filter((r) => r.path === '/languages')).toHaveLength(1);
		expect(languages.ok && languages.pairs).toContainEqual({ source: 'en', target: 'pt-BR' });
		expect(languages.ok && languages.pairs).not.toContainEqual({ source: 'es', target: 'es' });
	});

	it('answers unsupported_pair without a call when the server lists no such pair', async () => {
		const result = await client().translate({ text: 'Hola', source: 'es', target: 'fr' });
		expect(result).toMatchObject({ ok: false, reason: 'unsupported_pair' });
		expect(received.filter((r) => r.path === '/translate')).toHaveLength(0);
	});

	it('turns the server’s 400 “is not supported” into unsupported_pair', async () => {
		override = (res) => reply(res, 400, { error: 'es is not supported' });
		expect(await client().translate({ text: 'x', source: 'es', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'unsupported_pair',
			detail: '400 es is not supported'
		});
	});

	it.each([
		[400, { error: 'Invalid request: request (6000) exceeds text limit (5000)' }, 'failed'],
		[403, { error: 'Invalid API key' }, 'refused'],
		[429, { error: 'Too many request limits violations' }, 'busy'],
		[500, { error: 'Cannot translate text: boom' }, 'failed'],
		[503, { error: 'Cannot translate text: model loading' }, 'failed']
	])('turns %i %j into the reason %s', async (status, body, reason) => {
		override = (res) => reply(res, status, body);
		const result = await client().translate({ text: 'x', source: 'es', target: 'en' });
		expect(result).toEqual({ ok: false, reason, detail: `${status} ${body.error}` });
	});

	it('refuses with a wrong key the way the server does (403 Invalid API key)', async () => {
		const result = await client({ apiKey: 'wrong' }).translate({
			text: 'x',
			source: 'es',
			target: 'en'
		});
		expect(result).toMatchObject({ ok: false, reason: 'refused' });
	});

	it('leaves api_key out when none is configured', async () => {
		await client({ apiKey: '' }).translate({ text: 'x', source: 'es', target: 'en' });
		expect(received.at(-1)?.body).not.toHaveProperty('api_key');
	});

	it('calls a proxy’s HTML 502 down, and an answer without translatedText failed', async () => {
		override = (res) =>
			res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
		expect(await client().translate({ text: 'x', source: 'es', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'down'
		});
		override = (res) => reply(res, 200, { translated: 'x' });
		expect(await client().translate({ text: 'x', source: 'es', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'failed'
		});
	});

	it('gives up on a slow answer after the limit and says slow', async () => {
		override = (res) => setTimeout(() => reply(res, 200, { translatedText: 'late' }), 1_000);
		const started = Date.now();
		const result = await client({ callLimitMs: 200 }).translate({
			text: 'x',
			source: 'es',
			target: 'en'
		});
		expect(result).toMatchObject({ ok: false, reason: 'slow' });
		expect(Date.now() - started).toBeLessThan(900);
	});

	it('limits each call to 2 s by default', async () => {
		expect(PROVIDER_CALL_LIMIT_MS).toBe(2_000);
		languagesOverride = (res) => setTimeout(() => reply(res, 200, LANGUAGES), 2_600);
		const started = Date.now();
		const result = await client().translate({ text: 'x', source: 'es', target: 'en' });
		const took = Date.now() - started;
		expect(result).toMatchObject({ ok: false, reason: 'slow' });
		expect(took).toBeGreaterThanOrEqual(1_900);
		expect(took).toBeLessThan(2_500);
	});

	it('says down when nothing listens, and does not ask again for 5 s', async () => {
		const closed = createServer();
		await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((done) => closed.close(() => done()));
		let now = 0;
		let calls = 0;
		const p = new LibreTranslateProvider({
			url: `http://127.0.0.1:${port}`,
			now: () => now,
			fetch: (input, init) => {
				calls++;
				return fetch(input, init);
			}
		});
		expect(await p.translate({ text: 'x', source: 'es', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'down'
		});
		expect(await p.languages()).toMatchObject({ ok: false, reason: 'down' });
		expect(calls).toBe(1);
		now = 5_001;
		await p.languages();
		expect(calls).toBe(2);
	});

	it('says failed when /languages is not a list', async () => {
		languagesOverride = (res) => reply(res, 200, { languages: [] });
		expect(await client().languages()).toMatchObject({ ok: false, reason: 'failed' });
	});
});
