/**
 * The snippet: `<script async src="https://PARLEY/embed.js" data-site="pk_…">`. Signs the
 * visitor in anonymously, records page views and a heartbeat, listens on the visitor's
 * private Realtime topic for invitations, and shows the launcher, the invitation dialog and,
 * on demand, the widget iframe. It runs on someone else's page, so: it installs once, waits
 * for an idle moment, and no error of ours ever reaches the page.
 *
 * `PARLEY_CONFIG` ({url, key}: the Supabase URL and anon key) is supplied by the server
 * that serves the bundle, wrapped around it at run time (src/routes/embed.js/+server.ts).
 */
import {
	connectWidget,
	type HostMessage,
	type Link,
	type Session,
	type WidgetMessage,
	type WidgetSettings
} from '../lib/embed/protocol';
import { joinChannel, type Channel } from './phoenix';
import { loadSession, refreshDelayMs, sessionKey, storeSession, toSession } from './session';
import { stringsFor } from './strings';
import { mountUi, type Invitation, type Ui } from './ui';

declare const PARLEY_CONFIG: { url: string; key: string };

/** While the tab is visible, the visitor says it is still there this often. */
const HEARTBEAT_INTERVAL_MS = 10_000;
/** Single-page apps often set the title just after changing the URL. */
const NAVIGATION_SETTLE_MS = 100;
/** Spreads refreshes of tabs sharing one session, so the first one's result is adopted. */
const REFRESH_JITTER_MS = 20_000;

type Json = Record<string, unknown>;

const noop = () => {};
/** `f` run off the caller's stack with every error swallowed: nothing reaches the host page. */
const safe =
	<A extends unknown[]>(f: (...a: A) => unknown) =>
	(...a: A) =>
		void Promise.resolve()
			.then(() => f(...a))
			.catch(noop);

