/**
 * The one postMessage protocol between the snippet on a host page and the widget iframe.
 * Every message is `{ ns: 'parley', v: 1, type, …fields }`; receivers accept only the peer
 * window they expect, from the origin they expect, with every field of the right type.
 * The snippet imports this module, so it stays tiny: one shape table per direction, no
 * dependencies.
 */

export const NAMESPACE = 'parley';
export const VERSION = 1;

/** Every message type: widget → host first, then host → widget. */
export const MESSAGE_TYPES = [
	'ready',
	'close',
	'unread',
	'conversation',
	'init',
	'token',
	'open',
	'agents'
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The visitor's session, as the snippet keeps it and hands it to the widget. */
export interface Session {
	access_token: string;
	refresh_token: string;
	/** Unix seconds. */
	expires_at: number;
	user_id: string;
}

/** The site's widget settings, as record_page_view returns them. */
export interface WidgetSettings {
	name: string;
	color: string;
	position: string;
	greeting: string;
	default_language: string;
	prechat_name?: string;
	prechat_email?: string;
	agents_online?: boolean;
}

/** What the widget tells the host page. */
export type WidgetMessage =
	| { type: 'ready' }
	| { type: 'close' }
	| { type: 'unread'; count: number }
	| { type: 'conversation'; id: string };

/** What the host page tells the widget. */
export type HostMessage =
	| {
			type: 'init';
			session: Session;
			siteKey: string;
			visitorId: string;
			widget: WidgetSettings;
			page: { url: string; title: string };
			open: { conversationId?: string };
	  }
	| { type: 'token'; access_token: string; expires_at: number }
	| { type: 'open'; conversationId?: string }
	/** Whether an agent of the site can answer now (from the snippet's heartbeat, every 10 s). */
	| { type: 'agents'; online: boolean };

export type Message = WidgetMessage | HostMessage;
/** A message as it travels: namespaced and versioned. */
export type Envelope<M extends Message = Message> = M & { ns: typeof NAMESPACE; v: typeof VERSION };

// Both unions name exactly the types of MESSAGE_TYPES (checked at compile time only).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _EveryTypeHasAShape = Assert<Same<MessageType, Message['type']>>;

/** A field's type: string, number (finite), boolean; `?` when it may be absent. */
type Field = 's' | 'n' | 'b' | 's?' | 'n?' | 'b?' | Shape;
interface Shape {
	[field: string]: Field;
}

const SESSION: Shape = { access_token: 's', refresh_token: 's', expires_at: 'n', user_id: 's' };

const FROM_HOST: { [T in HostMessage['type']]: Shape } = {
	init: {
		session: SESSION,
		siteKey: 's',
		visitorId: 's',
		widget: {
			name: 's',
			color: 's',
			position: 's',
			greeting: 's',
			default_language: 's',
			prechat_name: 's?',
			prechat_email: 's?',
			agents_online: 'b?'
		},
		page: { url: 's', title: 's' },
		open: { conversationId: 's?' }
	},
	token: { access_token: 's', expires_at: 'n' },
	open: { conversationId: 's?' },
	agents: { online: 'b' }
};

const TYPEOF = { s: 'string', n: 'number', b: 'boolean' } as const;

/** True when `value` is an object whose fields match `shape` (extra fields are allowed). */
export function fits(value: unknown, shape: Shape): boolean {
	return (
		value instanceof Object &&
		Object.keys(shape).every((k) => {
			const want = shape[k];
			const x = (value as Record<string, unknown>)[k];
			return typeof want == 'object'
				? fits(x, want)
				: x === undefined
					? want.length > 1
					: typeof x == TYPEOF[want[0] as 's'] && (typeof x != 'number' || isFinite(x));
		})
	);
}

/** True for a well-formed stored or received session. */
export const isSession = (value: unknown): value is Session => fits(value, SESSION);

const isOf = (table: Record<string, Shape>, m: Envelope): boolean =>
	fits(m, { ns: 's' }) &&
	m.ns === NAMESPACE &&
	m.v === VERSION &&
	Object.hasOwn(table, m.type) &&
	fits(m, table[m.type]);

/**
 * A valid message from the widget. Written out rather than driven by a shape table like
 * `isHostMessage`: the snippet bundles this guard, and it has to stay tiny.
 */
export const isWidgetMessage = (data: unknown): data is Envelope<WidgetMessage> => {
	const m = data as Record<string, unknown>;
	return (
		m instanceof Object &&
		m.ns === NAMESPACE &&
		m.v === VERSION &&
		(m.type == 'ready' ||
			m.type == 'close' ||
			(m.type == 'unread' && Number.isFinite(m.count)) ||
			(m.type == 'conversation' && typeof m.id == 'string'))
	);
};

/** A valid message from the host page. */
export const isHostMessage = (data: unknown): data is Envelope<HostMessage> =>
	isOf(FROM_HOST, data as Envelope);

/** One end of the conversation: send to the peer, and stop listening. */
export interface Link<Out extends Message> {
	send(message: Out): void;
	destroy(): void;
}

/** Listens on `self` for valid messages from exactly `peer()` at exactly `origin`. */
function listen<In extends Message>(
	self: Window,
	peer: () => MessageEventSource | null,
	origin: string,
	guard: (data: unknown) => data is Envelope<In>,
	onMessage: (message: Envelope<In>) => void
): () => void {
	const on = (e: MessageEvent) => {
		if (e.source && e.source === peer() && e.origin === origin && guard(e.data)) onMessage(e.data);
	};
	self.addEventListener('message', on);
	return () => self.removeEventListener('message', on);
}

function post(target: Window | null | undefined, origin: string, message: Message): void {
	target?.postMessage({ ns: NAMESPACE, v: VERSION, ...message }, origin);
}

/**
 * The host page's end, for the widget in `iframe` served from `origin`. Call it before the
 * iframe loads. Nothing is sent until the widget says `ready`; `onReady` runs then (again if
 * the widget reloads) so the host can send `init`. `destroy()` also removes the iframe.
 */
export function connectWidget(
	iframe: HTMLIFrameElement,
	origin: string,
	onReady: () => void,
	onMessage: (message: Envelope<WidgetMessage>) => void
): Link<HostMessage> {
	let ready = false;
	const stop = listen(
		window,
		() => iframe.contentWindow,
		origin,
		isWidgetMessage,
		(m) => {
			if (m.type == 'ready') {
				ready = true;
				onReady();
			} else if (ready) onMessage(m);
		}
	);
	return {
		send: (m) => ready && post(iframe.contentWindow, origin, m),
		destroy() {
			ready = false;
			stop();
			iframe.remove();
		}
	};
}

/**
 * The widget's end, inside the iframe, talking to the host page at `hostOrigin` (see
 * `embedderOrigin`). Says `ready` at once: that is the handshake the host waits for.
 */
export function connectHost(
	hostOrigin: string,
	onMessage: (message: Envelope<HostMessage>) => void,
	self: Window = window
): Link<WidgetMessage> {
	const parent = self.parent;
	const stop = listen(self, () => parent, hostOrigin, isHostMessage, onMessage);
	post(parent, hostOrigin, { type: 'ready' });
	return { send: (m) => post(parent, hostOrigin, m), destroy: stop };
}

/**
 * The origin of the page that embeds the widget, or null when it cannot be known. The
 * snippet creates the iframe with `referrerpolicy="origin"`, so the referrer carries the host
 * origin even when the host page's own policy would hide it; `ancestorOrigins` is used
 * first where the browser has it. Messages are still checked against this origin, and the
 * backend still checks the site's allowed origins.
 */
export function embedderOrigin(doc: Document = document): string | null {
	const ancestors = doc.location?.ancestorOrigins;
	if (ancestors?.length) return ancestors[0];
	try {
		return new URL(doc.referrer).origin;
	} catch {
		return null;
	}
}
