import { describe, expect, it } from 'vitest';
import {
	alphaTable,
	Blender,
	coverRect,
	DEFAULT_FEATHER,
	mix,
	scaleTable,
	smoothstep
} from './mask.ts';

/** An RGBA word from its bytes, in memory order (as a Uint32Array over ImageData reads it). */
const word = (r: number, g: number, b: number, a = 255) =>
	new Uint32Array(Uint8ClampedArray.from([r, g, b, a]).buffer)[0];
/** The bytes of a word, in memory order. */
const bytes = (w: number) => [...new Uint8ClampedArray(Uint32Array.from([w]).buffer)];

const PERSON = word(200, 150, 100);
const BACK = word(0, 40, 240);

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

	it('has a table of 257 levels: clear up to the feather’s low bound, opaque from its high one', () => {
		const table = alphaTable();
		expect(table).toHaveLength(257);
		expect(table[0]).toBe(0);
		expect(table[Math.floor(DEFAULT_FEATHER.low * 256)]).toBe(0);
		expect(table[128]).toBeGreaterThanOrEqual(126);
		expect(table[128]).toBeLessThanOrEqual(129);
		expect(table[Math.ceil(DEFAULT_FEATHER.high * 256)]).toBe(255);
		expect(table[256]).toBe(255);
		for (let i = 1; i <= 256; i++) expect(table[i]).toBeGreaterThanOrEqual(table[i - 1]);
	});
});

describe('mixing two pixels', () => {
	it('takes all of one at the ends and a share of each byte between', () => {
		expect(mix(BACK, PERSON, 0)).toBe(BACK);
		expect(mix(BACK, PERSON, 256)).toBe(PERSON);
		expect(bytes(mix(word(0, 0, 0, 0), word(255, 255, 255, 255), 128))).toEqual([
			127, 127, 127, 127
		]);
		expect(bytes(mix(word(10, 200, 30, 255), word(110, 0, 230, 55), 64))).toEqual([
			35, 150, 80, 205
		]);
	});
});

describe('the tables of a bilinear stretch', () => {
	it('sample at pixel centres and clamp at the edges', () => {
		const { first, second, weight } = scaleTable(2, 4);
		expect([...first]).toEqual([0, 0, 0, 1]);
		expect([...second]).toEqual([1, 1, 1, 1]);
		expect([...weight]).toEqual([0, 0.25, 0.75, 0]);
		// Shrinking: output centres land between source pixels.
		const down = scaleTable(4, 2);
		expect([...down.first]).toEqual([0, 2]);
		expect([...down.weight]).toEqual([0.5, 0.5]);
		// One source pixel: always itself.
		expect([...scaleTable(1, 3).second]).toEqual([0, 0, 0]);
	});
});

/** The blend worked out pixel by pixel the slow way: bilinear mask, exact smooth step. */
function reference(
	width: number,
	height: number,
	mask: Float32Array,
	mw: number,
	mh: number,
	person: (x: number, y: number) => number[],
	back: (x: number, y: number) => number[]
): number[][] {
	const at = (x: number, y: number) =>
		mask[Math.min(mh - 1, Math.max(0, y)) * mw + Math.min(mw - 1, Math.max(0, x))];
	const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
	const out: number[][] = [];
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const sx = clamp(((x + 0.5) * mw) / width - 0.5, mw);
			const sy = clamp(((y + 0.5) * mh) / height - 0.5, mh);
			const x0 = Math.floor(sx);
			const y0 = Math.floor(sy);
			const fx = sx - x0;
			const fy = sy - y0;
			const c =
				at(x0, y0) * (1 - fx) * (1 - fy) +
				at(x0 + 1, y0) * fx * (1 - fy) +
				at(x0, y0 + 1) * (1 - fx) * fy +
				at(x0 + 1, y0 + 1) * fx * fy;
			const a = smoothstep(DEFAULT_FEATHER.low, DEFAULT_FEATHER.high, c);
			const p = person(x, y);
			const b = back(x, y);
			out.push(p.map((v, i) => v * a + b[i] * (1 - a)));
		}
	return out;
}

const frameOf = (width: number, height: number, f: (x: number, y: number) => number[]) =>
	Uint32Array.from({ length: width * height }, (_, i) =>
		word(...(f(i % width, Math.floor(i / width)) as [number, number, number, number]))
	);

