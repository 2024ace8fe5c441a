import { describe, expect, it } from 'vitest';
import {
	DEFAULT_CHAT_SETTINGS,
	chatDraftOf,
	chatSettingsOf,
	chatWriteProblem,
	validateChatDraft,
	type ChatDraft
} from './chat-settings.ts';

const MB = 1024 * 1024;
const good: ChatDraft = chatDraftOf(DEFAULT_CHAT_SETTINGS);

describe('validateChatDraft', () => {
	it('turns the defaults into the defaults', () => {
		expect(validateChatDraft(good)).toEqual({ ok: true, settings: DEFAULT_CHAT_SETTINGS });
	});

	it.each<[Partial<ChatDraft>, keyof ChatDraft, string]>([
		[{ invitation_ttl_seconds: '9' }, 'invitation_ttl_seconds', 'chatSettings.errors.ttl'],
		[{ invitation_ttl_seconds: '601' }, 'invitation_ttl_seconds', 'chatSettings.errors.ttl'],
		[{ invitation_ttl_seconds: '60.5' }, 'invitation_ttl_seconds', 'chatSettings.errors.ttl'],
		[{ invitation_ttl_seconds: '' }, 'invitation_ttl_seconds', 'chatSettings.errors.ttl'],
		[{ invitation_ttl_seconds: '1e2' }, 'invitation_ttl_seconds', 'chatSettings.errors.ttl'],
		[{ visitor_retention_days: '0' }, 'visitor_retention_days', 'chatSettings.errors.retention'],
		[{ visitor_retention_days: '366' }, 'visitor_retention_days', 'chatSettings.errors.retention'],
		[{ attachment_max_mb: '0' }, 'attachment_max_mb', 'chatSettings.errors.attachment'],
		[{ attachment_max_mb: '51' }, 'attachment_max_mb', 'chatSettings.errors.attachment'],
		[{ attachment_max_mb: '-1' }, 'attachment_max_mb', 'chatSettings.errors.attachment'],
		[{ prechat_name: 'always' }, 'prechat_name', 'chatSettings.errors.prechat'],
		[{ prechat_email: '' }, 'prechat_email', 'chatSettings.errors.prechat'],
		[
			{ invitation_messages: `short\n${'é'.repeat(501)}` },
			'invitation_messages',
			'chatSettings.errors.messageTooLong'
		],
		[
			{ invitation_messages: Array.from({ length: 21 }, (_, i) => `m${i}`).join('\n') },
			'invitation_messages',
			'chatSettings.errors.tooManyMessages'
		]
	])('refuses %j on %s', (change, field, key) => {
		const result = validateChatDraft({ ...good, ...change });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems[field]?.key).toBe(key);
	});

	it('accepts the limits themselves', () => {
		const result = validateChatDraft({
			...good,
			invitation_ttl_seconds: ' 600 ',
			visitor_retention_days: '1',
			attachment_max_mb: '50',
			invitation_messages:
				`${'é'.repeat(500)}\n` + Array.from({ length: 19 }, (_, i) => `m${i}`).join('\n')
		});
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.settings.invitation_ttl_seconds).toBe(600);
			expect(result.settings.attachment_max_bytes).toBe(50 * MB);
			expect(result.settings.invitation_messages).toHaveLength(20);
		}
	});

	it('drops blank lines, trims and de-duplicates saved messages', () => {
		const result = validateChatDraft({
			...good,
			invitation_messages: '  Hi!  \n\n\r\nHi!\nNeed help?\n'
		});
		expect(result.ok && result.settings.invitation_messages).toEqual(['Hi!', 'Need help?']);
	});
});

describe('chatSettingsOf and chatDraftOf', () => {
	it('reads a site row, with defaults for what it lacks or has wrong', () => {
		expect(chatSettingsOf({ prechat_name: 'required', invitation_messages: ['a', 3] })).toEqual({
			...DEFAULT_CHAT_SETTINGS,
			prechat_name: 'required',
			invitation_messages: ['a']
		});
		expect(chatSettingsOf({ prechat_email: 'sometimes' }).prechat_email).toBe('off');
	});

	it('shows a size set elsewhere in megabytes with up to two decimals', () => {
		expect(
			chatDraftOf({ ...DEFAULT_CHAT_SETTINGS, attachment_max_bytes: 1536 * 1024 }).attachment_max_mb
		).toBe('1.5');
	});
});

describe('chatWriteProblem', () => {
	const refused = (constraint: string) => ({
		code: '23514',
		message: `new row for relation "sites" violates check constraint "${constraint}"`
	});

	it.each([
		['sites_invitation_ttl_range', 'invitation_ttl_seconds'],
		['sites_invitation_messages_count', 'invitation_messages'],
		['sites_invitation_messages_length', 'invitation_messages'],
		['sites_prechat_name_valid', 'prechat_name'],
		['sites_prechat_email_valid', 'prechat_email'],
		['sites_visitor_retention_range', 'visitor_retention_days'],
		['sites_attachment_max_bytes_range', 'attachment_max_mb']
	])('puts %s on %s', (constraint, field) => {
		expect(chatWriteProblem(refused(constraint))).toMatchObject({ kind: 'field', field });
	});

	it('says who may change it, and passes other failures on', () => {
		expect(chatWriteProblem({ code: '42501', message: 'permission denied' })).toEqual({
			kind: 'forbidden'
		});
		expect(chatWriteProblem(refused('sites_name_length'))).toEqual({
			kind: 'other',
			message: refused('sites_name_length').message
		});
	});
});
