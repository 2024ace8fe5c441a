import { describe, expect, it } from 'vitest';
import { copyText, formatDateTime } from './format.ts';

describe('formatDateTime', () => {
	it('shows date and time in the given locale', () => {
		const text = formatDateTime('2026-11-25T14:05:00Z', 'en-GB');
		expect(text).toMatch(/25 Nov 2026/);
		expect(text).toMatch(/\d{2}:\d{2}/);
	});
});

describe('copyText', () => {
	it('writes the text and says it did', async () => {
		const written: string[] = [];
		expect(await copyText({ writeText: async (t) => void written.push(t) }, 'hello')).toBe(true);
		expect(written).toEqual(['hello']);
	});

	it('says false when the clipboard refuses or is missing', async () => {
		const refusing = {
			writeText: async () => {
				throw new DOMException('denied', 'NotAllowedError');
			}
		};
		expect(await copyText(refusing, 'x')).toBe(false);
		expect(await copyText(undefined, 'x')).toBe(false);
	});
});
