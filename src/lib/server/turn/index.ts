/**
 * TURN credentials in coturn's REST scheme (`--use-auth-secret`): the username is
 * `<unix expiry>:<user id>` and the password base64(HMAC-SHA1(secret, username)), so the TURN
 * server checks them with the shared secret alone and they stop working by themselves. The
 * secret never leaves the app server.
 */
import { createHmac } from 'node:crypto';

/** How long issued credentials last unless TURN_TTL_SECONDS says otherwise. */
export const TURN_TTL_SECONDS_DEFAULT = 3_600;
const TURN_TTL_SECONDS_MIN = 60;
const TURN_TTL_SECONDS_MAX = 86_400;
/** coturn compares the secret as given; a short one is guessable offline from any credential. */
const TURN_SECRET_MIN_CHARS = 16;

/** The TURN setup read from the environment. */
export interface TurnConfig {
	urls: string[];
	secret: string;
	ttlSeconds: number;
}

/** An ICE server as RTCPeerConnection takes it. */
export interface IceServer {
	urls: string[];
	username?: string;
	credential?: string;
}

/** A TURN_URL entry: turn: or turns:, a host, an optional port and ?transport=udp|tcp. */
const TURN_URL = /^turns?:[A-Za-z0-9.\-[\]:]+(:\d{1,5})?(\?transport=(udp|tcp))?$/;

/** Thrown for a TURN_* variable that is set but unusable. */
export class TurnConfigError extends Error {}

/**
 * The TURN setup from the environment, or null when TURN_URL and TURN_SECRET are both unset
 * (then calls use host candidates only). Throws TurnConfigError when only one is set or either
 * is malformed.
 */
export function readTurnConfig(env: Record<string, string | undefined>): TurnConfig | null {
	const url = env.TURN_URL?.trim() ?? '';
	const secret = env.TURN_SECRET ?? '';
	if (!url && !secret) return null;
	if (!url || !secret)
		throw new TurnConfigError('TURN_URL and TURN_SECRET must be set together (or neither)');
	const urls = url
		.split(',')
		.map((u) => u.trim())
		.filter(Boolean);
	const bad = urls.find((u) => !TURN_URL.test(u));
	if (bad)
		throw new TurnConfigError(
			`TURN_URL: "${bad}" is not a turn: or turns: URL (e.g. turn:turn.example.com:3478?transport=udp)`
		);
	if (secret.length < TURN_SECRET_MIN_CHARS)
		throw new TurnConfigError(`TURN_SECRET must be at least ${TURN_SECRET_MIN_CHARS} characters`);
	const ttlText = env.TURN_TTL_SECONDS?.trim();
	const ttlSeconds = ttlText ? Number(ttlText) : TURN_TTL_SECONDS_DEFAULT;
	if (
		!Number.isInteger(ttlSeconds) ||
		ttlSeconds < TURN_TTL_SECONDS_MIN ||
		ttlSeconds > TURN_TTL_SECONDS_MAX
	)
		throw new TurnConfigError(
			`TURN_TTL_SECONDS must be a whole number from ${TURN_TTL_SECONDS_MIN} to ${TURN_TTL_SECONDS_MAX}`
		);
	return { urls, secret, ttlSeconds };
}

/** Credentials for `userId` valid until `nowMs` + the configured lifetime. */
export function turnCredentials(
	config: TurnConfig,
	userId: string,
	nowMs: number = Date.now()
): { username: string; credential: string; expiresAt: number } {
	const expiresAt = Math.floor(nowMs / 1000) + config.ttlSeconds;
	const username = `${expiresAt}:${userId}`;
	const credential = createHmac('sha1', config.secret).update(username).digest('base64');
	return { username, credential, expiresAt };
}

/** The ICE servers for a call: the TURN server with fresh credentials, or none (host only). */
export function iceServersFor(
	config: TurnConfig | null,
	userId: string,
	nowMs: number = Date.now()
): { iceServers: IceServer[]; expiresAt: number | null } {
	if (!config) return { iceServers: [], expiresAt: null };
	const { username, credential, expiresAt } = turnCredentials(config, userId, nowMs);
	return { iceServers: [{ urls: config.urls, username, credential }], expiresAt };
}
