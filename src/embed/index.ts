/**
 * The snippet: `<script async src="https://PARLEY/embed.js" data-site="pk_…">`. Signs the
 * visitor in anonymously, records page views and a heartbeat, listens on the visitor's
 * private Realtime topic for invitations, and shows the launcher, the invitation dialog and,
 * on demand, the widget panel (`/embed-panel.js`, see panel.ts). It runs on someone else's
 * page, so: it installs once, and no error of ours ever reaches the page.
 *
 * `PARLEY_URL` and `PARLEY_KEY` (the Supabase URL and anon key) are supplied by the server
 * that serves the bundle, wrapped around it at run time (src/embed/wrap.ts).
 *
 * Every byte here is downloaded by every page of every site, so the code is written for the
 * minifier: one module-level state instead of objects, no defensive checks the database or
 * the protocol guards already make.
 */
import type { Session, WidgetSettings } from '../lib/embed/protocol';
import type { Invitation } from './dialog';
import type * as PanelModule from './panel';
import type { Panel } from './panel';
import { joinChannel, type Channel } from './phoenix';
import { safe } from './safe';
import { loadSession, refreshDelayMs, storeSession, toSession, type AuthAnswer } from './session';
import { pickLang } from './strings';
import { $, badge, mountUi } from './ui';

declare const PARLEY_URL: string;
declare const PARLEY_KEY: string;

/** While the tab is visible, the visitor says it is still there this often. */
const HEARTBEAT_INTERVAL_MS = 10_000;
/** Single-page apps often set the title just after changing the URL. */
const NAVIGATION_SETTLE_MS = 100;
/** How long "this invitation has expired" stays up. */
const NOTICE_MS = 4000;

type Json = Record<string, unknown>;
type Inv = Invitation & { expires_in_seconds: number };

let siteKey: string;
let widgetOrigin: string;
let session: Session | null | undefined;
let refreshTimer: ReturnType<typeof setTimeout>;
let channel: Channel;
let link: Panel | undefined;
let widget: WidgetSettings;
let visitorId: string;
let lastUrl: string;
/** The latest page view this tab stored: a leave ends the visit only while it is the latest. */
let leave: Json;
let invitation: Inv | undefined;
let invitationTimer: ReturnType<typeof setTimeout>;

/**
 * POSTs JSON to the backend; rejects with the Response when it is not ok, or a network error.
 * Always `keepalive`, which the leave on `pagehide` needs (it may outlive the page): every
 * request is a few hundred bytes, far from the 64 KB that keepalive requests may share.
 */
const call = (path: string, body: object, token = PARLEY_KEY) =>
	fetch(PARLEY_URL + path, {
		method: 'POST',
		keepalive: true,
		headers: {
			apikey: PARLEY_KEY,
			authorization: 'Bearer ' + token,
			'content-type': 'application/json'
		},
		body: JSON.stringify(body)
	}).then((r) => (r.ok ? r.json() : Promise.reject(r)));

const save = (next: Session) => {
	storeSession(siteKey, (session = next));
	clearTimeout(refreshTimer);
	// Tabs sharing the session refresh at about the same time: the refresh token's reuse
	// interval lets them all succeed, and a tab whose timer lagged adopts the stored result.
	refreshTimer = setTimeout(safe(refresh), refreshDelayMs(next));
	channel?.push('access_token', { access_token: next.access_token });
	link?.send({ type: 'token', access_token: next.access_token, expires_at: next.expires_at });
};
const auth = async (path: string, body: object) =>
	save(toSession((await call('/auth/v1/' + path, body)) as AuthAnswer));
const signIn = () => auth('signup', {});
const refresh = () => {
	const stored = loadSession(siteKey);
	// Another tab refreshed first, and its refresh token replaced ours: adopt its session.
	return stored && stored.expires_at > session!.expires_at
		? save(stored)
		: auth('token?grant_type=refresh_token', { refresh_token: session!.refresh_token }).catch(
				// Refused (revoked, or the visitor was cleaned up): start over as a new visitor.
				// Offline or a server error: keep the identity and try again when next needed.
				(e: Response) => (e.status < 500 ? signIn() : Promise.reject(e))
			);
};

/** Calls a database function with a current token. */
const rpc = async (fn: string, args: Json = {}) => {
	await (!session ? signIn() : refreshDelayMs(session) || refresh());
	return call('/rest/v1/rpc/' + fn, args, session!.access_token);
};
/** Calls one of the functions about an invitation. */
const answer = (fn: string, id: string) => rpc(fn, { invitation_id: id });

