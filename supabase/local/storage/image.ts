/**
 * Renders a transformed image the way Supabase Storage's image renderer does, with sharp in
 * place of its imgproxy (darthsim/imgproxy v3.8.0 as the Supabase CLI runs it): the CLI's
 * `default` preset `width:3000/height:8192`, no enlarging, WebP when the client's `Accept`
 * names it (AVIF only on request), qualities `jpeg=80,avif=62,webp=80`, sources of at most
 * 50 megapixels and 25 MB. Geometry follows imgproxy's `processing/prepare.go` (calcScale)
 * and `processing/crop.go` (cropToResult); format choice follows `processing/processing.go`.
 */
import type { Sharp } from 'sharp';
import { StorageError } from './errors.ts';
import type { Gravity, TransformOptions } from './transform.ts';
import { SIZE_LIMIT } from './transform.ts';

/** The CLI's `IMGPROXY_PRESETS=default=width:3000/height:8192`. */
export const PRESET = { width: 3000, height: 8192 } as const;
/** `IMGPROXY_MAX_SRC_RESOLUTION=50` (megapixels). */
export const MAX_SOURCE_PIXELS = 50_000_000;
/** `IMGPROXY_MAX_SRC_FILE_SIZE=25000000`. */
export const MAX_SOURCE_BYTES = 25_000_000;
/** `IMGPROXY_FORMAT_QUALITY=jpeg=80,avif=62,webp=80`, and imgproxy's default of 80. */
const FORMAT_QUALITY: Partial<Record<OutputFormat, number>> = { jpeg: 80, avif: 62, webp: 80 };
const DEFAULT_QUALITY = 80;
/** imgproxy's `IMGPROXY_PREFERRED_FORMATS` default. */
const PREFERRED: readonly OutputFormat[] = ['jpeg', 'png', 'gif'];

export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';
export type ResizingType = 'fit' | 'fill' | 'force';

export const MIME_TYPES: Record<OutputFormat, string> = {
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	avif: 'image/avif',
	gif: 'image/gif'
};

/** What imgproxy is asked to do, after Storage's clamping and the CLI's preset. */
export interface RenderPlan {
	width: number;
	height: number;
	resizingType: ResizingType;
	quality: number | undefined;
	format: 'webp' | 'avif' | undefined;
	preferWebp: boolean;
	gravity: { type: Gravity | undefined; x: number; y: number };
}

/**
 * The plan for `options`: Storage sends `width`/`height` clamped to 1–2000 and a resizing
 * type only with a size (otherwise imgproxy's default `fit` holds); `accept` is the client's
 * header, which Storage forwards unless `format` is `origin`.
 */
export function planRender(options: TransformOptions, accept: string | undefined): RenderPlan {
	const size = (v: number | undefined, preset: number) =>
		v ? Math.min(Math.max(v, SIZE_LIMIT.min), SIZE_LIMIT.max) : preset;
	const sized = Boolean(options.width || options.height);
	return {
		width: size(options.width, PRESET.width),
		height: size(options.height, PRESET.height),
		resizingType: !sized
			? 'fit'
			: options.resize === 'contain'
				? 'fit'
				: options.resize === 'fill'
					? 'force'
					: 'fill',
		quality: options.quality || undefined,
		format: options.format === 'webp' || options.format === 'avif' ? options.format : undefined,
		preferWebp: options.format !== 'origin' && Boolean(accept?.includes('image/webp')),
		gravity: { type: options.gravity, x: options.x_offset ?? 0, y: options.y_offset ?? 0 }
	};
}

export interface Geometry {
	/** Size after scaling. */
	scaledWidth: number;
	scaledHeight: number;
	/** The crop taken from the scaled image, or null for none. */
	crop: { left: number; top: number; width: number; height: number } | null;
}

/** imgproxy's calcScale (no DPR, zoom or minimum sizes) and cropToResult for one plan. */
export function geometry(
	srcWidth: number,
	srcHeight: number,
	plan: Pick<RenderPlan, 'width' | 'height' | 'resizingType' | 'gravity'>,
	svg = false
): Geometry {
	let wshrink = plan.width === srcWidth ? 1 : srcWidth / plan.width;
	let hshrink = plan.height === srcHeight ? 1 : srcHeight / plan.height;
	if (wshrink !== 1 || hshrink !== 1) {
		if (plan.resizingType === 'fit') wshrink = hshrink = Math.max(wshrink, hshrink);
		else if (plan.resizingType === 'fill') wshrink = hshrink = Math.min(wshrink, hshrink);
	}
	// IMGPROXY_ENLARGE is off: nothing grows, except vector sources.
	if (!svg) {
		if (wshrink < 1) {
			hshrink /= wshrink;
			wshrink = 1;
		}
		if (hshrink < 1) {
			wshrink /= hshrink;
			hshrink = 1;
		}
	}
	wshrink = Math.min(wshrink, srcWidth);
	hshrink = Math.min(hshrink, srcHeight);
	// libvips' vips_resize rounds the output size.
	const scaledWidth = Math.max(1, Math.round(srcWidth / wshrink));
	const scaledHeight = Math.max(1, Math.round(srcHeight / hshrink));
	const cropWidth = Math.min(plan.width, scaledWidth);
	const cropHeight = Math.min(plan.height, scaledHeight);
	if (cropWidth >= scaledWidth && cropHeight >= scaledHeight)
		return { scaledWidth, scaledHeight, crop: null };
	const { left, top } = position(scaledWidth, scaledHeight, cropWidth, cropHeight, plan.gravity);
	return { scaledWidth, scaledHeight, crop: { left, top, width: cropWidth, height: cropHeight } };
}

