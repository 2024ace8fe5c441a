/**
 * Storage's image transformation through supabase-js: `download(path, { transform })`,
 * `getPublicUrl(path, { transform })` and `createSignedUrl(path, s, { transform })`, checked
 * by decoding the answer. Expected sizes and formats are those of Supabase Storage
 * (src/http/routes/render/, src/storage/renderer/image.ts) in front of imgproxy v3.8.0 as
 * the Supabase CLI starts it (default preset width:3000/height:8192, no enlarging, WebP
 * detection, JPEG and WebP quality 80).
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { apiError } from './helpers/storage.ts';
import { userClient } from './helpers/persona.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { useTestStack } from './helpers/use-stack.ts';

const ALICE = '0d6c1b4e-2a55-4c43-8f3e-0a1b2c3d4e5f';
const BOB = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
const OWN = `${ALICE}/photo.png`;

const t = useTestStack({
	sql: readFileSync(new URL('./fixtures/storage-rls.sql', import.meta.url), 'utf8')
});
let alice: SupabaseClient;
let bob: SupabaseClient;

/** A 400×300 picture of noise, so that encoders and qualities differ in size. */
function noise(): Sharp {
	return sharp({
		create: {
			width: 400,
			height: 300,
			channels: 3,
			background: '#336699',
			noise: { type: 'gaussian', mean: 128, sigma: 40 }
		}
	});
}

async function metadataOf(data: Blob | ArrayBuffer) {
	const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
	const { width, height, format } = await sharp(Buffer.from(bytes)).metadata();
	return { width, height, format };
}

let png: Buffer;
let jpeg: Buffer;

beforeAll(async () => {
	alice = await userClient(t(), ALICE);
	bob = await userClient(t(), BOB);
	png = await noise().png().toBuffer();
	jpeg = await noise().jpeg({ quality: 95 }).toBuffer();
	const admin = t().admin();
	expect((await admin.storage.createBucket('pics', { public: true })).error).toBeNull();
	const uploads = await Promise.all([
		alice.storage.from('private-docs').upload(OWN, png, { contentType: 'image/png' }),
		admin.storage.from('pics').upload('a.png', png, { contentType: 'image/png' }),
		admin.storage.from('pics').upload('b.jpg', jpeg, { contentType: 'image/jpeg' }),
		admin.storage.from('pics').upload('notes.txt', 'not a picture', { contentType: 'text/plain' })
	]);
	for (const u of uploads) expect(u.error).toBeNull();
});

