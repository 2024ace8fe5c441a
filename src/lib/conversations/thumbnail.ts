/**
 * Image previews made in the browser before an upload: the picture's size and a tiny JPEG
 * data URL small enough to travel inside the message (`attachment` ≤ 4 KB), so the other side
 * sees a blurred preview at once while the full image loads. No server image service.
 */
import { THUMB_MAX_CHARS } from './attachments.ts';

/** The longest side of a thumbnail, in pixels, tried from large to small until it fits. */
const THUMB_SIDES_PX = [48, 32, 20];

export interface ImageFacts {
	width: number;
	height: number;
	thumb?: string;
}

/** Decodes the image (refusing what is not one) and draws its thumbnail; null if undecodable. */
export async function describeImage(blob: Blob): Promise<ImageFacts | null> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(blob);
	} catch {
		return null;
	}
	try {
		const { width, height } = bitmap;
		if (!width || !height) return null;
		const canvas = document.createElement('canvas');
		const context = canvas.getContext('2d');
		if (!context) return { width, height };
		for (const side of THUMB_SIDES_PX) {
			const scale = Math.min(1, side / Math.max(width, height));
			canvas.width = Math.max(1, Math.round(width * scale));
			canvas.height = Math.max(1, Math.round(height * scale));
			// Transparent pixels become white rather than JPEG's black.
			context.fillStyle = '#fff';
			context.fillRect(0, 0, canvas.width, canvas.height);
			context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
			const thumb = canvas.toDataURL('image/jpeg', 0.6);
			if (thumb.length <= THUMB_MAX_CHARS) return { width, height, thumb };
		}
		return { width, height };
	} finally {
		bitmap.close();
	}
}