async function start(url: string, key: string, siteKey: string, widgetOrigin: string) {
	const storeKey = sessionKey(siteKey);
	let session = loadSession(storeKey);
	let refreshTimer: ReturnType<typeof setTimeout>;
	let ui: Ui;
	let channel: Channel;
	let link: Link<HostMessage>;
	let widget: WidgetSettings;
	let visitorId: string;
	let lastUrl: string;
	let invitationId: unknown;
	let invitationTimer: ReturnType<typeof setTimeout>;
	let conversationId: string | undefined;
	let unread = 0;
	let expanded = false;
	let ready = false;

	/** POSTs JSON to the backend; rejects with the HTTP status, or a network error. */
	const call = (path: string, body: object, token = key, keepalive?: boolean) =>
		fetch(url + path, {
			method: 'POST',
			keepalive,
			headers: {
				apikey: key,
				authorization: 'Bearer ' + token,
				'content-type': 'application/json'
			},
			body: JSON.stringify(body)
		}).then((r) =>
			r.ok ? r.text().then((text) => text && JSON.parse(text)) : Promise.reject(r.status)
		);

	const save = (next: Session) => {
		storeSession(storeKey, (session = next));
		clearTimeout(refreshTimer);
		refreshTimer = setTimeout(
			safe(refresh),
			refreshDelayMs(next, Date.now()) - Math.random() * REFRESH_JITTER_MS
		);
		channel?.token(next.access_token);
		link?.send({ type: 'token', access_token: next.access_token, expires_at: next.expires_at });
	};
	const auth = async (path: string, body: object) =>
		save(toSession(await call('/auth/v1/' + path, body), Date.now()));
	const signIn = () => auth('signup', {});
	const refresh = () => {
		const stored = loadSession(storeKey);
		// Another tab refreshed first, and its refresh token replaced ours: adopt its session.
		return stored && stored.expires_at > session!.expires_at
			? save(stored)
			: auth('token?grant_type=refresh_token', { refresh_token: session!.refresh_token }).catch(
					// Refused (revoked, or the visitor was cleaned up): start over as a new visitor.
					// Offline: keep the identity and try again when next needed.
					(e) => (typeof e == 'number' ? signIn() : Promise.reject(e))
				);
	};

	/** Calls a database function with a current token. */
	const rpc = async (fn: string, args: Json = {}) => {
		await (!session ? signIn() : refreshDelayMs(session, Date.now()) || refresh());
		return call('/rest/v1/rpc/' + fn, args, session!.access_token);
	};

	const pageView = async (): Promise<void> => {
		const args: Json = {
			site_key: siteKey,
			page_url: (lastUrl = location.href),
			page_title: document.title,
			referrer: document.referrer,
			language: navigator.language
		};
		const view = await rpc('record_page_view', {
			...args,
			screen: screen.width + 'x' + screen.height
		}).catch((e) =>
			// A backend without the `screen` argument yet answers 404: record without it.
			e == 404 ? rpc('record_page_view', args) : Promise.reject(e)
		);
		widget = view.widget;
		ui ||= mountUi(widget.color, widget.position == 'bottom-left', stringsFor(navigator.language), {
			toggle: safe(() => (expanded ? setOpen(false) : open())),
			accept: safe(accept),
			decline: safe(decline)
		});
		if (view.visitor_id != visitorId) {
			// First view, or a new identity after a failed refresh: listen on its own topic.
			channel?.close();
			channel = joinChannel(
				url.replace(/^http/, 'ws') + '/realtime/v1/websocket?vsn=1.0.0&apikey=' + key,
				'realtime:visitor:' + (visitorId = view.visitor_id),
				() => ({
					config: {
						broadcast: { self: false, ack: false },
						presence: { enabled: false },
						postgres_changes: [],
						private: true
					},
					access_token: session!.access_token
				}),
				safe(onEvent)
			);
		}
	};

	const closeInvitation = (id?: unknown) => {
		if (id && id != invitationId) return;
		invitationId = 0;
		clearTimeout(invitationTimer);
		ui.uninvite();
	};
	const onEvent = (event: string, p: Json) => {
		if (event == 'invitation' && typeof p.id == 'string') {
			ui.invite(p as unknown as Invitation);
			clearTimeout(invitationTimer);
			invitationTimer = setTimeout(
				safe(closeInvitation),
				(Number(p.expires_in_seconds) || 60) * 1000,
				(invitationId = p.id)
			);
			return rpc('mark_invitation_seen', { invitation_id: p.id });
		}
		if (event == 'invitation_closed') closeInvitation(p.id);
		// Without the widget, the launcher counts agent messages itself.
		if (event == 'message' && !link) ui.badge(++unread);
		if (event == 'conversation') conversationId = p.status == 'closed' ? undefined : String(p.id);
	};
	const accept = async (id: string) => {
		closeInvitation(id);
		open((await rpc('accept_invitation', { invitation_id: id })).conversation_id);
	};
	const decline = (id: string) => {
		closeInvitation(id);
		return rpc('decline_invitation', { invitation_id: id });
	};

	const setOpen = (on: boolean) => ui.panel((expanded = on), on && ready);
	const onWidget = (m: WidgetMessage) => {
		if (m.type == 'close') setOpen(false);
		if (m.type == 'unread') ui.badge((unread = m.count));
		if (m.type == 'conversation') conversationId = m.id;
	};
	/** Opens the panel, creating the widget the first time; shown once the widget is ready. */
	const open = (id?: string) => {
		conversationId = id || conversationId;
		if (link) link.send({ type: 'open', conversationId });
		else
			link = connectWidget(
				ui.frame(widgetOrigin + '/widget?site=' + encodeURIComponent(siteKey)),
				widgetOrigin,
				safe(() => {
					ready = true;
					link.send({
						type: 'init',
						session: session!,
						siteKey,
						visitorId,
						widget,
						page: { url: location.href, title: document.title },
						open: { conversationId }
					});
					setOpen(expanded);
				}),
				safe(onWidget)
			);
		setOpen(true);
	};

	await pageView();

	const beat = () =>
		document.visibilityState == 'visible' &&
		// A URL change the history hooks missed, or a new identity: that is a page view.
		(location.href != lastUrl || session!.user_id != visitorId
			? pageView()
			: rpc('visitor_heartbeat'));
	setInterval(safe(beat), HEARTBEAT_INTERVAL_MS);
	addEventListener('visibilitychange', safe(beat));
	addEventListener(
		'pagehide',
		safe(() => call('/rest/v1/rpc/visitor_leave', {}, session!.access_token, true))
	);
	const navigated = () =>
		setTimeout(
			safe(() => location.href != lastUrl && pageView()),
			NAVIGATION_SETTLE_MS
		);
	const h = history as unknown as Record<string, (...a: unknown[]) => unknown>;
	for (const name of ['pushState', 'replaceState']) {
		const original = h[name];
		h[name] = function (this: unknown, ...a: unknown[]) {
			navigated();
			return original.apply(this, a);
		};
	}
	addEventListener('popstate', navigated);
}

try {
	const w = window as unknown as { __parley?: boolean };
	const script = document.currentScript as HTMLScriptElement;
	const siteKey = script.dataset.site;
	if (siteKey && !w.__parley) {
		w.__parley = true;
		const go = safe(() =>
			start(PARLEY_CONFIG.url, PARLEY_CONFIG.key, siteKey, new URL(script.src).origin)
		);
		// Safari has no requestIdleCallback.
		if ('requestIdleCallback' in window) requestIdleCallback(go, { timeout: 3000 });
		else setTimeout(go, 1);
	}
} catch {
	// Never into the host page.
}
