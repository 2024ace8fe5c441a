import { describe, expect, it } from 'vitest';
import { brandForeground, brandStyle, contrast } from './brand.ts';

describe('brand colour tokens', () => {
	it('measures contrast as WCAG does', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#777777')).toBeCloseTo(1, 5);
	});

	it.each([
		['#2563eb', '#ffffff'],
		['#111827', '#ffffff'],
		['#facc15', '#111827'],
		['#ffffff', '#111827'],
		['#22c55e', '#111827']
	])('puts the more readable foreground on %s', (colour, expected) => {
		expect(brandForeground(colour)).toBe(expected);
	});

	it('sets both tokens for a valid colour and nothing for anything else', () => {
		expect(brandStyle('#2563eb')).toBe('--brand: #2563eb; --brand-foreground: #ffffff;');
		expect(brandStyle('red; background: url(x)')).toBe('');
		expect(brandStyle(null)).toBe('');
	});
});
