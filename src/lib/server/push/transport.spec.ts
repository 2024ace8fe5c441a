import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { BadSubscriptionError } from './sender.ts';
import {
	PUSH_TTL_SECONDS,
	endpointAllowed,
	retryAfterSeconds,
	webPushTransport
} from './transport.ts';

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.com' };

function device(endpoint = 'https://push.example/abc') {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		endpoint,
		keys: {
			p256dh: ecdh.getPublicKey().toString('base64url'),
			auth: randomBytes(16).toString('base64url')
		}
	};
}

describe('endpointAllowed', () => {
	it('allows https, and http only on 127.0.0.1 when tests ask for it', () => {
		expect(endpointAllowed('https://fcm.googleapis.com/fcm/send/x', false)).toBe(true);
		expect(endpointAllowed('http://127.0.0.1:9/push', false)).toBe(false);
		expect(endpointAllowed('http://127.0.0.1:9/push', true)).toBe(true);
		expect(endpointAllowed('http://localhost:9/push', true)).toBe(false);
		expect(endpointAllowed('http://10.0.0.1/push', true)).toBe(false);
		expect(endpointAllowed('not a url', true)).toBe(false);
	});
});

describe('retryAfterSeconds', () => {
	it('reads seconds and HTTP dates', () => {
		expect(retryAfterSeconds('120')).toBe(120);
		expect(retryAfterSeconds(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50);
		expect(retryAfterSeconds(null)).toBeUndefined();
		expect(retryAfterSeconds('soon')).toBeUndefined();
	});
});

describe('webPushTransport', () => {
	it('sends an encrypted, VAPID-signed request with TTL, urgency and the conversation as Topic', async () => {
		const requests: { url: string; init: RequestInit }[] = [];
		const transport = webPushTransport(vapid, {
			fetch: (async (url: string, init: RequestInit) => {
				requests.push({ url, init });
				return new Response(null, { status: 201 });
			}) as unknown as typeof fetch
		});
		const answer = await transport.send(device(), '{"v":1}', 'a'.repeat(32));
		expect(answer).toEqual({ statusCode: 201, retryAfterSeconds: undefined });
		const headers = requests[0].init.headers as Record<string, string>;
		expect(requests[0].url).toBe('https://push.example/abc');
		expect(headers['Content-Encoding']).toBe('aes128gcm');
		expect(headers.TTL).toBe(PUSH_TTL_SECONDS);
		expect(headers.Urgency).toBe('high');
		expect(headers.Topic).toBe('a'.repeat(32));
		expect(headers.Authorization).toMatch(new RegExp(`^vapid t=.+, k=${vapid.publicKey}$`));
		expect(requests[0].init.redirect).toBe('error');
	});

	it('passes Retry-After back, and refuses unusable devices without sending', async () => {
		let sent = 0;
		const transport = webPushTransport(vapid, {
			fetch: (async () => {
				sent++;
				return new Response(null, { status: 429, headers: { 'retry-after': '30' } });
			}) as unknown as typeof fetch
		});
		expect(await transport.send(device(), 'x', 't')).toEqual({
			statusCode: 429,
			retryAfterSeconds: 30
		});
		await expect(
			transport.send(
				{ endpoint: 'https://push.example/1', keys: { p256dh: 'k', auth: 'a' } },
				'x',
				't'
			)
		).rejects.toBeInstanceOf(BadSubscriptionError);
		await expect(transport.send(device('http://127.0.0.1:9/p'), 'x', 't')).rejects.toBeInstanceOf(
			BadSubscriptionError
		);
		expect(sent).toBe(1);
	});
});
