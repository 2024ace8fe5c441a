/**
 * The place for a call in one open conversation, on either side. It only listens for a ring;
 * the call's code (its state, simple-peer, the call screen) loads when a call starts or rings,
 * so a page that never calls never loads it.
 */
import type { Component } from 'svelte';
import type { Db } from '$lib/conversations/api.ts';
import { interfaceLanguage } from '$lib/i18n/locale.ts';
import type { CallDeps, CallSession } from './session.svelte.ts';
import type { CallMedia, CallRow } from './protocol.ts';

type CallCode = typeof import('$lib/components/call/index.ts');
export type CallPanelComponent =
	CallCode['CallPanel'] extends Component<infer P> ? Component<P> : never;

let code: Promise<CallCode> | null = null;
/** The call's code, loaded once. */
function loadCallCode(): Promise<CallCode> {
	code ??= import('$lib/components/call/index.ts').then(
		// The call screen opens in the interface language, not in English first.
		async (m) => (await m.loadCallStrings(interfaceLanguage()), m),
		(err: unknown) => {
			code = null;
			throw err;
		}
	);
	return code;
}

export class CallSlot {
	#deps: CallDeps;
	#call = $state.raw<CallSession | null>(null);
	#Panel = $state.raw<CallPanelComponent | null>(null);
	#stop: () => void;

	/** Listens on the conversation's channel for the other side's ring. */
	constructor(options: Omit<CallDeps, 'rpc'> & { db: Db }) {
		const { db, ...rest } = options;
		const deps: CallDeps = {
			...rest,
			// Promise.resolve runs the request: a PostgREST builder only sends once awaited.
			rpc: (fn, args) => Promise.resolve(db.rpc(fn, args) as ReturnType<CallDeps['rpc']>)
		};
		this.#deps = deps;
		this.#stop = deps.channel.listen('call', (p) => {
			// The full check is the call's own (isCallRow); this only spots a ring for us.
			const row = p as Partial<CallRow> | null;
			if (row?.status !== 'ringing' || row.started_side === deps.me.side) return;
			void this.#ring(p);
		});
	}

	/** The call on screen, if any. */
	get call(): CallSession | null {
		return this.#call;
	}
	/** The call screen's component, once loaded. */
	get Panel(): CallPanelComponent | null {
		return this.#Panel;
	}

	async #load(): Promise<CallCode> {
		const loaded = await loadCallCode();
		this.#Panel ??= loaded.CallPanel as CallPanelComponent;
		return loaded;
	}

	/** Places a call. Does nothing while one is on screen. */
	async start(media: CallMedia): Promise<void> {
		if (this.#call) return;
		const { CallSession } = await this.#load();
		if (this.#call) return;
		const call = new CallSession(this.#deps);
		this.#call = call;
		await call.start(media);
	}

	/** Shows a call ringing now (e.g. found on opening the conversation), if it is one for us. */
	async #ring(payload: unknown): Promise<void> {
		const loaded = await this.#load();
		const { isCallRow } = await import('./protocol.ts');
		if (!isCallRow(payload) || (this.#call && !this.#call.ended)) return;
		this.#call?.dispose();
		const call = new loaded.CallSession(this.#deps);
		this.#call = call;
		call.ring(payload);
	}

	/** Looks for a call ringing for this side now (after opening the conversation or a rejoin). */
	async lookForRinging(db: Db): Promise<void> {
		if (this.#call) return;
		const rest = db.from('calls') as {
			select(columns: string): {
				eq(
					column: string,
					value: string
				): {
					eq(column: string, value: string): PromiseLike<{ data: unknown[] | null }>;
				};
			};
		};
		const { data } = await rest
			.select('*')
			.eq('conversation_id', this.#deps.conversationId)
			.eq('status', 'ringing');
		const row = (data ?? [])[0] as Partial<CallRow> | undefined;
		if (!row || row.started_side === this.#deps.me.side) return;
		const rang = Date.parse(row.created_at ?? '') + (row.ring_seconds ?? 45) * 1000;
		if (!(rang > Date.now())) return;
		await this.#ring(row);
	}

	/** Closes the screen of an ended call. */
	dismiss(): void {
		if (this.#call && !this.#call.ended) return;
		this.#call?.dispose();
		this.#call = null;
	}

	/** Hangs up whatever is going on and stops listening (leaving the conversation). */
	destroy(): void {
		this.#stop();
		this.#call?.dispose();
		this.#call = null;
	}
}
