/**
 * The arithmetic of merging a person over a background, kept pure so it is tested without a
 * browser: the segmenter's confidence mask stretched over the frame and feathered, the person
 * mixed over the background with it, and the crop that makes a background image cover the frame.
 */

/**
 * Confidence at or below `low` is background, at or above `high` the person; in between the
 * alpha rises along a smooth step, so the edge fades over a few pixels instead of stair-casing.
 */
export interface Feather {
	low: number;
	high: number;
}

export const DEFAULT_FEATHER: Feather = { low: 0.3, high: 0.7 };

/** Hermite smooth step of `x` between `low` and `high`, in 0…1. */
export function smoothstep(low: number, high: number, x: number): number {
	if (x <= low) return 0;
	if (x >= high) return 1;
	const t = (x - low) / (high - low);
	return t * t * (3 - 2 * t);
}

/**
 * 256 levels of alpha plus one for 1.0: the feathered alpha (0…255) of a confidence `i / 256`
 * (a table spares a smooth step per pixel; 8 bits of alpha are all a pixel can show).
 */
export function alphaTable(feather: Feather = DEFAULT_FEATHER): Uint8Array {
	const table = new Uint8Array(257);
	for (let i = 0; i <= 256; i++)
		table[i] = Math.round(smoothstep(feather.low, feather.high, i / 256) * 255);
	return table;
}

/**
 * `a` and `b` (RGBA pixels as 32-bit words, in memory order) mixed byte by byte: `w`/256 of `b`
 * and the rest of `a`, `w` in 0…256. Two channels at a time in one multiply (the byte order of
 * the word does not matter: each byte lane is mixed on its own).
 */
export function mix(a: number, b: number, w: number): number {
	const v = 256 - w;
	const rb = ((((a & 0xff00ff) * v + (b & 0xff00ff) * w) >>> 8) & 0xff00ff) >>> 0;
	const ga = (((a >>> 8) & 0xff00ff) * v + ((b >>> 8) & 0xff00ff) * w) & 0xff00ff00;
	return (rb | ga) >>> 0;
}

/**
 * For each of `to` positions along an axis, the two nearest of `from` source positions and
 * the weight of the second (0…1), sampling at pixel centres and clamping at the edges: the
 * tables of a bilinear scaling, built once for a pair of sizes.
 */
export function scaleTable(from: number, to: number) {
	const first = new Int32Array(to);
	const second = new Int32Array(to);
	const weight = new Float32Array(to);
	for (let i = 0; i < to; i++) {
		const at = Math.min(from - 1, Math.max(0, ((i + 0.5) * from) / to - 0.5));
		first[i] = Math.floor(at);
		second[i] = Math.min(from - 1, first[i] + 1);
		weight[i] = at - first[i];
	}
	return { first, second, weight };
}

/** scaleTable with the weights as 0…256, as `mix` takes them. */
export function mixTable(from: number, to: number) {
	const { first, second, weight } = scaleTable(from, to);
	return { first, second, weight: Uint32Array.from(weight, (w) => Math.round(w * 256)) };
}

/**
 * For each of `maskWidth` mask columns and one past the last, the first output pixel of the span
 * between that column and the next (`first` is scaleTable's, for `width` output pixels).
 */
export function spanStarts(first: Int32Array, maskWidth: number, width: number): Int32Array {
	const spans = new Int32Array(maskWidth + 1);
	for (let k = 0, x = 0; k <= maskWidth; k++) {
		while (x < width && first[x] < k) x++;
		spans[k] = k === maskWidth ? width : x;
	}
	return spans;
}

const EDGE = 0;
const PERSON = 1;
const BACKGROUND = 2;

/** `from[start…end)` into `to` at the same place: a loop for a few pixels, a block copy for many. */
function copy(from: Uint32Array, to: Uint32Array, start: number, end: number) {
	if (end - start > 32) to.set(from.subarray(start, end), start);
	else for (let i = start; i < end; i++) to[i] = from[i];
}

/** The frame size and the mask size a blender is built for, checked. */
export class BlendSizes {
	readonly width: number;
	readonly height: number;
	readonly maskWidth: number;
	readonly maskHeight: number;