describe('merging a person over a background', () => {
	const confidence = (mw: number, mh: number) =>
		Float32Array.from({ length: mw * mh }, (_, i) => ((i * 37) % 101) / 100);
	const person = (x: number, y: number) => [(x * 7) % 256, (y * 11) % 256, 90, 255];
	const image = (x: number, y: number) => [20, (x * 3 + y) % 256, 250, 255];

	it('keeps the frame where the mask says person and the background elsewhere, mixed along the feather', () => {
		// A 4:3 frame under a 16:9 mask, as the landscape model gives it: stretched, not cropped.
		const [width, height, mw, mh] = [12, 9, 8, 5];
		const mask = confidence(mw, mh);
		const out = new Uint32Array(width * height);
		new Blender(width, height, mw, mh).overImage(
			frameOf(width, height, person),
			mask,
			frameOf(width, height, image),
			out
		);
		const want = reference(width, height, mask, mw, mh, person, image);
		let mixed = 0;
		[...out].forEach((w, i) => {
			const got = bytes(w);
			// The table of 256 confidence levels and 8-bit mixing round a little differently.
			got.forEach((v, c) => expect(Math.abs(v - want[i][c]), `pixel ${i}`).toBeLessThanOrEqual(4));
			if (w !== frameOf(width, height, person)[i] && w !== frameOf(width, height, image)[i])
				mixed++;
		});
		expect(mixed).toBeGreaterThan(0);
	});

	it('gives the same picture where whole spans are copied as where pixels are mixed', () => {
		// A person-shaped mask: solid inside, clear outside, a soft edge a pixel or two wide, so
		// rows have runs of person, runs of background and spans across the edge.
		const [width, height, mw, mh] = [40, 30, 16, 9];
		const mask = Float32Array.from({ length: mw * mh }, (_, i) => {
			const d = Math.hypot(((i % mw) - 8) / 4, (Math.floor(i / mw) - 5) / 3);
			return Math.min(1, Math.max(0, (1 - d) * 3 + 0.5));
		});
		const check = (
			out: Uint32Array,
			back: (x: number, y: number) => number[],
			tolerance: number
		) => {
			const want = reference(width, height, mask, mw, mh, person, back);
			[...out].forEach((w, i) =>
				bytes(w).forEach((v, c) =>
					expect(Math.abs(v - want[i][c]), `pixel ${i}`).toBeLessThanOrEqual(tolerance)
				)
			);
		};
		const blender = new Blender(width, height, mw, mh);
		const out = new Uint32Array(width * height);
		const frame = frameOf(width, height, person);
		blender.overImage(frame, mask, frameOf(width, height, image), out);
		check(out, image, 4);
		const kinds = new Set([...out].map((w, i) => (w === frame[i] ? 'person' : 'other')));
		expect(kinds).toEqual(new Set(['person', 'other']));
		// Over a flat small background: the same shape.
		blender.overSmall(frame, mask, new Uint32Array(4).fill(BACK), 2, 2, out);
		check(out, () => bytes(BACK), 4);
	});

	it('is all frame under a full mask and all background under an empty one', () => {
		const frame = new Uint32Array(6 * 4).fill(PERSON);
		const back = new Uint32Array(6 * 4).fill(BACK);
		const out = new Uint32Array(6 * 4);
		const blender = new Blender(6, 4, 3, 2);
		blender.overImage(frame, new Float32Array(6).fill(1), back, out);
		expect(out.every((w) => w === PERSON)).toBe(true);
		blender.overImage(frame, new Float32Array(6).fill(0), back, out);
		expect(out.every((w) => w === BACK)).toBe(true);
	});

	it('stretches a small background bilinearly over the frame, as the blur is drawn', () => {
		const [width, height, sw, sh] = [8, 6, 2, 2];
		const small = (x: number, y: number) => [x * 200, y * 100, 50, 255];
		const out = new Uint32Array(width * height);
		new Blender(width, height, 2, 2).overSmall(
			new Uint32Array(width * height).fill(PERSON),
			new Float32Array(4),
			frameOf(sw, sh, small),
			sw,
			sh,
			out
		);
		const stretched = (x: number, y: number) => {
			const fx = Math.min(1, Math.max(0, ((x + 0.5) * sw) / width - 0.5));
			const fy = Math.min(1, Math.max(0, ((y + 0.5) * sh) / height - 0.5));
			return [fx * 200, fy * 100, 50, 255];
		};
		[...out].forEach((w, i) => {
			const want = stretched(i % width, Math.floor(i / width));
			bytes(w).forEach((v, c) =>
				expect(Math.abs(v - want[c]), `pixel ${i}`).toBeLessThanOrEqual(2)
			);
		});
		// The corners are the small image's corners; the middle lies between them.
		expect(bytes(out[0])).toEqual([0, 0, 50, 255]);
		expect(bytes(out[width * height - 1])).toEqual([200, 100, 50, 255]);
	});

	it('takes a new small size between frames', () => {
		const blender = new Blender(4, 4, 2, 2);
		const out = new Uint32Array(16);
		const frame = new Uint32Array(16).fill(PERSON);
		blender.overSmall(frame, new Float32Array(4), new Uint32Array(1).fill(BACK), 1, 1, out);
		expect(out.every((w) => w === BACK)).toBe(true);
		blender.overSmall(frame, new Float32Array(4), new Uint32Array(4).fill(PERSON), 2, 2, out);
		expect(out.every((w) => w === PERSON)).toBe(true);
	});

	it('refuses sizes that are not whole and buffers too small', () => {
		expect(() => new Blender(0, 4, 2, 2)).toThrow(RangeError);
		expect(() => new Blender(4, 4, 2.5, 2)).toThrow(RangeError);
		const blender = new Blender(4, 4, 2, 2);
		const ok = new Uint32Array(16);
		expect(() => blender.overImage(new Uint32Array(15), new Float32Array(4), ok, ok)).toThrow(
			RangeError
		);
		expect(() => blender.overImage(ok, new Float32Array(3), ok, ok)).toThrow(RangeError);
		expect(() => blender.overImage(ok, new Float32Array(4), new Uint32Array(8), ok)).toThrow(
			RangeError
		);
		expect(() => blender.overSmall(ok, new Float32Array(4), new Uint32Array(3), 2, 2, ok)).toThrow(
			RangeError
		);
		expect(blender.fits(4, 4, 2, 2)).toBe(true);
		expect(blender.fits(4, 4, 3, 2)).toBe(false);
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
