/**
 * One's own video as sent when any effect is on: the camera drawn on a canvas at its own size,
 * merged with a virtual background where one is chosen (person over blurred camera or an
 * image, by the segmentation worker), then the overlays on top. The canvas goes out with
 * `captureStream()` in place of the camera (replaceTrack: turning effects on or off never
 * renegotiates). The main thread only draws: segmentation runs elsewhere where it can.
 */
import { drawOverlays, type OverlayOptions } from './overlay.ts';
import type { BackgroundProcessor, MergedFrame } from './segmentation/processor.ts';

/** Output frames per second. */
const FPS = 30;
/** How often the compositor reports what merging costs. */
const STATS_EVERY_MS = 1_000;
/** The first frames merged are warm-up (the runtime compiles), not counted. */
const WARM_UP_FRAMES = 5;
/** Frames measured after the warm-up to decide, once, whether this device keeps up. */
const PROBE_FRAMES = 30;
/** A median above this (under 4 frames a second) is too slow to be worth sending. */
const TOO_SLOW_MS = 250;

/** What the compositor tells its owner. */
export interface CompositorEvents {
	/** What merging costs and gives, about once a second while a background is on. */
	stats?(stats: EffectsStats): void;
	/** The background could not be merged (an error, or too slow): it is dropped. */
	failed?(reason: 'too-slow' | 'error', detail: string): void;
}

export interface EffectsStats {
	where: BackgroundProcessor['where'];
	frameWidth: number;
	frameHeight: number;
	maskWidth: number;
	maskHeight: number;
	/** The mask as applied to the frame (see MergeStats). */
	appliedWidth: number;
	appliedHeight: number;
	/** Median segmentation plus compositing time per frame, ms. */
	mergeMs: number;
}

