/**
 * The snippet's interface text. The snippet cannot load the app's i18next, so its few
 * strings live here; a language is one more entry of the same shape in `STRINGS`.
 */

const en = {
	open: 'Open chat',
	close: 'Close chat',
	/** Appended to the launcher's name while agent messages wait unread. */
	unread: (count: number) => `, ${count} unread`,
	accept: 'Chat now',
	decline: 'No thanks',
	chat: 'Chat'
};

export type Strings = typeof en;

export const STRINGS: Record<string, Strings> = { en };

/** The strings for a BCP 47 language tag (e.g. `navigator.language`), else English. */
export const stringsFor = (tag: string): Strings => STRINGS[tag.split('-')[0]] || en;
