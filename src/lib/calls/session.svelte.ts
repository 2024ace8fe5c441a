/**
 * One call as Svelte state, on either side. The database decides the call's life (call_start,
 * call_answer, call_decline, call_end; its `call` broadcasts tell both sides); simple-peer
 * carries the media, its offers, answers and candidates relayed as `signal` on the
 * conversation's channel. A dropped network is retried with an ICE restart; a call that cannot
 * connect ends with the reason.
 */
import type { Side } from '$lib/conversations/types.ts';
import {
	BUILT_IN_BACKGROUNDS,
	detectProblem,
	failed,
	initialBackground,
	loaded,
	pick,
	sameChoice,
	type BackgroundChoice,
	type BackgroundImage,
	type BackgroundState
} from './backgrounds.ts';
import { VideoCompositor, type EffectsStats } from './compositor.ts';
import { loadSiteBackgrounds } from './site-backgrounds.ts';
import type { OverlayOptions } from './overlay.ts';
import type { BackgroundProcessor } from './segmentation/processor.ts';
import type { WorkerBackground } from './segmentation/protocol.ts';
import { loadSimplePeer, type SimplePeer } from './peer.ts';
import {
	CALL_EVENTS,
	isCallRow,
	isLive,
	isSignal,
	type CallMedia,
	type CallRow,
	type Signal
} from './protocol.ts';

/** Where the call stands, as the person sees it. */
export type CallPhase =
	'preparing' | 'outgoing' | 'incoming' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** Why a call ended (or never began), as the person is told. */
export type EndReason =
	| 'hangup'
	| 'remote-hangup'
	| 'declined'
	| 'remote-declined'
	| 'cancelled'
	| 'missed'
	| 'busy'
	| 'closed'
	| 'answered-elsewhere'
	| 'media-denied'
	| 'media-missing'
	| 'unsupported'
	| 'ice-failed'
	| 'lost'
	| 'failed';

/** What a call needs from its surroundings. */
export interface CallDeps {
	/** Calls the database (supabase-js or postgrest-js). */
	rpc(
		fn: string,
		args: Record<string, unknown>
	): PromiseLike<{
		data: unknown;
		error: { code?: string; message: string } | null;
	}>;
	/** The conversation's channel: listen to and send further events. */
	channel: {
		listen(event: string, listener: (payload: unknown) => void): () => void;
		broadcast(event: string, payload: Record<string, unknown>): boolean;
	};
	conversationId: string;
	me: { id: string; side: Side };
	/** The access token the ICE route checks. */
	accessToken(): Promise<string> | string;
	/** Where the ICE servers come from. */
	iceUrl?: string;
	getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
	/** What overlays show: one's name, and the site's logo (its initial on its colour). */
	identity?: { name: string; logoText: string; color: string };
	/**
	 * Where the site's own background images are fetched from (Storage, with `accessToken`);
	 * without it only the built-in ones are offered.
	 */
	storage?: { url: string; anonKey: string };
}

/** Where the site's own backgrounds stand: not asked for yet, loading, there, or failed. */
export type SiteBackgroundsStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** The overlays one can put on one's own video. */
export type OverlayKind = 'badge' | 'logo';

/** How long to wait for the media to connect once both sides are in. */
const CONNECT_TIMEOUT_MS = 30_000;
/** A dropped connection gets this long to come back by itself before an ICE restart. */
const ICE_RESTART_AFTER_MS = 2_000;
/** …and this long in all before the call is given up. */
const RECONNECT_GIVE_UP_MS = 30_000;
const RING_SECONDS_DEFAULT = 45;

