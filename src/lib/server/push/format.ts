/**
 * What a notification says. Entries of one conversation claimed together collapse into one
 * notification; its tag is the conversation id, so the device replaces an older notification
 * about the same conversation instead of stacking another.
 */
import { consoleStrings as en } from '../../i18n/en/console.ts';
import { consoleStrings as es } from '../../i18n/es/console.ts';
import { consoleStrings as fr } from '../../i18n/fr/console.ts';
import { consoleStrings as de } from '../../i18n/de/console.ts';
import { consoleStrings as zh } from '../../i18n/zh/console.ts';
import { consoleStrings as ar } from '../../i18n/ar/console.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import { conversationPath, type PushPayload } from '../../push/notification.ts';

/** The kinds of entries the database queues (push_outbox.kind). */
export const PUSH_KINDS = [
	'conversation_started',
	'invitation_accepted',
	'message',
	'transfer_offered',
	'whisper',
	'call'
] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** What a queued entry carries for display (push_outbox.data). */
export interface PushData {
	site_name?: string;
	visitor_name?: string;
	preview?: string;
	message_kind?: string;
	/** A transfer offer's or a whisper's sender (their name on the site). */
	from_name?: string;
	/** A transfer offer's id, so the notification opens that offer's outcome. */
	transfer_id?: string;
}

/** One queued entry as the sender sees it. */
export interface PushItem {
	kind: PushKind;
	conversationId: string;
	data: PushData;
}

type Words = Readonly<Record<keyof typeof en.push.notification, string>>;
const WORDS: Readonly<Record<Language, Words>> = {
	en: en.push.notification,
	es: es.push.notification,
	fr: fr.push.notification,
	de: de.push.notification,
	zh: zh.push.notification,
	ar: ar.push.notification
};

/**
 * The interface language a notification is worded in, from the language the agent's console
 * keeps on the server (`es`, `fr-CA`, …): its primary subtag when the interface has it,
 * English otherwise.
 */
export function notificationLanguage(tag: string | null | undefined): Language {
	const primary = (typeof tag === 'string' ? tag : '').split('-')[0].toLowerCase();
	return isLanguage(primary) ? primary : 'en';
}

/** Replaces {{name}} placeholders, as the console's i18n does. */
function fill(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** The text that stands for a message: its preview, or what kind of message it was. */
function previewOf(data: PushData, S: Words): string {
	const preview = (data.preview ?? '').trim();
	if (preview) return preview;
	if (data.message_kind === 'image') return S.image;
	if (data.message_kind === 'voice') return S.voice;
	if (data.message_kind === 'file') return S.file;
	return '';
}

/** Of several kinds in one notification, the one that says most. */
const RANK: Record<PushKind, number> = {
	call: 5,
	transfer_offered: 4,
	whisper: 3,
	invitation_accepted: 2,
	conversation_started: 1,
	message: 0
};

/**
 * Turns the entries of one conversation (oldest first) into one notification, worded in the
 * agent's language (see notificationLanguage).
 */
export function formatNotification(
	items: readonly PushItem[],
	language?: string | null
): PushPayload {
	if (items.length === 0) throw new Error('formatNotification needs at least one entry');
	const S = WORDS[notificationLanguage(language)];
	const conversationId = items[0].conversationId;
	const latest = items[items.length - 1].data;
	const kind = items.reduce<PushKind>((k, i) => (RANK[i.kind] > RANK[k] ? i.kind : k), 'message');
	const name = (items.find((i) => i.data.visitor_name)?.data.visitor_name ?? '') || S.visitor;
	const site = items.find((i) => i.data.site_name)?.data.site_name ?? '';
	const messages = items.filter((i) => i.kind === 'message');
	const lastMessage = messages.length ? previewOf(messages[messages.length - 1].data, S) : '';
	const values = { name, site, count: messages.length, preview: lastMessage };
	let title: string;
	let body: string;
	let offer: string | undefined;
	if (kind === 'call') {
		// A ringing call: its media (audio/video) travels as message_kind.
		const call = items.find((i) => i.kind === 'call')?.data;
		title = call?.message_kind === 'audio' ? S.callAudio : S.callVideo;
		body = fill(S.callBody, values);
	} else if (kind === 'transfer_offered') {
		// The note the colleague wrote (or the conversation's last message) travels as preview.
		const offered = items.findLast((i) => i.kind === 'transfer_offered')!.data;
		const from = offered.from_name || S.colleague;
		title = fill(S.transfer, { ...values, from });
		body = offered.preview
			? fill(S.transferNote, { ...values, preview: offered.preview })
			: fill(S.transferBody, values);
		offer = offered.transfer_id;
	} else if (kind === 'whisper') {
		const whisper = items.findLast((i) => i.kind === 'whisper')!.data;
		title = fill(S.whisper, { ...values, from: whisper.from_name || S.colleague });
		body = whisper.preview ?? '';
	} else if (kind === 'invitation_accepted') {
		title = fill(S.accepted, values);
		body = lastMessage || fill(S.acceptedBody, values);
	} else if (kind === 'conversation_started') {
		title = fill(S.started, values);
		body = lastMessage || previewOf(latest, S) || fill(S.startedBody, values);
	} else {
		title = fill(S.message, values);
		body = messages.length > 1 ? fill(S.messages, values) : lastMessage;
	}
	return {
		v: 1,
		kind,
		conversationId,
		title: title.slice(0, 120),
		body: body.slice(0, 200),
		tag: conversationId,
		url: conversationPath(conversationId),
		count: Math.max(messages.length, 1),
		...(offer ? { offer } : {})
	};
}

/** A push service Topic for a conversation: at most 32 URL-safe characters (RFC 8030). */
export function topicFor(conversationId: string): string {
	return conversationId.replace(/-/g, '').slice(0, 32);
}
