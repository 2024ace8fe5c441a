import { afterEach, describe, expect, it, vi } from 'vitest';
import { words } from './dialog-strings';
import { chat, pickLang, unreadSuffix } from './strings';

const browser = (...languages: string[]) => vi.stubGlobal('navigator', { languages });

describe('snippet strings', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('name the launcher with the unread count', () => {
		browser('en-US');
		pickLang('en');
		expect(chat() + unreadSuffix(3)).toBe('Chat, 3 unread');
	});

	it("follow the visitor's browser, then the site's default, then English", () => {
		browser('it-IT', 'de-DE');
		expect(pickLang('fr')).toBe('de');
		browser('it-IT');
		expect(pickLang('ar')).toBe('ar');
		expect(chat() + unreadSuffix(2)).toBe('دردشة، 2 غير مقروءة');
		expect(pickLang('pt')).toBe('en');
	});

	it('take Simplified Chinese only', () => {
		browser('zh-TW', 'zh-CN');
		expect(pickLang('en')).toBe('zh');
		browser('zh-Hant-HK');
		expect(pickLang('en')).toBe('en');
	});

	it("give the dialog its words in the wrapper's language, English otherwise", () => {
		expect(words({ lang: 'es' } as HTMLElement).accept).toBe('Chatear ahora');
		expect(words({ lang: 'xx' } as HTMLElement).decline).toBe('No thanks');
	});
});
