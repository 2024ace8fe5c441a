import { describe, expect, it } from 'vitest';
import {
	TYPING_EXPIRE_MS,
	TYPING_IDLE_MS,
	TYPING_THROTTLE_MS,
	TypingSender,
	TypingTracker,
	type Clock
} from './typing.ts';
import type { Typing } from './types.ts';

/** A clock that only moves when told to. */
function fakeClock() {
	let now = 0;
	let timers: { at: number; fn: () => void; id: number }[] = [];
	let nextId = 1;
	const clock: Clock = {
		now: () => now,
		setTimeout: (fn, ms) => {
			const id = nextId++;
			timers.push({ at: now + ms, fn, id });
			return id;
		},
		clearTimeout: (id) => {
			timers = timers.filter((t) => t.id !== id);
		}
	};
	const advance = (ms: number) => {
		const until = now + ms;
		for (;;) {
			const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			now = due.at;
			timers = timers.filter((t) => t !== due);
			due.fn();
		}
		now = until;
	};
	return { clock, advance };
}

describe('TypingSender', () => {
	it('says typing once per throttle window while keys keep coming', () => {
		const { clock, advance } = fakeClock();
		const sent: boolean[] = [];
		const s = new TypingSender((t) => void sent.push(t), clock);
		s.input('h');
		advance(500);
		s.input('he');
		advance(500);
		s.input('hel');
		expect(sent).toEqual([true]);
		advance(TYPING_THROTTLE_MS);
		s.input('hell');
		expect(sent).toEqual([true, true]);
	});

	it('tries again on the next key when the channel could not send yet', () => {
		const { clock, advance } = fakeClock();
		const sent: boolean[] = [];
		let joined = false;
		const s = new TypingSender((t) => {
			if (!joined) return false;
			sent.push(t);
		}, clock);
		s.input('h');
		expect(sent).toEqual([]);
		joined = true;
		advance(100);
		s.input('he');
		expect(sent).toEqual([true]);
	});

	it('announces on (re)join someone who typed while away and has not paused', () => {
		const { clock, advance } = fakeClock();
		const sent: boolean[] = [];
		let joined = false;
		const s = new TypingSender((t) => {
			if (!joined) return false;
			sent.push(t);
		}, clock);
		s.input('h');
		s.input('hi');
		joined = true;
		s.joined();
		expect(sent).toEqual([true]);
		s.joined();
		expect(sent).toEqual([true]);
		advance(TYPING_IDLE_MS + 1);
		expect(sent).toEqual([true, false]);
		// After the pause, a rejoin has nothing to say.
		s.joined();
		expect(sent).toEqual([true, false]);
	});

	it('says stopped after a pause, once', () => {
		const { clock, advance } = fakeClock();
		const sent: boolean[] = [];
		const s = new TypingSender((t) => void sent.push(t), clock);
		s.input('hi');
		advance(TYPING_IDLE_MS + 1);
		expect(sent).toEqual([true, false]);
		s.stop();
		expect(sent).toEqual([true, false]);
	});

	it('says stopped when the draft is emptied, and nothing when it was never typing', () => {
		const { clock } = fakeClock();
		const sent: boolean[] = [];
		const s = new TypingSender((t) => void sent.push(t), clock);
		s.input('   ');
		expect(sent).toEqual([]);
		s.input('x');
		s.input('');
		expect(sent).toEqual([true, false]);
	});
});

describe('TypingTracker', () => {
	const agent = (typing: boolean, name = 'Alice'): Typing => ({
		sender_kind: 'agent',
		name,
		typing
	});

	it('shows a typist and forgets them after the expiry without news', () => {
		const { clock, advance } = fakeClock();
		const seen: string[][] = [];
		const t = new TypingTracker('visitor', (ts) => seen.push(ts.map((x) => x.name)), clock);
		t.receive(agent(true));
		advance(TYPING_EXPIRE_MS - 1);
		expect(t.typists).toHaveLength(1);
		advance(1);
		expect(t.typists).toEqual([]);
		expect(seen).toEqual([['Alice'], []]);
	});

	it('keeps a typist who keeps saying so', () => {
		const { clock, advance } = fakeClock();
		const t = new TypingTracker('visitor', () => {}, clock);
		t.receive(agent(true));
		advance(TYPING_EXPIRE_MS - 100);
		t.receive(agent(true));
		advance(TYPING_EXPIRE_MS - 100);
		expect(t.typists).toHaveLength(1);
	});

	it('drops a typist on typing false and on their message', () => {
		const { clock } = fakeClock();
		const t = new TypingTracker('visitor', () => {}, clock);
		t.receive(agent(true));
		t.receive(agent(false));
		expect(t.typists).toEqual([]);
		t.receive(agent(true, 'Bob'));
		t.messageFrom('agent');
		expect(t.typists).toEqual([]);
	});

	it("ignores its own side's typing (another tab of the same person)", () => {
		const { clock } = fakeClock();
		const t = new TypingTracker('visitor', () => {}, clock);
		t.receive({ sender_kind: 'visitor', name: '', typing: true });
		expect(t.typists).toEqual([]);
	});
});
