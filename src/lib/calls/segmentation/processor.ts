/**
 * The page's end of background effects: something that takes camera frames and gives them
 * back with the person over the chosen background. In a module worker where the browser can
 * (OffscreenCanvas, the runtime's loader as an ES module), so the call's main thread stays light;
 * else on the main thread. Loaded on demand, the first time someone picks blur or an image.
 */
import { BackgroundComposer } from './composer.ts';
import {
	SEGMENTATION_MESSAGES as M,
	isFromWorker,
	type FromWorker,
	type MergeStats,
	type ToWorker,
	type WorkerBackground
} from './protocol.ts';
import { openSegmenter, type SegmenterUrls } from './segmenter.ts';

/** A merged frame: draw `image`, then `release()` it. */
export interface MergedFrame extends MergeStats {
	image: CanvasImageSource;
	release(): void;
}

export interface BackgroundProcessor {
	/** Where segmentation runs. */
	readonly where: 'worker' | 'main';
	/** What goes behind the person from the next frame; takes ownership of an image. */
	setBackground(background: WorkerBackground): void;
	/** Merges one frame (taking ownership of it); one at a time. */
	merge(frame: ImageBitmap): Promise<MergedFrame>;
	close(): void;
}

/** The runtime (2.6 MB, 0.7 MB compressed) may come over a slow phone connection. */
const OPEN_TIMEOUT_MS = 120_000;
/** How long a closing worker gets to close its segmenter before it is terminated. */
const CLOSE_GRACE_MS = 2_000;

/** Whether this browser can run the segmenter in a module worker with an OffscreenCanvas. */
function workerPossible(): boolean {
	return (
		typeof Worker !== 'undefined' &&
		typeof OffscreenCanvas !== 'undefined' &&
		typeof OffscreenCanvas.prototype.transferToImageBitmap === 'function'
	);
}

class WorkerProcessor implements BackgroundProcessor {
	readonly where = 'worker';
	#worker: Worker;
	#next = 1;
	#pending = new Map<number, { resolve(frame: MergedFrame): void; reject(err: Error): void }>();
	#closed = false;

	constructor(worker: Worker) {
		this.#worker = worker;
		worker.addEventListener('message', ({ data }: MessageEvent<unknown>) => {
			if (!isFromWorker(data)) return;
			this.#answer(data);
		});
		worker.addEventListener('error', (event) => this.#fail(event.message || 'the worker failed'));
	}

	#answer(data: FromWorker) {
		if (data.type === M.merged) {
			const { id, image, maskWidth, maskHeight, appliedWidth, appliedHeight, ms, segmentMs } = data;
			const waiting = this.#pending.get(id);
			this.#pending.delete(id);
			if (!waiting) return image.close();
			waiting.resolve({
				image,
				maskWidth,
				maskHeight,
				appliedWidth,
				appliedHeight,
				ms,
				segmentMs,
				release: () => image.close()
			});
		} else if (data.type === M.failed && data.id !== undefined) {
			this.#pending.get(data.id)?.reject(new Error(data.message));
			this.#pending.delete(data.id);
		} else if (data.type === M.closed) {
			this.#worker.terminate();
		}
	}

	#fail(message: string) {
		for (const waiting of this.#pending.values()) waiting.reject(new Error(message));
		this.#pending.clear();
	}

	#post(message: ToWorker, transfer: Transferable[] = []) {
		this.#worker.postMessage(message, transfer);
	}

	setBackground(background: WorkerBackground): void {
		if (this.#closed) return;
		this.#post(
			{ type: M.background, background },
			background.kind === 'image' ? [background.image] : []
		);
	}

	merge(frame: ImageBitmap): Promise<MergedFrame> {
		if (this.#closed) {
			frame.close();
			return Promise.reject(new Error('closed'));
		}
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#post({ type: M.frame, id, frame }, [frame]);
		});
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#fail('closed');
		// The segmenter closes in the worker, which then ends itself; terminated if it hangs.
		this.#post({ type: M.close });
		setTimeout(() => this.#worker.terminate(), CLOSE_GRACE_MS);
	}
}

/** Starts the worker and opens the segmenter in it. */
async function openInWorker(urls: SegmenterUrls): Promise<BackgroundProcessor> {
	const worker = new Worker(new URL('./segment-worker.ts', import.meta.url), {
		type: 'module',
		name: 'parley-segmentation'
	});
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('timed out loading')), OPEN_TIMEOUT_MS);
			const done = (err?: Error) => {
				clearTimeout(timer);
				worker.removeEventListener('message', onMessage);
				worker.removeEventListener('error', onError);
				if (err) reject(err);
				else resolve();
			};
			const onMessage = ({ data }: MessageEvent<unknown>) => {
				if (!isFromWorker(data)) return;
				if (data.type === M.opened) done();
				else if (data.type === M.failed) done(new Error(data.message));
			};
			const onError = (event: ErrorEvent) => {
				event.preventDefault();
				done(new Error(event.message || 'the worker did not start'));
			};
			worker.addEventListener('message', onMessage);
			worker.addEventListener('error', onError);
			worker.postMessage({ type: M.open, urls } satisfies ToWorker);
		});
	} catch (err) {
		worker.terminate();
		throw err;
	}
	return new WorkerProcessor(worker);
}

class MainThreadProcessor implements BackgroundProcessor {
	readonly where = 'main';
	#segmenter;
	#composer = new BackgroundComposer();

	constructor(segmenter: Awaited<ReturnType<typeof openSegmenter>>) {
		this.#segmenter = segmenter;
	}

	setBackground(background: WorkerBackground): void {
		this.#composer.setBackground(background);
	}

	async merge(frame: ImageBitmap): Promise<MergedFrame> {
		try {
			const start = performance.now();
			const mask = this.#segmenter.segment(frame);
			const segmented = performance.now();
			const size = { width: mask.width, height: mask.height };
			await this.#composer.compose(frame, mask);
			const ms = performance.now() - start;
			// The composer's canvas is drawn before the next frame is merged into it.
			return {
				image: this.#composer.canvas,
				maskWidth: size.width,
				maskHeight: size.height,
				appliedWidth: this.#composer.appliedMaskSize.width,
				appliedHeight: this.#composer.appliedMaskSize.height,
				ms,
				segmentMs: segmented - start,
				release() {}
			};
		} finally {
			frame.close();
		}
	}

	close(): void {
		this.#segmenter.close();
		this.#composer.close();
	}
}

/**
 * Loads background effects: in a worker where possible, on the main thread if the worker
 * cannot start or load (a browser without module workers, say). Throws when neither works.
 */
export async function loadBackgroundProcessor(urls: SegmenterUrls): Promise<BackgroundProcessor> {
	let workerError: unknown = null;
	if (workerPossible()) {
		try {
			return await openInWorker(urls);
		} catch (err) {
			workerError = err;
		}
	}
	try {
		return new MainThreadProcessor(await openSegmenter(urls));
	} catch (err) {
		const why = err instanceof Error ? err.message : String(err);
		const before = workerError instanceof Error ? ` (in a worker: ${workerError.message})` : '';
		throw new Error(why + before, { cause: err });
	}
}
