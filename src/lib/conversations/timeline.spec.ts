import { describe, expect, it } from 'vitest';
import { relativeDay, timeline, GROUP_GAP_MS } from './timeline.ts';
import type { ChatMessage } from './types.ts';

const base = new Date(2026, 11, 1, 10, 0, 0).getTime();
function msg(
	id: string,
	minutes: number,
	kind: ChatMessage['sender_kind'] = 'visitor',
	sender: string = kind
): ChatMessage {
	return {
		id,
		conversation_id: 'c',
		sender_id: sender,
		sender_kind: kind,
		kind: kind === 'system' ? 'event' : 'text',
		body: '',
		attachment: kind === 'system' ? { event: 'joined', agent_name: 'A' } : null,
		created_at: new Date(base + minutes * 60_000).toISOString(),
		delivered_at: null,
		read_at: null
	};
}
const shape = (ms: ChatMessage[]) =>
	timeline(ms).map((i) => (i.kind === 'run' ? i.messages.map((m) => m.id).join('+') : i.kind));

describe('timeline', () => {
	const cases: [string, ChatMessage[], string[]][] = [
		['nothing is nothing', [], []],
		['one message gets its day and its run', [msg('a', 0)], ['day', 'a']],
		['one sender in a row is one run', [msg('a', 0), msg('b', 1)], ['day', 'a+b']],
		['a change of sender starts a run', [msg('a', 0), msg('b', 1, 'agent')], ['day', 'a', 'b']],
		[
			'two agents are two runs',
			[msg('a', 0, 'agent', 'x'), msg('b', 1, 'agent', 'y')],
			['day', 'a', 'b']
		],
		[
			'a long pause starts a run',
			[msg('a', 0), msg('b', GROUP_GAP_MS / 60_000 + 1)],
			['day', 'a', 'b']
		],
		[
			'an event splits runs',
			[msg('a', 0), msg('j', 1, 'system'), msg('b', 2)],
			['day', 'a', 'event', 'b']
		],
		['a new day gets a separator', [msg('a', 0), msg('b', 24 * 60)], ['day', 'a', 'day', 'b']]
	];
	for (const [name, input, expected] of cases)
		it(name, () => expect(shape(input)).toEqual(expected));
});

describe('relativeDay', () => {
	const now = new Date(2026, 11, 2, 9, 0);
	it('names today and yesterday, and nothing older', () => {
		expect(relativeDay(new Date(2026, 11, 2, 0, 1), now)).toBe('today');
		expect(relativeDay(new Date(2026, 11, 1, 23, 59), now)).toBe('yesterday');
		expect(relativeDay(new Date(2026, 10, 30), now)).toBeNull();
	});
});
