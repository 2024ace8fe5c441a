/** POST /api/pairing {token}: redeems a pairing or device link for the device that opened it. */
import { json } from '@sveltejs/kit';
import { adminClient } from '$lib/server/admin.ts';
import { PairingError, redeemPairingToken, type PairingRefusal } from '$lib/server/pairing.ts';
import type { RequestHandler } from './$types';

/** A token is 48 characters; anything much larger is not a pairing request. */
const BODY_MAX_BYTES = 1024;

const STATUS: Readonly<Record<PairingRefusal, number>> = {
	malformed: 400,
	unknown: 404,
	used: 409,
	revoked: 410,
	expired: 410
};

const NO_STORE = { 'cache-control': 'no-store' };

function refuse(status: number, code: string, message: string) {
	return json({ error: { code, message } }, { status, headers: NO_STORE });
}

export const POST: RequestHandler = async ({ request }) => {
	if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json'))
		return refuse(415, 'unsupported_media_type', 'send the token as application/json');
	const text = await request.text();
	if (new TextEncoder().encode(text).length > BODY_MAX_BYTES)
		return refuse(413, 'payload_too_large', 'the request body is too large');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return refuse(400, 'malformed', 'the request body is not JSON');
	}
	const token =
		body && typeof body === 'object' ? (body as Record<string, unknown>).token : undefined;
	try {
		const outcome = await redeemPairingToken(adminClient(), token);
		if (!outcome.ok)
			return refuse(STATUS[outcome.refusal], outcome.refusal, `pairing link ${outcome.refusal}`);
		return json(
			{
				kind: outcome.kind,
				token_hash: outcome.tokenHash,
				type: 'email',
				site_id: outcome.siteId,
				display_name: outcome.displayName
			},
			{ headers: NO_STORE }
		);
	} catch (err) {
		if (err instanceof PairingError) {
			console.error('[pairing]', err.message);
			return refuse(503, 'unavailable', 'pairing is not available right now; try again');
		}
		throw err;
	}
};
