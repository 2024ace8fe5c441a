import { describe, expect, it } from 'vitest';
import { tooSlow } from './compositor.ts';

const frames = (...runs: [count: number, ms: number][]) =>
	runs.flatMap(([count, ms]) => Array<number>(count).fill(ms));

describe('whether this device keeps up with merging', () => {
	it('waits for the warm-up and enough frames before judging', () => {
		expect(tooSlow(frames([34, 1000]))).toBeNull();
		expect(tooSlow(frames([35, 1000]))).toBe(true);
		expect(tooSlow(frames([35, 30]))).toBe(false);
	});

	it('leaves the warm-up out: a slow first compile does not count', () => {
		expect(tooSlow(frames([5, 3000], [30, 30]))).toBe(false);
	});

	it('judges by the median, so a few slow frames do not count and mostly slow ones do', () => {
		expect(tooSlow(frames([5, 30], [20, 30], [10, 2000]))).toBe(false);
		expect(tooSlow(frames([5, 30], [10, 30], [20, 400]))).toBe(true);
	});

	it('judges once: load later in the call does not change the verdict', () => {
		expect(tooSlow(frames([35, 30], [100, 2000]))).toBe(false);
	});
});