	constructor(width: number, height: number, maskWidth: number, maskHeight: number) {
		if (![width, height, maskWidth, maskHeight].every((n) => Number.isInteger(n) && n > 0))
			throw new RangeError('sizes must be positive whole numbers');
		this.width = width;
		this.height = height;
		this.maskWidth = maskWidth;
		this.maskHeight = maskHeight;
	}

	/** Whether this blender is the one for these sizes. */
	fits(width: number, height: number, maskWidth: number, maskHeight: number): boolean {
		return (
			this.width === width &&
			this.height === height &&
			this.maskWidth === maskWidth &&
			this.maskHeight === maskHeight
		);
	}

	/** Throws unless `small` holds a small background of `width` × `height`, both whole and positive. */
	protected checkSmall(small: Uint32Array, width: number, height: number): void {
		if (![width, height].every((n) => Number.isInteger(n) && n > 0))
			throw new RangeError('sizes must be positive whole numbers');
		if (small.length < width * height) throw new RangeError('background buffer too small');
	}
}

/**
 * Merges a person over a background: the frame where the mask says person,
 * the background elsewhere, mixed along the feathered edge. The mask (the model's, any size) is
 * stretched over the frame bilinearly; the background is either an image of the frame's size
 * or a small one (the blurred frame) stretched over it bilinearly too. Built once for a frame
 * size and a mask size; every buffer is the caller's, so nothing is allocated per frame.
 * Pixels are RGBA words (a Uint32Array over an ImageData's bytes).
 */
