/**
 * The snippet's interface text. The snippet cannot load the app's i18next, and every byte
 * of it is downloaded by every page of every site, so it speaks English only, as single
 * constants the minifier inlines; a translation would be chosen here by `navigator.language`.
 */
/** The launcher's name (its `aria-expanded` says whether the panel is open), and the widget iframe's title. */
export const CHAT = 'Chat';
/** Appended to the launcher's name while agent messages wait unread. */
export const unreadSuffix = (count: number) => `, ${count} unread`;
export const ACCEPT = 'Chat now';
export const DECLINE = 'No thanks';
/** In the invitation dialog, when Accept came too late. */
export const EXPIRED = 'Invitation expired.';
