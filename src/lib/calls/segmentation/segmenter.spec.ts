import { describe, expect, it } from 'vitest';
import { RUNTIMES } from './assets.ts';
import { pickRuntime, SIMD_PROBE, toModelInput } from './segmenter.ts';

describe('choosing the runtime', () => {
	it('takes the SIMD build where WebAssembly validates a SIMD module, else the plain one', () => {
		// Node's WebAssembly has SIMD, so the probe is a real SIMD module.
		expect(WebAssembly.validate(SIMD_PROBE)).toBe(true);
		expect(pickRuntime()).toBe(RUNTIMES.simd);
		expect(pickRuntime(() => false)).toBe(RUNTIMES.plain);
		expect(
			pickRuntime(() => {
				throw new Error('no WebAssembly');
			})
		).toBe(RUNTIMES.plain);
	});
});

describe('the model’s input', () => {
	it('is the RGB of each pixel as floats in 0…1, alpha dropped', () => {
		const rgba = Uint8ClampedArray.from([255, 0, 51, 255, 0, 255, 102, 7]);
		const out = new Float32Array(6);
		toModelInput(rgba, out, 2);
		expect([...out].map((v) => +v.toFixed(3))).toEqual([1, 0, 0.2, 0, 1, 0.4]);
	});

	it('is each byte divided by 255, rounded to a float as the division would be', () => {
		const rgba = Uint8ClampedArray.from({ length: 256 * 4 }, (_, i) => i >> 2);
		const out = new Float32Array(256 * 3);
		toModelInput(rgba, out, 256);
		for (let v = 0; v < 256; v++) expect(out[v * 3]).toBe(Math.fround(v / 255));
	});
});
