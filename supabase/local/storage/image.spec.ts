import { describe, expect, it } from 'vitest';
import { chooseFormat, geometry, planRender } from './image.ts';
import type { TransformOptions } from './transform.ts';

/** Output size for a source of `w`×`h` under `options`, as imgproxy computes it. */
function size(w: number, h: number, options: TransformOptions): [number, number] {
	const g = geometry(w, h, planRender(options, undefined));
	return [g.crop?.width ?? g.scaledWidth, g.crop?.height ?? g.scaledHeight];
}

describe('geometry (imgproxy calcScale and cropToResult, CLI preset 3000×8192, no enlarging)', () => {
	const cases: [string, number, number, TransformOptions, [number, number]][] = [
		['cover fills and crops the box', 400, 300, { width: 100, height: 100 }, [100, 100]],
		[
			'contain fits inside the box',
			400,
			300,
			{ width: 100, height: 100, resize: 'contain' },
			[100, 75]
		],
		['fill stretches', 400, 300, { width: 100, height: 100, resize: 'fill' }, [100, 100]],
		[
			'contain with a width scales the height',
			400,
			300,
			{ width: 100, resize: 'contain' },
			[100, 75]
		],
		[
			'contain with a height scales the width',
			400,
			300,
			{ height: 150, resize: 'contain' },
			[200, 150]
		],
		// The preset's height 8192 stays, so cover only crops the width (as on Supabase).
		['cover with only a width crops', 400, 300, { width: 100 }, [100, 300]],
		['nothing is enlarged', 400, 300, { width: 800, height: 600 }, [400, 300]],
		['cover larger than the source crops to it', 400, 300, { width: 500, height: 100 }, [400, 100]],
		[
			'fill keeps the asked ratio without enlarging',
			400,
			300,
			{ width: 800, height: 100, resize: 'fill' },
			[400, 50]
		],
		['the preset bounds an unsized request', 5000, 1000, { quality: 50 }, [3000, 600]],
		['sizes are clamped to 2000', 5712, 4284, { width: 3840 }, [2000, 4284]]
	];
	for (const [name, w, h, options, expected] of cases)
		it(name, () => {
			expect(size(w, h, options)).toEqual(expected);
		});

	it('crops around the centre unless a gravity says otherwise', () => {
		expect(geometry(400, 300, planRender({ width: 100, height: 100 }, undefined)).crop).toEqual({
			left: 17,
			top: 0,
			width: 100,
			height: 100
		});
		expect(
			geometry(400, 300, planRender({ width: 100, height: 100, gravity: 'ea' }, undefined)).crop
		).toMatchObject({ left: 33, top: 0 });
	});
});

describe('chooseFormat (imgproxy, WebP detection on, preferred jpeg, png, gif)', () => {
	it('answers WebP to a client that accepts it, unless the format is kept', () => {
		expect(chooseFormat(planRender({}, 'image/avif,image/webp,*/*'), 'jpeg', false, false)).toBe(
			'webp'
		);
		expect(chooseFormat(planRender({ format: 'origin' }, 'image/webp'), 'png', false, true)).toBe(
			'png'
		);
		expect(chooseFormat(planRender({}, 'image/avif,*/*'), 'jpeg', false, false)).toBe('jpeg');
		expect(chooseFormat(planRender({ format: 'avif' }, undefined), 'png', false, false)).toBe(
			'avif'
		);
	});

	it('keeps JPEG, PNG and GIF and turns other sources into the first fitting of those', () => {
		expect(chooseFormat(planRender({}, undefined), 'gif', true, true)).toBe('gif');
		expect(chooseFormat(planRender({}, undefined), 'webp', false, false)).toBe('jpeg');
		expect(chooseFormat(planRender({}, undefined), 'webp', false, true)).toBe('png');
		expect(chooseFormat(planRender({}, undefined), 'webp', true, false)).toBe('gif');
		expect(chooseFormat(planRender({}, undefined), 'svg', false, true)).toBe('png');
	});
});