describe('download with transform (render/image/authenticated)', () => {
	const sizes: [string, object, { width: number; height: number }][] = [
		[
			'cover (the default) fills and crops',
			{ width: 100, height: 100 },
			{ width: 100, height: 100 }
		],
		[
			'contain keeps the aspect',
			{ width: 100, height: 100, resize: 'contain' },
			{ width: 100, height: 75 }
		],
		['fill stretches', { width: 100, height: 100, resize: 'fill' }, { width: 100, height: 100 }],
		[
			'contain with a width scales the height',
			{ width: 100, resize: 'contain' },
			{ width: 100, height: 75 }
		],
		// The preset's height of 8192 stays, so cover with a width alone crops, as on Supabase.
		['cover with a width alone crops to it', { width: 100 }, { width: 100, height: 300 }],
		['nothing is enlarged', { width: 800, height: 600 }, { width: 400, height: 300 }]
	];
	for (const [name, transform, expected] of sizes)
		it(name, async () => {
			const { data, error } = await alice.storage.from('private-docs').download(OWN, { transform });
			expect(error).toBeNull();
			expect(await metadataOf(data!)).toEqual({ ...expected, format: 'png' });
		});

	it('encodes a JPEG at the asked quality (80 when not asked)', async () => {
		const bucket = t().admin().storage.from('pics');
		const at = async (quality?: number) => {
			const { data, error } = await bucket.download('b.jpg', {
				transform: { width: 400, height: 300, ...(quality ? { quality } : {}) }
			});
			expect(error).toBeNull();
			expect(await metadataOf(data!)).toEqual({ width: 400, height: 300, format: 'jpeg' });
			return data!.size;
		};
		const [low, standard, high] = [await at(20), await at(), await at(100)];
		expect(low).toBeLessThan(standard);
		expect(standard).toBeLessThan(high);
		expect(await at(80)).toBe(standard);
	});

	it('answers with Storage renderer headers', async () => {
		const info = await t().admin().storage.from('pics').info('a.png');
		const res = await fetch(
			`${t().url}/storage/v1/render/image/authenticated/pics/a.png?width=100&height=50&quality=90&download=small.png`,
			{ headers: { authorization: `Bearer ${t().serviceRoleKey}` } }
		);
		expect(res.status).toBe(200);
		const body = await res.arrayBuffer();
		expect(await metadataOf(body)).toEqual({ width: 100, height: 50, format: 'png' });
		expect(Object.fromEntries(res.headers)).toMatchObject({
			'accept-ranges': 'bytes',
			'content-type': 'image/png',
			'content-length': String(body.byteLength),
			'cache-control': 'max-age=3600',
			etag: info.data!.etag,
			'x-robots-tag': 'none',
			'x-transformations': 'height:50,width:100,resizing_type:fill,quality:90',
			'content-disposition': "attachment; filename=small.png; filename*=UTF-8''small.png"
		});
		expect(res.headers.get('last-modified')).toBeNull();

		const head = await fetch(res.url, {
			method: 'HEAD',
			headers: { authorization: `Bearer ${t().serviceRoleKey}` }
		});
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe(String(body.byteLength));
		expect((await head.arrayBuffer()).byteLength).toBe(0);
	});

	it('applies RLS as a plain download does', async () => {
		// renderAuthenticatedImage.ts reads as the caller even in a public bucket.
		const inPublic = await alice.storage
			.from('pics')
			.download('a.png', { transform: { width: 9 } });
		expect(apiError(inPublic.error)).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
		const plain = await bob.storage.from('private-docs').download(OWN);
		const transformed = await bob.storage
			.from('private-docs')
			.download(OWN, { transform: { width: 100, height: 100 } });
		expect(apiError(transformed.error)).toEqual(apiError(plain.error));
		expect(apiError(transformed.error)).toEqual({
			status: 400,
			statusCode: '404',
			message: 'Object not found',
			code: 'NoSuchKey'
		});
		const missing = await alice.storage
			.from('private-docs')
			.download(`${ALICE}/none.png`, { transform: { width: 10 } });
		expect(apiError(missing.error)).toEqual(apiError(plain.error));
		const noToken = await fetch(`${t().url}/storage/v1/render/image/authenticated/pics/a.png`);
		expect(noToken.status).toBe(400);
		expect(await noToken.json()).toEqual({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
			message: 'jwt must be provided'
		});
	});
});

describe('output format', () => {
	const render = (query: string, accept: string) =>
		fetch(`${t().url}/storage/v1/render/image/public/pics/a.png?${query}`, {
			headers: { accept }
		});

	it('is WebP for a client that accepts it, unless format is origin', async () => {
		const accept = 'image/avif,image/webp,image/apng,*/*;q=0.8';
		const webp = await render('width=100&height=100', accept);
		expect(webp.headers.get('content-type')).toBe('image/webp');
		expect(await metadataOf(await webp.arrayBuffer())).toEqual({
			width: 100,
			height: 100,
			format: 'webp'
		});
		const kept = await render('width=100&height=100&format=origin', accept);
		expect(kept.headers.get('content-type')).toBe('image/png');
		expect((await metadataOf(await kept.arrayBuffer())).format).toBe('png');
		// AVIF is only given when asked for: the CLI turns on WebP detection alone.
		const avif = await render('width=100&height=100&format=avif', '*/*');
		expect(avif.headers.get('content-type')).toBe('image/avif');
		expect(await metadataOf(await avif.arrayBuffer())).toEqual({
			width: 100,
			height: 100,
			format: 'heif'
		});
	});

	it('keeps PNG through supabase-js with format origin', async () => {
		const { data } = await t()
			.admin()
			.storage.from('pics')
			.download('a.png', { transform: { width: 50, height: 50, format: 'origin' } });
		expect(data!.type).toBe('image/png');
		expect(await metadataOf(data!)).toEqual({ width: 50, height: 50, format: 'png' });
	});
});

