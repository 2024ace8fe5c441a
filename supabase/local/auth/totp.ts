/**
 * TOTP as GoTrue uses it (github.com/pquerna/otp): RFC 4226 HOTP over HMAC-SHA1, RFC 6238
 * time steps of 30 s, six digits, one step of skew either way, and 20-byte secrets written in
 * unpadded RFC 4648 base32.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_SKEW = 1;
/** totp.GenerateOpts' default SecretSize. */
export const TOTP_SECRET_BYTES = 20;

/** RFC 4648 base32 without padding, as pquerna/otp encodes secrets. */
export function base32Encode(bytes: Uint8Array): string {
	let out = '';
	let bits = 0;
	let value = 0;
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
		value &= (1 << bits) - 1;
	}
	if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
	return out;
}

/** Decodes base32, case-insensitively, ignoring `=` padding; throws on any other character. */
export function base32Decode(text: string): Buffer {
	const clean = text.toUpperCase().replace(/=+$/, '');
	const out: number[] = [];
	let bits = 0;
	let value = 0;
	for (const ch of clean) {
		const idx = BASE32.indexOf(ch);
		if (idx < 0) throw new Error(`invalid base32 character ${JSON.stringify(ch)}`);
		value = (value << 5) | idx;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
		value &= (1 << bits) - 1;
	}
	return Buffer.from(out);
}

/** RFC 4226 HOTP: dynamic truncation of HMAC(key, counter), as `digits` decimal digits. */
export function hotp(
	key: Uint8Array,
	counter: number,
	digits = TOTP_DIGITS,
	algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'
): string {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac(algorithm, key).update(msg).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const binary = mac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 TOTP of a base32 secret at a time (ms since the epoch). */
export function totp(secret: string, atMs = Date.now()): string {
	return hotp(base32Decode(secret), Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS));
}

/**
 * totp.ValidateCustom with GoTrue's options: a six-digit code matching the current step or
 * one step either side. Anything malformed is simply invalid.
 */
export function validateTotp(code: string, secret: string, atMs = Date.now()): boolean {
	if (code.length !== TOTP_DIGITS) return false;
	let key: Buffer;
	try {
		key = base32Decode(secret);
	} catch {
		return false;
	}
	const step = Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
	const given = Buffer.from(code);
	let valid = false;
	for (const counter of [step, step + TOTP_SKEW, step - TOTP_SKEW]) {
		if (counter < 0) continue;
		const expected = Buffer.from(hotp(key, counter));
		if (expected.length === given.length && timingSafeEqual(expected, given)) valid = true;
	}
	return valid;
}

/** A fresh secret of totp.Generate's default size. */
export function generateTotpSecret(): string {
	return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

/** Go's url.PathEscape-like escaping of the otpauth label, keeping the characters Go keeps. */
function escapeLabel(s: string): string {
	return encodeURIComponent(s).replace(/%(3A|40|24|26|2B|2C|3B|3D)/gi, (m) =>
		decodeURIComponent(m)
	);
}

/**
 * key.URL(): `otpauth://totp/<issuer>:<account>?algorithm=SHA1&digits=6&issuer=…&period=30&secret=…`,
 * query keys sorted as Go's url.Values encodes them, spaces as %20 as pquerna/otp writes them.
 */
export function otpauthUri(issuer: string, accountName: string, secret: string): string {
	const q = (v: string) => encodeURIComponent(v);
	return (
		`otpauth://totp/${escapeLabel(`${issuer}:${accountName}`)}` +
		`?algorithm=SHA1&digits=${TOTP_DIGITS}&issuer=${q(issuer)}&period=${TOTP_PERIOD_SECONDS}&secret=${q(secret)}`
	);
}

/**
 * The `qr_code` field: like GoTrue (boombuler/barcode at level H, drawn by goqrsvg), a QR code
 * of the URI as raw SVG markup; supabase-js prefixes `data:image/svg+xml;utf-8,`.
 */
export async function otpauthQrSvg(uri: string): Promise<string> {
	const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'H', margin: 4 });
	// Named colours as goqrsvg writes them: a `#` would end an unencoded data: URI early.
	return svg.replaceAll('"#ffffff"', '"white"').replaceAll('"#000000"', '"black"');
}
