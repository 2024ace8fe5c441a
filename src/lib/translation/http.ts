/**
 * One HTTP call to a translation server under a time limit, with the ways it can fail turned
 * into reasons: the provider modules then only read answers.
 */
import type { FailureReason } from './types.ts';

/** How long one call to a translation server may take, body included. */
export const PROVIDER_CALL_LIMIT_MS = 2_000;

/** The fetch function providers use (the global one unless a test gives another). */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What came back: the status and the body (parsed JSON, or null when it is not JSON). */
export type HttpAnswer =
	| { ok: true; status: number; json: unknown; text: string }
	| { ok: false; reason: Extract<FailureReason, 'down' | 'slow'>; detail: string };

/** Calls `url` and reads the whole answer within `limitMs`; never throws. */
export async function callWithLimit(
	fetchFn: Fetch,
	url: string,
	init: RequestInit,
	limitMs: number = PROVIDER_CALL_LIMIT_MS,
	signal?: AbortSignal
): Promise<HttpAnswer> {
	const timeout = AbortSignal.timeout(limitMs);
	const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
	try {
		const response = await fetchFn(url, { ...init, signal: combined, redirect: 'error' });
		const text = await response.text();
		let json: unknown = null;
		try {
			json = JSON.parse(text);
		} catch {
			// Not JSON: a proxy's error page, say. The caller decides from the status.
		}
		return { ok: true, status: response.status, json, text };
	} catch (err) {
		if (timeout.aborted) return { ok: false, reason: 'slow', detail: `no answer in ${limitMs} ms` };
		if (signal?.aborted) return { ok: false, reason: 'slow', detail: 'the request was cancelled' };
		return { ok: false, reason: 'down', detail: describe(err) };
	}
}

/** A network error's message with its cause (undici hides ECONNREFUSED in `cause`). */
function describe(err: unknown): string {
	if (!(err instanceof Error)) return String(err);
	const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
	return `${err.message}${cause}`;
}

/** Whether a status means a gateway could not reach the server behind it. */
export const isGatewayFailure = (status: number): boolean =>
	status === 502 || status === 503 || status === 504;

/** The base URL without trailing slashes, so paths append cleanly. */
export const trimBase = (url: string): string => url.replace(/\/+$/, '');
