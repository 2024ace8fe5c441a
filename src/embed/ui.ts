/**
 * What the visitor sees: the launcher, the invitation dialog and the widget panel, in a
 * shadow root on one host element. The host element's inline `all: initial !important`
 * beats any page rule (inline important declarations win over stylesheet ones, even
 * `* { all: unset !important }`), and the shadow root keeps page selectors out of the rest.
 * The root is open so accessibility checkers (axe-core) can read it; a closed root would
 * hide nothing from a page's own scripts anyway.
 */
import type { Strings } from './strings';

/** An invitation as the `invitation` broadcast carries it. */
export interface Invitation {
	id: string;
	message?: unknown;
	agent_name?: unknown;
	agent_initial?: unknown;
}

export interface UiHandlers {
	toggle(): void;
	accept(id: string): void;
	decline(id: string): void;
}

export interface Ui {
	/** Shows `count` unread agent messages on the launcher (0 hides the badge). */
	badge(count: number): void;
	invite(invitation: Invitation): void;
	/** Hides the invitation dialog. */
	uninvite(): void;
	/** Adds the widget iframe to the (still hidden) panel. */
	frame(src: string): HTMLIFrameElement;
	/** `expanded`: the visitor asked for the panel; `visible`: it is shown (the widget is ready). */
	panel(expanded: boolean, visible: boolean): void;
}

/** Text colour with the better contrast on a `#rrggbb` background. */
export function inkOn(hex: string): string {
	const n = parseInt(hex.slice(1), 16);
	const luminance = [0.2126, 0.7152, 0.0722].reduce(
		(sum, weight, i) => sum + weight * (((n >> (16 - 8 * i)) & 255) / 255) ** 2.2,
		0
	);
	// Above ~0.19, near-black text contrasts more than white.
	return luminance > 0.19 ? '#111' : '#fff';
}

// w: wrapper (L: left corner, o: panel open), l: launcher, b: badge, d: dialog, a: avatar,
// r: dialog buttons (y: accept), p: panel. Motion only for those who have not asked for less.
const CSS =
	'*{box-sizing:border-box;margin:0}.w{font:15px/1.4 system-ui,sans-serif}[hidden]{display:none!important}' +
	'button{font:inherit;border:0;border-radius:8px;min-height:44px;padding:0 16px;background:#eee;cursor:pointer}' +
	'.l,.d,.p{position:fixed;bottom:20px;right:20px;box-shadow:0 4px 20px #0004}.L>*{right:auto;left:20px}' +
	'.l{width:56px;height:56px;border-radius:50%;padding:0}.l,.a,.y{background:var(--c);color:var(--i)}' +
	':focus-visible{outline:3px solid var(--c);outline-offset:2px}' +
	'.b{position:absolute;top:0;right:0;padding:0 6px;border-radius:9px;background:#c81e1e;color:#fff;font-size:12px}' +
	'.d,.p{bottom:88px;background:#fff;border-radius:12px}.d{width:320px;max-width:calc(100% - 40px);padding:16px}' +
	'.a{display:inline-block;width:32px;line-height:32px;border-radius:50%;text-align:center;margin-right:8px}' +
	'p{margin:12px 0}.r{text-align:right}.p{width:380px;height:600px;max-height:calc(100% - 108px)}' +
	'iframe{border:0;width:100%;height:100%}' +
	'@media(max-width:479px){.w .p{inset:0;width:auto;height:auto;max-height:none;border-radius:0}.o .l{display:none}}' +
	'@media(prefers-reduced-motion:no-preference){.d{animation:u .3s}}@keyframes u{from{opacity:0}}';

/** Adds the UI to the page, in the site's colour and corner. */
export function mountUi(siteColor: string, left: boolean, s: Strings, on: UiHandlers): Ui {
	const color = /^#[0-9a-f]{6}$/i.test(siteColor) ? siteColor : '#2563eb';
	const host = document.createElement('div');
	// Fixed and empty: it takes no room on the page, so nothing moves when it arrives.
	host.style.cssText =
		'all:initial!important;position:fixed!important;z-index:2147483647!important';
	const root = host.attachShadow({ mode: 'open' });
	root.innerHTML =
		`<style>${CSS}</style><div class="w${left ? ' L' : ''}" style="--c:${color};--i:${inkOn(color)}">` +
		'<button class=l aria-expanded=false><svg width=28 height=28 viewBox="0 0 24 24" fill=currentColor aria-hidden=true><path d="M21 12a8 8 0 0 1-11.6 7.1L3 21l1.9-6.4A8 8 0 1 1 21 12z"/></svg><span class=b hidden></span></button>' +
		'<div class=d role=dialog aria-labelledby=t aria-describedby=m tabindex=-1 hidden><span class=a aria-hidden=true></span><b id=t></b><p id=m></p>' +
		`<div class=r><button>${s.decline}</button> <button class=y>${s.accept}</button></div></div><div class=p hidden></div></div>`;
	const $ = (selector: string) => root.querySelector(selector) as HTMLElement;
	const launcher = $('.l');
	const badge = $('.b');
	const dialog = $('.d');
	const panel = $('.p');
	let unread = 0;
	let invitationId = '';
	let before: HTMLElement | null;

	const label = () =>
		launcher.setAttribute(
			'aria-label',
			launcher.ariaExpanded == 'true' ? s.close : s.open + (unread ? s.unread(unread) : '')
		);
	const text = (selector: string, value: unknown) =>
		($(selector).textContent = String(value ?? ''));
	/** Puts focus back on `to` if it is inside our UI (and so about to vanish). */
	const giveBack = (to?: HTMLElement | null) => root.activeElement && to?.focus();

	launcher.onclick = on.toggle;
	$('.r button').onclick = () => on.decline(invitationId);
	$('.y').onclick = () => on.accept(invitationId);
	dialog.onkeydown = (e) => e.key == 'Escape' && on.decline(invitationId);
	label();
	document.documentElement.append(host);

	return {
		badge(count) {
			text('.b', (unread = count));
			badge.hidden = !count;
			label();
		},
		invite(inv) {
			invitationId = inv.id;
			text('#t', inv.agent_name);
			text('.a', inv.agent_initial || String(inv.agent_name ?? '?')[0]);
			text('#m', inv.message);
			dialog.hidden = false;
			before = document.activeElement as HTMLElement | null;
			// Move focus in, unless the visitor is typing: their keys must not land on our buttons.
			if (!before?.matches('input,textarea,select,[contenteditable]')) dialog.focus();
		},
		uninvite() {
			dialog.hidden = true;
			giveBack(before);
		},
		frame(src) {
			const f = document.createElement('iframe');
			f.src = src;
			f.title = s.chat;
			f.allow = 'camera; microphone; autoplay';
			// Tells the widget our origin even when the page's referrer policy would hide it.
			f.referrerPolicy = 'origin';
			panel.append(f);
			return f;
		},
		panel(expanded, visible) {
			launcher.ariaExpanded = String(expanded);
			$('.w').classList.toggle('o', visible);
			panel.hidden = !visible;
			label();
			if (visible) (panel.firstChild as HTMLElement).focus();
			else giveBack(launcher);
		}
	};
}
