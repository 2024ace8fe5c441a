import { describe, expect, it } from 'vitest';
import { widgetLanguage } from './language.ts';

describe("the widget's language", () => {
	it("follows the visitor's browser first", () => {
		expect(widgetLanguage(['es-ES', 'en'], 'fr')).toBe('es');
	});

	it("takes the site's default when the browser asks for nothing supported", () => {
		expect(widgetLanguage(['it-IT', 'ja'], 'ar')).toBe('ar');
	});

	it('falls back to English when neither is supported', () => {
		expect(widgetLanguage(['it'], 'pt')).toBe('en');
		expect(widgetLanguage([])).toBe('en');
	});
});
