import { describe, expect, it } from 'vitest';
import {
	alphaSize,
	coverRect,
	DEFAULT_FEATHER,
	maskToAlpha,
	maskToAlpha2x,
	smoothstep
} from './mask.ts';

/** The alpha channel of an RGBA buffer. */
const alphas = (rgba: Uint8ClampedArray) => [...rgba].filter((_, i) => i % 4 === 3);

describe('feathering the mask', () => {
	it('is a smooth step: flat outside the band, symmetric and rising inside', () => {
		expect(smoothstep(0.3, 0.7, 0)).toBe(0);
		expect(smoothstep(0.3, 0.7, 0.3)).toBe(0);
		expect(smoothstep(0.3, 0.7, 0.5)).toBeCloseTo(0.5);
		expect(smoothstep(0.3, 0.7, 0.7)).toBe(1);
		expect(smoothstep(0.3, 0.7, 1)).toBe(1);
		expect(smoothstep(0.3, 0.7, 0.4)).toBeCloseTo(1 - smoothstep(0.3, 0.7, 0.6));
		expect(smoothstep(0.3, 0.7, 0.45)).toBeGreaterThan(smoothstep(0.3, 0.7, 0.4));
	});

	it('makes background fully transparent and the person opaque, white underneath', () => {
		const confidence = Float32Array.from([0, 0.1, 0.9, 1]);
		const out = new Uint8ClampedArray(4 * 4);
		maskToAlpha(confidence, 4, 1, out);
		expect(alphas(out)).toEqual([0, 0, 255, 255]);
		expect([...out].filter((_, i) => i % 4 !== 3).every((v) => v === 255)).toBe(true);
	});

	it('fades the edge between the feather’s bounds', () => {
		const { low, high } = DEFAULT_FEATHER;
		const confidence = Float32Array.from([low + (high - low) * 0.25, (low + high) / 2]);
		const out = new Uint8ClampedArray(2 * 4);
		maskToAlpha(confidence, 2, 1, out);
		const [quarter, half] = alphas(out);
		expect(quarter).toBeGreaterThan(0);
		expect(quarter).toBeLessThan(half);
		expect(half).toBeGreaterThanOrEqual(126);
		expect(half).toBeLessThanOrEqual(129);
	});

	it('reduces the mask by averaging blocks, including ragged ones at the edges', () => {
		// 3×2, step 2: blocks [0..1]×[0..1] and the ragged column [2]×[0..1].
		const confidence = Float32Array.from([1, 1, 0, 1, 1, 0]);
		expect(alphaSize(3, 2, 2)).toEqual({ width: 2, height: 1 });
		const out = new Uint8ClampedArray(2 * 4);
		maskToAlpha(confidence, 3, 2, out, 2);
		expect(alphas(out)).toEqual([255, 0]);
		// A half-covered block lands in the middle of the step.
		const half = new Uint8ClampedArray(4);
		maskToAlpha(Float32Array.from([1, 0, 1, 0]), 2, 2, half, 2);
		expect(half[3]).toBeGreaterThan(100);
		expect(half[3]).toBeLessThan(155);
	});

	it('gives the same result on the fast path for 2×2 blocks as block by block', () => {
		const width = 8;
		const height = 6;
		const confidence = Float32Array.from(
			{ length: width * height },
			(_, i) => ((i * 37) % 101) / 100
		);
		const out = new Uint8ClampedArray(4 * 3 * 4);
		maskToAlpha(confidence, width, height, out, 2);
		const expected: number[] = [];
		for (let oy = 0; oy < 3; oy++)
			for (let ox = 0; ox < 4; ox++) {
				const at = (x: number, y: number) => confidence[y * width + x];
				const x = ox * 2;
				const y = oy * 2;
				const mean = (at(x, y) + at(x + 1, y) + at(x, y + 1) + at(x + 1, y + 1)) / 4;
				const { low, high } = DEFAULT_FEATHER;
				expected.push(Math.round(smoothstep(low, high, Math.round(mean * 256) / 256) * 255));
			}
		expect(alphas(out)).toEqual(expected);
		expect(new Set(alphas(out)).size).toBeGreaterThan(2);
	});

	it('refuses a buffer too small for the mask', () => {
		expect(() => maskToAlpha(new Float32Array(16), 4, 4, new Uint8ClampedArray(8))).toThrow(
			RangeError
		);
	});
});

