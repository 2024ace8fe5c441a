/**
 * Person segmentation with tasks-vision's ImageSegmenter (CPU delegate, video mode) and the
 * selfie segmentation model, all from our own origin. Runs in the segmentation worker, or on
 * the main thread where a worker cannot. tasks-vision is imported from the URL that serves it
 * without its usage metrics (src/lib/server/mediapipe-offline.ts), on demand: it is never in
 * the app's bundles, so the service worker never precaches it.
 */

/** One frame's confidence that each pixel is the person, at the frame's size. */
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
	return {
		segment(frame, timestampMs, use) {
			// Video mode wants strictly increasing timestamps.
			last = Math.max(last + 1, Math.round(timestampMs));
			segmenter.segmentForVideo(frame, last, (result) => {
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
