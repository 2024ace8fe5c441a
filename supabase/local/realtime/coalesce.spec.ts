import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_WINDOW_MS, holdUntilTurnEnds } from './coalesce.ts';

/** A stream that records each write call it gets: one entry per system call a socket would make. */
function recorder() {
	const calls: string[][] = [];
	const stream = new Writable({
		write(chunk: Buffer, _enc, done) {
			calls.push([chunk.toString()]);
			done();
		},
		writev(chunks, done) {
			calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
			done();
		}
	});
	return { stream, calls };
}

// The clock is the test's: a slow machine cannot stretch a turn past the window.
beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
});
afterEach(() => {
	vi.useRealTimers();
});
/** Ends this turn of the loop: what waits for its check phase runs. */
const turn = async () => {
	await vi.advanceTimersByTimeAsync(0);
};
const sleep = async (ms: number) => {
	await vi.advanceTimersByTimeAsync(ms);
};

describe('holdUntilTurnEnds', () => {
	it('sends the frames of one turn, from callbacks and promises alike, in one write', async () => {
		const { stream, calls } = recorder();
		holdUntilTurnEnds(stream);
		stream.write('a');
		await Promise.resolve();
		holdUntilTurnEnds(stream);
		stream.write('b');
		process.nextTick(() => {
			holdUntilTurnEnds(stream);
			stream.write('c');
		});
		expect(calls).toEqual([]);
		await turn();
		expect(calls).toEqual([['a', 'b', 'c']]);
	});

	it('gathers the wide fan-outs a socket that just wrote is sent for a few milliseconds into one write', async () => {
		const { stream, calls } = recorder();
		const send = (frame: string) => {
			holdUntilTurnEnds(stream, true);
			stream.write(frame);
		};
		send('a');
		await turn();
		expect(calls).toEqual([['a']]);
		send('b');
		await turn();
		send('c');
		await turn();
		// Busy: held past its turn, with what follows.
		expect(calls).toEqual([['a']]);
		await sleep(BUSY_WINDOW_MS + 2);
		expect(calls).toEqual([['a'], ['b', 'c']]);
		// Quiet for longer than the window: the next frame leaves at the end of its own turn.
		await sleep(BUSY_WINDOW_MS + 2);
		send('d');
		await turn();
		expect(calls).toEqual([['a'], ['b', 'c'], ['d']]);
	});

	it('keeps sockets apart: a busy one holds back no other', async () => {
		const busy = recorder();
		const idle = recorder();
		holdUntilTurnEnds(busy.stream, true);
		busy.stream.write('1a');
		await turn();
		holdUntilTurnEnds(busy.stream, true);
		busy.stream.write('1b');
		holdUntilTurnEnds(idle.stream, true);
		idle.stream.write('2a');
		await turn();
		expect(idle.calls).toEqual([['2a']]);
		expect(busy.calls).toEqual([['1a']]);
		await sleep(BUSY_WINDOW_MS + 2);
		expect(busy.calls).toEqual([['1a'], ['1b']]);
	});

	it('never holds a narrow exchange past its turn, and its frame takes the gathered ones along', async () => {
		const { stream, calls } = recorder();
		const send = (frame: string, wide: boolean) => {
			holdUntilTurnEnds(stream, wide);
			stream.write(frame);
		};
		send('a', false);
		await turn();
		// A reply right after a write: not held (a ping-pong between two sockets).
		send('reply', false);
		await turn();
		expect(calls).toEqual([['a'], ['reply']]);
		// A wide frame gathered, then a narrow one in a later turn: both leave at its end.
		send('site', true);
		await turn();
		expect(calls).toEqual([['a'], ['reply']]);
		send('message', false);
		send('site 2', true);
		await turn();
		expect(calls).toEqual([['a'], ['reply'], ['site', 'message', 'site 2']]);
	});

	it('leaves a stream that was not held writing at once', () => {
		const { stream, calls } = recorder();
		stream.write('now');
		expect(calls).toEqual([['now']]);
	});
});
