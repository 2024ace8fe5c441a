import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { holdUntilTurnEnds } from './coalesce.ts';

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

const turn = () => new Promise((r) => setImmediate(r));

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

	it('does not hold a later turn’s frame back, and keeps sockets apart', async () => {
		const one = recorder();
		const two = recorder();
		holdUntilTurnEnds(one.stream);
		one.stream.write('1a');
		holdUntilTurnEnds(two.stream);
		two.stream.write('2a');
		await turn();
		holdUntilTurnEnds(one.stream);
		one.stream.write('1b');
		await turn();
		expect(one.calls).toEqual([['1a'], ['1b']]);
		expect(two.calls).toEqual([['2a']]);
	});

	it('leaves a stream that was not held writing at once', () => {
		const { stream, calls } = recorder();
		stream.write('now');
		expect(calls).toEqual([['now']]);
	});
});
