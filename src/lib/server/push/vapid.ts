/**
 * The server's VAPID identity. In production it comes from PARLEY_VAPID_PUBLIC_KEY,
 * PARLEY_VAPID_PRIVATE_KEY and PARLEY_VAPID_SUBJECT (every app server must use the same pair:
 * a subscription is bound to the public key it was made with). Without them the keys are made
 * on first start and kept in the data directory, next to the database, so they survive restarts.
 */
import { createECDH } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';

/** A VAPID key pair (base64url, as browsers and web-push take them) and the contact subject. */
export interface Vapid {
	publicKey: string;
	privateKey: string;
	subject: string;
}

/** Thrown for configuration a person must fix; the message says how. */
export class VapidConfigError extends Error {
	override name = 'VapidConfigError';
}

/** The file in the data directory that keeps generated keys. */
export const VAPID_FILE = 'vapid.json';
/** Subject used when none is configured: push services want a contact, never mailed here. */
export const DEFAULT_VAPID_SUBJECT = 'mailto:push@parley.invalid';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decode(value: string, name: string, bytes: number): Buffer {
	const trimmed = value.trim().replace(/=+$/, '');
	const raw = BASE64URL.test(trimmed) ? Buffer.from(trimmed, 'base64url') : Buffer.alloc(0);
	if (raw.length !== bytes)
		throw new VapidConfigError(
			`${name} must be ${bytes} bytes in base64url (as \`npx web-push generate-vapid-keys\` prints), got ${JSON.stringify(value.slice(0, 12))}…`
		);
	return raw;
}

/** Checks a subject: a mailto: address or an https: URL, as RFC 8292 asks. */
export function validSubject(subject: string, name = 'PARLEY_VAPID_SUBJECT'): string {
	const value = subject.trim();
	let url: URL | null;
	try {
		url = new URL(value);
	} catch {
		url = null;
	}
	const ok =
		url !== null &&
		((url.protocol === 'mailto:' && /^[^@\s]+@[^@\s]+$/.test(url.pathname)) ||
			(url.protocol === 'https:' && url.hostname !== ''));
	if (!ok)
		throw new VapidConfigError(
			`${name} must be a mailto: address or an https: URL (e.g. mailto:support@example.com), got "${subject}"`
		);
	return value;
}

/** Checks that a key pair is well formed and that the public key belongs to the private one. */
export function validKeys(publicKey: string, privateKey: string, source: string): void {
	const pub = decode(publicKey, `${source} public key`, 65);
	const priv = decode(privateKey, `${source} private key`, 32);
	if (pub[0] !== 4)
		throw new VapidConfigError(`${source} public key must be an uncompressed P-256 point`);
	const ecdh = createECDH('prime256v1');
	try {
		ecdh.setPrivateKey(priv);
	} catch {
		throw new VapidConfigError(`${source} private key is not a valid P-256 key`);
	}
	if (!ecdh.getPublicKey().equals(pub))
		throw new VapidConfigError(`${source} public key does not belong to its private key`);
}

/** Reads the keys from the environment, or from (or into) `<dataDir>/vapid.json`. */
export function loadVapid(env: Record<string, string | undefined>, dataDir: string): Vapid {
	const publicKey = env.PARLEY_VAPID_PUBLIC_KEY?.trim() ?? '';
	const privateKey = env.PARLEY_VAPID_PRIVATE_KEY?.trim() ?? '';
	const subject = validSubject(env.PARLEY_VAPID_SUBJECT?.trim() || DEFAULT_VAPID_SUBJECT);
	if (publicKey || privateKey) {
		if (!publicKey || !privateKey)
			throw new VapidConfigError(
				'Set both PARLEY_VAPID_PUBLIC_KEY and PARLEY_VAPID_PRIVATE_KEY, or neither (then keys are made in the data directory).'
			);
		validKeys(publicKey, privateKey, 'PARLEY_VAPID');
		return { publicKey, privateKey, subject };
	}
	const file = join(dataDir, VAPID_FILE);
	return { ...readOrCreate(file), subject };
}

function readOrCreate(file: string): { publicKey: string; privateKey: string } {
	for (let attempt = 0; attempt < 2; attempt++) {
		let text: string | null = null;
		try {
			text = readFileSync(file, 'utf8');
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		}
		if (text !== null) {
			let keys: { publicKey?: unknown; privateKey?: unknown };
			try {
				keys = JSON.parse(text) as typeof keys;
			} catch {
				throw new VapidConfigError(`${file} is not JSON; delete it to make new keys`);
			}
			if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string')
				throw new VapidConfigError(
					`${file} lacks publicKey/privateKey; delete it to make new keys`
				);
			validKeys(keys.publicKey, keys.privateKey, file);
			return { publicKey: keys.publicKey, privateKey: keys.privateKey };
		}
		const made = webpush.generateVAPIDKeys();
		mkdirSync(join(file, '..'), { recursive: true });
		try {
			// 'wx': if another process made the file meanwhile, its keys win (read on the next turn).
			writeFileSync(file, JSON.stringify(made, null, '\t') + '\n', { flag: 'wx', mode: 0o600 });
			return made;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		}
	}
	throw new VapidConfigError(`could not read or create ${file}`);
}