describe('public and signed render URLs', () => {
	it('renders a public bucket object from getPublicUrl', async () => {
		const { data } = t()
			.client()
			.storage.from('pics')
			.getPublicUrl('a.png', { transform: { width: 100, height: 100, resize: 'contain' } });
		expect(data.publicUrl).toBe(
			`${t().url}/storage/v1/render/image/public/pics/a.png?width=100&height=100&resize=contain`
		);
		const res = await fetch(data.publicUrl);
		expect(res.status).toBe(200);
		expect(await metadataOf(await res.arrayBuffer())).toEqual({
			width: 100,
			height: 75,
			format: 'png'
		});
	});

	it('refuses a public render of a private bucket', async () => {
		const { data } = t()
			.client()
			.storage.from('private-docs')
			.getPublicUrl(OWN, { transform: { width: 10 } });
		const res = await fetch(data.publicUrl);
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			statusCode: '404',
			code: 'NoSuchBucket',
			error: 'Bucket not found',
			message: 'Bucket not found'
		});
	});

	it('signs the transformation into a render URL that serves it and expires', async () => {
		const bucket = alice.storage.from('private-docs');
		const { data, error } = await bucket.createSignedUrl(OWN, 60, {
			transform: { width: 100, height: 100, resize: 'contain' }
		});
		expect(error).toBeNull();
		const url = new URL(data!.signedUrl);
		expect(url.pathname).toBe(`/storage/v1/render/image/sign/private-docs/${OWN}`);
		const claims = JSON.parse(
			Buffer.from(url.searchParams.get('token')!.split('.')[1], 'base64url').toString()
		);
		expect(claims).toMatchObject({
			url: `private-docs/${OWN}`,
			transformations: 'height:100,width:100,resize:contain',
			scope: 'download'
		});
		const res = await fetch(url);
		expect(res.status).toBe(200);
		expect(await metadataOf(await res.arrayBuffer())).toEqual({
			width: 100,
			height: 75,
			format: 'png'
		});
		expect(res.headers.get('expires')).toBe(new Date(claims.exp * 1000).toUTCString());
		expect(res.headers.get('cache-control')).toBeNull();
		// Query parameters can't change what was signed.
		url.searchParams.set('width', '10');
		expect((await metadataOf(await (await fetch(url)).arrayBuffer())).width).toBe(100);

		const plain = await bucket.createSignedUrl(OWN, 60);
		expect(new URL(plain.data!.signedUrl).pathname).toBe(
			`/storage/v1/object/sign/private-docs/${OWN}`
		);
		const bobs = await bob.storage
			.from('private-docs')
			.createSignedUrl(OWN, 60, { transform: { width: 10 } });
		expect(apiError(bobs.error)).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });

		const short = await bucket.createSignedUrl(OWN, 1, { transform: { width: 10, height: 10 } });
		await new Promise((r) => setTimeout(r, 2100));
		const expired = await fetch(short.data!.signedUrl);
		expect(expired.status).toBe(400);
		expect(await expired.json()).toEqual({
			statusCode: '400',
			code: 'InvalidJWT',
			error: 'InvalidJWT',
			message: 'jwt expired'
		});
	});

	it('refuses a signed render without a token or with another object’s', async () => {
		const base = `${t().url}/storage/v1/render/image/sign/pics/a.png`;
		const none = await fetch(base);
		expect(none.status).toBe(400);
		expect(await none.json()).toEqual({
			statusCode: '400',
			code: 'InvalidRequest',
			error: 'Error',
			message: "querystring must have required property 'token'"
		});
		const other = await t()
			.admin()
			.storage.from('pics')
			.createSignedUrl('b.jpg', 60, { transform: { width: 10 } });
		const token = new URL(other.data!.signedUrl).searchParams.get('token');
		const res = await fetch(`${base}?token=${token}`);
		expect(await res.json()).toMatchObject({ statusCode: '400', code: 'InvalidSignature' });
	});
});

describe('bad input', () => {
	const cases: [string, string][] = [
		['width=abc', 'querystring/width must be integer'],
		['width=-5', 'querystring/width must be >= 0'],
		['quality=10', 'querystring/quality must be >= 20'],
		['quality=101', 'querystring/quality must be <= 100'],
		['resize=stretch', 'querystring/resize must be equal to one of the allowed values'],
		['format=png', 'querystring/format must be equal to one of the allowed values']
	];
	for (const [query, message] of cases)
		it(`refuses ${query} as Storage's schema does`, async () => {
			const res = await fetch(`${t().url}/storage/v1/render/image/public/pics/a.png?${query}`);
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({
				statusCode: '400',
				code: 'InvalidRequest',
				error: 'Error',
				message
			});
		});

	it('passes the schema error on to supabase-js', async () => {
		const { error } = await alice.storage
			.from('pics')
			.download('a.png', { transform: { quality: 5 } });
		expect(apiError(error)).toEqual({
			status: 400,
			statusCode: '400',
			message: 'querystring/quality must be >= 20',
			code: 'InvalidRequest'
		});
		const signed = await alice.storage
			.from('private-docs')
			.createSignedUrl(OWN, 60, { transform: { width: -1 } });
		expect(apiError(signed.error)).toMatchObject({
			statusCode: '400',
			message: 'body/transform/width must be >= 0'
		});
		const raw = await fetch(`${t().url}/storage/v1/object/sign/pics/a.png`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${t().serviceRoleKey}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ expiresIn: 60, transform: { resize: 'tile' } })
		});
		expect(raw.status).toBe(400);
		expect(await raw.json()).toEqual({
			statusCode: '400',
			code: 'InvalidRequest',
			error: 'Error',
			message: 'body/transform/resize must be equal to one of the allowed values'
		});
	});

	it('refuses a source that is not an image', async () => {
		const { error } = await t()
			.admin()
			.storage.from('pics')
			.download('notes.txt', { transform: { width: 10 } });
		expect(apiError(error)).toEqual({
			status: 400,
			statusCode: '400',
			message: 'The source image is invalid or unsupported for rendering',
			code: 'InvalidRequest'
		});
	});
});

