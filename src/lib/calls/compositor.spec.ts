import { describe, expect, it } from 'vitest';
import { tooSlow } from './compositor.ts';

describe('whether merging keeps up', () => {
	it('waits for enough frames before judging', () => {
		expect(tooSlow(Array(29).fill(1000))).toBe(false);
	});

	it('judges by the median, so a few slow frames (a cold start) do not count', () => {
		expect(tooSlow([...Array(20).fill(20), ...Array(10).fill(2000)])).toBe(false);
		expect(tooSlow([...Array(10).fill(20), ...Array(20).fill(400)])).toBe(true);
	});
});
