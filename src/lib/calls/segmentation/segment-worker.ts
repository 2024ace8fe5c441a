/**
 * The segmentation worker: loads the segmenter, and for each camera frame the page sends,
 * segments it and draws the person over the background on an OffscreenCanvas, off the main
 * thread. It fetches from its own origin only: anything that tried to reach out from here is
 * refused.
 */
import { BackgroundComposer } from './composer.ts';
import { SEGMENTATION_MESSAGES as M, type FromWorker, type ToWorker } from './protocol.ts';
import { openSegmenter, type Segmenter } from './segmenter.ts';

interface WorkerScope {
	location: { href: string; origin: string };
	fetch: typeof fetch;
	onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
	postMessage(message: FromWorker, transfer?: Transferable[]): void;
	close(): void;
}
const scope = self as unknown as WorkerScope;

const ownFetch = scope.fetch.bind(scope);
scope.fetch = (input, init) => {
	const url = new URL(input instanceof Request ? input.url : String(input), scope.location.href);
	if (url.origin !== scope.location.origin)
		return Promise.reject(new TypeError(`refused: ${url.origin} is not this origin`));
	return ownFetch(input, init);
};

let segmenter: Segmenter | null = null;
let merging = Promise.resolve();
const composer = new BackgroundComposer();

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function open(urls: Extract<ToWorker, { type: 'open' }>['urls']) {
	try {
		segmenter = await openSegmenter(urls);
		scope.postMessage({ type: M.opened });
	} catch (err) {
		scope.postMessage({ type: M.failed, message: message(err) });
	}
}

async function merge({ id, frame }: Extract<ToWorker, { type: 'frame' }>) {
	try {
		if (!segmenter) throw new Error('the segmenter is not open');
		const start = performance.now();
		const mask = segmenter.segment(frame);
		const segmented = performance.now();
		const size = { width: mask.width, height: mask.height };
		await composer.compose(frame, mask);
		const applied = composer.appliedMaskSize;
		const image = (composer.canvas as OffscreenCanvas).transferToImageBitmap();
		const ms = performance.now() - start;
		const segmentMs = segmented - start;
		scope.postMessage(
			{
				type: M.merged,
				id,
				image,
				maskWidth: size.width,
				maskHeight: size.height,
				appliedWidth: applied.width,
				appliedHeight: applied.height,
				ms,
				segmentMs
			},
			[image]
		);
	} catch (err) {
		scope.postMessage({ type: M.failed, id, message: message(err) });
	} finally {
		frame.close();
	}
}

scope.onmessage = ({ data }) => {
	switch (data.type) {
		case M.open:
			void open(data.urls);
			break;
		case M.background:
			composer.setBackground(data.background);
			break;
		case M.frame:
			// One frame at a time, in the order they came: a merge waits on reading its frame.
			merging = merging.then(() => merge(data));
			break;
		case M.close:
			// After the frame being merged, if any.
			void merging.then(() => {
				segmenter?.close();
				segmenter = null;
				composer.close();
				scope.postMessage({ type: M.closed });
				scope.close();
			});
			break;
	}
};
