import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RUNTIMES, SEGMENTATION_ASSETS_VERSION } from '$lib/calls/segmentation/assets.ts';
import {
	loaderModule,
	pickEncoding,
	segmentationFilePath,
	segmentationResponse
} from './segmentation-assets.ts';

const get = (
	file: string,
	headers: Record<string, string> = {},
	version = SEGMENTATION_ASSETS_VERSION
) =>
	segmentationResponse(
		version,
		file,
		new Request(`http://app.test/segmentation/${version}/${file}`, { headers })
	);

describe('serving segmentation assets', () => {
	it('serves the model compressed, byte for byte, with a year of caching', async () => {
		const response = await get('selfie_segmentation_landscape.tflite', {
			'accept-encoding': 'gzip, deflate, br, zstd'
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
		const body = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(body.length);
		const original = readFileSync(segmentationFilePath('selfie_segmentation_landscape.tflite'));
		expect(brotliDecompressSync(body).equals(original)).toBe(true);
	});

	it('serves each runtime loader as an ES module exporting its factory, gzipped for a client without Brotli', async () => {
		for (const runtime of Object.values(RUNTIMES)) {
			const response = await get(runtime.loader, { 'accept-encoding': 'gzip' });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
			expect(response.headers.get('content-encoding')).toBe('gzip');
			const code = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
			const script = readFileSync(segmentationFilePath(runtime.loader), 'utf8');
			expect(code.startsWith(script)).toBe(true);
			expect(code.slice(script.length)).toBe(`\nexport default ${runtime.factory};\n`);
			// It names its own WebAssembly file, which is served too.
			expect(code).toContain(runtime.wasm);
		}
	});

	it('refuses to serve a loader that no longer declares its factory', () => {
		expect(loaderModule('var createX = (function(){})();', 'createX')).toContain(
			'export default createX;'
		);
		expect(() => loaderModule('window.createX = 1;', 'createX')).toThrow(/createX was not found/);
	});

	it('serves the runtime as application/wasm (instantiateStreaming needs it) and answers 304 to its ETag', async () => {
		for (const runtime of Object.values(RUNTIMES)) {
			const response = await get(runtime.wasm);
			expect(response.headers.get('content-type')).toBe('application/wasm');
			expect(response.headers.get('content-encoding')).toBeNull();
			const bytes = new Uint8Array(await response.arrayBuffer());
			expect([...bytes.slice(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
			const again = await get(runtime.wasm, { 'if-none-match': response.headers.get('etag')! });
			expect(again.status).toBe(304);
		}
	});

	it('serves nothing else: another version, another file, a path outside', async () => {
		expect((await get('selfie_segmentation_landscape.tflite', {}, 'tflite-m0.0.0')).status).toBe(
			404
		);
		expect((await get('package.json')).status).toBe(404);
		expect((await get('..%2Fpackage.json')).status).toBe(404);
	});

	it('picks Brotli, then gzip, then nothing', () => {
		expect(pickEncoding('gzip, deflate, br')).toBe('br');
		expect(pickEncoding('gzip;q=1.0, identity')).toBe('gzip');
		expect(pickEncoding(null)).toBe('identity');
	});
});
