/**
 * The snippet's interface text. The snippet cannot load the app's i18next, and every byte of
 * it is downloaded by every page of every site, so it carries only the launcher's name in the
 * six interface languages; the invitation dialog's words travel with the dialog in
 * `/embed-panel.js` (dialog-strings.ts). The language is the visitor's browser's, else the
 * site's default, else English, like the widget's.
 */

/** Per language: the launcher's name (and the widget iframe's title), and "unread". */
const WORDS: Record<string, [string, string]> = {
	en: ['Chat', 'unread'],
	es: ['Chat', 'sin leer'],
	fr: ['Chat', 'non lus'],
	de: ['Chat', 'ungelesen'],
	zh: ['聊天', '条未读'],
	ar: ['دردشة', 'غير مقروءة']
};

/** The interface language of the snippet's launcher and dialog: one of WORDS' keys. */
export let lang = 'en';

/**
 * Picks the first of the browser's languages the snippet speaks, else the site's default
 * (`site`), else English. Simplified Chinese only: Traditional tags do not match.
 */
export const pickLang = (site: string) =>
	(lang =
		[...navigator.languages, site]
			.map((tag) => (/-(hant|tw|hk|mo)/i.test(tag) ? '' : tag.slice(0, 2).toLowerCase()))
			.find((base) => WORDS[base]) || 'en');

/** The launcher's name (its `aria-expanded` says whether the panel is open). */
export const chat = () => WORDS[lang][0];
/** Appended to the launcher's name while agent messages wait unread. */
export const unreadSuffix = (count: number) =>
	(lang == 'zh' ? '，' : lang == 'ar' ? '، ' : ', ') + count + ' ' + WORDS[lang][1];
