import { describe, expect, it, vi } from 'vitest';
import { READ_AHEAD_MS, readAhead } from './store.ts';

describe('readAhead', () => {
	const reader = () => {
		let n = 0;
		const read = vi.fn(async (id: string) => `${id}#${++n}`);
		return read;
	};

	it("gives a conversation's first load the read started ahead of it", async () => {
		const read = reader();
		const history = readAhead(read);
		const ahead = history.preload('a');
		expect(history.load('a')).toBe(ahead);
		expect(await history.load('a')).toBe('a#2');
		expect(read).toHaveBeenCalledTimes(2);
	});

	it('reads once for repeated preloads of the same conversation', async () => {
		const read = reader();
		const history = readAhead(read);
		expect(history.preload('a')).toBe(history.preload('a'));
		expect(read).toHaveBeenCalledTimes(1);
	});

	it('reads again for another conversation, a read too old, or one forgotten', async () => {
		let now = 0;
		const read = reader();
		const history = readAhead(read, () => now);
		void history.preload('a');
		expect(await history.load('b')).toBe('b#2');
		void history.preload('a');
		now += READ_AHEAD_MS + 1;
		expect(await history.load('a')).toBe('a#4');
		void history.preload('a');
		history.forget();
		expect(await history.load('a')).toBe('a#6');
	});
});
