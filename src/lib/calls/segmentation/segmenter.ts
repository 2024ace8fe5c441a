/**
 * Person segmentation with tasks-vision's ImageSegmenter (CPU delegate, video mode) and the
 * selfie segmentation model, all from our own origin. Runs in the segmentation worker, or on
 * the main thread where a worker cannot. tasks-vision is imported from the URL that serves it
 * without its usage metrics (src/lib/server/mediapipe-offline.ts), on demand: it is never in
 * the app's bundles, so the service worker never precaches it.
 */
import { makeCanvas } from './composer.ts';

/**
 * One frame's confidence that each pixel is the person, covering the whole frame: at half the
 * frame's size where the frame is large enough (see SEGMENT_DOWNSCALE), else at its size.
 */
export interface Mask {
	width: number;
	height: number;
	confidence: Float32Array;
}

export interface Segmenter {
	/** Segments `frame`; `use` gets the mask, which is valid only during the call. */
	segment(frame: ImageBitmap, timestampMs: number, use: (mask: Mask) => void): void;
	close(): void;
}

/** Where tasks-vision, its runtime's files and the model are (absolute URLs on our origin). */
export interface SegmenterUrls {
	bundle: string;
	wasmBase: string;
	model: string;
}

type TasksVision = typeof import('@mediapipe/tasks-vision');

/**
 * Frames are segmented at half their size when that is still at least the model's input
 * (selfie_segmentation_landscape: 256×144), so the model sees the same detail: tasks-vision
 * brings the frame in and the mask out at the size it is given (in software WebGL where there
 * is no GPU), and a quarter of the pixels there is about a quarter less time per frame (22 to
 * 16 ms a frame at 640×480 on the 2-core development machine, see bench/README.md).
 */
export const SEGMENT_DOWNSCALE = 2;
const MODEL_INPUT = { width: 256, height: 144 };

/** The size a `width` × `height` frame is segmented at. */
export function segmentSize(width: number, height: number): { width: number; height: number } {
	const w = Math.floor(width / SEGMENT_DOWNSCALE);
	const h = Math.floor(height / SEGMENT_DOWNSCALE);
	const smaller =
		w * SEGMENT_DOWNSCALE === width &&
		h * SEGMENT_DOWNSCALE === height &&
		w >= MODEL_INPUT.width &&
		h >= MODEL_INPUT.height;
	return smaller ? { width: w, height: h } : { width, height };
}

async function fetchModel(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`the model answered HTTP ${response.status}`);
	return new Uint8Array(await response.arrayBuffer());
}

/**
 * Loads the runtime and the model. `useModule` picks the ES module build of the runtime (a
 * module worker, where `importScripts` is not allowed) over the classic one (a page).
 */
export async function openSegmenter(urls: SegmenterUrls, useModule: boolean): Promise<Segmenter> {
	const { FilesetResolver, ImageSegmenter } = (await import(
		/* @vite-ignore */ urls.bundle
	)) as TasksVision;
	const [fileset, model] = await Promise.all([
		FilesetResolver.forVisionTasks(urls.wasmBase, useModule),
		fetchModel(urls.model)
	]);
	const segmenter = await ImageSegmenter.createFromOptions(fileset, {
		baseOptions: { modelAssetBuffer: model, delegate: 'CPU' },
		runningMode: 'VIDEO',
		outputConfidenceMasks: true,
		outputCategoryMask: false
	});
	let last = -1;
	// The frame made smaller, on one canvas kept for the whole call.
	let small: OffscreenCanvas | HTMLCanvasElement | null = null;
	let smallCtx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null = null;
	const input = (frame: ImageBitmap): ImageBitmap | OffscreenCanvas | HTMLCanvasElement => {
		const { width, height } = segmentSize(frame.width, frame.height);
		if (width === frame.width) return frame;
		if (!small || !smallCtx) {
			small = makeCanvas(width, height);
			smallCtx = small.getContext('2d') as typeof smallCtx;
			if (!smallCtx) return frame;
		}
		if (small.width !== width) small.width = width;
		if (small.height !== height) small.height = height;
		smallCtx.globalCompositeOperation = 'copy';
		smallCtx.imageSmoothingEnabled = true;
		smallCtx.drawImage(frame, 0, 0, width, height);
		return small;
	};
	return {
		segment(frame, timestampMs, use) {
			// Video mode wants strictly increasing timestamps.
			last = Math.max(last + 1, Math.round(timestampMs));
			segmenter.segmentForVideo(input(frame), last, (result) => {
				const masks = result.confidenceMasks ?? [];
				// One mask (the person) for this model; with background and person, the last.
				const mask = masks[masks.length - 1];
				if (!mask) throw new Error('the segmenter returned no mask');
				use({ width: mask.width, height: mask.height, confidence: mask.getAsFloat32Array() });
			});
		},
		close() {
			segmenter.close();
		}
	};
}
