/**
 * Serves person segmentation's files (the TensorFlow Lite runtime, its loaders, the model) from
 * the installed package, so a browser never fetches them from anywhere but us. Each is
 * compressed once, on its first request, off the event loop (Brotli, or gzip for a client
 * without it), kept in memory, and cached by browsers for a year: the package's version is in
 * the URL. Server only.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import {
	SEGMENTATION_ASSETS_VERSION,
	isSegmentationFile,
	runtimeOfLoader,
	type SegmentationFile
} from '$lib/calls/segmentation/assets.ts';

const require = createRequire(import.meta.url);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = 'br' | 'gzip' | 'identity';

const CONTENT_TYPES: Record<string, string> = {
	mjs: 'text/javascript; charset=utf-8',
	// instantiateStreaming needs exactly this type.
	wasm: 'application/wasm',
	tflite: 'application/octet-stream'
};

/** Where a file is on disk: a loader is served from the package's Emscripten script. */
export function segmentationFilePath(file: SegmentationFile): string {
	const name = runtimeOfLoader(file)?.script ?? file;
	return require.resolve(`@twilio/video-processors/dist/build/${name}`);
}

/**
 * A loader as an ES module: the script declares its factory with `var` at its top level, which
 * in a module is the module's own; exported as the default. Refuses a script that does not
 * declare it (a changed package), rather than serve a module without its export.
 */
export function loaderModule(script: string, factory: string): string {
	if (!new RegExp(`^var ${factory} = `, 'm').test(script))
		throw new Error(
			`${factory} was not found in the runtime's loader: check src/lib/server/segmentation-assets.ts after an upgrade`
		);
	return `${script}\nexport default ${factory};\n`;
}

/** A file's bytes as served. */
async function source(file: SegmentationFile): Promise<Buffer> {
	const raw = await readFile(segmentationFilePath(file));
	const runtime = runtimeOfLoader(file);
	return runtime ? Buffer.from(loaderModule(raw.toString('utf8'), runtime.factory)) : raw;
}

const bodies = new Map<string, Promise<Buffer>>();

/** The file's bytes in `encoding`, read and compressed once. */
function body(file: SegmentationFile, encoding: Encoding): Promise<Buffer> {
	const key = `${file}:${encoding}`;
	let cached = bodies.get(key);
	if (!cached) {
		cached = source(file).then((raw) =>
			encoding === 'br'
				? // Quality 5: within 20% of the best size, in a second instead of half a minute.
					brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
				: encoding === 'gzip'
					? gzipAsync(raw)
					: raw
		);
		// A failed read is not kept: the next request tries again.
		cached.catch(() => bodies.delete(key));
		bodies.set(key, cached);
	}
	return cached;
}

/** The best encoding the client accepts (q-values aside: a browser never sends q=0 for these). */
export function pickEncoding(acceptEncoding: string | null): Encoding {
	const accepted = (acceptEncoding ?? '').split(',').map((part) => part.trim().split(';')[0]);
	if (accepted.includes('br')) return 'br';
	if (accepted.includes('gzip')) return 'gzip';
	return 'identity';
}

/** The response for `GET /segmentation/{version}/{file}`. */
export async function segmentationResponse(
	version: string,
	file: string,
	request: Request
): Promise<Response> {
	if (version !== SEGMENTATION_ASSETS_VERSION || !isSegmentationFile(file))
		return new Response('Not found', { status: 404 });
	const encoding = pickEncoding(request.headers.get('accept-encoding'));
	const etag = `"${SEGMENTATION_ASSETS_VERSION}-${file}-${encoding}"`;
	const headers: Record<string, string> = {
		'content-type': CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
		'cache-control': 'public, max-age=31536000, immutable',
		'cross-origin-resource-policy': 'same-origin',
		'x-content-type-options': 'nosniff',
		vary: 'accept-encoding',
		etag
	};
	if (encoding !== 'identity') headers['content-encoding'] = encoding;
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	const bytes = await body(file, encoding);
	headers['content-length'] = String(bytes.length);
	return new Response(bytes as Uint8Array<ArrayBuffer>, { headers });
}
