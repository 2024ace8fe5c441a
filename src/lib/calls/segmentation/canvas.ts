/** The canvases segmentation and compositing draw on, in a worker or on a page. */
export type Canvas = OffscreenCanvas | HTMLCanvasElement;

/** A canvas of `width` × `height`: an OffscreenCanvas where there is one. */
export function makeCanvas(width: number, height: number): Canvas {
	if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return canvas;
}
