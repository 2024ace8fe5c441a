/**
 * The arithmetic of merging a person over a background, kept pure so it is tested without a
 * browser: the segmenter's confidence mask turned into a feathered alpha mask, and the crop
 * that makes a background image cover the frame.
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

/** The size of the alpha mask for a `width` × `height` confidence mask reduced by `step`. */
export function alphaSize(width: number, height: number, step: number) {
	return { width: Math.ceil(width / step), height: Math.ceil(height / step) };
}

/** The last feather's table of pixels (see alphaWords), kept: it is the same every frame. */
let wordsFor: { feather: Feather; words: Uint32Array } | null = null;

/**
 * One 32-bit RGBA word per confidence level: white, with the alpha from a table of 256 levels
 * (all an 8-bit alpha can show, which spares a smooth step per pixel), index 256 for 1.0.
 * Channels are in memory order, so the word's layout follows the platform's byte order.
 */
function alphaWords(feather: Feather): Uint32Array {
	if (wordsFor?.feather === feather) return wordsFor.words;
	const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
	const words = new Uint32Array(257);
	for (let i = 0; i <= 256; i++) {
		const alpha = Math.round(smoothstep(feather.low, feather.high, i / 256) * 255);
		words[i] = littleEndian ? ((alpha << 24) | 0xffffff) >>> 0 : (0xffffff00 | alpha) >>> 0;
	}
	wordsFor = { feather, words };
	return words;
}

/**
 * Writes `confidence` (`width` × `height`, one float per pixel, row by row) as an RGBA alpha
 * mask into `out`, reduced `step` times in each direction: each output pixel is the mean of its
 * `step` × `step` block, feathered, as white with that alpha. Drawn scaled back up with the
 * canvas's bilinear smoothing, it softens the edge further. `out` must hold
 * `alphaSize(...)` pixels × 4 bytes.
 */
export function maskToAlpha(
	confidence: ArrayLike<number>,
	width: number,
	height: number,
	out: Uint8ClampedArray,
	step = 1,
	feather: Feather = DEFAULT_FEATHER
): void {
	const { width: ow, height: oh } = alphaSize(width, height, step);
	if (out.length < ow * oh * 4) throw new RangeError('alpha buffer too small');
	const pixels = new Uint32Array(out.buffer, out.byteOffset, ow * oh);
	const words = alphaWords(feather);
	const level = (mean: number) => words[mean <= 0 ? 0 : mean >= 1 ? 256 : (mean * 256 + 0.5) | 0];
	if (step === 2 && width % 2 === 0 && height % 2 === 0) {
		// The usual case, unrolled: each output pixel is the mean of a 2×2 block.
		for (let oy = 0, o = 0; oy < oh; oy++) {
			let a = oy * 2 * width;
			let b = a + width;
			for (let ox = 0; ox < ow; ox++, o++, a += 2, b += 2)
				pixels[o] = level(
					(confidence[a] + confidence[a + 1] + confidence[b] + confidence[b + 1]) * 0.25
				);
		}
		return;
	}
	for (let oy = 0; oy < oh; oy++) {
		const y0 = oy * step;
		const y1 = Math.min(height, y0 + step);
		for (let ox = 0; ox < ow; ox++) {
			const x0 = ox * step;
			const x1 = Math.min(width, x0 + step);
			let sum = 0;
			for (let y = y0; y < y1; y++) {
				const row = y * width;
				for (let x = x0; x < x1; x++) sum += confidence[row + x];
			}
			pixels[oy * ow + ox] = level(sum / ((y1 - y0) * (x1 - x0)));
		}
	}
}

/**
 * Writes `confidence` (`width` × `height`) as an RGBA alpha mask twice its size in each
 * direction into `out` (`2 * width` × `2 * height` pixels): confidence interpolated bilinearly
 * (each output pixel's centre is a quarter of a source pixel from the nearest one), then
 * feathered, as white with that alpha. A mask segmented at half the frame's size so becomes a
 * mask of the frame's size without a scaled canvas draw, which a software-rasterised canvas
 * makes slow. `rows` is scratch space of at least `width` floats, kept by the caller.
 */
export function maskToAlpha2x(
	confidence: ArrayLike<number>,
	width: number,
	height: number,
	out: Uint8ClampedArray,
	rows: Float32Array,
	feather: Feather = DEFAULT_FEATHER
): void {
	const ow = width * 2;
	if (out.length < ow * height * 2 * 4) throw new RangeError('alpha buffer too small');
	if (rows.length < width) throw new RangeError('row buffer too small');
	const pixels = new Uint32Array(out.buffer, out.byteOffset, ow * height * 2);
	const words = alphaWords(feather);
	const level = (c: number) => words[c <= 0 ? 0 : c >= 1 ? 256 : (c * 256 + 0.5) | 0];
	for (let oy = 0, o = 0; oy < height * 2; oy++) {
		// This output row between source row y and its nearer neighbour (clamped at the edges).
		const y = oy >> 1;
		const other = oy & 1 ? Math.min(height - 1, y + 1) : Math.max(0, y - 1);
		const a = y * width;
		const b = other * width;
		for (let x = 0; x < width; x++) rows[x] = 0.75 * confidence[a + x] + 0.25 * confidence[b + x];
		// Each source column gives two output pixels, leaning left and right.
		let left = rows[0];
		for (let x = 0; x < width; x++, o += 2) {
			const here = rows[x];
			const right = x + 1 < width ? rows[x + 1] : here;
			pixels[o] = level(0.75 * here + 0.25 * left);
			pixels[o + 1] = level(0.75 * here + 0.25 * right);
			left = here;
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
