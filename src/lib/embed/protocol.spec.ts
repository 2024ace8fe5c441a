import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	connectHost,
	connectWidget,
	embedderOrigin,
	isHostMessage,
	isSession,
	isWidgetMessage,
	MESSAGE_TYPES,
	type HostMessage
} from './protocol';

const HOST = 'https://shop.example';
const PARLEY = 'https://parley.example';

/**
 * A window stand-in: an EventTarget whose postMessage records what was posted and where, and
 * a `deliver` that dispatches a MessageEvent as the browser would.
 */
class FakeWindow extends EventTarget {
	posted: { data: unknown; origin: string }[] = [];
	parent: FakeWindow = this;
	postMessage(data: unknown, origin: string) {
		if (origin === '*') throw new Error('never post to *');
		this.posted.push({ data, origin });
	}
	deliver(data: unknown, source: unknown, origin: string) {
		this.dispatchEvent(
			Object.assign(new Event('message'), { data, source, origin }) as unknown as MessageEvent
		);
	}
}

const session = { access_token: 'a', refresh_token: 'r', expires_at: 1900000000, user_id: 'u' };
const widget = {
	name: 'Shop',
	color: '#2563eb',
	position: 'bottom-right',
	greeting: 'Hi',
	default_language: 'en'
};
const init: HostMessage = {
	type: 'init',
	session,
	siteKey: 'pk_x',
	visitorId: 'u',
	widget,
	page: { url: `${HOST}/`, title: 'Shop' },
	open: {}
};
const env = (m: object) => ({ ns: 'parley', v: 1, ...m });

describe('message guards', () => {
	it('accept every well-formed message, each from its own side only', () => {
		expect(isWidgetMessage(env({ type: 'ready' }))).toBe(true);
		expect(isWidgetMessage(env({ type: 'close' }))).toBe(true);
		expect(isWidgetMessage(env({ type: 'unread', count: 3 }))).toBe(true);
		expect(isWidgetMessage(env({ type: 'conversation', id: 'c1' }))).toBe(true);
		expect(isHostMessage(env(init))).toBe(true);
		expect(isHostMessage(env({ type: 'token', access_token: 'a', expires_at: 1 }))).toBe(true);
		expect(isHostMessage(env({ type: 'open' }))).toBe(true);
		expect(isHostMessage(env({ type: 'open', conversationId: 'c1' }))).toBe(true);
		expect(isHostMessage(env({ type: 'ready' }))).toBe(false);
		expect(isWidgetMessage(env(init))).toBe(false);
	});

	it('know a shape for every type name', () => {
		for (const type of MESSAGE_TYPES) {
			const known = [isWidgetMessage, isHostMessage].some((guard) =>
				guard(
					env({ ...init, count: 1, id: 'x', access_token: 'a', expires_at: 1, online: true, type })
				)
			);
			expect(known, type).toBe(true);
		}
	});

	it.each([
		['not an object', 'ready'],
		['null', null],
		['another namespace', { ns: 'other', v: 1, type: 'ready' }],
		['another version', { ns: 'parley', v: 2, type: 'ready' }],
		['an unknown type', env({ type: 'explode' })],
		['an inherited name as type', env({ type: 'constructor' })],
		['a count that is a string', env({ type: 'unread', count: '3' })],
		['a count that is not finite', env({ type: 'unread', count: Infinity })],
		['a missing id', env({ type: 'conversation' })],
		['agents without a boolean', env({ type: 'agents', online: 'yes' })]
	])('reject %s', (_, data) => {
		expect(isWidgetMessage(data)).toBe(false);
		expect(isHostMessage(data)).toBe(false);
	});

	it('check nested fields of init', () => {
		expect(isHostMessage(env({ ...init, session: { ...session, expires_at: 'soon' } }))).toBe(
			false
		);
		expect(isHostMessage(env({ ...init, widget: { ...widget, color: 1 } }))).toBe(false);
		expect(isHostMessage(env({ ...init, page: { url: 'x' } }))).toBe(false);
		expect(isHostMessage(env({ ...init, open: { conversationId: 7 } }))).toBe(false);
		expect(isHostMessage(env({ ...init, open: undefined }))).toBe(false);
	});

	it('tell a session from something else', () => {
		expect(isSession(session)).toBe(true);
		expect(isSession({ ...session, refresh_token: undefined })).toBe(false);
		expect(isSession('token')).toBe(false);
	});
});