/** imgproxy's calcPosition without overflow (processing/calc_position.go). */
function position(
	width: number,
	height: number,
	inner: number,
	innerHeight: number,
	gravity: RenderPlan['gravity']
): { left: number; top: number } {
	let left: number;
	let top: number;
	if (gravity.type === 'fp') {
		left = Math.round(width * gravity.x) - Math.trunc(inner / 2);
		top = Math.round(height * gravity.y) - Math.trunc(innerHeight / 2);
	} else {
		// Smart gravity has no equivalent here and falls back to the centre.
		const type = gravity.type === 'sm' ? 'ce' : (gravity.type ?? 'ce');
		const offX = Math.trunc(gravity.x);
		const offY = Math.trunc(gravity.y);
		left = Math.trunc((width - inner + 1) / 2) + offX;
		top = Math.trunc((height - innerHeight + 1) / 2) + offY;
		if (type === 'no' || type === 'noea' || type === 'nowe') top = offY;
		if (type === 'ea' || type === 'noea' || type === 'soea') left = width - inner - offX;
		if (type === 'so' || type === 'soea' || type === 'sowe') top = height - innerHeight - offY;
		if (type === 'we' || type === 'nowe' || type === 'sowe') left = offX;
	}
	return {
		left: Math.max(0, Math.min(left, width - inner)),
		top: Math.max(0, Math.min(top, height - innerHeight))
	};
}

/** Source types imgproxy reads, as sharp names them, with the type imgproxy would see. */
const SOURCE_TYPES: Record<string, string> = {
	jpeg: 'jpeg',
	png: 'png',
	webp: 'webp',
	gif: 'gif',
	tiff: 'tiff',
	svg: 'svg',
	heif: 'avif'
};

/** imgproxy's output choice for an unset format (processing.go, findBestFormat). */
export function chooseFormat(
	plan: Pick<RenderPlan, 'format' | 'preferWebp'>,
	sourceType: string,
	animated: boolean,
	hasAlpha: boolean
): OutputFormat {
	if (plan.format) return plan.format;
	if (plan.preferWebp) return 'webp';
	if ((PREFERRED as readonly string[]).includes(sourceType)) return sourceType as OutputFormat;
	for (const format of PREFERRED) {
		if (animated && format !== 'gif') continue;
		if (hasAlpha && format === 'jpeg') continue;
		return format;
	}
	return PREFERRED[0];
}

/** The answer Storage gives for a source imgproxy can't read (image.ts, 422 → 400). */
export function invalidSource(): StorageError {
	return new StorageError(
		400,
		'InvalidRequest',
		'The source image is invalid or unsupported for rendering'
	);
}

export interface RenderedImage {
	body: Buffer;
	contentType: string;
}

type SharpModule = typeof import('sharp');
let sharpModule: Promise<SharpModule> | undefined;

/** sharp loads libvips, so it is imported on the first render, not at start-up. */
function loadSharp(): Promise<SharpModule> {
	sharpModule ??= import('sharp');
	return sharpModule;
}

function encode(img: Sharp, format: OutputFormat, quality: number): Sharp {
	switch (format) {
		case 'jpeg':
			return img.jpeg({ quality });
		case 'webp':
			return img.webp({ quality });
		// imgproxy's IMGPROXY_AVIF_SPEED default of 5 is libvips effort 9 - 5.
		case 'avif':
			return img.avif({ quality, effort: 4 });
		case 'gif':
			return img.gif();
		case 'png':
			return img.png();
	}
}

/** Transforms `source` (an object's bytes) as imgproxy would for `plan`. */
export async function renderImage(source: Buffer, plan: RenderPlan): Promise<RenderedImage> {
	if (source.length > MAX_SOURCE_BYTES) throw invalidSource();
	const { default: sharp } = await loadSharp();
	const load = () =>
		sharp(source, { limitInputPixels: MAX_SOURCE_PIXELS, failOn: 'error', autoOrient: true });
	let meta;
	try {
		meta = await load().metadata();
	} catch {
		throw invalidSource();
	}
	const sourceType = SOURCE_TYPES[meta.format];
	if (!sourceType) throw invalidSource();
	const width = meta.autoOrient.width;
	const height = meta.autoOrient.height;
	const animated = (meta.pages ?? 1) > 1;
	const hasAlpha = meta.hasAlpha;
	let format = chooseFormat(plan, sourceType, animated, hasAlpha);
	const geo = geometry(width, height, plan, sourceType === 'svg');
	const outWidth = geo.crop?.width ?? geo.scaledWidth;
	const outHeight = geo.crop?.height ?? geo.scaledHeight;
	// AVIF needs 16 pixels a side; imgproxy then saves PNG or JPEG instead.
	if (format === 'avif' && (outWidth < 16 || outHeight < 16)) format = hasAlpha ? 'png' : 'jpeg';
	const quality = plan.quality ?? FORMAT_QUALITY[format] ?? DEFAULT_QUALITY;
	try {
		let img = load();
		if (geo.scaledWidth !== width || geo.scaledHeight !== height)
			img = img.resize(geo.scaledWidth, geo.scaledHeight, { fit: 'fill' });
		if (geo.crop) img = img.extract(geo.crop);
		// A format without alpha gets imgproxy's white background.
		if (format === 'jpeg' && hasAlpha) img = img.flatten({ background: '#ffffff' });
		const body = await encode(img, format, quality).toBuffer();
		return { body, contentType: MIME_TYPES[format] };
	} catch {
		throw invalidSource();
	}
}
