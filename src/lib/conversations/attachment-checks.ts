/**
 * The checks a file passes before it is sent, and the object name it gets: only the upload
 * code (loaded on first use) needs them. The server checks the same again.
 */
import { FILE_NAME_MAX_CHARS, type AttachmentLimits } from './attachments.ts';

/**
 * A file name Storage accepts as the last part of a key: letters, digits and a few safe
 * signs; anything else becomes `_`. The original name stays in `attachment.name`.
 */
export function storageName(name: string): string {
	const cleaned = name
		.normalize('NFC')
		.replace(/[^\w!\-.*'()@=+,]/g, '_')
		.replace(/^\.+/, '_')
		.slice(-FILE_NAME_MAX_CHARS);
	return cleaned || 'file';
}

/** The object name of a message's attachment. */
export const attachmentPath = (
	siteId: string,
	conversationId: string,
	messageId: string,
	name: string
) => `${siteId}/${conversationId}/${messageId}/${storageName(name)}`;

/** A few types browsers leave empty, by extension; others stay unknown (and are refused). */
const BY_EXTENSION: Record<string, string> = {
	md: 'text/plain',
	txt: 'text/plain',
	csv: 'text/csv',
	heic: 'image/heic',
	heif: 'image/heif',
	webm: 'audio/webm',
	m4a: 'audio/mp4'
};

/** The MIME type a file is sent as (without parameters), '' when unknown. */
export function mimeOf(file: { name: string; type: string }): string {
	const type = file.type.split(';')[0].trim().toLowerCase();
	if (type) return type;
	const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
	return BY_EXTENSION[ext] ?? '';
}

/** Whether `mime` is on the list (`type/*` entries allowed); no list allows everything. */
export function mimeAllowed(mime: string, allowed: readonly string[] | null): boolean {
	if (!allowed || allowed.length === 0) return true;
	const [type] = mime.split('/');
	return allowed.some((entry) => entry === mime || entry === `${type}/*`);
}

/** Why a file cannot be sent. */
export type Refusal = 'too-large' | 'type' | 'empty';

/** Checks a file against the conversation's limits; says which kind of message it makes. */
export function checkFile(
	file: { name: string; type: string; size: number },
	limits: Pick<AttachmentLimits, 'max_bytes' | 'mime_types'>
): { ok: true; mime: string } | { ok: false; refusal: Refusal } {
	if (file.size === 0) return { ok: false, refusal: 'empty' };
	const mime = mimeOf(file);
	if (!mime || !mimeAllowed(mime, limits.mime_types)) return { ok: false, refusal: 'type' };
	if (file.size > limits.max_bytes) return { ok: false, refusal: 'too-large' };
	return { ok: true, mime };
}