export class CallSession {
	#d: CallDeps;
	#phase = $state<CallPhase>('preparing');
	#reason = $state<EndReason | null>(null);
	#detail = $state('');
	#row = $state.raw<CallRow | null>(null);
	#media = $state<CallMedia>('video');
	#local = $state.raw<MediaStream | null>(null);
	#remote = $state.raw<MediaStream | null>(null);
	#muted = $state(false);
	#cameraOff = $state(false);
	#speaker = $state(true);
	#facing = $state<'user' | 'environment'>('user');
	#cameras = $state(0);
	#connectedAt = $state<number | null>(null);
	#peer: SimplePeer | null = null;
	#buffered: Signal[] = [];
	#stops: (() => void)[] = [];
	#timers: ReturnType<typeof setTimeout>[] = [];
	#restartTimer: ReturnType<typeof setTimeout> | null = null;
	#lostSince: number | null = null;
	#outgoingVideoTrack: MediaStreamTrack | null = null;
	#overlays = $state<Record<OverlayKind, boolean>>({ badge: false, logo: false });
	#background = $state.raw<BackgroundState>(
		initialBackground(detectProblem(globalThis as unknown as Record<string, unknown>))
	);
	#effectsStats = $state.raw<EffectsStats | null>(null);
	#processor: BackgroundProcessor | null = null;
	#processorLoad: Promise<BackgroundProcessor> | null = null;
	#compositor: VideoCompositor | null = null;
	#preview = $state.raw<MediaStream | null>(null);
	#siteBackgrounds = $state.raw<BackgroundImage[]>([]);
	#siteBackgroundsStatus = $state<SiteBackgroundsStatus>('idle');
	#siteBackgroundsError = $state('');

	constructor(deps: CallDeps) {
		this.#d = deps;
		this.#stops.push(
			deps.channel.listen(CALL_EVENTS.call, (p) => {
				if (isCallRow(p)) this.#onRow(p);
			}),
			deps.channel.listen(CALL_EVENTS.signal, (p) => {
				if (isSignal(p)) this.#onSignal(p);
			})
		);
	}

	get phase(): CallPhase {
		return this.#phase;
	}
	get reason(): EndReason | null {
		return this.#reason;
	}
	/** A technical detail for a failure (the browser's or server's message), else ''. */
	get detail(): string {
		return this.#detail;
	}
	get row(): CallRow | null {
		return this.#row;
	}
	get media(): CallMedia {
		return this.#media;
	}
	get local(): MediaStream | null {
		return this.#local;
	}
	get remote(): MediaStream | null {
		return this.#remote;
	}
	get muted(): boolean {
		return this.#muted;
	}
	get cameraOff(): boolean {
		return this.#cameraOff;
	}
	get speaker(): boolean {
		return this.#speaker;
	}
	/** What one's own picture in picture shows: the video as sent (with overlays), or the camera. */
	get preview(): MediaStream | null {
		return this.#preview ?? this.#local;
	}
	/** Which overlays are on. */
	get overlays(): Readonly<Record<OverlayKind, boolean>> {
		return this.#overlays;
	}
	/** The virtual background: what is chosen, and whether it is loading, on or unavailable. */
	get background(): BackgroundState {
		return this.#background;
	}
	/** The images one can put behind oneself: the built-in ones, then the site's. */
	get backgroundImages(): readonly BackgroundImage[] {
		return [...BUILT_IN_BACKGROUNDS, ...this.#siteBackgrounds];
	}
	/** The site's own background images, once loaded (see loadSiteBackgrounds). */
	get siteBackgrounds(): readonly BackgroundImage[] {
		return this.#siteBackgrounds;
	}
	get siteBackgroundsStatus(): SiteBackgroundsStatus {
		return this.#siteBackgroundsStatus;
	}
	/** Why the site's backgrounds did not load (the server's or browser's message), else ''. */
	get siteBackgroundsError(): string {
		return this.#siteBackgroundsError;
	}
	/** What merging the background costs and gives, while one is on (about once a second). */
	get effectsStats(): EffectsStats | null {
		return this.#effectsStats;
	}
	/** Whether the video sent is the compositor's (any overlay or background on). */
	get effectsOn(): boolean {
		return this.#preview !== null;
	}
	/** Whether there is another camera to switch to. */
	get canSwitchCamera(): boolean {
		return this.#media === 'video' && this.#cameras > 1;
	}
	/** When the media connected (this device's clock), for the running time. */
	get connectedAt(): number | null {
		return this.#connectedAt;
	}
	/** Whether this side placed the call. */
	get outgoing(): boolean {
		return this.#row ? this.#row.started_by === this.#d.me.id : this.#phase === 'preparing';
	}
	get ended(): boolean {
		return this.#phase === 'ended';
	}

	/** Places a call: camera and microphone first (so a refusal shows before anyone rings). */
	async start(media: CallMedia): Promise<void> {
		this.#media = media;
		this.#phase = 'preparing';
		if (!(await this.#openMedia())) return;
		const { data, error } = await this.#d.rpc('call_start', {
			conversation_id: this.#d.conversationId,
			media
		});
		if (this.ended) return;
		if (error || !isCallRow(data)) {
			const busy = error?.message.includes('already in progress');
			const closed = error?.message.includes('closed');
			return this.#finish(busy ? 'busy' : closed ? 'closed' : 'failed', error?.message ?? '');
		}
		this.#row = data;
		this.#phase = 'outgoing';
		// Nobody answered: the server counts it as missed once its time is up.
		this.#after(((data.ring_seconds ?? RING_SECONDS_DEFAULT) + 1) * 1000, () => {
			if (this.#phase === 'outgoing') void this.#end('missed', 'missed');
		});
	}

	/** Rings for a call the other side placed. */
	ring(row: CallRow): void {
		this.#row = row;
		this.#media = row.media;
		this.#phase = 'incoming';
		const left = Date.parse(row.created_at) + (row.ring_seconds ?? RING_SECONDS_DEFAULT) * 1000;
		this.#after(Math.max(1_000, left - Date.now() + 1_000), () => {
			if (this.#phase === 'incoming') this.#finish('missed');
		});
	}

	/** Answers the ringing call. */
	async accept(): Promise<void> {
		const row = this.#row;
		if (!row || this.#phase !== 'incoming') return;
		this.#phase = 'connecting';
		if (!(await this.#openMedia())) {
			await this.#d.rpc('call_decline', { call_id: row.id });
			return;
		}
		const peer = await this.#makePeer(false);
		if (!peer) return;
		const { data, error } = await this.#d.rpc('call_answer', { call_id: row.id });
		if (this.ended) return;
		if (error || !isCallRow(data)) return this.#finish('answered-elsewhere', error?.message ?? '');
		this.#row = data;
		this.#armConnectTimeout();
		for (const s of this.#buffered.splice(0)) this.#feed(s);
	}

	/** Declines the ringing call. */
	async decline(): Promise<void> {
		const row = this.#row;
		if (!row || this.#phase !== 'incoming') return;
		this.#finish('declined');
		await this.#d.rpc('call_decline', { call_id: row.id });
	}

	/** Hangs up (or stops ringing the other side). */
	async hangup(): Promise<void> {
		await this.#end(this.#phase === 'outgoing' ? 'cancelled' : 'hangup', 'hangup');
	}

	/** Turns the microphone off or on. */
	toggleMute(): void {
		this.#muted = !this.#muted;
		for (const t of this.#local?.getAudioTracks() ?? []) t.enabled = !this.#muted;
	}

	/** Turns the camera off or on (the other side sees black meanwhile). */
	toggleCamera(): void {
		this.#cameraOff = !this.#cameraOff;
		for (const t of this.#local?.getVideoTracks() ?? []) t.enabled = !this.#cameraOff;
	}

	/** Sound from the other side on or off. */
	toggleSpeaker(): void {
		this.#speaker = !this.#speaker;
	}

	/** Switches between the front and back camera, without renegotiating. */
	async switchCamera(): Promise<void> {
		const stream = this.#local;
		const old = stream?.getVideoTracks()[0];
		if (!stream || !old || !this.canSwitchCamera) return;
		const facing = this.#facing === 'user' ? 'environment' : 'user';
		try {
			const next = (
				await this.#gum({ video: { facingMode: { exact: facing } } })
			).getVideoTracks()[0];
			next.enabled = !this.#cameraOff;
			// With effects on, the compositor draws the new camera and its track stays the one sent.
			if (this.#compositor) this.#compositor.setCamera(next);
			else this.replaceVideoTrack(next);
			stream.removeTrack(old);
			stream.addTrack(next);
			old.stop();
			this.#local = new MediaStream(stream.getTracks());
			this.#facing = facing;
		} catch (err) {
			this.#detail = err instanceof Error ? err.message : String(err);
		}
	}

	/**
	 * Sends `track` instead of the video sent now, live (replaceTrack: no renegotiation); how
	 * virtual backgrounds and overlays put their canvas on the call.
	 */
	replaceVideoTrack(track: MediaStreamTrack): void {
		const stream = this.#local;
		const current = this.#outgoingVideoTrack ?? stream?.getVideoTracks()[0];
		if (this.#peer && stream && current && current !== track) {
			this.#peer.replaceTrack(current, track, stream);
		}
		this.#outgoingVideoTrack = track;
	}

	/** Turns an overlay on or off, live. */
	setOverlay(kind: OverlayKind, on: boolean): void {
		if (!this.#local?.getVideoTracks()[0] || this.ended) return;
		this.#overlays = { ...this.#overlays, [kind]: on };
		this.#applyEffects();
	}

	/**
	 * Puts `choice` behind oneself, live: the first time, this loads person segmentation (its
	 * runtime and model from our own origin) and shows `loading` meanwhile. If it cannot run,
	 * the state says why and the video goes on without a background (overlays still work).
	 */
	async setBackground(choice: BackgroundChoice): Promise<void> {
		if (!this.#local?.getVideoTracks()[0] || this.ended) return;
		this.#background = pick(this.#background, choice, this.#processor !== null);
		if (this.#background.status === 'unavailable' || choice.kind === 'none') {
			this.#applyEffects();
			return;
		}
		let processor: BackgroundProcessor;
		try {
			processor = await this.#loadProcessor();
		} catch (err) {
			if (this.ended) return;
			const detail = err instanceof Error ? err.message : String(err);
			this.#background = failed(this.#background, 'load-failed', detail);
			this.#applyEffects();
			return;
		}
		let background: WorkerBackground;
		try {
			background = await this.#backgroundFor(choice);
		} catch (err) {
			if (this.ended || !sameChoice(this.#background.choice, choice)) return;
			// The image did not load: back to what is sent now, blur and the others still offered.
			this.#background = pick(this.#background, { kind: 'none' }, true);
			this.#background = {
				...this.#background,
				detail: err instanceof Error ? err.message : String(err)
			};
			this.#applyEffects();
			return;
		}
		// Superseded by a later pick while loading, or the call ended.
		if (this.ended || !sameChoice(this.#background.choice, choice)) {
			if (background.kind === 'image') background.image.close();
			return;
		}
		processor.setBackground(background);
		this.#background = loaded(this.#background);
		this.#applyEffects();
	}

	/**
	 * Fetches the site's own backgrounds, once per call (again after a failure): when the
	 * effects sheet opens, so a call nobody decorates downloads none.
	 */
	async loadSiteBackgrounds(): Promise<void> {
		const storage = this.#d.storage;
		const status = this.#siteBackgroundsStatus;
		if (!storage || status === 'loading' || status === 'ready' || this.ended) return;
		this.#siteBackgroundsStatus = 'loading';
		try {
			const images = await loadSiteBackgrounds({
				rpc: this.#d.rpc,
				conversationId: this.#d.conversationId,
				storage,
				token: this.#d.accessToken
			});
			if (this.ended) {
				for (const image of images) URL.revokeObjectURL(image.url);
				return;
			}
			this.#siteBackgrounds = images;
			this.#siteBackgroundsStatus = 'ready';
		} catch (err) {
			if (this.ended) return;
			this.#siteBackgroundsStatus = 'failed';
			this.#siteBackgroundsError = err instanceof Error ? err.message : String(err);
		}
	}

	#loadProcessor(): Promise<BackgroundProcessor> {
		this.#processorLoad ??= (async () => {
			const [{ loadBackgroundProcessor }, { segmentationUrls }] = await Promise.all([
				import('./segmentation/processor.ts'),
				import('./segmentation/assets.ts')
			]);
			const processor = await loadBackgroundProcessor(segmentationUrls(location.origin));
			if (this.ended) {
				processor.close();
				throw new Error('the call ended');
			}
			this.#processor = processor;
			return processor;
		})();
		this.#processorLoad.catch(() => (this.#processorLoad = null));
		return this.#processorLoad;
	}

	/** The chosen background as the processor takes it: an image decoded at its own size. */
	async #backgroundFor(choice: BackgroundChoice): Promise<WorkerBackground> {
		if (choice.kind !== 'image') return { kind: 'blur' };
		const found = this.backgroundImages.find((b) => b.id === choice.id);
		if (!found) throw new Error(`no background image ${choice.id}`);
		if (found.blob) return { kind: 'image', image: await createImageBitmap(found.blob) };
		// Built-in images are SVG from our own origin (createImageBitmap takes no SVG blob).
		const img = new Image();
		img.crossOrigin = 'anonymous';
		img.src = found.url;
		await img.decode();
		return { kind: 'image', image: await createImageBitmap(img) };
	}

	/**
	 * Sends what the effects ask for: the camera itself when none is on; otherwise the
	 * compositor's canvas (started with the first effect, stopped with the last).
	 */
	#applyEffects(): void {
		const camera = this.#local?.getVideoTracks()[0];
		if (!camera) return;
		const id = this.#d.identity;
		const overlays: OverlayOptions = {
			badge: this.#overlays.badge ? id?.name || '' : null,
			logo: this.#overlays.logo && id ? { text: id.logoText, color: id.color } : null
		};
		const processor = this.#background.status === 'on' ? this.#processor : null;
		if (!overlays.badge && !overlays.logo && !processor) {
			const compositor = this.#compositor;
			this.#compositor = null;
			this.#preview = null;
			this.#effectsStats = null;
			if (compositor) {
				this.replaceVideoTrack(camera);
				compositor.stop();
			}
			return;
		}
		if (!this.#compositor) {
			const compositor = new VideoCompositor(camera, overlays, {
				stats: (stats) => {
					if (compositor === this.#compositor) this.#effectsStats = stats;
				},
				failed: (reason, detail) => {
					if (compositor !== this.#compositor) return;
					this.#background = failed(
						this.#background,
						reason === 'too-slow' ? 'too-slow' : 'load-failed',
						detail
					);
					this.#closeProcessor();
					this.#applyEffects();
				}
			});
			this.#compositor = compositor;
			this.replaceVideoTrack(compositor.track);
			this.#preview = new MediaStream([compositor.track]);
		}
		this.#compositor.set(overlays);
		this.#compositor.setProcessor(processor);
		if (!processor) this.#effectsStats = null;
	}

	#closeProcessor() {
		this.#processor?.close();
		this.#processor = null;
		this.#processorLoad = null;
	}

	/** Forgets the call: leaves the channel's events and releases camera and microphone. */
	dispose(): void {
		if (!this.ended) void this.hangup();
		this.#teardown();
		for (const stop of this.#stops.splice(0)) stop();
	}

	// ---------------------------------------------------------------- internals

	async #gum(constraints: MediaStreamConstraints): Promise<MediaStream> {
		const gum =
			this.#d.getUserMedia ??
			((c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c));
		return gum(constraints);
	}

	async #openMedia(): Promise<boolean> {
		if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === 'undefined') {
			this.#finish('unsupported');
			return false;
		}
		try {
			const video = this.#media === 'video';
			const stream = await this.#gum({
				audio: { echoCancellation: true, noiseSuppression: true },
				video: video ? { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } } : false
			});
			if (this.ended) {
				for (const t of stream.getTracks()) t.stop();
				return false;
			}
			this.#local = stream;
			if (video) {
				const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
				this.#cameras = devices.filter((d) => d.kind === 'videoinput').length;
			}
			return true;
		} catch (err) {
			const name = err instanceof Error ? err.name : '';
			this.#finish(
				name === 'NotAllowedError' || name === 'SecurityError'
					? 'media-denied'
					: name === 'NotFoundError' || name === 'OverconstrainedError'
						? 'media-missing'
						: 'failed',
				err instanceof Error ? err.message : String(err)
			);
			return false;
		}
	}

	async #iceServers(): Promise<RTCIceServer[]> {
		const url = `${this.#d.iceUrl ?? '/api/ice'}?conversation=${encodeURIComponent(this.#d.conversationId)}`;
		const response = await fetch(url, {
			headers: { authorization: `Bearer ${await this.#d.accessToken()}` },
			cache: 'no-store'
		});
		const body = (await response.json().catch(() => null)) as {
			iceServers?: unknown;
			error?: { message?: string };
		} | null;
		if (!response.ok || !body || !Array.isArray(body.iceServers))
			throw new Error(body?.error?.message ?? `ICE servers: HTTP ${response.status}`);
		return body.iceServers as RTCIceServer[];
	}

	async #makePeer(initiator: boolean): Promise<SimplePeer | null> {
		let iceServers: RTCIceServer[];
		let SimplePeer;
		try {
			[iceServers, SimplePeer] = await Promise.all([this.#iceServers(), loadSimplePeer()]);
		} catch (err) {
			await this.#end('failed', 'failed', err instanceof Error ? err.message : String(err));
			return null;
		}
		if (this.ended || !this.#local) return null;
		const peer = new SimplePeer({
			initiator,
			stream: this.#local,
			config: { iceServers },
			trickle: true
		});
		this.#peer = peer;
		const video = this.#outgoingVideoTrack;
		const sent = this.#local.getVideoTracks()[0];
		if (video && sent && video !== sent) peer.replaceTrack(sent, video, this.#local);
		peer.on('signal', (data) => {
			const row = this.#row;
			if (!row || peer !== this.#peer) return;
			this.#d.channel.broadcast(CALL_EVENTS.signal, {
				call_id: row.id,
				from: this.#d.me.id,
				data: data as Record<string, unknown>
			});
		});
		peer.on('stream', (stream) => {
			if (peer === this.#peer) this.#remote = stream;
		});
		peer.on('connect', () => {
			if (peer !== this.#peer || this.ended) return;
			this.#phase = 'connected';
			this.#connectedAt ??= Date.now();
			if (this.#row) void this.#d.rpc('call_connected', { call_id: this.#row.id });
		});
		peer.on('iceStateChange', (ice) => this.#onIce(peer, ice));
		peer.on('error', (err) => {
			if (peer !== this.#peer || this.ended) return;
			const ice =
				err.code === 'ERR_ICE_CONNECTION_FAILURE' || err.code === 'ERR_CONNECTION_FAILURE';
			const reason = ice ? (this.#connectedAt ? 'lost' : 'ice-failed') : 'failed';
			const end = () => {
				if (!this.ended) void this.#end(reason, 'failed', err.message);
			};
			// Once connected, the other side hanging up closes the connection here before the
			// server's word about it arrives: wait for that word, as on 'close', before calling it
			// a failure.
			if (this.#connectedAt) this.#after(5_000, end);
			else end();
		});
		peer.on('close', () => {
			if (peer !== this.#peer || this.ended) return;
			// The other side closed without its hang-up reaching us (yet): the server's word
			// follows; if it does not, our timer ends the call.
			this.#after(5_000, () => {
				if (!this.ended) void this.#end('lost', 'failed');
			});
		});
		return peer;
	}

	#armConnectTimeout() {
		this.#after(CONNECT_TIMEOUT_MS, () => {
			if (this.#phase === 'connecting') void this.#end('ice-failed', 'failed');
		});
	}

	#onIce(peer: SimplePeer, ice: RTCIceConnectionState) {
		if (peer !== this.#peer || this.ended) return;
		if (ice === 'connected' || ice === 'completed') {
			this.#lostSince = null;
			if (this.#restartTimer) clearTimeout(this.#restartTimer);
			this.#restartTimer = null;
			if (this.#phase === 'reconnecting') this.#phase = 'connected';
			return;
		}
		if (ice !== 'disconnected' || this.#phase !== 'connected') return;
		this.#phase = 'reconnecting';
		this.#lostSince = Date.now();
		this.#scheduleRestart(peer);
	}

	/** ICE restart: the caller makes a new offer with new credentials; the callee asks for one. */
	#scheduleRestart(peer: SimplePeer) {
		this.#restartTimer = setTimeout(() => {
			this.#restartTimer = null;
			if (peer !== this.#peer || this.#phase !== 'reconnecting') return;
			if (Date.now() - (this.#lostSince ?? Date.now()) > RECONNECT_GIVE_UP_MS) {
				void this.#end('lost', 'failed');
				return;
			}
			try {
				if (peer.initiator) peer._pc.restartIce();
				peer.negotiate();
			} catch {
				// Destroyed meanwhile: its error handler ends the call.
			}
			this.#scheduleRestart(peer);
		}, ICE_RESTART_AFTER_MS);
	}

	#onRow(row: CallRow) {
		const mine = this.#row;
		if (!mine || row.id !== mine.id) return;
		this.#row = row;
		if (row.status === 'active') {
			if (this.#phase === 'outgoing') {
				// Answered: the caller makes the offer.
				this.#phase = 'connecting';
				this.#armConnectTimeout();
				void this.#makePeer(true);
			} else if (this.#phase === 'incoming' && row.answered_by !== this.#d.me.id) {
				this.#finish('answered-elsewhere');
			}
			return;
		}
		if (isLive(row) || this.ended) return;
		const reasons: Record<string, EndReason> = {
			declined: 'remote-declined',
			cancelled: 'cancelled',
			missed: 'missed',
			failed: 'failed',
			ended: 'remote-hangup'
		};
		this.#finish(reasons[row.status] ?? 'remote-hangup');
	}

	#onSignal(signal: Signal) {
		const row = this.#row;
		if (!row || signal.call_id !== row.id || signal.from === this.#d.me.id || this.ended) return;
		// Only the two people in the call: the caller and whoever answered.
		const other = row.started_by === this.#d.me.id ? row.answered_by : row.started_by;
		if (other && signal.from !== other) return;
		if (!this.#peer) {
			if (this.#buffered.length < 200) this.#buffered.push(signal);
			return;
		}
		this.#feed(signal);
	}

	#feed(signal: Signal) {
		const peer = this.#peer;
		if (!peer || peer.destroyed) return;
		// The callee lost the connection and asks for a new offer: restart ICE with it.
		if (signal.data.type === 'renegotiate' && peer.initiator && this.#phase === 'reconnecting') {
			peer._pc.restartIce();
		}
		try {
			peer.signal(signal.data);
		} catch (err) {
			void this.#end('failed', 'failed', err instanceof Error ? err.message : String(err));
		}
	}

	#after(ms: number, run: () => void) {
		const timer = setTimeout(() => {
			this.#timers = this.#timers.filter((t) => t !== timer);
			run();
		}, ms);
		this.#timers.push(timer);
	}

	/** Ends the call here and tells the server. */
	async #end(reason: EndReason, serverReason: 'hangup' | 'failed' | 'missed', detail = '') {
		const row = this.#row;
		if (this.ended) return;
		this.#finish(reason, detail);
		if (row) await this.#d.rpc('call_end', { call_id: row.id, reason: serverReason });
	}

	/** Ends the call here: stops the media, closes the connection, shows why. */
	#finish(reason: EndReason, detail = '') {
		if (this.ended) return;
		this.#reason = reason;
		this.#detail = detail;
		this.#phase = 'ended';
		this.#teardown();
	}

	#teardown() {
		for (const t of this.#timers.splice(0)) clearTimeout(t);
		if (this.#restartTimer) clearTimeout(this.#restartTimer);
		this.#restartTimer = null;
		const peer = this.#peer;
		this.#peer = null;
		peer?.destroy();
		for (const t of this.#local?.getTracks() ?? []) t.stop();
		this.#outgoingVideoTrack?.stop();
		this.#outgoingVideoTrack = null;
		this.#compositor?.stop();
		this.#compositor = null;
		this.#closeProcessor();
		this.#preview = null;
		this.#local = null;
		this.#remote = null;
		for (const image of this.#siteBackgrounds) URL.revokeObjectURL(image.url);
		this.#siteBackgrounds = [];
	}
}
