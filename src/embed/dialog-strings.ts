/**
 * The invitation dialog's words and the widget iframe's title, in the six interface
 * languages, part of `/embed-panel.js` (loaded once the launcher is up), so they cost a host
 * page's first load nothing. The snippet writes its language on the wrapper's `lang`.
 */

/** Per language: accept, decline, "this invitation has expired", the iframe's title. */
const WORDS: Record<string, [string, string, string, string]> = {
	en: ['Chat now', 'No thanks', 'Invitation expired.', 'Chat'],
	es: ['Chatear ahora', 'No, gracias', 'La invitación ha caducado.', 'Chat'],
	fr: ['Discuter', 'Non merci', 'L’invitation a expiré.', 'Chat'],
	de: ['Jetzt chatten', 'Nein danke', 'Die Einladung ist abgelaufen.', 'Chat'],
	zh: ['立即聊天', '不用了', '邀请已过期。', '聊天'],
	ar: ['دردش الآن', 'لا، شكرًا', 'انتهت صلاحية الدعوة.', 'دردشة']
};

/** The words for the snippet's language (the wrapper's `lang`), English when unknown. */
export const words = (wrapper: HTMLElement) => {
	const [accept, decline, expired, title] = WORDS[wrapper.lang] ?? WORDS.en;
	return { accept, decline, expired, title };
};
