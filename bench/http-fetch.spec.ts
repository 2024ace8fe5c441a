// The load generator's fetch (bench/http-fetch.js) against a local server: what supabase-js
// reads of a response comes out as Node's fetch gives it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.js';

let server: http.Server;
let base: string;
const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] =
	[];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => {
			seen.push({ method: req.method, url: req.url, headers: req.headers, body });
			if (req.url === '/empty') {
				res.writeHead(204).end();
			} else if (req.url === '/conflict') {
				res.writeHead(409, 'Conflict', { 'content-type': 'application/json' });
				res.end('{"code":"23505","message":"duplicate key"}');
			} else if (req.url?.startsWith('/rest/v1/things')) {
				res.writeHead(200, { 'content-type': 'application/json', 'content-range': '0-1/2' });
				res.end('[{"id":1,"name":"één"},{"id":2,"name":"two"}]');
			} else {
				res.writeHead(201, { 'content-type': 'application/json', 'x-twice': ['a', 'b'] });
				res.end(JSON.stringify({ method: req.method, body }));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('httpFetch', () => {
	it('sends the method, headers and body, and reads status, headers and JSON', async () => {
		const res = await httpFetch(`${base}/echo`, {
			method: 'POST',
			headers: new Headers({ 'Content-Type': 'application/json', Prefer: 'return=minimal' }),
			body: '{"a":1}'
		});
		expect(res.status).toBe(201);
		expect(res.ok).toBe(true);
		expect(res.headers.get('Content-Type')).toBe('application/json');
		expect(res.headers.get('x-twice')).toBe('a, b');
		expect(res.headers.get('missing')).toBeNull();
		expect(await res.json()).toEqual({ method: 'POST', body: '{"a":1}' });
		const request = seen.at(-1)!;
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.prefer).toBe('return=minimal');
		await expect(res.text()).rejects.toThrow(TypeError);
	});

	it('takes headers as an object or as pairs, and a body as bytes', async () => {
		await httpFetch(`${base}/echo`, {
			method: 'PUT',
			headers: { 'x-one': '1' },
			body: Buffer.from('hi')
		});
		expect(seen.at(-1)).toMatchObject({ method: 'PUT', headers: { 'x-one': '1' }, body: 'hi' });
		await httpFetch(`${base}/echo`, { headers: [['x-two', '2']] });
		expect(seen.at(-1)).toMatchObject({ method: 'GET', headers: { 'x-two': '2' }, body: '' });
	});

	it('gives an empty body for 204 and the reason phrase of an error status', async () => {
		const empty = await httpFetch(`${base}/empty`);
		expect(empty.status).toBe(204);
		expect(await empty.text()).toBe('');
		const conflict = await httpFetch(`${base}/conflict`, { method: 'POST', body: '{}' });
		expect(conflict.ok).toBe(false);
		expect(conflict.status).toBe(409);
		expect(conflict.statusText).toBe('Conflict');
	});

	it('rejects with a TypeError when nothing listens, as fetch does', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		await expect(httpFetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(TypeError);
	});

	it('leaves a request with an AbortSignal to the global fetch', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(httpFetch(`${base}/echo`, { signal: controller.signal })).rejects.toMatchObject({
			name: 'AbortError'
		});
	});

	it('serves supabase-js: rows, the count from Content-Range and an error body', async () => {
		const client = createClient(base, 'anon-key', {
			global: { fetch: httpFetch },
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const { data, count, error } = await client.from('things').select('*', { count: 'exact' });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ id: 1, name: 'één' },
			{ id: 2, name: 'two' }
		]);
		expect(count).toBe(2);
		expect(seen.at(-1)!.headers.apikey).toBe('anon-key');
	});
});
