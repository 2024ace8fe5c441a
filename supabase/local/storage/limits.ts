/** Validation rules Storage applies to names, sizes and MIME types. */
import { ERRORS } from './errors.ts';

/** Longest object key accepted, in bytes of UTF-8 (S3's limit). */
export const MAX_KEY_BYTES = 1024;
/** Longest bucket name accepted, in characters. */
export const MAX_BUCKET_NAME_CHARS = 100;

// S3-safe characters plus any printable non-ASCII character (Storage accepts Unicode keys).
// eslint-disable-next-line no-control-regex -- the range is "any non-ASCII", not a control character
const KEY_CHARS = /^(?:[\w/!\-.*'() &$@=;:+,?]|[^\x00-\x7F])+$/u;
const BUCKET_CHARS = /^[\w!\-.*'() &$@=;:+,?]+$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/;

/** True for an object key Storage accepts (and that cannot escape a folder on disk). */
export function isValidKey(key: string): boolean {
	if (key.length === 0 || Buffer.byteLength(key) > MAX_KEY_BYTES) return false;
	if (CONTROL.test(key) || !KEY_CHARS.test(key)) return false;
	return !key.split('/').some((segment) => segment === '.' || segment === '..');
}

export function mustBeValidKey(key: string): void {
	if (!isValidKey(key)) throw ERRORS.invalidKey(key);
}

/** True for a bucket name Storage accepts. */
export function isValidBucketName(name: string): boolean {
	return (
		name.length > 0 &&
		name.length <= MAX_BUCKET_NAME_CHARS &&
		name.trim() === name &&
		BUCKET_CHARS.test(name)
	);
}

export function mustBeValidBucketName(name: string): void {
	if (!isValidBucketName(name)) throw ERRORS.invalidBucketName();
}

const SIZE_WITH_UNIT = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i;
const UNIT_BYTES: Record<string, number> = { GB: 1e9, MB: 1e6, KB: 1e3, B: 1 };

/** Parses `20MB`-style sizes into bytes, as Storage does (decimal units). */
export function parseFileSizeToBytes(text: string): number {
	const match = SIZE_WITH_UNIT.exec(text);
	if (!match) throw ERRORS.invalidFileSizeLimit();
	const value = Number(parseFloat(match[1]).toPrecision(3));
	return value * UNIT_BYTES[match[2].toUpperCase()];
}

const MIME_PATTERN = /^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/;

/** Checks the MIME types a bucket may be given. */
export function validateAllowedMimeTypes(types: string[]): void {
	for (const type of types) {
		if (type.length > 1000 || !MIME_PATTERN.test(type)) throw ERRORS.invalidMimeType(type);
	}
}

/** Checks an upload's MIME type against a bucket's list (`image/*` wildcards allowed). */
export function mustBeAllowedMimeType(mimeType: string, allowed: string[] | null): void {
	if (!allowed || allowed.length === 0) return;
	const [type, subtype] = mimeType.split(';')[0].trim().split('/');
	if (!type || subtype === undefined) throw ERRORS.invalidMimeType(mimeType);
	for (const entry of allowed) {
		const [allowedType, allowedSub] = entry.split(';')[0].trim().split('/');
		if (allowedType === type && (allowedSub === '*' || allowedSub === subtype)) return;
	}
	throw ERRORS.invalidMimeType(mimeType);
}

/** How the image formats Storage accepts begin (their magic bytes), by MIME subtype. */
const IMAGE_SIGNATURES: Record<string, (head: Buffer) => boolean> = {
	png: (h) =>
		h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
	jpeg: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
	gif: (h) => /^GIF8[79]a/.test(h.subarray(0, 6).toString('latin1')),
	webp: (h) =>
		h.subarray(0, 4).toString('latin1') === 'RIFF' &&
		h.subarray(8, 12).toString('latin1') === 'WEBP',
	bmp: (h) => h.subarray(0, 2).toString('latin1') === 'BM',
	// ISO base media files: a `ftyp` box whose brand names the format.
	avif: (h) => isoBrand(h, ['avif', 'avis']),
	heic: (h) => isoBrand(h, ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1']),
	heif: (h) => isoBrand(h, ['mif1', 'msf1', 'heic', 'heix'])
};
IMAGE_SIGNATURES.jpg = IMAGE_SIGNATURES.jpeg;

function isoBrand(head: Buffer, brands: string[]): boolean {
	return (
		head.subarray(4, 8).toString('latin1') === 'ftyp' &&
		brands.includes(head.subarray(8, 12).toString('latin1'))
	);
}

/**
 * Refuses an upload declared as a raster image whose first bytes are not that image format.
 * Supabase Storage itself trusts the declared type (it checks it against the bucket's
 * allowlist only); the local stack also looks at the bytes, so an `image/png` that is really
 * a script or an executable never gets stored as a picture (see the README for production).
 */
export function mustMatchDeclaredImage(mimeType: string, head: Buffer): void {
	const [type, subtype] = mimeType.split(';')[0].trim().toLowerCase().split('/');
	if (type !== 'image') return;
	const matches = IMAGE_SIGNATURES[subtype ?? ''];
	if (matches && !matches(head)) throw ERRORS.contentNotImage(mimeType);
}