/** The median of `samples` (not empty). */
function median(samples: readonly number[]): number {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Whether this device merges too slowly for a background: judged once, on the median of the
 * first frames after the warm-up (`samples`, in order), so a passing spike of load later in the
 * call only lowers the frame rate for a while. Null while there are not enough frames yet.
 */
export function tooSlow(samples: readonly number[]): boolean | null {
	if (samples.length < WARM_UP_FRAMES + PROBE_FRAMES) return null;
	return median(samples.slice(WARM_UP_FRAMES, WARM_UP_FRAMES + PROBE_FRAMES)) > TOO_SLOW_MS;
}

export class VideoCompositor {
	readonly track: MediaStreamTrack;
	#camera: MediaStreamTrack;
	#video: HTMLVideoElement;
	#canvas: HTMLCanvasElement;
	#ctx: CanvasRenderingContext2D;
	#overlays: OverlayOptions;
	#events: CompositorEvents;
	#processor: BackgroundProcessor | null = null;
	#merged: MergedFrame | null = null;
	#busy = false;
	#samples: number[] = [];
	/** Whether this device was found to keep up (judged once per compositor). */
	#keepsUp = false;
	#statsAt = 0;
	#timer: ReturnType<typeof setInterval> | null = null;

	/** Starts drawing `camera` with `overlays`; the result is `track`. */
	constructor(camera: MediaStreamTrack, overlays: OverlayOptions, events: CompositorEvents = {}) {
		this.#camera = camera;
		this.#overlays = overlays;
		this.#events = events;
		const settings = camera.getSettings();
		this.#canvas = document.createElement('canvas');
		this.#canvas.width = settings.width ?? 640;
		this.#canvas.height = settings.height ?? 480;
		const ctx = this.#canvas.getContext('2d');
		if (!ctx) throw new Error('no 2D canvas');
		this.#ctx = ctx;
		this.#video = document.createElement('video');
		this.#video.muted = true;
		this.#video.playsInline = true;
		this.#video.srcObject = new MediaStream([camera]);
		void this.#video.play().catch(() => {});
		this.track = this.#canvas.captureStream(FPS).getVideoTracks()[0];
		// A timer rather than requestAnimationFrame: that stops in a background tab, and the
		// other side would see a frozen picture.
		this.#timer = setInterval(() => this.#draw(), 1000 / FPS);
	}

	/** Changes the overlays, from the next frame. */
	set(overlays: OverlayOptions): void {
		this.#overlays = overlays;
	}

	/** Merges a background through `processor` (its background already set), or none with null. */
	setProcessor(processor: BackgroundProcessor | null): void {
		if (processor === this.#processor) return;
		this.#processor = processor;
		this.#dropMerged();
	}

	/** Draws another camera (after switching between front and back). */
	setCamera(camera: MediaStreamTrack): void {
		this.#camera = camera;
		this.#video.srcObject = new MediaStream([camera]);
		void this.#video.play().catch(() => {});
		this.#dropMerged();
	}

	#dropMerged() {
		this.#merged?.release();
		this.#merged = null;
	}

	#draw() {
		const v = this.#video;
		if (
			v.videoWidth &&
			(v.videoWidth !== this.#canvas.width || v.videoHeight !== this.#canvas.height)
		) {
			this.#canvas.width = v.videoWidth;
			this.#canvas.height = v.videoHeight;
		}
		const w = this.#canvas.width;
		const h = this.#canvas.height;
		const live = v.readyState >= 2 && this.#camera.enabled;
		if (live && this.#processor && !this.#busy) void this.#merge(this.#processor);
		if (live && this.#processor && this.#merged)
			this.#ctx.drawImage(this.#merged.image, 0, 0, w, h);
		else if (live) this.#ctx.drawImage(v, 0, 0, w, h);
		else {
			this.#ctx.fillStyle = '#000';
			this.#ctx.fillRect(0, 0, w, h);
		}
		drawOverlays(this.#ctx, w, h, this.#overlays);
	}

	/** Sends the current camera frame to be merged; one at a time, the newest frame wins. */
	async #merge(processor: BackgroundProcessor) {
		this.#busy = true;
		try {
			const frame = await createImageBitmap(this.#video);
			const merged = await processor.merge(frame);
			if (processor !== this.#processor) return merged.release();
			this.#dropMerged();
			this.#merged = merged;
			this.#measure(processor, merged);
		} catch (err) {
			if (processor !== this.#processor) return;
			this.setProcessor(null);
			this.#events.failed?.('error', err instanceof Error ? err.message : String(err));
		} finally {
			this.#busy = false;
		}
	}

	#measure(processor: BackgroundProcessor, merged: MergedFrame) {
		this.#samples.push(merged.ms);
		if (!this.#keepsUp) {
			const slow = tooSlow(this.#samples);
			if (slow) {
				const ms = Math.round(median(this.#samples.slice(WARM_UP_FRAMES)));
				this.setProcessor(null);
				this.#events.failed?.('too-slow', `${ms} ms a frame`);
				return;
			}
			this.#keepsUp = slow === false;
		}
		// The figure shown is that of the last few seconds.
		if (this.#samples.length > 2 * (WARM_UP_FRAMES + PROBE_FRAMES))
			this.#samples.splice(0, WARM_UP_FRAMES + PROBE_FRAMES);
		const now = performance.now();
		if (now - this.#statsAt < STATS_EVERY_MS) return;
		this.#statsAt = now;
		this.#events.stats?.({
			where: processor.where,
			frameWidth: this.#canvas.width,
			frameHeight: this.#canvas.height,
			maskWidth: merged.maskWidth,
			maskHeight: merged.maskHeight,
			appliedWidth: merged.appliedWidth,
			appliedHeight: merged.appliedHeight,
			mergeMs: Math.round(median(this.#samples) * 10) / 10
		});
	}

	/** Stops drawing and ends the track (the processor is its owner's to close). */
	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		this.#processor = null;
		this.#dropMerged();
		this.track.stop();
		this.#video.srcObject = null;
	}
}