export class Blender extends BlendSizes {
	#alpha: Uint8Array;
	#maskX: ReturnType<typeof scaleTable>;
	#maskY: ReturnType<typeof scaleTable>;
	/** One mask row interpolated between two, for the output row being written. */
	#row: Float32Array;
	/** Its feathered alpha, column by column. */
	#levels: Uint8Array;
	/** Where each span between two mask columns starts in an output row (see #blend). */
	#spans: Int32Array;
	/** The small background's rows, each stretched to the frame's width. */
	#wide = new Uint32Array(0);
	#small: {
		width: number;
		height: number;
		x: ReturnType<typeof mixTable>;
		y: ReturnType<typeof mixTable>;
	} | null = null;

	constructor(
		width: number,
		height: number,
		maskWidth: number,
		maskHeight: number,
		feather: Feather = DEFAULT_FEATHER
	) {
		super(width, height, maskWidth, maskHeight);
		this.#alpha = alphaTable(feather);
		this.#maskX = scaleTable(maskWidth, width);
		this.#maskY = scaleTable(maskHeight, height);
		this.#row = new Float32Array(maskWidth);
		this.#levels = new Uint8Array(maskWidth);
		// Output pixels [spans[k], spans[k + 1]) lie between mask columns k and k + 1.
		this.#spans = spanStarts(this.#maskX.first, maskWidth, width);
	}

	#check(frame: Uint32Array, mask: Float32Array, out: Uint32Array) {
		const pixels = this.width * this.height;
		if (frame.length < pixels || out.length < pixels)
			throw new RangeError('frame buffer too small');
		if (mask.length < this.maskWidth * this.maskHeight) throw new RangeError('mask too small');
	}

	/** `out` = `frame` over `background`, both of the frame's size. */
	overImage(frame: Uint32Array, mask: Float32Array, background: Uint32Array, out: Uint32Array) {
		this.#check(frame, mask, out);
		if (background.length < this.width * this.height)
			throw new RangeError('background buffer too small');
		this.#blend(frame, mask, out, background);
	}

	/**
	 * `out` = `frame` over `small` (`smallWidth` × `smallHeight`) stretched over the frame with
	 * bilinear smoothing; only the pixels the person does not fully cover are stretched.
	 */
	overSmall(
		frame: Uint32Array,
		mask: Float32Array,
		small: Uint32Array,
		smallWidth: number,
		smallHeight: number,
		out: Uint32Array
	) {
		this.#check(frame, mask, out);
		this.checkSmall(small, smallWidth, smallHeight);
		const { width } = this;
		if (this.#small?.width !== smallWidth || this.#small.height !== smallHeight) {
			this.#small = {
				width: smallWidth,
				height: smallHeight,
				x: mixTable(smallWidth, width),
				y: mixTable(smallHeight, this.height)
			};
			this.#wide = new Uint32Array(smallHeight * width);
		}
		// Each small row stretched to the frame's width once; each output row then mixes two.
		const { x } = this.#small;
		const wide = this.#wide;
		for (let sy = 0; sy < smallHeight; sy++) {
			const row = sy * smallWidth;
			const at = sy * width;
			for (let i = 0; i < width; i++)
				wide[at + i] = mix(small[row + x.first[i]], small[row + x.second[i]], x.weight[i]);
		}
		this.#blend(frame, mask, out, null);
	}

	/**
	 * The merge itself, row by row, span by span: between two neighbouring mask columns the
	 * interpolated confidence lies between theirs, so where both are the person (or both the
	 * background) the whole span of output pixels is copied from the frame (or the background)
	 * without looking at each pixel; only spans across the edge are mixed pixel by pixel. The
	 * background comes from `image` where given, else from the stretched small rows.
	 */
	#blend(frame: Uint32Array, mask: Float32Array, out: Uint32Array, image: Uint32Array | null) {
		const { width, height, maskWidth } = this;
		const alpha = this.#alpha;
		const row = this.#row;
		const levels = this.#levels;
		const spans = this.#spans;
		const mx = this.#maskX;
		const my = this.#maskY;
		const wide = this.#wide;
		const sy = this.#small?.y;
		const level = (c: number) => alpha[c <= 0 ? 0 : c >= 1 ? 256 : (c * 256) | 0];
		for (let y = 0; y < height; y++) {
			const o = y * width;
			const a = my.first[y] * maskWidth;
			const b = my.second[y] * maskWidth;
			const wy = my.weight[y];
			for (let i = 0; i < maskWidth; i++) {
				const c = mask[a + i] + (mask[b + i] - mask[a + i]) * wy;
				row[i] = c;
				levels[i] = level(c);
			}
			// The two stretched background rows this output row lies between.
			const rowA = sy && !image ? sy.first[y] * width : 0;
			const rowB = sy && !image ? sy.second[y] * width : 0;
			const w = sy && !image ? sy.weight[y] : 0;
			// Runs of whole spans of the frame (PERSON) or the background (BACKGROUND) are copied
			// at once when they end; spans across the edge are mixed pixel by pixel.
			let run = EDGE;
			let runFrom = 0;
			for (let k = 0; k <= maskWidth; k++) {
				const from = spans[k];
				let kind = EDGE;
				if (k < maskWidth) {
					const here = levels[k];
					const next = levels[k + 1 < maskWidth ? k + 1 : k];
					kind =
						here === 255 && next === 255 ? PERSON : here === 0 && next === 0 ? BACKGROUND : EDGE;
				}
				if (kind === run && kind !== EDGE && k < maskWidth) continue;
				// The run [runFrom, from) ends here.
				if (run === PERSON) copy(frame, out, o + runFrom, o + from);
				else if (run === BACKGROUND) {
					if (image) copy(image, out, o + runFrom, o + from);
					else
						for (let x = runFrom; x < from; x++)
							out[o + x] = mix(wide[rowA + x], wide[rowB + x], w);
				}
				run = kind;
				runFrom = from;
				if (kind !== EDGE) continue;
				const to = k < maskWidth ? spans[k + 1] : from;
				for (let x = from; x < to; x++) {
					const left = row[mx.first[x]];
					const l = level(left + (row[mx.second[x]] - left) * mx.weight[x]);
					const p = o + x;
					if (l === 255) {
						out[p] = frame[p];
						continue;
					}
					const back = image ? image[p] : mix(wide[rowA + x], wide[rowB + x], w);
					out[p] = l === 0 ? back : mix(back, frame[p], l + (l >> 7));
				}
				runFrom = to;
			}
		}
	}
}

/** The part of a `sw` × `sh` image that, scaled, covers a `dw` × `dh` frame (centred crop). */
export function coverRect(sw: number, sh: number, dw: number, dh: number) {
	const scale = Math.max(dw / sw, dh / sh);
	const w = dw / scale;
	const h = dh / scale;
	return { x: (sw - w) / 2, y: (sh - h) / 2, width: w, height: h };
}
