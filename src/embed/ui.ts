/**
 * What the visitor sees: the launcher and the invitation dialog (the widget panel joins them
 * from panel.ts, loaded on demand), in a shadow root on one host element. The host element's inline `all: initial !important`
 * beats any page rule (inline important declarations win over stylesheet ones, even
 * `* { all: unset !important }`), and the shadow root keeps page selectors out of the rest.
 * The root is open so accessibility checkers (axe-core) can read it; a closed root would
 * hide nothing from a page's own scripts anyway.
 *
 * One UI per page, so its state is this module's.
 */
import { ACCEPT, CHAT, DECLINE, EXPIRED, unreadSuffix } from './strings';

/** An invitation as the `invitation` broadcast and `widget_state` carry it. */
export interface Invitation {
	id: string;
	message: string;
	agent_name: string;
	agent_initial: string;
}

/** Text colour with the better contrast on a `#rrggbb` background. */
export function inkOn(hex: string): string {
	const n = parseInt(hex.slice(1), 16);
	// Relative luminance (gamma 2.2) times 255^2.2; above ~0.19, near-black contrasts more.
	return 0.2126 * (n >> 16) ** 2.2 + 0.7152 * ((n >> 8) & 255) ** 2.2 + 0.0722 * (n & 255) ** 2.2 >
		37400
		? '#111'
		: '#fff';
}

// w: wrapper (L: left corner, o: panel open), l: launcher, b: badge, d: dialog, a: avatar,
// r: dialog buttons (y: accept); the panel's (p) are in panel.ts. The dialog sits above the
// launcher. Motion only for those who have not asked for less.
const css = (color: string) =>
	'.w,button{font:15px system-ui}' +
	'button{border:0;border-radius:8px;min-height:44px;padding:0 16px}' +
	'.l,.d{position:fixed;bottom:88px;right:20px;background:#fff;border-radius:12px;box-shadow:0 4px 20px #0004}' +
	'.L>*{right:auto;left:20px}' +
	'.l{bottom:20px;width:56px;height:56px;border-radius:50%}' +
	`.l,.a,.y{background:${color};color:${inkOn(color)}}` +
	'.b{position:absolute;top:0;right:0;padding:0 6px;border-radius:9px;background:#c00;color:#fff;font-size:12px}' +
	'.d{width:min(288px,100% - 72px);padding:16px}' +
	'.a{display:inline-block;width:32px;line-height:32px;border-radius:50%;text-align:center;margin-right:8px}' +
	'.r{text-align:right}' +
	'@media(prefers-reduced-motion:no-preference){.d{animation:u .3s}}@keyframes u{0%{opacity:0}}';

let root: ShadowRoot;
let unread = 0;
let before: HTMLElement | null;
/** The element of our UI that `selector` finds (`.w`, the wrapper, is where the panel goes). */
export const $ = (selector: string) => root.querySelector(selector) as HTMLElement;

/** Puts focus back on `to` if focus is inside our UI (and so about to vanish). */
const giveBack = (to?: HTMLElement | null) => root.activeElement && to?.focus();

/**
 * Adds the UI to the page, in the site's colour (`#rrggbb`, checked by the database) and
 * corner; `toggle` runs on a launcher press, `accept` and `decline` on the dialog's buttons.
 */
export function mountUi(
	color: string,
	left: boolean,
	toggle: () => void,
	accept: () => void,
	decline: () => void
): void {
	const host = document.createElement('div');
	// Fixed and empty: it takes no room on the page, so nothing moves when it arrives.
	host.style.cssText =
		'all:initial!important;position:fixed!important;z-index:2147483647!important';
	root = host.attachShadow({ mode: 'open' });
	root.innerHTML =
		`<style>${css(color)}</style><div class="w${left ? ' L' : ''}">` +
		`<button class=l aria-label="${CHAT}" aria-expanded=false>` +
		'<svg width=24 height=24 fill=currentColor><path d="M3 4h18v13H9l-6 4z"/></svg><span class=b hidden></span></button>' +
		'<div class=d role=dialog aria-labelledby=t aria-describedby=m tabindex=-1 hidden><span class=a aria-hidden=true></span><b id=t></b><p id=m></p>' +
		`<div class=r><button>${DECLINE}</button> <button class=y>${ACCEPT}</button></div></div></div>`;
	$('.l').onclick = toggle;
	$('.r button').onclick = decline;
	$('.y').onclick = accept;
	$('.d').onkeydown = (e) => e.key == 'Escape' && decline();
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
	$('.l').ariaLabel = CHAT + (count ? unreadSuffix(count) : '');
}

/** Shows the invitation dialog, or without an invitation, the notice that it has expired. */
export function invite(inv?: Invitation): void {
	const d = $('.d');
	if (inv) {
		$('#t').textContent = inv.agent_name;
		$('.a').textContent = inv.agent_initial || '?';
	}
	$('#m').textContent = inv ? inv.message : EXPIRED;
	$('.r').hidden = !inv;
	if (d.hidden) before = document.activeElement as HTMLElement | null;
	d.hidden = false;
	// Move focus in, unless the visitor is typing: their keys must not land on our buttons.
	if (!before?.matches('input,textarea,select,[contenteditable]')) d.focus();
}

/** Hides the invitation dialog. */
export function uninvite(): void {
	$('.d').hidden = true;
	giveBack(before);
}
