/**
 * A site's conversation settings: what the widget asks before a chat, how long an invitation
 * waits, the saved invitation messages, how long silent visitors are kept, and how large an
 * attachment may be. Checked here with the database's own limits (the live_visitors and
 * attachments migrations) so the person sees which field is wrong; the database checks again
 * and its refusals map back to the same fields (chatWriteProblem).
 */
import type { DataFailure } from '$lib/data/result.ts';
import type { MessageKey, MessageValues } from '$lib/i18n/i18n.ts';
import { classifyWrite, type WriteProblem } from './errors.ts';

export const PRECHAT_RULES = ['off', 'optional', 'required'] as const;
export type PrechatRule = (typeof PRECHAT_RULES)[number];

/** The columns of `sites` this form writes. */
export interface ChatSettings {
	prechat_name: PrechatRule;
	prechat_email: PrechatRule;
	invitation_ttl_seconds: number;
	invitation_messages: string[];
	visitor_retention_days: number;
	attachment_max_bytes: number;
}

/** The limits of the database's check constraints. */
export const CHAT_LIMITS = {
	ttlSeconds: { min: 10, max: 600 },
	messages: 20,
	messageChars: 500,
	retentionDays: { min: 1, max: 365 },
	/** The form speaks megabytes (MiB); the column is bytes, 1 KiB to 50 MiB. */
	attachmentMb: { min: 1, max: 50 }
} as const;

const MB = 1024 * 1024;

const MESSAGES_REFUSED = {
	key: 'chatSettings.errors.messagesRefused',
	values: { max: CHAT_LIMITS.messages, chars: CHAT_LIMITS.messageChars }
} as const;

/** The table's defaults, for a site row that lacks a column. */
export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
	prechat_name: 'optional',
	prechat_email: 'off',
	invitation_ttl_seconds: 60,
	invitation_messages: [],
	visitor_retention_days: 30,
	attachment_max_bytes: 20 * MB
};

/** The form as typed: numbers are text, saved messages one per line. */
export interface ChatDraft {
	prechat_name: string;
	prechat_email: string;
	invitation_ttl_seconds: string;
	invitation_messages: string;
	visitor_retention_days: string;
	attachment_max_mb: string;
}

export type ChatField = keyof ChatDraft;

export interface ChatProblem {
	key: MessageKey;
	values?: MessageValues;
}

export type ChatValidation =
	| { ok: true; settings: ChatSettings }
	| { ok: false; problems: Partial<Record<ChatField, ChatProblem>> };

const asRule = (value: unknown, fallback: PrechatRule): PrechatRule =>
	PRECHAT_RULES.find((r) => r === value) ?? fallback;

/** The settings of a site row (as `select('*')` returns it), defaults where a column is missing. */
export function chatSettingsOf(site: object): ChatSettings {
	const row = site as Record<string, unknown>;
	const d = DEFAULT_CHAT_SETTINGS;
	const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
	return {
		prechat_name: asRule(row.prechat_name, d.prechat_name),
		prechat_email: asRule(row.prechat_email, d.prechat_email),
		invitation_ttl_seconds: num(row.invitation_ttl_seconds, d.invitation_ttl_seconds),
		invitation_messages: Array.isArray(row.invitation_messages)
			? row.invitation_messages.filter((m): m is string => typeof m === 'string')
			: [],
		visitor_retention_days: num(row.visitor_retention_days, d.visitor_retention_days),
		attachment_max_bytes: num(row.attachment_max_bytes, d.attachment_max_bytes)
	};
}

/** The form's starting values. */
export function chatDraftOf(settings: ChatSettings): ChatDraft {
	return {
		prechat_name: settings.prechat_name,
		prechat_email: settings.prechat_email,
		invitation_ttl_seconds: String(settings.invitation_ttl_seconds),
		invitation_messages: settings.invitation_messages.join('\n'),
		visitor_retention_days: String(settings.visitor_retention_days),
		// Whole megabytes as a rule; a size set another way shows with up to two decimals.
		attachment_max_mb: String(Math.round((settings.attachment_max_bytes / MB) * 100) / 100)
	};
}

