/**
 * What the page and the segmentation worker say to each other. The page opens the segmenter,
 * sets the background, and sends camera frames one at a time (each an ImageBitmap, transferred);
 * the worker answers each with the merged frame (transferred back) and what it cost.
 */
import type { SegmenterUrls } from './segmenter.ts';

export const SEGMENTATION_MESSAGES = {
	open: 'open',
	opened: 'opened',
	failed: 'failed',
	background: 'background',
	frame: 'frame',
	merged: 'merged',
	close: 'close',
	closed: 'closed'
} as const;

const M = SEGMENTATION_MESSAGES;

/** What goes behind the person, as sent to the worker. */
export type WorkerBackground = { kind: 'blur' } | { kind: 'image'; image: ImageBitmap };

/** Page → worker. */
export type ToWorker =
	| { type: typeof M.open; urls: SegmenterUrls }
	| { type: typeof M.background; background: WorkerBackground }
	| { type: typeof M.frame; id: number; frame: ImageBitmap }
	| { type: typeof M.close };

/** What merging one frame cost and gave. */
export interface MergeStats {
	/** The segmenter's mask: the model's output size (256×144 for the landscape model). */
	maskWidth: number;
	maskHeight: number;
	/** The mask as applied to the frame: the frame's size, when the segmenter works as it should. */
	appliedWidth: number;
	appliedHeight: number;
	/** Segmentation plus compositing, in the worker (or on the main thread), in ms. */
	ms: number;
	/** Of which segmentation (the frame to the model's input, and the model), in ms. */
	segmentMs: number;
}

/** Worker → page. `id` ties an answer (or a failure) to its frame; a failure without one is opening's. */
export type FromWorker =
	| { type: typeof M.opened }
	| { type: typeof M.failed; id?: number; message: string }
	| ({ type: typeof M.merged; id: number; image: ImageBitmap } & MergeStats)
	| { type: typeof M.closed };

/** Whether `data` is a message the segmentation worker sends. */
export function isFromWorker(data: unknown): data is FromWorker {
	if (!data || typeof data !== 'object') return false;
	const type = (data as { type?: unknown }).type;
	return type === M.opened || type === M.failed || type === M.merged || type === M.closed;
}
