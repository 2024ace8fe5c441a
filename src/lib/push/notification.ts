/**
 * The push payload as the service worker reads it, and the decisions it makes about it; kept
 * out of the worker so specs can test them. The server writes the payload in
 * `$lib/server/push/format.ts`.
 */

/** Kinds of notification the server sends. */
export type PushNotificationKind =
	| 'conversation_started'
	| 'invitation_accepted'
	| 'message'
	| 'transfer_offered'
	| 'whisper'
	| 'call';

/** What a push carries. */
export interface PushPayload {
	v: 1;
	kind: PushNotificationKind;
	conversationId: string;
	title: string;
	body: string;
	tag: string;
	url: string;
	count: number;
	/** A transfer offer's id: the console opens the conversation with that offer's outcome. */
	offer?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = new Set([
	'conversation_started',
	'invitation_accepted',
	'message',
	'transfer_offered',
	'whisper',
	'call'
]);

/** The console path of a conversation. */
export const conversationPath = (id: string): string => `/app/conversations/${id}`;

/** Reads a push's text; null when it is not a payload this server sends. */
export function parsePushPayload(text: string | null | undefined): PushPayload | null {
	if (!text) return null;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const p = value as Record<string, unknown>;
	if (p.v !== 1 || typeof p.kind !== 'string' || !KINDS.has(p.kind)) return null;
	if (typeof p.conversationId !== 'string' || !UUID.test(p.conversationId)) return null;
	if (typeof p.title !== 'string' || typeof p.body !== 'string') return null;
	const count =
		typeof p.count === 'number' && Number.isInteger(p.count) && p.count > 0 ? p.count : 1;
	return {
		v: 1,
		kind: p.kind as PushNotificationKind,
		conversationId: p.conversationId,
		title: p.title.slice(0, 120),
		body: p.body.slice(0, 200),
		// Only the server's own shape is trusted: the tag and URL follow from the id.
		tag: p.conversationId,
		url: conversationPath(p.conversationId),
		count,
		...(p.kind === 'transfer_offered' && typeof p.offer === 'string' && UUID.test(p.offer)
			? { offer: p.offer }
			: {})
	};
}

/** What the worker knows about an open window. */
export interface WindowInfo {
	url: string;
	focused: boolean;
	visibilityState: DocumentVisibilityState;
}

/**
 * True when a focused, visible console already shows this conversation: the agent is reading
 * it, so a notification would only interrupt. (Chrome lets a push go without a notification
 * while a page of the site is visible, so this does not trigger its generic one.)
 */
export function alreadyShown(
	payload: PushPayload,
	windows: readonly WindowInfo[],
	base = ''
): boolean {
	return windows.some(
		(w) =>
			w.focused &&
			w.visibilityState === 'visible' &&
			new URL(w.url).pathname === `${base}${payload.url}`
	);
}

/** The window a click should reuse: a console window first, else any window of ours. */
export function pickWindow<T extends { url: string }>(
	windows: readonly T[],
	base = ''
): T | undefined {
	return windows.find((w) => new URL(w.url).pathname.startsWith(`${base}/app`)) ?? windows[0];
}

/**
 * The path a notification's data points to, only if it is a conversation of the console; with
 * a transfer offer's id, the conversation opens with what became of that offer.
 */
export function clickPath(data: unknown): string {
	const { url, offer } = (data ?? {}) as { url?: unknown; offer?: unknown };
	if (typeof url !== 'string' || !/^\/app\/conversations\/[0-9a-f-]{36}$/.test(url))
		return '/app/conversations';
	return typeof offer === 'string' && UUID.test(offer) ? `${url}?offer=${offer}` : url;
}
