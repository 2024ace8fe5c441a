/**
 * The widget's state and what it does: it waits for the host page's `init` (the visitor's
 * session and the site's settings), asks the database where the visitor stands
 * (`widget_state`), and shows the pre-chat form, the conversation, "leave a message" or the
 * ended conversation. It tells the host page about unread messages while hidden and about
 * the conversation it shows. One instance per iframe.
 */
import { env } from '$env/dynamic/public';
import { ChatState } from '$lib/components/chat/conversation.svelte.ts';
import { visitorOutbox } from '$lib/conversations/outbox.ts';
import {
	closeConversation,
	leaveMessage,
	startConversation,
	widgetState,
	type WidgetState
} from '$lib/conversations/api.ts';
import { agentNames } from '$lib/conversations/state.ts';
import type { ConversationRow } from '$lib/conversations/types.ts';
import {
	connectHost,
	type Envelope,
	type HostMessage,
	type Link,
	type WidgetMessage,
	type WidgetSettings
} from '$lib/embed/protocol.ts';
import type { WidgetClients } from './clients.ts';
import type { ChatTranslations } from '$lib/components/chat/translations.svelte.ts';
import type { TranslationContext } from '$lib/translation/book.ts';
import { applyWidgetLanguage, widgetLanguage } from './language.ts';
import { asRule, needsPrechat, type FieldRule } from './prechat.ts';

/** The `sub` claim of a JWT, or null (the payload is not verified: it only routes the UI). */
function tokenSubject(jwt: string): string | null {
	try {
		const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
		const sub = JSON.parse(atob(payload)).sub;
		return typeof sub === 'string' ? sub : null;
	} catch {
		return null;
	}
}

/** What the widget shows. */
export type Screen = 'connecting' | 'prechat' | 'chat' | 'leave' | 'left' | 'unavailable';

type Init = Extract<HostMessage, { type: 'init' }>;

/** Runs `task` when the page has nothing else to do (soon, where the browser cannot tell). */
function whenIdle(task: () => void) {
	if (typeof requestIdleCallback == 'function') requestIdleCallback(task, { timeout: 2_000 });
	else setTimeout(task, 300);
}

