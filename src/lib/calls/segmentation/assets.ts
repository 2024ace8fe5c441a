/**
 * The files person segmentation needs, all served from our own origin (never a CDN or a model
 * hub): tasks-vision itself, its WebAssembly runtime and loader, and the selfie segmentation
 * model from @twilio/video-processors. Shared by the route that serves them and the code that loads
 * them. The version is in the path, so they can be cached for good.
 */

/** tasks-vision's and the model package's versions (a unit spec checks them against package.json). */
export const TASKS_VISION_VERSION = '1.1.0';
export const MODEL_PACKAGE_VERSION = '3.2.0';
export const SEGMENTATION_ASSETS_VERSION = `tv${TASKS_VISION_VERSION}-m${MODEL_PACKAGE_VERSION}`;

/** Where the files are served, below the app's base path. */
export const SEGMENTATION_PATH = `/segmentation/${SEGMENTATION_ASSETS_VERSION}`;

export const MODEL_FILE = 'selfie_segmentation_landscape.tflite';
/** tasks-vision's ES bundle, imported from here rather than bundled: see mediapipe-offline.ts. */
export const BUNDLE_FILE = 'vision_bundle.mjs';

/**
 * The loader and runtime pairs tasks-vision picks between: `module` in a module worker, SIMD
 * or not on the main thread (`FilesetResolver` names them, so the names must stay).
 */
export const WASM_FILES = [
	'vision_wasm_module_internal.js',
	'vision_wasm_module_internal.wasm',
	'vision_wasm_internal.js',
	'vision_wasm_internal.wasm',
	'vision_wasm_nosimd_internal.js',
	'vision_wasm_nosimd_internal.wasm'
] as const;

export type SegmentationFile = (typeof WASM_FILES)[number] | typeof MODEL_FILE | typeof BUNDLE_FILE;

/** Whether `name` is one of the files served. */
export function isSegmentationFile(name: string): name is SegmentationFile {
	return (
		name === MODEL_FILE || name === BUNDLE_FILE || (WASM_FILES as readonly string[]).includes(name)
	);
}

/** Absolute URLs of tasks-vision, its runtime's folder and the model, for a page at `origin` + `base`. */
export function segmentationUrls(origin: string, base = '') {
	const root = `${origin}${base}${SEGMENTATION_PATH}`;
	return { bundle: `${root}/${BUNDLE_FILE}`, wasmBase: root, model: `${root}/${MODEL_FILE}` };
}