describe('the host end', () => {
	const host = new FakeWindow();
	const widgetWindow = new FakeWindow();
	const iframe = { contentWindow: widgetWindow, remove: vi.fn() };
	vi.stubGlobal('window', host);
	afterEach(() => {
		widgetWindow.posted = [];
		iframe.remove.mockClear();
	});

	function connect() {
		const onReady = vi.fn();
		const onMessage = vi.fn();
		const link = connectWidget(iframe as unknown as HTMLIFrameElement, PARLEY, onReady, onMessage);
		return { link, onReady, onMessage };
	}

	it('sends nothing before the widget is ready, then posts to its origin only', () => {
		const { link, onReady } = connect();
		link.send({ type: 'open' });
		expect(widgetWindow.posted).toEqual([]);
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		expect(onReady).toHaveBeenCalledTimes(1);
		link.send(init);
		expect(widgetWindow.posted).toEqual([{ data: env(init), origin: PARLEY }]);
		link.destroy();
	});

	it('ignores messages from a foreign origin', () => {
		const { link, onReady, onMessage } = connect();
		host.deliver(env({ type: 'ready' }), widgetWindow, 'https://evil.example');
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		host.deliver(env({ type: 'close' }), widgetWindow, 'https://evil.example');
		expect(onReady).toHaveBeenCalledTimes(1);
		expect(onMessage).not.toHaveBeenCalled();
		link.destroy();
	});

	it('ignores messages from another window, even on the right origin', () => {
		const { link, onReady, onMessage } = connect();
		const other = new FakeWindow();
		host.deliver(env({ type: 'ready' }), other, PARLEY);
		host.deliver(env({ type: 'ready' }), null, PARLEY);
		expect(onReady).not.toHaveBeenCalled();
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		host.deliver(env({ type: 'close' }), other, PARLEY);
		expect(onMessage).not.toHaveBeenCalled();
		link.destroy();
	});

	it('ignores malformed messages', () => {
		const { link, onMessage } = connect();
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		host.deliver(env({ type: 'unread', count: 'many' }), widgetWindow, PARLEY);
		host.deliver('{"ns":"parley","v":1,"type":"close"}', widgetWindow, PARLEY);
		host.deliver(env({ type: 'unread', count: 2 }), widgetWindow, PARLEY);
		expect(onMessage.mock.calls).toEqual([[env({ type: 'unread', count: 2 })]]);
		link.destroy();
	});

	it('runs the handshake again when the widget reloads', () => {
		const { link, onReady } = connect();
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		expect(onReady).toHaveBeenCalledTimes(2);
		link.destroy();
	});

	it('stops listening, stops sending and removes the iframe on destroy', () => {
		const { link, onReady, onMessage } = connect();
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		link.destroy();
		expect(iframe.remove).toHaveBeenCalled();
		host.deliver(env({ type: 'ready' }), widgetWindow, PARLEY);
		host.deliver(env({ type: 'close' }), widgetWindow, PARLEY);
		link.send({ type: 'open' });
		expect(onReady).toHaveBeenCalledTimes(1);
		expect(onMessage).not.toHaveBeenCalled();
		expect(widgetWindow.posted).toEqual([]);
	});
});

describe('the widget end', () => {
	function frame() {
		const parent = new FakeWindow();
		const self = new FakeWindow();
		self.parent = parent;
		return { parent, self };
	}

	it('says ready to the host origin at once, and hears only the host', () => {
		const { parent, self } = frame();
		const onMessage = vi.fn();
		const link = connectHost(HOST, onMessage, self as unknown as Window);
		expect(parent.posted).toEqual([{ data: env({ type: 'ready' }), origin: HOST }]);
		self.deliver(env(init), parent, 'https://evil.example');
		self.deliver(env(init), new FakeWindow(), HOST);
		self.deliver(env({ ...init, siteKey: 1 }), parent, HOST);
		self.deliver(env(init), parent, HOST);
		expect(onMessage.mock.calls).toEqual([[env(init)]]);
		link.send({ type: 'unread', count: 1 });
		expect(parent.posted[1]).toEqual({ data: env({ type: 'unread', count: 1 }), origin: HOST });
		link.destroy();
		self.deliver(env(init), parent, HOST);
		expect(onMessage).toHaveBeenCalledTimes(1);
	});

	it('learns the host origin from ancestorOrigins, else from the referrer', () => {
		const doc = (ancestors: string[], referrer: string) =>
			({ location: { ancestorOrigins: ancestors }, referrer }) as unknown as Document;
		expect(embedderOrigin(doc([HOST], ''))).toBe(HOST);
		expect(embedderOrigin(doc([], `${HOST}/`))).toBe(HOST);
		expect(embedderOrigin(doc([], ''))).toBe(null);
	});
});