describe('an object whose bytes are gone', () => {
	it('answers the renderer 404 for a plain and a transformed download', async () => {
		const admin = t().admin().storage.from('pics');
		expect((await admin.upload('gone.png', png, { contentType: 'image/png' })).error).toBeNull();
		const { rows } = await t().db.query<{ version: string }>(
			`select version from storage.objects where bucket_id = 'pics' and name = 'gone.png'`
		);
		await rm(join(t().stack.config.dataDir, 'storage', 'objects', rows[0].version));
		const notFound = {
			error: 'Not found',
			message: 'The resource was not found',
			statusCode: '404',
			code: 'NoSuchKey'
		};
		for (const path of ['object/public', 'render/image/public']) {
			const res = await fetch(`${t().url}/storage/v1/${path}/pics/gone.png?width=10`);
			expect(res.status, path).toBe(400);
			expect(res.headers.get('cache-control'), path).toBe('no-store');
			expect(await res.json(), path).toEqual(notFound);
		}
	});
});

describe('object info headers (InfoRenderer)', () => {
	it('carries the object ETag, Last-Modified and Cache-Control, and validates transformations', async () => {
		const info = await t().admin().storage.from('pics').info('a.png');
		// The header comes from the object's metadata (the backend's time, as Storage's
		// InfoRenderer), the JSON's last_modified from its row's updated_at: two clocks that can
		// fall on either side of a second, so the header is held to the metadata.
		const stored = await t().db.query<{ at: string }>(
			`select metadata->>'lastModified' as at from storage.objects where bucket_id = 'pics' and name = 'a.png'`
		);
		const res = await fetch(`${t().url}/storage/v1/object/info/pics/a.png?width=100`);
		expect(res.status).toBe(200);
		expect(Object.fromEntries(res.headers)).toMatchObject({
			etag: info.data!.etag,
			'cache-control': 'max-age=3600',
			'last-modified': new Date(stored.rows[0].at).toUTCString(),
			'x-transformations': 'width:100,resizing_type:fill'
		});
		const bad = await fetch(`${t().url}/storage/v1/object/info/pics/a.png?format=avif%0Ax`);
		expect(bad.status).toBe(400);
		expect((await bad.json()).message).toBe(
			'querystring/format must be equal to one of the allowed values'
		);
	});
});

describe('with [storage.image_transformation] off', () => {
	let off: TestStack;
	beforeAll(async () => {
		off = await startTestStack({ config: { storage: { imageTransformation: false } } });
		await off.admin().storage.createBucket('pics', { public: true });
		await off.admin().storage.from('pics').upload('a.png', png, { contentType: 'image/png' });
	});
	afterAll(async () => {
		await off?.stop();
	});

	it('has no render routes and signs plain URLs', async () => {
		const res = await fetch(`${off.url}/storage/v1/render/image/public/pics/a.png?width=100`);
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({
			statusCode: '404',
			error: 'Not Found',
			code: 'InvalidRequest',
			message: 'Route GET:/render/image/public/pics/a.png?width=100 not found'
		});
		const { data } = await off
			.admin()
			.storage.from('pics')
			.createSignedUrl('a.png', 60, { transform: { width: 100 } });
		expect(new URL(data!.signedUrl).pathname).toBe('/storage/v1/object/sign/pics/a.png');
		const original = await fetch(data!.signedUrl);
		expect(await metadataOf(await original.arrayBuffer())).toEqual({
			width: 400,
			height: 300,
			format: 'png'
		});
	});
});
