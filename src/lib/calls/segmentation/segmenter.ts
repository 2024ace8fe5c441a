/**
 * Person segmentation: the selfie segmentation model run by TensorFlow Lite compiled to
 * WebAssembly (XNNPACK on the CPU), all from our own origin. Runs in the segmentation worker,
 * or on the main thread where a worker cannot. The runtime is loaded on demand, never bundled,
 * so the service worker never precaches it.
 *
 * The frame goes to the model as plain pixels and the mask comes back as plain floats: no
 * WebGL on the way, which on a device without a GPU (software WebGL) cost about a third of a
 * frame's segmentation (bench/README.md, "Virtual backgrounds").
 */
import { makeCanvas } from './canvas.ts';
import { RUNTIMES, type Runtime } from './assets.ts';

/**
 * One frame's confidence that each pixel is the person, at the model's output size (for the
 * landscape model 256×144), covering the whole frame: it is stretched over the frame's size
 * when applied, as the frame was squeezed to the model's input.
 */
export interface Mask {
	width: number;
	height: number;
	confidence: Float32Array;
}

export interface Segmenter {
	/** Segments `frame`; the mask is valid until the next call. */
	segment(frame: CanvasImageSource): Mask;
	close(): void;
}

/** Where the runtime's files and the model are (absolute URLs on our origin). */
export interface SegmenterUrls {
	wasmBase: string;
	model: string;
}

/** What the runtime's Emscripten module exposes (its C functions, and its memory). */
interface TFLiteModule {
	HEAPU8: Uint8Array;
	HEAPF32: Float32Array;
	_getModelBufferMemoryOffset(): number;
	_loadModel(bytes: number): number;
	_getInputMemoryOffset(): number;
	_getInputWidth(): number;
	_getInputHeight(): number;
	_getInputChannelCount(): number;
	_getOutputMemoryOffset(): number;
	_getOutputWidth(): number;
	_getOutputHeight(): number;
	_getOutputChannelCount(): number;
	_runInference(): void;
}

type Factory = (options: {
	locateFile(path: string): string;
	print?(text: string): void;
	printErr?(text: string): void;
}) => Promise<TFLiteModule>;

/** The smallest module using a SIMD instruction: valid only where WebAssembly has SIMD. */
export const SIMD_PROBE = new Uint8Array([
	0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
	253, 98, 11
]);

/**
 * The SIMD build where the browser has WebAssembly SIMD, else the plain one (about 3.5 times
 * slower: 32 against 9 ms a frame on the 2-core development machine).
 */
export function pickRuntime(
	validate = (bytes: Uint8Array<ArrayBuffer>) => WebAssembly.validate(bytes)
): Runtime {
	try {
		return validate(SIMD_PROBE) ? RUNTIMES.simd : RUNTIMES.plain;
	} catch {
		return RUNTIMES.plain;
	}
}

async function fetchModel(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`the model answered HTTP ${response.status}`);
	return new Uint8Array(await response.arrayBuffer());
}

/** Each byte's value in 0…1: a look-up per channel instead of a division. */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** The model's input pixels from RGBA: RGB floats in 0…1, row by row. */
export function toModelInput(rgba: Uint8ClampedArray, out: Float32Array, pixels: number): void {
	for (let p = 0, q = 0; p < pixels; p++, q += 3) {
		const i = p * 4;
		out[q] = UNIT[rgba[i]];
		out[q + 1] = UNIT[rgba[i + 1]];
		out[q + 2] = UNIT[rgba[i + 2]];
	}
}

/** Loads the runtime and the model. */
export async function openSegmenter(urls: SegmenterUrls): Promise<Segmenter> {
	const runtime = pickRuntime();
	const [loader, model] = await Promise.all([
		import(/* @vite-ignore */ `${urls.wasmBase}/${runtime.loader}`) as Promise<{
			default: Factory;
		}>,
		fetchModel(urls.model)
	]);
	const tflite = await loader.default({
		locateFile: (path) => `${urls.wasmBase}/${path}`,
		// The runtime reports loading the model and creating its delegate; nothing to show.
		print: () => {},
		printErr: () => {}
	});
	tflite.HEAPU8.set(model, tflite._getModelBufferMemoryOffset());
	if (tflite._loadModel(model.length) !== 0) throw new Error('the model did not load');
	const input = { width: tflite._getInputWidth(), height: tflite._getInputHeight() };
	const output = { width: tflite._getOutputWidth(), height: tflite._getOutputHeight() };
	if (tflite._getInputChannelCount() !== 3 || tflite._getOutputChannelCount() !== 1)
		throw new Error('the model is not a one-person segmentation model');
	const pixels = input.width * input.height;
	// The frame made the model's size, on one canvas kept for the whole call.
	const small = makeCanvas(input.width, input.height);
	const ctx = small.getContext('2d', { willReadFrequently: true }) as
		OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
	if (!ctx) throw new Error('no 2D canvas');
	ctx.imageSmoothingEnabled = true;
	ctx.globalCompositeOperation = 'copy';
	let closed = false;
	return {
		segment(frame) {
			if (closed) throw new Error('the segmenter is closed');
			ctx.drawImage(frame, 0, 0, input.width, input.height);
			const rgba = ctx.getImageData(0, 0, input.width, input.height).data;
			// The heap's views are read each time: they are replaced if the memory grows.
			const inputAt = tflite._getInputMemoryOffset() / 4;
			toModelInput(rgba, tflite.HEAPF32.subarray(inputAt, inputAt + pixels * 3), pixels);
			tflite._runInference();
			const outputAt = tflite._getOutputMemoryOffset() / 4;
			return {
				width: output.width,
				height: output.height,
				confidence: tflite.HEAPF32.subarray(outputAt, outputAt + output.width * output.height)
			};
		},
		close() {
			// The module has no destructor: its memory goes with the last reference to it.
			closed = true;
		}
	};
}
