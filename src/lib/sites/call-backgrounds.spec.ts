import { describe, expect, it } from 'vitest';
import {
	CALL_BACKGROUND_MAX_BYTES,
	backgroundPath,
	planUpload,
	shrunkSize,
	storageProblem
} from './call-backgrounds.ts';

const SITE = '00000000-0000-4000-8000-0000000a0000';

describe('backgroundPath', () => {
	it('names a background <site>/<lower-case uuid>.<extension of its type>', () => {
		const id = 'ABCDEF01-2345-4678-89AB-CDEF01234567';
		expect(backgroundPath(SITE, 'image/jpeg', id)).toBe(`${SITE}/${id.toLowerCase()}.jpg`);
		expect(backgroundPath(SITE, 'image/png', id)).toMatch(/\.png$/);
		expect(backgroundPath(SITE, 'image/webp', id)).toMatch(/\.webp$/);
	});

	it('gives each new background its own name', () => {
		expect(backgroundPath(SITE, 'image/png')).not.toBe(backgroundPath(SITE, 'image/png'));
	});
});

describe('planUpload', () => {
	it.each<[string, number, number, ReturnType<typeof planUpload>]>([
		['image/png', 1000, 0, { kind: 'upload', type: 'image/png' }],
		['image/jpeg', CALL_BACKGROUND_MAX_BYTES, 5, { kind: 'upload', type: 'image/jpeg' }],
		['IMAGE/WEBP', 10, 0, { kind: 'upload', type: 'image/webp' }],
		// Too large as it is, or a type the bucket does not take: redrawn smaller as JPEG.
		['image/jpeg', CALL_BACKGROUND_MAX_BYTES + 1, 0, { kind: 'shrink' }],
		['image/gif', 10, 0, { kind: 'shrink' }],
		['image/heic', 10, 0, { kind: 'shrink' }],
		// Not pictures.
		['image/svg+xml', 10, 0, { kind: 'refuse', problem: 'type' }],
		['application/x-msdownload', 10, 0, { kind: 'refuse', problem: 'type' }],
		['', 10, 0, { kind: 'refuse', problem: 'type' }],
		// Six already.
		['image/png', 10, 6, { kind: 'refuse', problem: 'full' }]
	])('%s of %i bytes with %i stored: %o', (type, size, count, plan) => {
		expect(planUpload({ type, size }, count)).toEqual(plan);
	});
});

describe('shrunkSize', () => {
	it('brings the longest side down to 1920 px, keeping the shape', () => {
		expect(shrunkSize(4000, 3000)).toEqual({ width: 1920, height: 1440 });
		expect(shrunkSize(1080, 2400)).toEqual({ width: 864, height: 1920 });
	});

	it('leaves a picture that fits as it is', () => {
		expect(shrunkSize(1280, 720)).toEqual({ width: 1280, height: 720 });
	});
});

describe('storageProblem', () => {
	it.each<[Parameters<typeof storageProblem>[0], string]>([
		[{ statusCode: '413', code: 'EntityTooLarge' }, 'too-large'],
		[{ statusCode: '415', code: 'InvalidMimeType' }, 'type'],
		[{ statusCode: '403', code: 'AccessDenied' }, 'forbidden'],
		[{ status: 403 }, 'forbidden'],
		[{ name: 'StorageUnknownError' }, 'network'],
		[{ statusCode: '503' }, 'network'],
		[{ statusCode: '400', code: 'InvalidKey' }, 'other'],
		[null, 'other']
	])('%o is %s', (error, problem) => {
		expect(storageProblem(error)).toBe(problem);
	});
});
