/**
 * Draws the person over a new background: the frame kept where the mask says person
 * (feathered), and behind it either the frame blurred or an image covering the frame. Plain 2D
 * canvas work, so it runs the same on an OffscreenCanvas in the worker or on the main thread.
 */
import { alphaSize, coverRect, maskToAlpha, maskToAlpha2x } from './mask.ts';

type Canvas = OffscreenCanvas | HTMLCanvasElement;
type Context = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** What goes behind the person. */
export type ComposerBackground = { kind: 'blur' } | { kind: 'image'; image: ImageBitmap };

/**
 * A mask at the frame's size is reduced this many times before it is drawn scaled back up
 * (cheaper in JavaScript, softer scaled up). The usual mask, at half the frame's size (the
 * segmenter's input, see segmenter.ts), is instead made into alpha at the frame's size: the
 * canvas then masks 1:1, where a scaled draw with `destination-in` costs a software-rasterised
 * canvas several milliseconds a frame.
 */
const MASK_STEP = 2;
/** The blurred background is drawn this many times smaller, then scaled up. */
const BLUR_DOWNSCALE = 4;
/** Blur radius at that smaller size (about four times as much at the frame's size). */
const BLUR_PX = 3;
/** The frame is drawn this much larger than the small canvas, so the blur has no faded edge. */
const BLUR_PAD_PX = BLUR_PX * 2;

/** A canvas of `width` × `height`: an OffscreenCanvas where there is one. */
export function makeCanvas(width: number, height: number): Canvas {
	if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return canvas;
}

function context(canvas: Canvas): Context {
	const ctx = canvas.getContext('2d') as Context | null;
	if (!ctx) throw new Error('no 2D canvas');
	return ctx;
}

function resize(canvas: Canvas, width: number, height: number) {
	if (canvas.width !== width) canvas.width = width;
	if (canvas.height !== height) canvas.height = height;
}

export class BackgroundComposer {
	readonly canvas: Canvas;
	#ctx: Context;
	#mask: Canvas;
	#maskCtx: Context;
	#alpha: ImageData | null = null;
	/** Scratch row for maskToAlpha2x. */
	#rows = new Float32Array(0);
	#small: Canvas;
	#smallCtx: Context;
	/** Whether ctx.filter blurs here (not in every browser's OffscreenCanvas). */
	#filter: boolean;
	#background: ComposerBackground = { kind: 'blur' };
	/** The background image already cropped and scaled to the frame, redrawn when either changes. */
	#cover: Canvas | null = null;
	#coverFor: { image: ImageBitmap; width: number; height: number } | null = null;

	constructor() {
		this.canvas = makeCanvas(1, 1);
		this.#ctx = context(this.canvas);
		this.#mask = makeCanvas(1, 1);
		this.#maskCtx = context(this.#mask);
		this.#small = makeCanvas(1, 1);
		this.#smallCtx = context(this.#small);
		this.#filter = 'filter' in this.#smallCtx;
	}

	/** What goes behind the person from the next frame (an image is owned and closed here). */
	setBackground(background: ComposerBackground): void {
		if (this.#background.kind === 'image' && this.#background !== background)
			this.#background.image.close();
		this.#background = background;
		this.#coverFor = null;
	}

	/**
	 * The size of the mask as last applied to a frame: the frame's own when the segmenter worked
	 * at half size (the mask is brought up to it), else a reduced one drawn scaled.
	 */
	get appliedMaskSize(): { width: number; height: number } {
		return { width: this.#mask.width, height: this.#mask.height };
	}

	/** Draws `frame` merged with the background through `mask`; the result is on `canvas`. */
	compose(
		frame: ImageBitmap,
		mask: { width: number; height: number; confidence: Float32Array }
	): void {
		const { width, height } = frame;
		resize(this.canvas, width, height);
		const ctx = this.#ctx;

		// The mask, feathered, as alpha: at the frame's size from a half-size mask, else reduced.
		const half = mask.width * 2 === width && mask.height * 2 === height;
		const size = half ? { width, height } : alphaSize(mask.width, mask.height, MASK_STEP);
		resize(this.#mask, size.width, size.height);
		if (this.#alpha?.width !== size.width || this.#alpha.height !== size.height)
			this.#alpha = new ImageData(size.width, size.height);
		if (half) {
			if (this.#rows.length < mask.width) this.#rows = new Float32Array(mask.width);
			maskToAlpha2x(mask.confidence, mask.width, mask.height, this.#alpha.data, this.#rows);
		} else maskToAlpha(mask.confidence, mask.width, mask.height, this.#alpha.data, MASK_STEP);
		this.#maskCtx.putImageData(this.#alpha, 0, 0);

		// The background, blurred small where it is the camera.
		if (this.#background.kind === 'blur') this.#blurred(frame, width, height);

		// The person: the frame where the mask is; then the background behind it.
		ctx.globalCompositeOperation = 'copy';
		ctx.drawImage(frame, 0, 0, width, height);
		ctx.globalCompositeOperation = 'destination-in';
		ctx.imageSmoothingEnabled = true;
		if (half) ctx.drawImage(this.#mask, 0, 0);
		else ctx.drawImage(this.#mask, 0, 0, width, height);
		ctx.globalCompositeOperation = 'destination-over';
		if (this.#background.kind === 'blur') ctx.drawImage(this.#small, 0, 0, width, height);
		else ctx.drawImage(this.#covering(this.#background.image, width, height), 0, 0);
		ctx.globalCompositeOperation = 'source-over';
	}

	/** `image` cropped and scaled to cover the frame, drawn once per image and frame size. */
	#covering(image: ImageBitmap, width: number, height: number): Canvas {
		const done = this.#coverFor;
		if (this.#cover && done?.image === image && done.width === width && done.height === height)
			return this.#cover;
		this.#cover ??= makeCanvas(width, height);
		resize(this.#cover, width, height);
		const ctx = context(this.#cover);
		ctx.imageSmoothingQuality = 'high';
		const crop = coverRect(image.width, image.height, width, height);
		ctx.drawImage(image, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
		this.#coverFor = { image, width, height };
		return this.#cover;
	}

	#blurred(frame: ImageBitmap, width: number, height: number) {
		const w = Math.max(1, Math.round(width / BLUR_DOWNSCALE));
		const h = Math.max(1, Math.round(height / BLUR_DOWNSCALE));
		resize(this.#small, w, h);
		const ctx = this.#smallCtx;
		ctx.imageSmoothingEnabled = true;
		ctx.imageSmoothingQuality = 'high';
		if (this.#filter) {
			// Drawn a little beyond the canvas, so the blur does not fade to transparent at its edges.
			ctx.filter = `blur(${BLUR_PX}px)`;
			const pad = BLUR_PAD_PX;
			ctx.drawImage(frame, -pad, -pad, w + 2 * pad, h + 2 * pad);
			ctx.filter = 'none';
		} else {
			// No filter: scaled down further and back up, twice smoothed.
			const tw = Math.max(1, Math.round(w / 4));
			const th = Math.max(1, Math.round(h / 4));
			ctx.drawImage(frame, 0, 0, tw, th);
			ctx.drawImage(this.#small, 0, 0, tw, th, 0, 0, w, h);
		}
	}

	/** Releases the background image. */
	close(): void {
		if (this.#background.kind === 'image') this.#background.image.close();
		this.#background = { kind: 'blur' };
		this.#cover = this.#coverFor = null;
	}
}
