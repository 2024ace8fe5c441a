import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../conversations/types.ts';
import {
	TranslationBook,
	entryFromAnswer,
	translationTarget,
	type KeptTranslation,
	type TranslationContext
} from './book.ts';

const CONVERSATION = 'c0000000-0000-4000-8000-000000000000';

function message(
	id: string,
	sender_kind: ChatMessage['sender_kind'],
	extra: Partial<ChatMessage> = {}
): ChatMessage {
	return {
		id,
		conversation_id: CONVERSATION,
		sender_id: sender_kind === 'system' ? null : `${sender_kind}-1`,
		sender_kind,
		kind: 'text',
		body: 'Hola',
		attachment: null,
		created_at: '2026-12-08T10:00:00Z',
		delivered_at: null,
		read_at: null,
		...extra
	};
}

const agentSide: TranslationContext = {
	side: 'agent',
	enabled: true,
	visitorLanguage: 'es-ES',
	agentLanguage: 'en'
};
const visitorSide: TranslationContext = { ...agentSide, side: 'visitor', agentLanguage: '' };

describe('translationTarget', () => {
	const cases: [string, ChatMessage, TranslationContext, string | null][] = [
		["the visitor's message, for the agent", message('1', 'visitor'), agentSide, 'en'],
		["an agent's message, as the visitor reads it", message('2', 'agent'), agentSide, 'es-ES'],
		["an agent's message, for the visitor", message('3', 'agent'), visitorSide, 'es-ES'],
		["the visitor's own message, on their side", message('4', 'visitor'), visitorSide, null],
		['an internal note', message('5', 'agent', { internal: true }), agentSide, null],
		['an image', message('6', 'visitor', { kind: 'image' }), agentSide, null],
		['an event', message('7', 'system', { kind: 'event' }), agentSide, null],
		[
			'a message not sent yet',
			message('8', 'agent', { pending: { state: 'sending' } }),
			agentSide,
			null
		],
		['translation turned off', message('9', 'visitor'), { ...agentSide, enabled: false }, null],
		[
			'the same language on both sides',
			message('10', 'visitor'),
			{ ...agentSide, agentLanguage: 'es' },
			null
		],
		[
			'a visitor language not known yet',
			message('11', 'visitor'),
			{ ...agentSide, visitorLanguage: '' },
			null
		],
		['an empty body', message('12', 'visitor', { body: '  ' }), agentSide, null]
	];
	it.each(cases)('%s', (_name, m, ctx, expected) => {
		expect(translationTarget(m, ctx)).toBe(expected);
	});
});

describe('entryFromAnswer', () => {
	const cases: [string, number, unknown, unknown][] = [
		['a translation', 200, { translation: 'Hello' }, { state: 'done', text: 'Hello' }],
		['no engine on the server', 200, { reason: 'off' }, { state: 'none' }],
		[
			'a pair the engine lacks',
			200,
			{ reason: 'unsupported_pair' },
			{ state: 'failed', failure: 'unsupported', at: 5 }
		],
		[
			'the engine down',
			200,
			{ reason: 'down' },
			{ state: 'failed', failure: 'unavailable', at: 5 }
		],
		[
			'the engine slow',
			200,
			{ reason: 'slow' },
			{ state: 'failed', failure: 'unavailable', at: 5 }
		],
		['already in that language', 400, { error: { code: 'same_language' } }, { state: 'none' }],
		[
			'the rate limit',
			429,
			{ error: { code: 'rate_limited' } },
			{ state: 'failed', failure: 'unavailable', at: 5 }
		],
		['the network', 0, null, { state: 'failed', failure: 'unavailable', at: 5 }]
	];
	it.each(cases)('%s', (_name, status, body, expected) => {
		expect(entryFromAnswer(status, body, 5)).toEqual(expected);
	});
});

/** A book over fakes: the route answers `[target] id`, the server keeps `stored`. */
function world(
	stored: KeptTranslation[] = [],
	answer?: (body: Record<string, unknown>) => unknown
) {
	const asked: Record<string, unknown>[] = [];
	const timers: (() => void)[] = [];
	let changes = 0;
	const book = new TranslationBook({
		conversationId: CONVERSATION,
		async post(body) {
			asked.push(body);
			const custom = answer?.(body);
			return custom
				? (custom as { status: number; body: unknown })
				: { status: 200, body: { translation: `[${body.target}] ${body.message_id}` } };
		},
		async stored(language) {
			return stored.filter((r) => r.language === language);
		},
		onChange: () => changes++,
		waitMs: 1_000,
		setTimeout: (fn) => timers.push(fn),
		clearTimeout: () => {}
	});
	const settle = () => new Promise((r) => setTimeout(r, 0));
	return { book, asked, timers, settle, changes: () => changes };
}

