/**
 * Overlays on one's own video: the site's logo and a name badge, drawn over the frame by the
 * compositor (compositor.ts) on a 2D canvas, the portable path (the breakout-box APIs are
 * Chromium-only).
 */

/** What is drawn over the camera. */
export interface OverlayOptions {
	/** The name shown in a badge at the bottom left, or null for none. */
	badge: string | null;
	/** The site's logo (its initial on its colour) at the top left, or null for none. */
	logo: { text: string; color: string } | null;
}

/** Draws the overlays for a frame of `width` × `height` on `ctx` (already holding the camera). */
export function drawOverlays(
	ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
	width: number,
	height: number,
	options: OverlayOptions
): void {
	const unit = Math.max(8, Math.round(Math.min(width, height) / 20));
	if (options.logo) {
		const size = unit * 3;
		ctx.fillStyle = options.logo.color;
		ctx.beginPath();
		ctx.roundRect(unit, unit, size, size, unit * 0.6);
		ctx.fill();
		ctx.fillStyle = '#ffffff';
		ctx.font = `600 ${Math.round(size * 0.55)}px system-ui, sans-serif`;
		ctx.textAlign = 'center';
		ctx.textBaseline = 'middle';
		ctx.fillText(options.logo.text.slice(0, 2), unit + size / 2, unit + size / 2);
	}
	if (options.badge) {
		ctx.font = `600 ${Math.round(unit * 1.2)}px system-ui, sans-serif`;
		ctx.textAlign = 'left';
		ctx.textBaseline = 'middle';
		const text = options.badge.slice(0, 40);
		const w = Math.min(width - unit * 2, ctx.measureText(text).width + unit * 1.6);
		const h = unit * 2.2;
		const y = height - unit - h;
		ctx.fillStyle = 'rgba(17, 24, 39, 0.78)';
		ctx.beginPath();
		ctx.roundRect(unit, y, w, h, h / 2);
		ctx.fill();
		ctx.fillStyle = '#ffffff';
		ctx.fillText(text, unit * 1.8, y + h / 2, w - unit * 1.6);
	}
}