describe('covering the frame with an image', () => {
	it('crops a wide image’s sides to fill a 4:3 frame, centred', () => {
		expect(coverRect(1280, 720, 640, 480)).toEqual({ x: 160, y: 0, width: 960, height: 720 });
	});

	it('crops a tall image’s top and bottom, and leaves a matching one whole', () => {
		const tall = coverRect(600, 1200, 640, 480);
		expect(tall.width).toBe(600);
		expect(tall.height).toBeCloseTo(450);
		expect(tall.y).toBeCloseTo(375);
		expect(coverRect(1280, 720, 1920, 1080)).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
	});
});

describe('a half-size mask made into alpha at the frame’s size', () => {
	/** Bilinear interpolation at output pixel centres, clamped at the edges, then feathered. */
	function reference(confidence: Float32Array, width: number, height: number): number[] {
		const at = (x: number, y: number) =>
			confidence[
				Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))
			];
		const out: number[] = [];
		for (let oy = 0; oy < height * 2; oy++)
			for (let ox = 0; ox < width * 2; ox++) {
				const sx = (ox + 0.5) / 2 - 0.5;
				const sy = (oy + 0.5) / 2 - 0.5;
				const x0 = Math.floor(sx);
				const y0 = Math.floor(sy);
				const fx = sx - x0;
				const fy = sy - y0;
				const c =
					at(x0, y0) * (1 - fx) * (1 - fy) +
					at(x0 + 1, y0) * fx * (1 - fy) +
					at(x0, y0 + 1) * (1 - fx) * fy +
					at(x0 + 1, y0 + 1) * fx * fy;
				out.push(Math.round(smoothstep(DEFAULT_FEATHER.low, DEFAULT_FEATHER.high, c) * 255));
			}
		return out;
	}

	it('interpolates bilinearly between the mask’s pixels, then feathers, within one level', () => {
		const width = 5;
		const height = 4;
		const confidence = Float32Array.from(
			{ length: width * height },
			(_, i) => ((i * 37) % 101) / 100
		);
		const out = new Uint8ClampedArray(width * 2 * height * 2 * 4);
		maskToAlpha2x(confidence, width, height, out, new Float32Array(width));
		const got = alphas(out);
		const want = reference(confidence, width, height);
		expect(got).toHaveLength(want.length);
		// The table of 256 confidence levels rounds a little differently from the exact step.
		got.forEach((a, i) => expect(Math.abs(a - want[i]), `pixel ${i}`).toBeLessThanOrEqual(3));
		expect([...out].filter((_, i) => i % 4 !== 3).every((v) => v === 255)).toBe(true);
	});

	it('keeps a flat mask flat to the edges, and an edge where it was', () => {
		const out = new Uint8ClampedArray(16 * 4);
		maskToAlpha2x(Float32Array.from([1, 1, 1, 1]), 2, 2, out, new Float32Array(2));
		expect(alphas(out).every((a) => a === 255)).toBe(true);
		// Background | person: the left quarter clear, the right quarter opaque, fading between.
		const edge = new Uint8ClampedArray(16 * 4);
		maskToAlpha2x(Float32Array.from([0, 1, 0, 1]), 2, 2, edge, new Float32Array(2));
		for (let row = 0; row < 4; row++)
			expect(alphas(edge).slice(row * 4, row * 4 + 4)).toEqual([0, 0, 255, 255]);
	});

	it('refuses buffers too small for the result or a row', () => {
		expect(() =>
			maskToAlpha2x(new Float32Array(4), 2, 2, new Uint8ClampedArray(15 * 4), new Float32Array(2))
		).toThrow(RangeError);
		expect(() =>
			maskToAlpha2x(new Float32Array(4), 2, 2, new Uint8ClampedArray(16 * 4), new Float32Array(1))
		).toThrow(RangeError);
	});
});
