/**
 * tasks-vision 1.1.0 reports usage metrics to Google: every minute and when a task closes, it
 * POSTs to odml.pa.googleapis.com with `fetch`. Parley promises that nothing of a call leaves
 * our origin, so the bundle we serve has that one sender rewritten to fail at once, as if the
 * network had refused (its logger then gives up for good), and the endpoint dropped. The
 * version is pinned: if the bundle changes shape, serving it fails rather than ship metrics.
 */

const ENDPOINT = '"https://odml.pa.googleapis.com/v1/log"';
/** The metrics sender's one method: `async send(request, onSuccess, onError) { …fetch… }`. */
const SENDER = /async send\((\w+),(\w+),(\w+)\)\{/g;

/**
 * tasks-vision's ES bundle with its metrics sender disabled (and its source map comment gone:
 * the map is not served); throws if the sender is not found exactly.
 */
export function stripTelemetry(code: string): string {
	const endpoints = code.split(ENDPOINT).length - 1;
	const senders = [...code.matchAll(SENDER)];
	if (endpoints !== 1 || senders.length !== 1)
		throw new Error(
			`tasks-vision's metrics sender was not found as expected (${endpoints} endpoints, ` +
				`${senders.length} senders): check src/lib/server/mediapipe-offline.ts after an upgrade`
		);
	return code
		.replace(
			SENDER,
			(_, request, _ok, onError) =>
				`async send(${request},${_ok},${onError}){${onError}?.(403);return;`
		)
		.replace(ENDPOINT, '""')
		.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
}
