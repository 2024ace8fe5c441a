/**
 * A mock push service for the push test, on 127.0.0.1 only: it accepts what web-push sends
 * only with a valid VAPID JWT (ES256 signed by the key in the header, aud = its origin, exp in
 * the next 24 h, a mailto:/https: sub) and decrypts the aes128gcm payload with http_ece, using
 * the private key of the subscription the test made up for the browser.
 */
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error: http_ece ships no types.
import ece from 'http_ece';

/** One device's subscription as a browser would make it, with its private half. */
export interface FakeDevice {
	endpoint: string;
	p256dh: string;
	auth: string;
	ecdh: ECDH;
}

/** What the service received and what it made of it. */
export interface Received {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	vapidKey: string;
	claims: Record<string, unknown>;
	plaintext: string;
}

export interface MockPushService {
	origin: string;
	received: Received[];
	refused: string[];
	device(): FakeDevice;
	close(): Promise<void>;
}

function b64urlJson(part: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Checks a `vapid t=<jwt>, k=<key>` header; returns the claims or throws why not. */
export function checkVapid(
	header: string,
	audience: string
): { key: string; claims: Record<string, unknown> } {
	const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
	if (!m) throw new Error(`not a vapid Authorization header: ${header.slice(0, 40)}`);
	const [, jwt, key] = m;
	const [head, body, signature] = jwt.split('.');
	if (b64urlJson(head).alg !== 'ES256') throw new Error('JWT alg is not ES256');
	const raw = Buffer.from(key, 'base64url');
	if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not a P-256 public key');
	const publicKey = createPublicKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: raw.subarray(1, 33).toString('base64url'),
			y: raw.subarray(33).toString('base64url')
		},
		format: 'jwk'
	});
	const ok = verify(
		'sha256',
		Buffer.from(`${head}.${body}`),
		{ key: publicKey, dsaEncoding: 'ieee-p1363' },
		Buffer.from(signature, 'base64url')
	);
	if (!ok) throw new Error('JWT signature does not verify with k');
	const claims = b64urlJson(body);
	const now = Date.now() / 1000;
	if (claims.aud !== audience) throw new Error(`aud ${String(claims.aud)} is not ${audience}`);
	if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp > now + 24 * 3600)
		throw new Error(`exp ${String(claims.exp)} is not within 24 h`);
	if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub))
		throw new Error(`sub ${String(claims.sub)} is not mailto: or https:`);
	return { key, claims };
}

export async function startMockPushService(): Promise<MockPushService> {
	const devices = new Map<string, FakeDevice>();
	const received: Received[] = [];
	const refused: string[] = [];
	let origin = '';
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			try {
				const device = devices.get(req.url ?? '');
				if (req.method !== 'POST' || !device) {
					res.writeHead(404).end();
					return;
				}
				if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
				if (!req.headers.ttl) throw new Error('no TTL header');
				const { key, claims } = checkVapid(String(req.headers.authorization ?? ''), origin);
				const plaintext = (
					ece.decrypt(Buffer.concat(chunks), {
						version: 'aes128gcm',
						privateKey: device.ecdh,
						authSecret: device.auth
					}) as Buffer
				).toString('utf8');
				received.push({
					path: req.url ?? '',
					headers: req.headers,
					vapidKey: key,
					claims,
					plaintext
				});
				res.writeHead(201).end();
			} catch (err) {
				refused.push((err as Error).message);
				res.writeHead(400).end((err as Error).message);
			}
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		received,
		refused,
		device() {
			const ecdh = createECDH('prime256v1');
			ecdh.generateKeys();
			const path = `/push/${randomBytes(8).toString('hex')}`;
			const d: FakeDevice = {
				endpoint: `${origin}${path}`,
				p256dh: ecdh.getPublicKey().toString('base64url'),
				auth: randomBytes(16).toString('base64url'),
				ecdh
			};
			devices.set(path, d);
			return d;
		},
		close: () => new Promise((done) => server.close(() => done()))
	};
}
