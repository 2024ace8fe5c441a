/**
 * Virtual images on one's own video: the camera drawn on a canvas with the site's logo and a
 * name badge on top, the canvas sent with `captureStream()` in place of the camera
 * (replaceTrack, so turning them on or off never renegotiates). Drawn on the main thread with
 * a 2D canvas: the portable path (the breakout-box APIs are Chromium-only).
 */

/** What is drawn over the camera. */
export interface OverlayOptions {
	/** The name shown in a badge at the bottom left, or null for none. */
	badge: string | null;
	/** The site's logo (its initial on its colour) at the top left, or null for none. */
	logo: { text: string; color: string } | null;
}

/** Output frames per second. */
const FPS = 30;

/** Draws the overlays for a frame of `width` × `height` on `ctx` (already holding the camera). */
export function drawOverlays(
	ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
	width: number,
	height: number,
	options: OverlayOptions
): void {
	const unit = Math.max(8, Math.round(Math.min(width, height) / 20));
	if (options.logo) {
		const size = unit * 3;
		ctx.fillStyle = options.logo.color;
		ctx.beginPath();
		ctx.roundRect(unit, unit, size, size, unit * 0.6);
		ctx.fill();
		ctx.fillStyle = '#ffffff';
		ctx.font = `600 ${Math.round(size * 0.55)}px system-ui, sans-serif`;
		ctx.textAlign = 'center';
		ctx.textBaseline = 'middle';
		ctx.fillText(options.logo.text.slice(0, 2), unit + size / 2, unit + size / 2);
	}
	if (options.badge) {
		ctx.font = `600 ${Math.round(unit * 1.2)}px system-ui, sans-serif`;
		ctx.textAlign = 'left';
		ctx.textBaseline = 'middle';
		const text = options.badge.slice(0, 40);
		const w = Math.min(width - unit * 2, ctx.measureText(text).width + unit * 1.6);
		const h = unit * 2.2;
		const y = height - unit - h;
		ctx.fillStyle = 'rgba(17, 24, 39, 0.78)';
		ctx.beginPath();
		ctx.roundRect(unit, y, w, h, h / 2);
		ctx.fill();
		ctx.fillStyle = '#ffffff';
		ctx.fillText(text, unit * 1.8, y + h / 2, w - unit * 1.6);
	}
}

/** The camera with overlays, as a video track to send. */
export class OverlayCompositor {
	readonly track: MediaStreamTrack;
	#video: HTMLVideoElement;
	#canvas: HTMLCanvasElement;
	#ctx: CanvasRenderingContext2D;
	#options: OverlayOptions;
	#timer: ReturnType<typeof setInterval> | null = null;

	/** Starts drawing `camera` with `options`; the result is `track`. */
	constructor(camera: MediaStreamTrack, options: OverlayOptions) {
		this.#options = options;
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

	/** Changes what is drawn, from the next frame. */
	set(options: OverlayOptions): void {
		this.#options = options;
	}

	#draw() {
		const v = this.#video;
		const { width, height } = this.#canvas;
		if (v.videoWidth && (v.videoWidth !== width || v.videoHeight !== height)) {
			this.#canvas.width = v.videoWidth;
			this.#canvas.height = v.videoHeight;
		}
		const w = this.#canvas.width;
		const h = this.#canvas.height;
		if (v.readyState >= 2) this.#ctx.drawImage(v, 0, 0, w, h);
		else {
			this.#ctx.fillStyle = '#000';
			this.#ctx.fillRect(0, 0, w, h);
		}
		drawOverlays(this.#ctx, w, h, this.#options);
	}

	/** Stops drawing and ends the track. */
	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		this.track.stop();
		this.#video.srcObject = null;
	}
}
