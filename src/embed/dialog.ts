/**
 * The invitation dialog (channel 1), part of `/embed-panel.js`: the snippet loads that module
 * when the launcher is drawn, so the dialog's markup, styles and code cost a host page nothing
 * until an agent invites its visitor, and what every page downloads stays small. It goes into
 * the snippet's shadow root, above the launcher, in the site's colour (the snippet's `.a` and
 * `.y` rules).
 */
import { words } from './dialog-strings';

/** An invitation as the `invitation` broadcast and `widget_state` carry it. */
export interface Invitation {
	id: string;
	message: string;
	agent_name: string;
	agent_initial: string;
}

// d: dialog, a: avatar, r: buttons (y: accept). The corner rule (.L>*) is the snippet's.
// Motion only for those who have not asked for less.
const CSS =
	'.d{position:fixed;bottom:88px;right:20px;width:min(288px,100% - 72px);padding:16px;background:#fff;border-radius:12px;box-shadow:0 4px 20px #0004}' +
	'.a{display:inline-block;width:32px;line-height:32px;border-radius:50%;text-align:center;margin-inline-end:8px}' +
	'.r{text-align:end}' +
	'@media(prefers-reduced-motion:no-preference){.d{animation:u .3s}}@keyframes u{0%{opacity:0}}';

let dialog: HTMLElement | undefined;
let before: HTMLElement | null = null;
const $ = (selector: string) => dialog!.querySelector(selector) as HTMLElement;

/**
 * Shows an invitation in the snippet's `wrapper`, or without one, the notice that it has
 * expired; `accept` and `decline` run on its buttons (Escape declines).
 */
export function invite(
	wrapper: HTMLElement,
	inv: Invitation | undefined,
	accept: () => void,
	decline: () => void
): void {
	const w = words(wrapper);
	if (!dialog) {
		wrapper.insertAdjacentHTML(
			'beforeend',
			`<style>${CSS}</style><div class=d role=dialog aria-labelledby=t aria-describedby=m tabindex=-1 hidden>` +
				'<span class=a aria-hidden=true></span><b id=t></b><p id=m></p>' +
				`<div class=r><button>${w.decline}</button> <button class=y>${w.accept}</button></div></div>`
		);
		dialog = wrapper.lastChild as HTMLElement;
		dialog.onkeydown = (e) => e.key == 'Escape' && decline();
	}
	$('.r button').onclick = decline;
	$('.y').onclick = accept;
	if (inv) {
		$('#t').textContent = inv.agent_name;
		$('.a').textContent = inv.agent_initial || '?';
	}
	$('#m').textContent = inv ? inv.message : w.expired;
	$('.r').hidden = !inv;
	if (dialog.hidden) before = document.activeElement as HTMLElement | null;
	dialog.hidden = false;
	// Move focus in, unless the visitor is typing: their keys must not land on our buttons.
	if (!before?.matches('input,textarea,select,[contenteditable]')) dialog.focus();
}

/** Hides the invitation dialog, giving focus back if it was inside. */
export function uninvite(): void {
	if (!dialog || dialog.hidden) return;
	const inside = (dialog.getRootNode() as ShadowRoot).activeElement;
	dialog.hidden = true;
	if (inside) before?.focus();
}
