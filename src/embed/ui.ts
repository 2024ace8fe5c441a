/**
 * What every page shows: the launcher (channel 3) with its unread badge, in a shadow root on
 * one host element. The invitation dialog (dialog.ts) and the widget panel (panel.ts) join it
 * from `/embed-panel.js`, loaded when the visitor reaches for the launcher or is invited. The host element's inline
 * `all: initial !important` beats any page rule (inline important declarations win over
 * stylesheet ones, even `* { all: unset !important }`), and the shadow root keeps page
 * selectors out of the rest. The root is open so accessibility checkers (axe-core) can read
 * it; a closed root would hide nothing from a page's own scripts anyway.
 *
 * One UI per page, so its state is this module's.
 */
import { chat, lang, unreadSuffix } from './strings';

/** Text colour with the better contrast on a `#rrggbb` background. */
export function inkOn(hex: string): string {
	const n = parseInt(hex.slice(1), 16);
	// Relative luminance (gamma 2.2) times 255^2.2; above ~0.19, near-black contrasts more.
	return 0.2126 * (n >> 16) ** 2.2 + 0.7152 * ((n >> 8) & 255) ** 2.2 + 0.0722 * (n & 255) ** 2.2 >
		37400
		? '#111'
		: '#fff';
}

// w: wrapper (L: left corner, o: panel open), l: launcher, b: badge; a (the dialog's avatar)
// and y (its accept button) take the site's colour too.
const css = (color: string) =>
	'.w,button{font:15px system-ui}' +
	'button{border:0;border-radius:8px;min-height:44px;padding:0 16px}' +
	'.l{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;box-shadow:0 4px 20px #0004}' +
	'.L>*{right:auto;left:20px}' +
	`.l,.a,.y{background:${color};color:${inkOn(color)}}` +
	'.b{position:absolute;top:0;right:0;padding:0 6px;border-radius:9px;background:#c00;color:#fff;font-size:12px}';

let root: ShadowRoot;
let unread = 0;
/** The element of our UI that `selector` finds (`.w`, the wrapper, is where the rest goes). */
export const $ = (selector: string) => root.querySelector(selector) as HTMLElement;

/**
 * Adds the launcher to the page, in the site's colour (`#rrggbb`, checked by the database)
 * and corner; `toggle` runs on a press.
 */
export function mountUi(color: string, left: boolean, toggle: () => void): void {
	const host = document.createElement('div');
	// Fixed and empty: it takes no room on the page, so nothing moves when it arrives.
	host.style.cssText =
		'all:initial!important;position:fixed!important;z-index:2147483647!important';
	root = host.attachShadow({ mode: 'open' });
	root.innerHTML =
		`<style>${css(color)}</style><div class="w${left ? ' L' : ''}" lang=${lang} dir=${lang == 'ar' ? 'rtl' : 'ltr'}>` +
		`<button class=l aria-label="${chat()}" aria-expanded=false>` +
		'<svg width=24 height=24 fill=currentColor><path d="M3 4h18v13H9l-6 4z"/></svg><span class=b hidden></span></button></div>';
	$('.l').onclick = toggle;
	document.documentElement.append(host);
}

/**
 * Shows `count` (else one more) unread agent messages on the launcher, and in its name; 0
 * hides the badge. (The launcher's name stays "Chat" otherwise: whether the panel is open
 * is its `aria-expanded`, which the panel sets.)
 */
export function badge(count = unread + 1): void {
	const b = $('.b');
	b.textContent = '' + (unread = count);
	b.hidden = !count;
	$('.l').ariaLabel = chat() + (count ? unreadSuffix(count) : '');
}
