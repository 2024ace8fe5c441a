/**
 * Draws the person over a new background: the frame kept where the mask says person
 * (feathered), and behind it either the frame blurred or an image covering the frame. The
 * frame is read as pixels, merged and put back: on a canvas without a GPU that is cheaper than
 * masking with canvas draws (bench/README.md, "Virtual backgrounds"), and it runs the same on an
 * OffscreenCanvas in the worker or on the main thread. The merge runs in WebAssembly with SIMD
 * (blend.ts) where the browser has it, else in JavaScript (the Blender, mask.ts), to the same
 * bytes.
 */
import { wasmBlendAvailable, WasmBlender } from './blend.ts';
import { makeCanvas, type Canvas } from './canvas.ts';
import { Blender, coverRect } from './mask.ts';

type Context = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** A segmenter's mask, at its own size (stretched over the frame when applied). */
type Mask = { width: number; height: number; confidence: Float32Array };

/** What goes behind the person. */
export type ComposerBackground = { kind: 'blur' } | { kind: 'image'; image: ImageBitmap };

/** The blurred background is drawn this many times smaller, then stretched. */
const BLUR_DOWNSCALE = 4;
/** Blur radius at that smaller size (about four times as much at the frame's size). */
const BLUR_PX = 3;
/** The frame is drawn this much larger than the small canvas, so the blur has no faded edge. */
const BLUR_PAD_PX = BLUR_PX * 2;

/** A 2D context; `read` for a canvas whose pixels are read back every frame. */
function context(canvas: Canvas, read = false): Context {
	const ctx = canvas.getContext(
		'2d',
		read ? { willReadFrequently: true } : undefined
	) as Context | null;
	if (!ctx) throw new Error('no 2D canvas');
	return ctx;
}

function resize(canvas: Canvas, width: number, height: number) {
	if (canvas.width !== width) canvas.width = width;
	if (canvas.height !== height) canvas.height = height;
}

/** The pixels of a canvas as RGBA words. */
function pixels(ctx: Context, width: number, height: number): Uint32Array {
	return new Uint32Array(ctx.getImageData(0, 0, width, height).data.buffer);
}

export class BackgroundComposer {
	readonly canvas: Canvas;
	#ctx: Context;
	/** The frame, drawn to be read. */
	#frame: Canvas;
	#frameCtx: Context;
	#out: ImageData | null = null;
	#blender: Blender | null = null;
	#small: Canvas;
	#smallCtx: Context;
	/** Whether ctx.filter blurs here (not in every browser's OffscreenCanvas). */
	#filter: boolean;
	#background: ComposerBackground = { kind: 'blur' };
	/** The background image cropped and scaled to the frame, as pixels; redone when either changes. */
	#cover: Uint32Array | null = null;
	#coverFor: { image: ImageBitmap; width: number; height: number } | null = null;
	/** Whether the merge runs in WebAssembly (with SIMD), and its blender. */
	#wasm = wasmBlendAvailable();
	#wasmBlender: WasmBlender | null = null;
	/** The cover last written into the WebAssembly blender's memory. */
	#coverIn: Uint32Array | null = null;
	/** Whether frames are read by VideoFrame.copyTo (until it fails once). */
	#copyTo = typeof VideoFrame === 'function';

	constructor() {
		this.canvas = makeCanvas(1, 1);
		this.#ctx = context(this.canvas);
		this.#frame = makeCanvas(1, 1);
		this.#frameCtx = context(this.#frame, true);
		this.#small = makeCanvas(1, 1);
		this.#smallCtx = context(this.#small, true);
		this.#filter = 'filter' in this.#smallCtx;
	}

