/**
 * Turning files a person picked, dropped, pasted or recorded into attachment messages: the
 * conversation's limits (asked once), the checks, the image preview, and the message the
 * session sends. Loaded on first use, with the storage client and the thumbnail code.
 */
import type { Db } from './api.ts';
import { attachmentPath, checkFile, type Refusal } from './attachment-checks.ts';
import {
	FILE_NAME_MAX_CHARS,
	type Attachment,
	type AttachmentKind,
	type AttachmentLimits
} from './attachments.ts';
import type { ConversationSession, Me } from './session.ts';
import { describeImage } from './thumbnail.ts';
import type { ChatMessage } from './types.ts';

interface RpcAnswer {
	data: unknown;
	error: { message: string } | null;
}

/** The conversation's limits, from `attachment_limits`. */
export async function fetchLimits(db: Db, conversationId: string): Promise<AttachmentLimits> {
	const answer = (await (db.rpc('attachment_limits', {
		p_conversation_id: conversationId
	}) as PromiseLike<RpcAnswer>)) ?? { data: null, error: null };
	const data = answer.data as Partial<AttachmentLimits> | null;
	if (
		answer.error ||
		!data ||
		typeof data.site_id !== 'string' ||
		typeof data.max_bytes !== 'number'
	)
		throw new Error(answer.error?.message ?? 'This conversation takes no attachments.');
	return {
		site_id: data.site_id,
		max_bytes: data.max_bytes,
		mime_types: Array.isArray(data.mime_types) ? data.mime_types : null
	};
}

/** A file that cannot be sent, and why. */
export interface Refused {
	name: string;
	refusal: Refusal;
	maxBytes: number;
}

/** Keeps a name readable and within the server's limit. */
function displayName(name: string): string {
	const trimmed = name.trim() || 'file';
	return trimmed.length > FILE_NAME_MAX_CHARS ? trimmed.slice(-FILE_NAME_MAX_CHARS) : trimmed;
}

/**
 * Sends each file as an image or file message (a voice message when `kind` says so), in the
 * order given; answers the ones refused before any byte left.
 */
export async function sendFiles(
	session: ConversationSession,
	me: Me,
	limits: AttachmentLimits,
	files: readonly File[],
	extra: { kind?: AttachmentKind; duration_ms?: number; newId?: () => string } = {}
): Promise<Refused[]> {
	const refused: Refused[] = [];
	const newId = extra.newId ?? (() => crypto.randomUUID());
	for (const file of files) {
		const name = displayName(file.name);
		const check = checkFile(file, limits);
		if (!check.ok) {
			refused.push({ name, refusal: check.refusal, maxBytes: limits.max_bytes });
			continue;
		}
		const id = newId();
		const attachment: Attachment = {
			path: attachmentPath(limits.site_id, session.conversationId, id, name),
			name,
			mime: check.mime,
			size: file.size
		};
		let kind: AttachmentKind = extra.kind ?? 'file';
		if (!extra.kind && check.mime.startsWith('image/')) {
			// Only what the browser can decode is shown as an image; the rest is a file card.
			const facts = await describeImage(file);
			if (facts) {
				kind = 'image';
				Object.assign(attachment, facts);
			}
		}
		if (extra.duration_ms !== undefined) attachment.duration_ms = Math.round(extra.duration_ms);
		const message: ChatMessage = {
			id,
			conversation_id: session.conversationId,
			sender_id: me.id,
			sender_kind: me.side,
			kind,
			body: '',
			attachment: { ...attachment },
			created_at: new Date().toISOString(),
			delivered_at: null,
			read_at: null
		};
		await session.sendAttachment(message, file);
	}
	return refused;
}
