/**
 * The console's session state: the agent's sites and memberships, the chosen site, the
 * online/away switch with its heartbeat, and one live watch (feed, visitors, invitations,
 * inbox) of the chosen site. Set once by the console layout, read by every tab.
 */
import { getContext, setContext } from 'svelte';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { InstallState } from '$lib/pwa/install.svelte.ts';
import { InvitationDesk } from '$lib/invitations/invitation-desk.svelte.ts';
import { LiveVisitors } from '$lib/monitoring/live-visitors.svelte.ts';
import { ServerClock } from '$lib/monitoring/server-clock.svelte.ts';
import { SiteFeed, type FeedStatus } from '$lib/monitoring/site-feed.ts';
import { TeamPresence } from '$lib/presence/team.svelte.ts';
import type { Site } from '$lib/sites/types.ts';
import { ConsoleSync } from '$lib/sync/engine.ts';
import { TransferDesk } from '$lib/transfers/desk.svelte.ts';
import { Inbox } from './inbox.svelte.ts';

/** The console tells the server it is open this often (the server counts 90 s). */
export const AGENT_HEARTBEAT_MS = 30_000;
/** Where the chosen site is remembered on this device. */
const SITE_KEY = 'parley.console.site';

export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** A site with the chat settings the console uses. */
export interface ConsoleSite extends Site {
	invitation_messages: string[];
	invitation_ttl_seconds: number;
}

interface Membership {
	site_id: string;
	role: 'owner' | 'agent';
	display_name: string;
	availability: Availability;
}

/** Everything live about one site; made when the site is chosen, stopped when left. */
export class SiteWatch {
	readonly site: ConsoleSite;
	readonly feed: SiteFeed;
	readonly visitors: LiveVisitors;
	readonly invitations: InvitationDesk;
	readonly inbox: Inbox;
	/** Transfer offers: this agent's to answer, and the open one of each conversation. */
	readonly transfers: TransferDesk;
	/** Colleagues online or away, from the channel's presence. */
	readonly team = new TeamPresence();
	#status = $state<FeedStatus>('connecting');
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated, so $state.raw tracks it
	#members = $state.raw<ReadonlyMap<string, string>>(new Map());
	#client: SupabaseClient;
	#me: string;
	#onRemoved: (siteId: string) => void;

