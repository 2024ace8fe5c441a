/**
 * `/embed-panel.js`: the host end of the widget panel, an ES module the snippet imports from
 * our origin the first time the visitor opens the chat or accepts an invitation (the widget
 * iframe is created on demand anyway, so nothing here is needed before). It adds the panel
 * and the iframe to the snippet's shadow root and speaks the postMessage protocol's host end.
 * Kept out of `/embed.js` so what every page downloads fits its budget.
 */
import {
	connectWidget,
	type HostMessage,
	type Link,
	type WidgetMessage
} from '../lib/embed/protocol';
import { safe } from './safe';
import { words } from './dialog-strings';

export { invite, uninvite } from './dialog';

/** The panel: the protocol link to the widget, and opening or closing it. */
export interface Panel extends Link<HostMessage> {
	/** Toggles the panel, or opens it on conversation `id`. */
	toggle(id?: string): void;
}

/** What the widget's `init` takes from the snippet's state, read when the widget is ready. */
export type InitState = Pick<
	Extract<HostMessage, { type: 'init' }>,
	'session' | 'siteKey' | 'visitorId' | 'widget'
>;

// p: the panel, above the launcher; on a phone the whole screen, the launcher (l) hidden
// while it is open (o). The corner rule (.L>*) is the snippet's.
const CSS =
	'.p{position:fixed;bottom:88px;right:20px;width:380px;height:600px;max-height:calc(100% - 108px);background:#fff;border-radius:12px;box-shadow:0 4px 20px #0004}' +
	'iframe{border:0;width:100%;height:100%}' +
	'@media(max-width:479px){.p{inset:0;width:100%;height:100%;max-height:none;border-radius:0}.o .l{display:none}}';

/**
 * Adds the (hidden) panel with the widget to the snippet's `wrapper`, and speaks the protocol's host end: nothing is sent before the widget says
 * `ready`; then (again if the widget reloads) `init` with `state()`, and the panel shows if
 * the visitor has asked for it meanwhile. `badge` shows unread messages on the launcher.
 */
export default function mountPanel(
	wrapper: HTMLElement,
	state: () => InitState,
	badge: (count: number) => void
): Panel {
	wrapper.insertAdjacentHTML('beforeend', `<style>${CSS}</style><div class=p hidden></div>`);
	const panel = wrapper.lastChild as HTMLElement;
	// The widget is ours, served from where this module is.
	const origin = new URL(import.meta.url).origin;
	const f = document.createElement('iframe');
	let expanded = false;
	let ready = false;
	let conversationId: string | undefined;
	f.src = origin + '/widget?site=' + state().siteKey;
	f.title = words(wrapper).title;
	f.allow = 'camera; microphone; autoplay';
	// Tells the widget our origin even when the page's referrer policy would hide it.
	f.referrerPolicy = 'origin';
	panel.append(f);

	const launcher = wrapper.firstChild as HTMLElement;
	/** The visitor asks for the panel (`on`) or closes it; it shows once the widget is ready. */
	const set = (on: boolean) => {
		const visible = (expanded = on) && ready;
		const was = !panel.hidden;
		launcher.ariaExpanded = '' + on;
		wrapper.classList.toggle('o', visible);
		panel.hidden = !visible;
		// Into the widget, and back to the launcher when the widget closes itself.
		if (visible) f.focus();
		else if (was) launcher.focus();
	};
	const link = connectWidget(
		f,
		origin,
		safe(() => {
			ready = true;
			link.send({
				type: 'init',
				...state(),
				page: { url: location.href, title: document.title },
				open: { conversationId }
			});
			set(expanded);
		}),
		safe((m: WidgetMessage) =>
			m.type == 'close' ? set(false) : m.type == 'unread' && badge(m.count)
		)
	) as Panel;
	link.toggle = (id) => {
		if (id || !expanded) {
			// Before `ready`, `init` carries it.
			link.send({ type: 'open', conversationId: (conversationId = id) });
			set(true);
		} else set(false);
	};
	return link;
}
