/**
 * Attachments of messages (images, files, voice messages): the shape `messages.attachment`
 * holds for them, where their bytes live in Storage, and the checks a file passes before it
 * is sent. The server checks the same again (bucket limits, RLS, the messages trigger); these
 * checks exist so a person hears "too large" at once rather than after the upload.
 */

/** The message kinds that carry a stored object. */
export type AttachmentKind = 'image' | 'file' | 'voice';

/** `messages.attachment` of an image, file or voice message. */
export interface Attachment {
	/** The object's name in the bucket: `<site>/<conversation>/<message id>/<file name>`. */
	path: string;
	/** The file's name as the sender had it. */
	name: string;
	mime: string;
	size: number;
	/** Images: pixel size, and a tiny JPEG data URL drawn before the upload. */
	width?: number;
	height?: number;
	thumb?: string;
	/** Voice messages: how long, in milliseconds. */
	duration_ms?: number;
}

/** The private bucket every conversation's attachments live in. */
export const ATTACHMENT_BUCKET = 'attachments';
/** What a site allows unless its owner changed it (the server's default, 20 MiB). */
export const ATTACHMENT_DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/** Longest thumbnail data URL kept in a message (`attachment` is at most 4 KB). */
export const THUMB_MAX_CHARS = 2_600;
/** Longest file name kept, in characters (the server allows 200). */
export const FILE_NAME_MAX_CHARS = 120;
/** How long a signed download link lives, in seconds. */
export const SIGNED_URL_TTL_S = 600;

/** What the server allows in one conversation (`attachment_limits`). */
export interface AttachmentLimits {
	site_id: string;
	max_bytes: number;
	mime_types: string[] | null;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The attachment of a message, when its JSON has the right shape; else null. */
export function parseAttachment(value: unknown): Attachment | null {
	if (typeof value !== 'object' || value === null) return null;
	const a = value as Record<string, unknown>;
	if (typeof a.path !== 'string' || typeof a.name !== 'string' || typeof a.mime !== 'string')
		return null;
	if (!isCount(a.size)) return null;
	const out: Attachment = { path: a.path, name: a.name, mime: a.mime, size: a.size };
	if (isCount(a.width) && isCount(a.height)) {
		out.width = a.width;
		out.height = a.height;
	}
	if (typeof a.thumb === 'string' && a.thumb.startsWith('data:image/')) out.thumb = a.thumb;
	if (isCount(a.duration_ms)) out.duration_ms = a.duration_ms;
	return out;
}

const ENGLISH_UNITS = ['B', 'KB', 'MB', 'GB'];

/**
 * A size for people in `locale`: `980 B`, `12 KB`, `5.2 MB` (binary units, as the limits are
 * set), with the language's own unit names and decimal sign.
 */
export function formatBytes(bytes: number, locale = 'en'): string {
	const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit > 0 && value < 10 ? 1 : 0;
	// English keeps the short B/KB/MB people expect (Intl says "980 byte", "12 kB").
	if (locale === 'en' || locale.startsWith('en-'))
		return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${ENGLISH_UNITS[unit]}`;
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: units[unit],
		maximumFractionDigits: digits
	}).format(value);
}

/** `m:ss` for a duration in milliseconds. */
export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.round(ms / 1000));
	return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