export class WidgetController {
	#screen = $state<Screen>('connecting');
	/** Whether the visitor has typed into the screen on show (see `#agentsChanged`). */
	#typed = false;
	#settings = $state.raw<WidgetSettings | null>(null);
	#agentsOnline = $state(false);
	#chat = $state.raw<ChatState | null>(null);
	#known = $state.raw<ConversationRow | null>(null);
	#shown = $state(true);
	#pageVisible = $state(true);
	#visitorId = '';
	/** The visitor's access token of the moment. */
	#token = '';
	#clients: WidgetClients | null = null;
	/** Resolves to the clients of the latest `init`. */
	#clientsReady: Promise<WidgetClients> | null = null;
	/**
	 * postgrest-js and realtime-js (a quarter of the widget's JavaScript), loaded beside the
	 * first screen rather than before it: the composer needs them only to send.
	 */
	#clientsCode: Promise<typeof import('./clients.ts')> | null = null;
	#link: Link<WidgetMessage> | null = null;
	/** The open conversation's translations (their code loads after the first screen). */
	#translations = $state.raw<ChatTranslations | null>(null);
	/** The conversation's translation settings as first read (the channel brings changes). */
	#translationRow = $state.raw<{ visitor_language: string; translation_enabled: boolean } | null>(
		null
	);
	#stops: (() => void)[] = [];

	get screen() {
		return this.#screen;
	}
	get settings() {
		return this.#settings;
	}
	get agentsOnline() {
		return this.#agentsOnline;
	}
	/** The open conversation's live state, once there is one. */
	get chat() {
		return this.#chat;
	}
	/** The conversation as widget_state or the channel last described it. */
	get conversation(): ConversationRow | null {
		return this.#chat?.snapshot.conversation ?? this.#known;
	}
	get closed(): boolean {
		return this.conversation?.status === 'closed';
	}
	/** What a call in the open conversation needs: the database, the visitor, their token. */
	get callContext(): {
		db: WidgetClients['db'];
		visitorId: string;
		accessToken: () => string;
	} | null {
		const db = this.#clients?.db;
		return db ? { db, visitorId: this.#visitorId, accessToken: () => this.#token } : null;
	}
	/** The open conversation's translations, once their code is in. */
	get translations(): ChatTranslations | null {
		return this.#translations;
	}
	/** What the visitor's side knows about translating the open conversation. */
	get translationContext(): TranslationContext | null {
		const c = this.conversation;
		const first = this.#translationRow;
		if (!c || !first) return null;
		return {
			side: 'visitor',
			enabled: (c.translation_enabled ?? first.translation_enabled) !== false,
			visitorLanguage: c.visitor_language ?? first.visitor_language,
			agentLanguage: ''
		};
	}
	/** Whether the visitor can see the widget now (panel open, tab visible). */
	get visible(): boolean {
		return this.#shown && this.#pageVisible;
	}
	get rules(): { name: FieldRule; email: FieldRule } {
		return {
			name: asRule(this.#settings?.prechat_name),
			email: asRule(this.#settings?.prechat_email)
		};
	}
	/** Agents' names by id, for the message list. */
	get agentNames(): Map<string, string> {
		const c = this.conversation;
		return agentNames(this.#chat?.snapshot.messages ?? [], {
			id: c?.assigned_agent_id ?? null,
			name: c?.agent_name
		});
	}

	/** Starts talking to the host page at `hostOrigin` (says `ready`; waits for `init`). */
	connect(hostOrigin: string | null): void {
		if (!hostOrigin || window.parent === window) {
			this.#screen = 'unavailable';
			return;
		}
		this.#clientsCode = import('./clients.ts');
		// The browser's language needs no word from the host; the site's default comes with init.
		void applyWidgetLanguage(widgetLanguage(navigator.languages));
		this.#link = connectHost(hostOrigin, (m) => void this.#onHost(m));
		const onVisibility = () => (this.#pageVisible = document.visibilityState === 'visible');
		document.addEventListener('visibilitychange', onVisibility);
		this.#stops.push(() => document.removeEventListener('visibilitychange', onVisibility));
	}

	async #onHost(m: Envelope<HostMessage>) {
		switch (m.type) {
			case 'init':
				return this.#init(m);
			case 'token': {
				this.#token = m.access_token;
				this.#clients?.setToken(m.access_token);
				// The snippet signed in anew (its refresh was refused): this is a new visitor.
				const sub = tokenSubject(m.access_token);
				if (sub && this.#visitorId && sub !== this.#visitorId) {
					this.#visitorId = sub;
					await this.#chat?.close();
					this.#chat = null;
					await this.#refreshState();
				}
				return;
			}
			case 'agents':
				return this.#agentsChanged(m.online);
			case 'open':
				this.#shown = true;
				if (m.conversationId && m.conversationId !== this.#chat?.session.conversationId) {
					await this.#refreshState(m.conversationId);
				} else if (!this.#chat && this.#clients) {
					// No conversation yet: whether anyone can answer may have changed since the last
					// open, and the widget must not offer a chat when nobody is online.
					await this.#refreshState();
				}
				return;
		}
	}

	async #init(m: Init) {
		const url = env.PUBLIC_SUPABASE_URL;
		const key = env.PUBLIC_SUPABASE_ANON_KEY;
		if (!url || !key) {
			this.#screen = 'unavailable';
			return;
		}
		this.#settings = m.widget;
		void applyWidgetLanguage(widgetLanguage(navigator.languages, m.widget.default_language));
		this.#agentsOnline = m.widget.agents_online ?? false;
		this.#visitorId = m.session.user_id;
		// A second init (the widget reloaded) starts over with the new session.
		await this.#chat?.close();
		this.#chat = null;
		this.#clients?.close();
		this.#clients = null;
		// What the snippet already knows decides the first screen, so the composer is ready at
		// once (sending waits for the clients); widget_state then brings the visitor's
		// conversation and history, if any.
		const openId = m.open.conversationId;
		if (!openId) this.#newConversation();
		this.#token = m.session.access_token;
		const ready = (this.#clientsReady = this.#clientsCode!.then(({ widgetClients }) =>
			widgetClients(url, key, this.#token)
		));
		let clients: WidgetClients;
		try {
			clients = await ready;
		} catch {
			this.#screen = 'unavailable';
			return;
		}
		// A later init replaced this one meanwhile.
		if (this.#clientsReady !== ready) return clients.close();
		this.#clients = clients;
		// The live part's code, fetched once the first screen is up, so a first message goes
		// out and its answer comes in without waiting for it.
		whenIdle(() => void clients.realtime().catch(() => {}));
		if (openId) this.#open({ id: openId, status: 'open', assigned_agent_id: null });
		await this.#refreshState(openId);
	}

	/** The clients, once the first `init`'s are made. */
	async #db() {
		return (this.#clients ?? (await this.#clientsReady!)).db;
	}

	/** Asks where the visitor stands and shows it; `openId` (an accepted invitation) wins. */
	async #refreshState(openId?: string) {
		let state: WidgetState;
		try {
			state = await widgetState(await this.#db());
		} catch {
			this.#screen = 'unavailable';
			return;
		}
		this.#agentsOnline = state.agents_online;
		const latest = state.conversation;
		const showing = this.#chat?.session.conversationId;
		if (openId) {
			if (openId !== showing) this.#open({ id: openId, status: 'open', assigned_agent_id: null });
			if (latest?.id === openId) this.#chat?.session.describe(latest);
		} else if (latest && !latest.offline) {
			// A returning visitor sees their conversation, open or ended.
			if (latest.id === showing) this.#chat?.session.describe(latest);
			else this.#open(latest);
		} else if (!showing) {
			this.#newConversation();
		}
	}

	#open(conversation: ConversationRow) {
		const clients = this.#clients!;
		void this.#chat?.close();
		this.#known = conversation;
		this.#chat = new ChatState({
			db: clients.db,
			realtime: () => clients.realtime(),
			conversationId: conversation.id,
			conversation,
			me: { id: this.#visitorId, side: 'visitor', name: conversation.visitor_name ?? '' },
			visible: this.visible,
			store: visitorOutbox(this.#visitorId),
			storage: () => this.#attachmentStorage()
		});
		this.#screen = 'chat';
		this.#send({ type: 'conversation', id: conversation.id });
		void this.#translate(conversation.id, clients);
	}

	/** Loads the translation code and the conversation's settings, then translates it. */
	async #translate(conversationId: string, clients: WidgetClients) {
		this.#translations?.close();
		this.#translations = null;
		this.#translationRow = null;
		try {
			const [{ ChatTranslations }, { data }] = await Promise.all([
				import('$lib/components/chat/translations.svelte.ts'),
				clients.db
					.from('conversations')
					.select('visitor_language, translation_enabled')
					.eq('id', conversationId)
					.maybeSingle()
			]);
			if (this.#chat?.session.conversationId !== conversationId || !data) return;
			this.#translationRow = data as { visitor_language: string; translation_enabled: boolean };
			this.#translations = new ChatTranslations({
				conversationId,
				db: clients.db,
				token: () => this.#token
			});
		} catch {
			// Offline or the code did not load: messages show as written; the next open tries again.
		}
	}

	/**
	 * Whether an agent can answer changed (the snippet's heartbeat says so every 10 s). The
	 * header follows at once; without a conversation the first screen does too (nobody there:
	 * leave a message; someone back: chat), unless the visitor has started typing into it.
	 */
	#agentsChanged(online: boolean) {
		if (online === this.#agentsOnline) return;
		this.#agentsOnline = online;
		const first = this.#screen === 'leave' || this.#screen === 'prechat' || this.#screen === 'chat';
		if (!this.#chat && first && !this.#typed) this.#newConversation();
	}

	/** The visitor typed into the current screen: it is not swapped under their fingers. */
	typed(): void {
		this.#typed = true;
	}

	/** The screen for a visitor without an open conversation. */
	#newConversation() {
		void this.#chat?.close();
		this.#chat = null;
		this.#known = null;
		this.#typed = false;
		this.#screen = !this.#agentsOnline ? 'leave' : needsPrechat(this.rules) ? 'prechat' : 'chat';
	}

	/** Starts a conversation with what the pre-chat form asked (throws the database's refusal). */
	async start(name: string, email: string): Promise<void> {
		const { conversation_id } = await startConversation(
			await this.#db(),
			name.trim() || null,
			email.trim() || null
		);
		this.#open({
			id: conversation_id,
			status: 'open',
			assigned_agent_id: null,
			visitor_name: name.trim() || null
		});
	}

	/** The attachments bucket as this visitor, loaded when the first file is sent or shown. */
	async #attachmentStorage() {
		const { attachmentStorage } = await import('$lib/conversations/storage-http.ts');
		return attachmentStorage({
			url: env.PUBLIC_SUPABASE_URL ?? '',
			anonKey: env.PUBLIC_SUPABASE_ANON_KEY ?? '',
			token: () => this.#token
		});
	}

	/** Sends files (or a recording), starting the conversation first when there is none yet. */
	async attach(files: File[], extra?: Parameters<ChatState['attach']>[1]): Promise<void> {
		if (!files.length) return;
		if (!this.#chat) await this.start('', '');
		await this.#chat?.attach(files, extra);
	}

	/** Sends a message, starting the conversation first when there is none yet. */
	async send(text: string): Promise<void> {
		if (!this.#chat) await this.start('', '');
		await this.#chat?.session.send(text);
	}

	/** Leaves a message for when an agent is back. */
	async leave(email: string, name: string, body: string): Promise<void> {
		await leaveMessage(await this.#db(), email.trim(), body.trim(), name.trim() || null);
		this.#screen = 'left';
	}

	/** Whether the visitor can end the conversation on show (one is open). */
	get endable(): boolean {
		return this.#screen === 'chat' && !!this.#chat && !this.closed;
	}

	/**
	 * The visitor ends the conversation on show (the agent sees it closed by the visitor); it
	 * shows as ended at once, before the channel says so. Throws the database's refusal.
	 */
	async end(): Promise<void> {
		const chat = this.#chat;
		const conversation = this.conversation;
		if (!chat || !conversation) return;
		await closeConversation(await this.#db(), conversation.id);
		chat.session.describe({ ...conversation, status: 'closed' });
	}

	/** After a conversation ended, or another left message: back to a fresh start. */
	again(): void {
		this.#newConversation();
	}

	/** The visitor closed the panel: the host hides it. */
	hide(): void {
		this.#shown = false;
		this.#send({ type: 'close' });
	}

	/** Keeps receipts and the host's unread badge in step with what the visitor sees. */
	sync(): void {
		const chat = this.#chat;
		if (!chat) return;
		chat.session.setVisible(this.visible);
		this.#send({ type: 'unread', count: this.visible ? 0 : chat.snapshot.unread });
	}

	#send(message: WidgetMessage) {
		this.#link?.send(message);
	}

	/** Stops listening, leaves the channel and closes the connection. */
	destroy(): void {
		for (const stop of this.#stops.splice(0)) stop();
		this.#translations?.close();
		this.#link?.destroy();
		void this.#chat?.close();
		this.#clients?.close();
	}
}