/** A whole number within [min, max] as typed, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
	const trimmed = text.trim();
	if (!/^\d{1,9}$/.test(trimmed)) return null;
	const n = Number(trimmed);
	return n >= min && n <= max ? n : null;
}

/** Characters as Postgres counts them (code points). */
const codePoints = (text: string) => [...text].length;

/** Validates and normalizes a draft into the columns the database stores. */
export function validateChatDraft(draft: ChatDraft): ChatValidation {
	const problems: Partial<Record<ChatField, ChatProblem>> = {};
	const name = PRECHAT_RULES.find((r) => r === draft.prechat_name);
	if (!name) problems.prechat_name = { key: 'chatSettings.errors.prechat' };
	const email = PRECHAT_RULES.find((r) => r === draft.prechat_email);
	if (!email) problems.prechat_email = { key: 'chatSettings.errors.prechat' };

	const { ttlSeconds, retentionDays, attachmentMb } = CHAT_LIMITS;
	const ttl = wholeNumber(draft.invitation_ttl_seconds, ttlSeconds.min, ttlSeconds.max);
	if (ttl === null)
		problems.invitation_ttl_seconds = { key: 'chatSettings.errors.ttl', values: ttlSeconds };
	const retention = wholeNumber(draft.visitor_retention_days, retentionDays.min, retentionDays.max);
	if (retention === null)
		problems.visitor_retention_days = {
			key: 'chatSettings.errors.retention',
			values: retentionDays
		};
	const mb = wholeNumber(draft.attachment_max_mb, attachmentMb.min, attachmentMb.max);
	if (mb === null)
		problems.attachment_max_mb = { key: 'chatSettings.errors.attachment', values: attachmentMb };

	const messages: string[] = [];
	for (const line of draft.invitation_messages.split('\n')) {
		const text = line.trim();
		if (text && !messages.includes(text)) messages.push(text);
	}
	const long = messages.findIndex((m) => codePoints(m) > CHAT_LIMITS.messageChars);
	if (long >= 0)
		problems.invitation_messages = {
			key: 'chatSettings.errors.messageTooLong',
			values: { line: long + 1, max: CHAT_LIMITS.messageChars }
		};
	else if (messages.length > CHAT_LIMITS.messages)
		problems.invitation_messages = {
			key: 'chatSettings.errors.tooManyMessages',
			values: { max: CHAT_LIMITS.messages, count: messages.length }
		};

	if (
		Object.keys(problems).length > 0 ||
		!name ||
		!email ||
		ttl === null ||
		retention === null ||
		mb === null
	)
		return { ok: false, problems };
	return {
		ok: true,
		settings: {
			prechat_name: name,
			prechat_email: email,
			invitation_ttl_seconds: ttl,
			invitation_messages: messages,
			visitor_retention_days: retention,
			attachment_max_bytes: mb * MB
		}
	};
}

/** Check constraints (live_visitors and attachments migrations) → the field to blame. */
const problemOn = (field: ChatField, problem: ChatProblem) => ({ field, problem });
const CONSTRAINTS: Readonly<Record<string, { field: ChatField; problem: ChatProblem }>> = {
	sites_invitation_ttl_range: problemOn('invitation_ttl_seconds', {
		key: 'chatSettings.errors.ttl',
		values: CHAT_LIMITS.ttlSeconds
	}),
	sites_invitation_messages_count: problemOn('invitation_messages', MESSAGES_REFUSED),
	sites_invitation_messages_length: problemOn('invitation_messages', MESSAGES_REFUSED),
	sites_prechat_name_valid: problemOn('prechat_name', { key: 'chatSettings.errors.prechat' }),
	sites_prechat_email_valid: problemOn('prechat_email', { key: 'chatSettings.errors.prechat' }),
	sites_visitor_retention_range: problemOn('visitor_retention_days', {
		key: 'chatSettings.errors.retention',
		values: CHAT_LIMITS.retentionDays
	}),
	sites_attachment_max_bytes_range: problemOn('attachment_max_mb', {
		key: 'chatSettings.errors.attachment',
		values: CHAT_LIMITS.attachmentMb
	})
};

export type ChatWriteProblem = WriteProblem<ChatField, ChatProblem>;

/** Classifies a refused update of these settings. */
export const chatWriteProblem = (error: DataFailure): ChatWriteProblem =>
	classifyWrite(error, CONSTRAINTS);