describe('TranslationBook', () => {
	it("asks once for each of the visitor's messages the agent has no translation for", async () => {
		const kept = {
			message_id: 'a',
			conversation_id: CONVERSATION,
			language: 'en',
			body: 'Hello (kept)'
		};
		const w = world([kept]);
		const messages = [message('a', 'visitor'), message('b', 'visitor')];
		w.book.update(agentSide, messages);
		await w.settle();
		w.book.update(agentSide, messages);
		await w.settle();
		expect(w.asked).toEqual([{ conversation_id: CONVERSATION, message_id: 'b', target: 'en' }]);
		expect(w.book.entry(messages[0])).toEqual({ state: 'done', text: 'Hello (kept)' });
		expect(w.book.entry(messages[1])).toEqual({ state: 'done', text: '[en] b' });
	});

	it("waits on the visitor's side for the translation the agent's client asked for", async () => {
		const w = world();
		const reply = message('r', 'agent');
		w.book.update(visitorSide, [reply]);
		await w.settle();
		expect(w.asked).toEqual([]);
		expect(w.book.entry(reply)).toEqual({ state: 'pending' });
		w.book.receive({
			message_id: 'r',
			conversation_id: CONVERSATION,
			language: 'es-ES',
			body: 'Hola'
		});
		w.timers.forEach((fire) => fire());
		await w.settle();
		expect(w.asked).toEqual([]);
		expect(w.book.entry(reply)).toEqual({ state: 'done', text: 'Hola' });
	});

	it('asks itself when nothing came, and stops asking for an agent who writes its language', async () => {
		const w = world([], () => ({ status: 400, body: { error: { code: 'same_language' } } }));
		w.book.update(visitorSide, [message('r1', 'agent')]);
		await w.settle();
		w.timers.splice(0).forEach((fire) => fire());
		await w.settle();
		expect(w.asked).toHaveLength(1);
		w.book.update(visitorSide, [message('r1', 'agent'), message('r2', 'agent')]);
		await w.settle();
		w.timers.splice(0).forEach((fire) => fire());
		await w.settle();
		expect(w.asked).toHaveLength(1);
		expect(w.book.entry(message('r2', 'agent'))).toEqual({ state: 'none' });
	});

	it('shows the original with the reason when the service fails, and asks again later', async () => {
		let now = 0;
		let down = true;
		const asked: unknown[] = [];
		const book = new TranslationBook({
			conversationId: CONVERSATION,
			post: async (body) => {
				asked.push(body);
				return down
					? { status: 200, body: { reason: 'down' } }
					: { status: 200, body: { translation: 'Hello' } };
			},
			stored: async () => [],
			onChange: () => {},
			now: () => now
		});
		const m = message('a', 'visitor');
		book.update(agentSide, [m]);
		await new Promise((r) => setTimeout(r, 0));
		expect(book.entry(m)).toEqual({ state: 'failed', failure: 'unavailable', at: 0 });
		down = false;
		book.update(agentSide, [m]);
		await new Promise((r) => setTimeout(r, 0));
		expect(asked).toHaveLength(1);
		now = 31_000;
		book.update(agentSide, [m]);
		await new Promise((r) => setTimeout(r, 0));
		expect(book.entry(m)).toEqual({ state: 'done', text: 'Hello' });
	});

	it("starts over when the visitor's language is corrected", async () => {
		const w = world();
		const m = message('a', 'visitor');
		w.book.update(agentSide, [m]);
		await w.settle();
		w.book.update({ ...agentSide, visitorLanguage: 'pt' }, [m]);
		await w.settle();
		expect(w.asked).toHaveLength(2);
		w.book.update({ ...agentSide, enabled: false }, [m]);
		expect(w.book.entry(m)).toBeNull();
	});

	it('drops an answer asked for before the language was corrected', async () => {
		const answers: ((v: { status: number; body: unknown }) => void)[] = [];
		const book = new TranslationBook({
			conversationId: CONVERSATION,
			post: () => new Promise((resolve) => answers.push(resolve)),
			stored: async () => [],
			onChange: () => {}
		});
		const m = message('a', 'visitor');
		book.update(agentSide, [m]);
		await new Promise((r) => setTimeout(r, 0));
		book.update({ ...agentSide, visitorLanguage: 'pt' }, [m]);
		await new Promise((r) => setTimeout(r, 0));
		answers[0]({ status: 200, body: { translation: 'from the old language' } });
		await new Promise((r) => setTimeout(r, 0));
		expect(book.entry(m)).toEqual({ state: 'pending' });
		answers[1]({ status: 200, body: { translation: 'from Portuguese' } });
		await new Promise((r) => setTimeout(r, 0));
		expect(book.entry(m)).toEqual({ state: 'done', text: 'from Portuguese' });
	});

	it('ignores translations of other conversations and malformed payloads', () => {
		const w = world();
		w.book.update(agentSide, [message('a', 'visitor')]);
		w.book.receive({ message_id: 'a', conversation_id: 'other', language: 'en', body: 'x' });
		w.book.receive({ message_id: 'a', language: 'en' });
		expect(w.book.entry(message('a', 'visitor'))).not.toEqual({ state: 'done', text: 'x' });
	});
});
