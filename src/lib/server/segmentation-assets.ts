/**
 * Serves person segmentation's files (tasks-vision, its WebAssembly runtime, the model) from
 * the installed packages, so a browser never fetches them from anywhere but us. They are large
 * (the runtime is 13 MB), so each is compressed once, on its first request, off the event loop
 * (Brotli, or gzip for a client without it), kept in memory, and cached by browsers for a year:
 * the packages' versions are in the URL. Server only.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { stripTelemetry } from './mediapipe-offline.ts';
import {
	BUNDLE_FILE,
	MODEL_FILE,
	SEGMENTATION_ASSETS_VERSION,
	isSegmentationFile,
	type SegmentationFile
} from '$lib/calls/segmentation/assets.ts';

const require = createRequire(import.meta.url);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = 'br' | 'gzip' | 'identity';

const CONTENT_TYPES: Record<string, string> = {
	js: 'text/javascript; charset=utf-8',
	mjs: 'text/javascript; charset=utf-8',
	// instantiateStreaming needs exactly this type.
	wasm: 'application/wasm',
	tflite: 'application/octet-stream'
};

/** Where a file is on disk, from the package that ships it. */
export function segmentationFilePath(file: SegmentationFile): string {
	if (file === MODEL_FILE)
		return require.resolve(`@twilio/video-processors/dist/build/${MODEL_FILE}`);
	// The package exports its ES bundle only by condition; the runtime's files by name, from
	// wasm/ beside it.
	if (file === BUNDLE_FILE)
		return join(
			dirname(require.resolve('@mediapipe/tasks-vision/vision_wasm_internal.js')),
			'..',
			file
		);
	return require.resolve(`@mediapipe/tasks-vision/${file}`);
}

/** A file's bytes as served: tasks-vision's bundle without its usage metrics. */
async function source(file: SegmentationFile): Promise<Buffer> {
	const raw = await readFile(segmentationFilePath(file));
	return file === BUNDLE_FILE ? Buffer.from(stripTelemetry(raw.toString('utf8'))) : raw;
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