	constructor(
		client: SupabaseClient,
		site: ConsoleSite,
		me: string,
		clock: ServerClock,
		onAccepted: (conversationId: string) => void,
		sync: ConsoleSync,
		onRemoved: (siteId: string) => void = () => {}
	) {
		this.site = site;
		this.#client = client;
		this.#me = me;
		this.#onRemoved = onRemoved;
		this.feed = new SiteFeed(client, site.id, (s) => (this.#status = s), me);
		this.visitors = new LiveVisitors(client, site.id, clock, {
			save: (rows, at) => sync.saveVisitors(site.id, rows, at),
			load: () => sync.storedVisitors(site.id)
		});
		this.invitations = new InvitationDesk(client, site.id, me, clock, onAccepted);
		this.inbox = new Inbox(sync, site.id, me);
		this.transfers = new TransferDesk(client, site.id, me, clock);
	}

	/** Whether the live channel is joined. */
	get status(): FeedStatus {
		return this.#status;
	}

	/** Colleagues' names by user id (for "taken by" and message authors). */
	get members(): ReadonlyMap<string, string> {
		return this.#members;
	}

	/** Loads the names of the site's members. */
	async loadMembers(): Promise<void> {
		const { data, error } = await this.#client
			.from('site_members')
			.select('user_id, display_name')
			.eq('site_id', this.site.id);
		if (error || !data) return;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- immutable: replaced whole, never mutated
		this.#members = new Map(
			(data as { user_id: string; display_name: string }[]).map((m) => [m.user_id, m.display_name])
		);
	}

	/** Joins the site's channel; returns the function that stops everything. */
	start(): () => void {
		void this.loadMembers();
		void this.visitors.restore();
		const removals = [
			this.inbox.watch(),
			this.feed.add(this.visitors.listener),
			this.feed.add(this.invitations.listener),
			this.feed.add(this.inbox.listener),
			this.feed.add(this.team.listener),
			this.feed.add(this.transfers.listener),
			this.feed.add({
				memberRemoved: (userId) => {
					if (userId === this.#me) this.#onRemoved(this.site.id);
					else void this.loadMembers();
				}
			})
		];
		void this.feed.start();
		return () => {
			removals.forEach((remove) => remove());
			this.feed.stop();
			this.visitors.stop();
			this.invitations.stop();
			this.transfers.stop();
		};
	}
}

export class ConsoleSession {
	readonly clock = new ServerClock();
	/** The device's copy of this person's console data, and the engine that keeps it. */
	readonly sync: ConsoleSync;
	#client: SupabaseClient;
	#userId: string;
	#sites = $state<ConsoleSite[] | null>(null);
	#memberships = $state<Membership[]>([]);
	#siteId = $state<string | null>(null);
	#availability = $state<Availability>('offline');
	/** Counts the agent's own switches, so a load answered before one does not undo it. */
	#availabilitySwitches = 0;
	#error = $state<string | null>(null);

	constructor(client: SupabaseClient, userId: string) {
		this.#client = client;
		this.#userId = userId;
		this.sync = new ConsoleSync(client, userId, globalThis.navigator?.locks);
	}

	get userId(): string {
		return this.#userId;
	}
	get sites(): ConsoleSite[] | null {
		return this.#sites;
	}
	get error(): string | null {
		return this.#error;
	}
	get availability(): Availability {
		return this.#availability;
	}
	/** The chosen site (the first one until the agent picks another). */
	get site(): ConsoleSite | null {
		const sites = this.#sites;
		if (!sites?.length) return null;
		return sites.find((s) => s.id === this.#siteId) ?? sites[0];
	}
	/** True when the person owns a site, so the admin pages are theirs to open. */
	get isOperator(): boolean {
		return this.#memberships.some((m) => m.role === 'owner');
	}
	/** The name colleagues and visitors see for this person on the chosen site. */
	get displayName(): string {
		const site = this.site;
		return this.#memberships.find((m) => m.site_id === site?.id)?.display_name ?? '';
	}
	/** True when this person owns the chosen site. */
	get ownsSite(): boolean {
		const site = this.site;
		return this.#memberships.some((m) => m.site_id === site?.id && m.role === 'owner');
	}

	/**
	 * Loads sites and memberships: the device's copy first, so the console opens at once (and
	 * offline), then the server's answer, which replaces it.
	 */
	async load(storage: Storage | null): Promise<void> {
		const switches = this.#availabilitySwitches;
		const server = Promise.all([
			this.#client.from('sites').select('*').order('created_at'),
			this.#client
				.from('site_members')
				.select('site_id, role, display_name, availability')
				.eq('user_id', this.#userId)
		]);
		const stored = await this.sync.storedSites().catch(() => []);
		if (stored.length && this.#sites === null) {
			this.#show(
				stored.map((s) => s.row as unknown as ConsoleSite),
				stored.map((s) => s.membership as unknown as Membership),
				storage,
				switches === this.#availabilitySwitches
			);
		}
		const [sites, members] = await server;
		if (sites.error || members.error) {
			// Offline, or the server away: what the device holds stays on screen.
			if (this.#sites === null) this.#error = (sites.error ?? members.error)?.message ?? null;
			return;
		}
		this.#error = null;
		const memberships = members.data as Membership[];
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this filter only
		const mine = new Set(memberships.map((m) => m.site_id));
		const list = (sites.data as ConsoleSite[]).filter((s) => mine.has(s.id));
		this.#show(list, memberships, storage, switches === this.#availabilitySwitches);
		// The plain rows, not the state's proxies (IndexedDB cannot clone those). Removed from a
		// site: its conversations leave the device too.
		void this.sync
			.saveSites(list as unknown as Record<string, unknown>[], memberships)
			.catch(() => {});
	}

	#show(
		sites: ConsoleSite[],
		memberships: Membership[],
		storage: Storage | null,
		withAvailability = true
	) {
		this.#memberships = memberships;
		this.#sites = sites;
		const remembered = storage?.getItem(SITE_KEY);
		if (remembered && sites.some((s) => s.id === remembered)) this.#siteId = remembered;
		// The same choice holds on every site (set_agent_availability sets them all). An answer
		// asked for before the agent's own switch is older than it, and must not undo it.
		const first = memberships[0];
		if (first && withAvailability) this.#availability = first.availability;
	}

	/**
	 * This person was removed from a site (its channel said so): the site leaves the console and
	 * its data the device at once; then the list is loaded again from the server.
	 */
	async removedFrom(siteId: string, storage: Storage | null): Promise<void> {
		if (this.#sites) {
			this.#show(
				this.#sites.filter((s) => s.id !== siteId),
				this.#memberships.filter((m) => m.site_id !== siteId),
				storage,
				false
			);
		}
		await this.sync.forgetSite(siteId).catch(() => {});
		await this.load(storage);
	}

	/** Chooses the site the tabs show, and remembers it on this device. */
	selectSite(id: string, storage: Storage | null): void {
		this.#siteId = id;
		storage?.setItem(SITE_KEY, id);
	}

	/** Sets online, away or offline on every site; reverts and reports when refused. */
	async setAvailability(next: Availability): Promise<string | null> {
		const before = this.#availability;
		this.#availabilitySwitches++;
		this.#availability = next;
		const { error } = await this.#client.rpc('set_agent_availability', { availability: next });
		if (error) {
			this.#availability = before;
			return error.message;
		}
		return null;
	}

	/** Sends the console's heartbeat now and every 30 s; returns the function that stops it. */
	startHeartbeat(): () => void {
		const beat = () => void this.#client.rpc('agent_heartbeat');
		beat();
		const timer = setInterval(beat, AGENT_HEARTBEAT_MS);
		return () => clearInterval(timer);
	}
}

const KEY = Symbol('console-session');
const WATCH_KEY = Symbol('console-site-watch');

/** Makes the console's session available to the tabs. */
export function setConsole(session: ConsoleSession): ConsoleSession {
	return setContext(KEY, session);
}
/** The console's session, set by the console layout. */
export function getConsole(): ConsoleSession {
	return getContext<ConsoleSession>(KEY);
}

/** Makes the chosen site's live watch available (a getter, since the site can change). */
export function setSiteWatch(get: () => SiteWatch | null): void {
	setContext(WATCH_KEY, get);
}
/** The chosen site's live watch, or null while there is none. */
export function getSiteWatch(): () => SiteWatch | null {
	return getContext<() => SiteWatch | null>(WATCH_KEY);
}

const INSTALL_KEY = Symbol('console-install');

/** Shares the console's one install state (the offer and the Settings tab both use it). */
export function setInstall(install: InstallState): InstallState {
	return setContext(INSTALL_KEY, install);
}
/** The console's install state. */
export function getInstall(): InstallState {
	return getContext<InstallState>(INSTALL_KEY);
}
