/**
 * Sends through web-push: it encrypts the payload (aes128gcm) and signs the VAPID JWT; the
 * request itself goes out with fetch, with a timeout, so a slow push service cannot hold a
 * claim past its lease.
 */
import webpush from 'web-push';
import {
	BadSubscriptionError,
	type PushResponse,
	type PushTarget,
	type PushTransport
} from './sender.ts';
import type { Vapid } from './vapid.ts';

/** A push request gives up after this long (the claim's lease is far longer). */
export const PUSH_SEND_TIMEOUT_MS = 10_000;
/** How long a push service keeps a message for an offline device: a day. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;

/** Whether an endpoint may be sent to: https, or http://127.0.0.1 when tests allow it. */
export function endpointAllowed(endpoint: string, allowLoopbackHttp: boolean): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.protocol === 'https:') return true;
	return allowLoopbackHttp && url.protocol === 'http:' && url.hostname === '127.0.0.1';
}

/** Reads Retry-After (seconds or an HTTP date) into seconds. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return seconds;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** The production transport. */
export function webPushTransport(
	vapid: Vapid,
	opts: { allowLoopbackHttp?: boolean; fetch?: typeof fetch } = {}
): PushTransport {
	const send = opts.fetch ?? fetch;
	return {
		async send(target: PushTarget, payload: string, topic: string): Promise<PushResponse> {
			if (!endpointAllowed(target.endpoint, opts.allowLoopbackHttp ?? false))
				throw new BadSubscriptionError(`endpoint not allowed: ${target.endpoint.slice(0, 80)}`);
			let details: ReturnType<typeof webpush.generateRequestDetails>;
			try {
				details = webpush.generateRequestDetails(target, payload, {
					vapidDetails: vapid,
					TTL: PUSH_TTL_SECONDS,
					urgency: 'high',
					topic,
					contentEncoding: 'aes128gcm'
				});
			} catch (err) {
				// web-push refuses keys of the wrong length or encoding: this device cannot be reached.
				throw new BadSubscriptionError((err as Error).message);
			}
			const response = await send(details.endpoint, {
				method: details.method,
				headers: details.headers as Record<string, string>,
				body: details.body as Uint8Array<ArrayBuffer> | null,
				signal: AbortSignal.timeout(PUSH_SEND_TIMEOUT_MS),
				redirect: 'error'
			});
			await response.body?.cancel();
			return {
				statusCode: response.status,
				retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'))
			};
		}
	};
}
