/**
 * The files person segmentation needs, all served from our own origin (never a CDN or a model
 * hub), all from @twilio/video-processors: TensorFlow Lite compiled to WebAssembly (with XNNPACK,
 * in a SIMD build and a plain one for browsers without SIMD), its loaders, and the selfie
 * segmentation model. Shared by the route that serves them and the code that loads them. The
 * package's version is in the path, so they can be cached for good.
 */

/** The package's version (a unit spec checks it against the installed one). */
export const MODEL_PACKAGE_VERSION = '3.2.0';
export const SEGMENTATION_ASSETS_VERSION = `tflite-m${MODEL_PACKAGE_VERSION}`;

/** Where the files are served, below the app's base path. */
export const SEGMENTATION_PATH = `/segmentation/${SEGMENTATION_ASSETS_VERSION}`;

export const MODEL_FILE = 'selfie_segmentation_landscape.tflite';

/**
 * The two builds of the runtime. Each loader is the package's Emscripten script served as an ES
 * module (its factory as the default export, see src/lib/server/segmentation-assets.ts), so a
 * module worker, where `importScripts` is refused, imports it like a page does.
 */
export const RUNTIMES = {
	simd: {
		loader: 'tflite-simd.mjs',
		script: 'tflite-simd-1-0-0.js',
		wasm: 'tflite-simd-1-0-0.wasm',
		factory: 'createTwilioTFLiteSIMDModule'
	},
	plain: {
		loader: 'tflite.mjs',
		script: 'tflite-1-0-0.js',
		wasm: 'tflite-1-0-0.wasm',
		factory: 'createTwilioTFLiteModule'
	}
} as const;

export type Runtime = (typeof RUNTIMES)[keyof typeof RUNTIMES];

const SERVED: readonly string[] = [
	MODEL_FILE,
	...Object.values(RUNTIMES).flatMap((runtime) => [runtime.loader, runtime.wasm])
];

export type SegmentationFile = typeof MODEL_FILE | Runtime['loader'] | Runtime['wasm'];

/** Whether `name` is one of the files served. */
export function isSegmentationFile(name: string): name is SegmentationFile {
	return SERVED.includes(name);
}

/** The runtime a loader file name belongs to, if it is one. */
export function runtimeOfLoader(name: string): Runtime | null {
	return Object.values(RUNTIMES).find((runtime) => runtime.loader === name) ?? null;
}

/** Absolute URLs of the runtime's folder and the model, for a page at `origin` + `base`. */
export function segmentationUrls(origin: string, base = '') {
	const root = `${origin}${base}${SEGMENTATION_PATH}`;
	return { wasmBase: root, model: `${root}/${MODEL_FILE}` };
}
