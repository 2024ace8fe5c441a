import { describe, expect, it } from 'vitest';
import { inkOn } from './ui';

describe('inkOn', () => {
	it.each([
		['#2563eb', '#fff'],
		['#111111', '#fff'],
		['#c81e1e', '#fff'],
		['#ffffff', '#111'],
		['#facc15', '#111'],
		['#16a34a', '#111']
	])('writes on %s in %s, whichever contrasts more', (bg, ink) => {
		expect(inkOn(bg)).toBe(ink);
	});
});