const pageView = async () => {
	const view = await rpc('record_page_view', {
		site_key: siteKey,
		page_url: (lastUrl = location.href),
		page_title: document.title,
		referrer: document.referrer,
		language: navigator.language,
		screen: screen.width + 'x' + screen.height
	});
	if (!widget) {
		pickLang(view.widget.default_language);
		mountUi(
			view.widget.color,
			view.widget.position == 'bottom-left',
			safe(() => open())
		);
		// The panel's code is fetched when the visitor reaches for the launcher (a pointer
		// over it, a touch, keyboard focus), a moment before the press: fetched as soon as the
		// launcher was up, it cost every page ~2 ms of main thread for code most never run.
		const l = $('.l');
		l.onpointerenter = l.onfocus = safe(load);
	}
	widget = view.widget;
	leave = { visit: view.visit_count, page: view.page };
	if (view.visitor_id != visitorId) {
		visitorId = view.visitor_id;
		// A new identity after a failed refresh: the socket joins its topic on reconnecting.
		if (channel) channel.close();
		else
			channel = joinChannel(
				PARLEY_URL.replace('http', 'ws') + '/realtime/v1/websocket?apikey=' + PARLEY_KEY,
				() => 'realtime:visitor:' + visitorId,
				() => ({ config: { private: true }, access_token: session!.access_token }),
				onEvent
			);
	}
};

/** Closes the invitation dialog in `ms`. */
const closeIn = (ms: number) => {
	clearTimeout(invitationTimer);
	invitationTimer = setTimeout(closeInvitation, ms);
};
/** Shows an invitation, or without one the notice that it has expired (dialog.ts). */
const invite: (inv: Inv | undefined) => void = safe((inv: Inv | undefined) =>
	load().then((m) => m.invite($('.w'), inv, safe(accept), safe(decline)))
);
/** Shows an invitation (unless it is already on show, or none). */
const show = (inv?: Inv) =>
	inv &&
	inv.id != invitation?.id &&
	(invite((invitation = inv)),
	closeIn(inv.expires_in_seconds * 1000),
	answer('mark_invitation_seen', inv.id));
const closeInvitation = safe(() => {
	invitation = undefined;
	clearTimeout(invitationTimer);
	return load().then((m) => m.uninvite());
});
const onEvent = (event: string, p: Json) =>
	event == 'invitation'
		? show(p as unknown as Inv)
		: event == 'phx_join'
			? // Joined or rejoined: an invitation sent while the socket was away is not missed.
				rpc('widget_state').then((state) => show(state.invitation))
			: event == 'invitation_closed'
				? p.id == invitation?.id && closeInvitation()
				: // Without the widget, the launcher counts agent messages itself.
					event == 'message' && (link || badge());
const accept = (): Promise<unknown> => {
	const id = invitation!.id;
	return answer('accept_invitation', id).then(
		(r) => (closeInvitation(), open(r.conversation_id)),
		// Refused. If it had expired, the server could not record that while refusing: record
		// it now, and say so (no longer as this invitation, whose closing event would hide it).
		() =>
			answer('expire_invitation', id).then(
				(status) =>
					status == 'expired' && ((invitation = undefined), invite(undefined), closeIn(NOTICE_MS))
			)
	);
};
const decline = () => {
	const id = invitation?.id;
	closeInvitation();
	return id && answer('decline_invitation', id);
};

/** The panel's module (the module map keeps it: one fetch, one evaluation). */
const load = (): Promise<typeof PanelModule> => import(/* @vite-ignore */ panelUrl());
const panelUrl = () => widgetOrigin + '/embed-panel.js';

/**
 * Toggles the panel, or opens it on conversation `id`: the panel's code (and with it the
 * widget iframe) is loaded the first time.
 */
const open = (id?: string) =>
	load().then((m) =>
		(link ||= m.default(
			$('.w'),
			() => ({ session: session!, siteKey, visitorId, widget }),
			badge
		)).toggle(id)
	);

/**
 * Keeps the socket alive; while the tab is visible, the visit too. A changed URL (after a
 * navigation, or one the history hooks missed) or a new identity makes it a page view. The
 * heartbeat's answer says whether an agent can answer; the widget, once made, follows it.
 */
const beat = safe((_?: unknown) => {
	channel.push('heartbeat', {}, 'phoenix');
	return (
		!document.hidden &&
		(location.href != lastUrl || session!.user_id != visitorId
			? pageView()
			: rpc('visitor_heartbeat').then((r) =>
					link?.send({ type: 'agents', online: r.agents_online })
				))
	);
});

const start = async () => {
	// A stored session gets its refresh timer too.
	if ((session = loadSession(siteKey))) save(session);
	await pageView();
	setInterval(beat, HEARTBEAT_INTERVAL_MS);
	addEventListener('visibilitychange', beat);
	addEventListener(
		'pagehide',
		safe(() => rpc('visitor_leave', leave))
	);
	// A single-page app navigated: a page view, once it has had a moment to set the title.
	const navigated = () => setTimeout(beat, NAVIGATION_SETTLE_MS);
	const h = history as unknown as Record<string, (...a: unknown[]) => unknown>;
	for (const name of ['pushState', 'replaceState']) {
		const original = h[name];
		h[name] = (...a) => (navigated(), original.apply(history, a));
	}
	addEventListener('popstate', navigated);
};

/**
 * Installs once per page. Until its first request returns, the snippet does only
 * microseconds of work (a storage read, a fetch), so it starts at once rather than waiting
 * for an idle moment: the launcher is drawn when the page view comes back.
 */
safe(() => {
	const w = window as unknown as { __parley?: number };
	const script = document.currentScript as HTMLScriptElement;
	siteKey = script.dataset.site!;
	if (siteKey && !w.__parley) {
		w.__parley = 1;
		widgetOrigin = new URL(script.src).origin;
		return start();
	}
})();
