import { describe, expect, it } from 'vitest';
import { wasmBlendAvailable, WasmBlender } from './blend.ts';
import { Blender } from './mask.ts';

/** A reproducible stream of numbers in 0…1. */
function random(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const pixelsOf = (n: number, next: () => number) =>
	Uint32Array.from({ length: n }, () => (next() * 2 ** 32) >>> 0);

/** A person-like mask: an ellipse of 1 with a soft rim, 0 around it, some noise inside the rim. */
function personMask(mw: number, mh: number, shift: number, next: () => number) {
	const mask = new Float32Array(mw * mh);
	for (let y = 0; y < mh; y++)
		for (let x = 0; x < mw; x++) {
			const dx = (x - mw / 2 - shift) / (mw * 0.2);
			const dy = (y - mh * 0.6) / (mh * 0.45);
			const d = Math.sqrt(dx * dx + dy * dy);
			mask[y * mw + x] =
				d < 0.8 ? 1 : d > 1.1 ? 0 : Math.min(1, Math.max(0, 1.1 - d + next() * 0.2));
		}
	return mask;
}

/** The JavaScript Blender's result and the WebAssembly one's, for the same input. */
function both(
	sizes: [number, number, number, number],
	mask: Float32Array,
	frame: Uint32Array,
	background: { image: Uint32Array } | { small: Uint32Array; width: number; height: number }
) {
	const js = new Blender(...sizes);
	const wasm = new WasmBlender(...sizes);
	const expected = new Uint32Array(sizes[0] * sizes[1]);
	const actual = new Uint32Array(sizes[0] * sizes[1]);
	if ('image' in background) {
		js.overImage(frame, mask, background.image, expected);
		wasm.overImage(frame, mask, background.image, actual);
	} else {
		const { small, width, height } = background;
		js.overSmall(frame, mask, small, width, height, expected);
		wasm.overSmall(frame, mask, small, width, height, actual);
	}
	return { expected, actual, wasm };
}

/** The first pixel where two results differ, for a readable failure. */
function firstDifference(a: Uint32Array, b: Uint32Array) {
	const i = a.findIndex((v, k) => v !== b[k]);
	return i < 0 ? null : { pixel: i, expected: a[i].toString(16), actual: b[i].toString(16) };
}

describe('the WebAssembly merge', () => {
	it('runs here (Node has WebAssembly SIMD, as every current browser does)', () => {
		expect(wasmBlendAvailable()).toBe(true);
	});

	it('gives the JavaScript merge’s bytes over an image, for random and person-shaped masks', () => {
		const next = random(7);
		for (const sizes of [
			[64, 48, 32, 18],
			[640, 480, 256, 144],
			[37, 23, 11, 7]
		] as [number, number, number, number][]) {
			const [w, h, mw, mh] = sizes;
			const frame = pixelsOf(w * h, next);
			const image = pixelsOf(w * h, next);
			const randomMask = Float32Array.from({ length: mw * mh }, () => next() * 1.2 - 0.1);
			for (const mask of [randomMask, personMask(mw, mh, 3, next)]) {
				const { expected, actual } = both(sizes, mask, frame, { image });
				expect(firstDifference(expected, actual)).toBeNull();
			}
		}
	});

	it('gives the JavaScript merge’s bytes over a small background stretched, sizes not multiples of four', () => {
		const next = random(11);
		for (const [sizes, sw, sh] of [
			[[640, 480, 256, 144], 160, 120],
			[[61, 35, 16, 9], 15, 9],
			[[6, 5, 3, 2], 2, 1]
		] as [[number, number, number, number], number, number][]) {
			const [w, h, mw, mh] = sizes;
			const frame = pixelsOf(w * h, next);
			const small = pixelsOf(sw * sh, next);
			for (const mask of [personMask(mw, mh, -2, next), new Float32Array(mw * mh).fill(0)]) {
				const { expected, actual } = both(sizes, mask, frame, { small, width: sw, height: sh });
				expect(firstDifference(expected, actual)).toBeNull();
			}
		}
	});

	it('copies the frame where the mask is all person, and the image where it is all background', () => {
		const next = random(3);
		const frame = pixelsOf(40 * 30, next);
		const image = pixelsOf(40 * 30, next);
		const out = new Uint32Array(40 * 30);
		const wasm = new WasmBlender(40, 30, 16, 9);
		wasm.overImage(frame, new Float32Array(16 * 9).fill(1), image, out);
		expect(out).toEqual(frame);
		wasm.overImage(frame, new Float32Array(16 * 9).fill(0), image, out);
		expect(out).toEqual(image);
	});

	it('treats a NaN confidence as background, as the JavaScript merge does', () => {
		const next = random(5);
		const mask = Float32Array.from({ length: 16 * 9 }, (_, i) => (i % 5 === 0 ? NaN : next()));
		const frame = pixelsOf(40 * 30, next);
		const image = pixelsOf(40 * 30, next);
		const { expected, actual } = both([40, 30, 16, 9], mask, frame, { image });
		expect(firstDifference(expected, actual)).toBeNull();
	});

	it('works on its own views without copying, and keeps them apart after the small background grows memory', () => {
		const next = random(9);
		const wasm = new WasmBlender(64, 48, 32, 18);
		const frame = pixelsOf(64 * 48, next);
		const mask = personMask(32, 18, 0, next);
		const small = pixelsOf(16 * 12, next);
		const expected = new Uint32Array(64 * 48);
		new Blender(64, 48, 32, 18).overSmall(frame, mask, small, 16, 12, expected);
		// A larger small background first, so its layout grows the memory, then the one compared.
		wasm.small(60, 45);
		const view = wasm.frame();
		view.set(new Uint8ClampedArray(frame.buffer));
		wasm.mask().set(mask);
		wasm.small(16, 12).set(small);
		const own = (v: Uint8ClampedArray) => new Uint32Array(v.buffer, v.byteOffset, v.length / 4);
		const out = new Uint32Array(64 * 48);
		wasm.overSmall(own(wasm.frame()), wasm.mask(), wasm.small(16, 12), 16, 12, out);
		expect(firstDifference(expected, out)).toBeNull();
	});

	it('refuses bad sizes and short buffers', () => {
		expect(() => new WasmBlender(0, 10, 4, 4)).toThrow(RangeError);
		expect(() => new WasmBlender(10, 10, 4.5, 4)).toThrow(RangeError);
		const wasm = new WasmBlender(10, 10, 4, 4);
		const px = new Uint32Array(100);
		const mask = new Float32Array(16);
		expect(() => wasm.overImage(new Uint32Array(99), mask, px, px)).toThrow(/frame buffer/);
		expect(() => wasm.overImage(px, new Float32Array(15), px, new Uint32Array(100))).toThrow(
			/mask/
		);
		expect(() => wasm.overImage(px, mask, new Uint32Array(10), new Uint32Array(100))).toThrow(
			/background/
		);
		expect(() => wasm.overSmall(px, mask, new Uint32Array(3), 2, 2, new Uint32Array(100))).toThrow(
			/background/
		);
		expect(() => wasm.overSmall(px, mask, px, 0, 2, new Uint32Array(100))).toThrow(RangeError);
	});
});

/** The blur worked out plainly: 4 × 4 block means, then three box passes of radius 3 each way. */
function referenceBlur(frame: Uint32Array, width: number, height: number) {
	const sw = Math.max(1, Math.round(width / 4));
	const sh = Math.max(1, Math.round(height / 4));
	const bytes = new Uint8Array(frame.buffer, frame.byteOffset, frame.length * 4);
	let small = new Uint8Array(sw * sh * 4);
	for (let j = 0; j < sh; j++)
		for (let i = 0; i < sw; i++)
			for (let c = 0; c < 4; c++) {
				let sum = 0;
				for (let dy = 0; dy < 4; dy++)
					for (let dx = 0; dx < 4; dx++) {
						const y = Math.min(4 * j + dy, height - 1);
						const x = Math.min(4 * i + dx, width - 1);
						sum += bytes[(y * width + x) * 4 + c];
					}
				small[(j * sw + i) * 4 + c] = Math.floor(sum / 16);
			}
	const box = (from: Uint8Array, horizontal: boolean) => {
		const to = new Uint8Array(from.length);
		for (let j = 0; j < sh; j++)
			for (let i = 0; i < sw; i++)
				for (let c = 0; c < 4; c++) {
					let sum = 0;
					for (let d = -3; d <= 3; d++) {
						const x = horizontal ? Math.min(sw - 1, Math.max(0, i + d)) : i;
						const y = horizontal ? j : Math.min(sh - 1, Math.max(0, j + d));
						sum += from[(y * sw + x) * 4 + c];
					}
					to[(j * sw + i) * 4 + c] = Math.floor((sum * 9363) / 65536);
				}
		return to;
	};
	for (let pass = 0; pass < 3; pass++) small = box(box(small, true), false);
	return { small: new Uint32Array(small.buffer), width: sw, height: sh };
}

describe('the WebAssembly blur', () => {
	it('is the frame shrunk by block means and box-blurred, stretched and merged as any small background', () => {
		const next = random(13);
		for (const [w, h, mw, mh] of [
			[640, 480, 256, 144],
			[50, 37, 16, 9],
			[5, 3, 4, 2]
		]) {
			const frame = pixelsOf(w * h, next);
			const mask = personMask(mw, mh, 1, next);
			const blur = referenceBlur(frame, w, h);
			const expected = new Uint32Array(w * h);
			new Blender(w, h, mw, mh).overSmall(
				frame,
				mask,
				blur.small,
				blur.width,
				blur.height,
				expected
			);
			const actual = new Uint32Array(w * h);
			new WasmBlender(w, h, mw, mh).overBlur(frame, mask, actual);
			expect(firstDifference(expected, actual)).toBeNull();
		}
	});

	it('leaves a flat colour as it is, up to the edges', () => {
		const grey = 0xff808080;
		const frame = new Uint32Array(64 * 48).fill(grey);
		const out = new Uint32Array(64 * 48);
		new WasmBlender(64, 48, 16, 9).overBlur(frame, new Float32Array(16 * 9), out);
		expect(out.every((p) => p === grey)).toBe(true);
		const white = new Uint32Array(64 * 48).fill(0xffffffff);
		new WasmBlender(64, 48, 16, 9).overBlur(white, new Float32Array(16 * 9), out);
		expect(out.every((p) => p === 0xffffffff)).toBe(true);
	});
});
