import { describe, expect, it } from 'vitest';
import {
	BUILT_IN_BACKGROUNDS,
	detectProblem,
	failed,
	initialBackground,
	loaded,
	pick,
	sameChoice
} from './backgrounds.ts';

const blur = { kind: 'blur' } as const;
const dawn = { kind: 'image', id: 'dawn' } as const;
const none = { kind: 'none' } as const;

describe('background choices', () => {
	it('start off, or unavailable with the reason when the browser cannot segment', () => {
		expect(initialBackground()).toEqual({ choice: none, status: 'off', problem: null, detail: '' });
		expect(initialBackground('no-webassembly')).toMatchObject({
			choice: none,
			status: 'unavailable',
			problem: 'no-webassembly'
		});
	});

	it('load the segmenter the first time blur or an image is picked, then go on', () => {
		const picked = pick(initialBackground(), blur, false);
		expect(picked).toMatchObject({ choice: blur, status: 'loading' });
		expect(loaded(picked)).toMatchObject({ choice: blur, status: 'on' });
		// Once loaded, a new pick is on at once.
		expect(pick(loaded(picked), dawn, true)).toMatchObject({ choice: dawn, status: 'on' });
	});

	it('keep the latest pick while loading, and none turns the effect off', () => {
		const a = pick(initialBackground(), blur, false);
		const b = pick(a, dawn, false);
		expect(b).toMatchObject({ choice: dawn, status: 'loading' });
		expect(pick(b, none, false)).toMatchObject({ choice: none, status: 'off' });
		// A load that finishes after "none" turns nothing on.
		expect(loaded(pick(b, none, false))).toMatchObject({ status: 'off' });
	});

	it('drop the background and keep the reason once segmentation fails; only none is accepted then', () => {
		const down = failed(pick(initialBackground(), dawn, false), 'load-failed', 'HTTP 404');
		expect(down).toEqual({
			choice: none,
			status: 'unavailable',
			problem: 'load-failed',
			detail: 'HTTP 404'
		});
		expect(pick(down, blur, true)).toEqual(down);
		expect(loaded(down)).toEqual(down);
	});

	it('compare choices by kind and image', () => {
		expect(sameChoice(dawn, { kind: 'image', id: 'dawn' })).toBe(true);
		expect(sameChoice(dawn, { kind: 'image', id: 'lagoon' })).toBe(false);
		expect(sameChoice(blur, { kind: 'blur' })).toBe(true);
		expect(sameChoice(blur, none)).toBe(false);
	});

	it('know what the browser lacks before loading anything', () => {
		const ok = { WebAssembly: { instantiate() {} }, createImageBitmap() {} };
		expect(detectProblem(ok)).toBeNull();
		expect(detectProblem({ createImageBitmap() {} })).toBe('no-webassembly');
		expect(detectProblem({ WebAssembly: {}, createImageBitmap() {} })).toBe('no-webassembly');
		expect(detectProblem({ WebAssembly: { instantiate() {} } })).toBe('no-canvas');
	});

	it('ship built-in images from our own origin, each with a unique id', () => {
		const ids = BUILT_IN_BACKGROUNDS.map((b) => b.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const b of BUILT_IN_BACKGROUNDS) expect(b.url).toMatch(/^\/backgrounds\/[a-z]+\.svg$/);
	});
});