	/** What goes behind the person from the next frame (an image is owned and closed here). */
	setBackground(background: ComposerBackground): void {
		if (this.#background.kind === 'image' && this.#background !== background)
			this.#background.image.close();
		this.#background = background;
		this.#cover = this.#coverFor = null;
	}

	/** The size the mask was applied at: the last frame's, the mask stretched over it. */
	get appliedMaskSize(): { width: number; height: number } {
		const blender = this.#wasm ? this.#wasmBlender : this.#blender;
		return { width: blender?.width ?? 0, height: blender?.height ?? 0 };
	}

	/**
	 * Draws `frame` merged with the background through `mask`; the result is on `canvas`. One
	 * frame at a time: the next waits until this one has resolved.
	 */
	async compose(frame: ImageBitmap, mask: Mask): Promise<void> {
		if (this.#wasm) return this.#composeInWasm(frame, mask);
		const { width, height } = frame;
		const read = this.#drawAndRead(frame);
		const person = new Uint32Array(read.data.buffer);
		if (!this.#blender?.fits(width, height, mask.width, mask.height))
			this.#blender = new Blender(width, height, mask.width, mask.height);
		if (this.#out?.width !== width || this.#out.height !== height)
			this.#out = new ImageData(width, height);
		const out = new Uint32Array(this.#out.data.buffer);

		if (this.#background.kind === 'blur') {
			const small = this.#blurred(frame, width, height);
			this.#blender.overSmall(
				person,
				mask.confidence,
				small.pixels,
				small.width,
				small.height,
				out
			);
		} else {
			const cover = this.#covering(this.#background.image, width, height);
			this.#blender.overImage(person, mask.confidence, cover, out);
		}
		resize(this.canvas, width, height);
		this.#ctx.putImageData(this.#out, 0, 0);
	}

	/**
	 * The merge in WebAssembly: the frame and the mask written into the blender's memory, merged
	 * there over the image or the frame blurred (blurred there too), and put on the canvas
	 * straight from it.
	 */
	async #composeInWasm(frame: ImageBitmap, mask: Mask) {
		const { width, height } = frame;
		let blender = this.#wasmBlender;
		if (!blender?.fits(width, height, mask.width, mask.height)) {
			blender = this.#wasmBlender = new WasmBlender(width, height, mask.width, mask.height);
			this.#coverIn = null;
		}
		blender.mask().set(mask.confidence);
		await this.#readInto(frame, blender.frame());
		const words = (bytes: Uint8ClampedArray) =>
			new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
		const framePixels = words(blender.frame());
		const out = words(blender.out());
		if (this.#background.kind === 'blur') {
			blender.overBlur(framePixels, blender.mask(), out);
		} else {
			const cover = this.#covering(this.#background.image, width, height);
			// The cover is written into the blender's memory once, not every frame.
			if (this.#coverIn !== cover) {
				blender.image().set(cover);
				this.#coverIn = cover;
			}
			blender.overImage(framePixels, blender.mask(), blender.image(), out);
		}
		resize(this.canvas, width, height);
		this.#ctx.putImageData(new ImageData(blender.out(), width, height), 0, 0);
	}

	/** The frame drawn on the reading canvas and read back as pixels. */
	#drawAndRead(frame: ImageBitmap): ImageData {
		const { width, height } = frame;
		resize(this.#frame, width, height);
		this.#frameCtx.globalCompositeOperation = 'copy';
		this.#frameCtx.drawImage(frame, 0, 0);
		return this.#frameCtx.getImageData(0, 0, width, height);
	}

	/**
	 * The frame's RGBA pixels into `into`: copied out of a VideoFrame, which converts them on the
	 * way, in one step (about half of drawing and reading back); drawn and read where the browser
	 * has no VideoFrame or cannot convert, from then on.
	 */
	async #readInto(frame: ImageBitmap, into: Uint8ClampedArray) {
		if (this.#copyTo) {
			let video: VideoFrame | null = null;
			try {
				video = new VideoFrame(frame, { timestamp: 0 });
				const options: VideoFrameCopyToOptions = { format: 'RGBA' };
				if (
					video.displayWidth !== frame.width ||
					video.displayHeight !== frame.height ||
					video.allocationSize(options) !== into.byteLength
				)
					throw new Error('not laid out as the frame');
				await video.copyTo(into, options);
				return;
			} catch {
				this.#copyTo = false;
			} finally {
				video?.close();
			}
		}
		into.set(this.#drawAndRead(frame).data);
	}

	/** `image` cropped and scaled to cover the frame, as pixels, once per image and frame size. */
	#covering(image: ImageBitmap, width: number, height: number): Uint32Array {
		const done = this.#coverFor;
		if (this.#cover && done?.image === image && done.width === width && done.height === height)
			return this.#cover;
		const canvas = makeCanvas(width, height);
		const ctx = context(canvas, true);
		ctx.imageSmoothingQuality = 'high';
		const crop = coverRect(image.width, image.height, width, height);
		ctx.drawImage(image, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
		this.#cover = pixels(ctx, width, height);
		this.#coverFor = { image, width, height };
		return this.#cover;
	}

	/** The frame blurred at a quarter of its size, as pixels. */
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
		return { pixels: pixels(ctx, w, h), width: w, height: h };
	}

	/** Releases the background image. */
	close(): void {
		if (this.#background.kind === 'image') this.#background.image.close();
		this.#background = { kind: 'blur' };
		this.#cover = this.#coverFor = null;
	}
}
