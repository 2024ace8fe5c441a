/**
 * A site's own background images for video calls, kept in the private Storage bucket
 * `call-backgrounds` (migration `20261205001200_call_backgrounds.sql`: the site's members and
 * its visitors read them, its owner adds up to six and removes them). The limits here mirror
 * the bucket's, so the settings page can say what is wrong before uploading; the bucket
 * enforces them whatever a browser does.
 */
import type { SupabaseClient } from '@supabase/supabase-js';

export const CALL_BACKGROUND_BUCKET = 'call-backgrounds';
/** The bucket's `file_size_limit`. */
export const CALL_BACKGROUND_MAX_BYTES = 2 * 1024 * 1024;
/** How many a site keeps (the insert policy's count). */
export const CALL_BACKGROUNDS_PER_SITE = 6;
/** The longest side of a picture the settings page shrinks before uploading it. */
export const CALL_BACKGROUND_MAX_SIDE_PX = 1920;
/** The bucket's `allowed_mime_types`, with the extension each is stored under. */
export const CALL_BACKGROUND_TYPES = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
} as const;
export type CallBackgroundType = keyof typeof CALL_BACKGROUND_TYPES;

/** Why a background was not added or removed, as the operator is told. */
export type CallBackgroundProblem =
	'full' | 'type' | 'too-large' | 'not-image' | 'forbidden' | 'network' | 'other';

/** One stored background, and a short-lived link to show it. */
export interface StoredBackground {
	path: string;
	createdAt: string;
	size: number;
	/** A signed link for the thumbnail (an `<img>` only: nothing draws it on a canvas). */
	url: string;
}

const NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp)$/;
/** How long a thumbnail's signed link lives, in seconds. */
const THUMB_URL_TTL_S = 600;

/** Whether `type` may be stored as it is. */
export function isBackgroundType(type: string): type is CallBackgroundType {
	return Object.hasOwn(CALL_BACKGROUND_TYPES, type);
}

/** The object name of a new background: `<site>/<uuid>.<ext>`, the shape the policies accept. */
export function backgroundPath(
	siteId: string,
	type: CallBackgroundType,
	id: string = crypto.randomUUID()
): string {
	return `${siteId}/${id.toLowerCase()}.${CALL_BACKGROUND_TYPES[type]}`;
}

/**
 * What to do with a file the operator picked, when the site has `count` backgrounds already:
 * upload it as it is; redraw it smaller first (too large, or an image type the bucket does not
 * take, such as GIF or HEIC, which the browser can still decode); or refuse it.
 */
export function planUpload(
	file: { type: string; size: number },
	count: number
):
	| { kind: 'upload'; type: CallBackgroundType }
	| { kind: 'shrink' }
	| { kind: 'refuse'; problem: CallBackgroundProblem } {
	if (count >= CALL_BACKGROUNDS_PER_SITE) return { kind: 'refuse', problem: 'full' };
	const type = file.type.split(';')[0].trim().toLowerCase();
	// SVG is a document, not a picture: it could carry script, and canvases cannot take it.
	if (!type.startsWith('image/') || type === 'image/svg+xml')
		return { kind: 'refuse', problem: 'type' };
	if (isBackgroundType(type) && file.size <= CALL_BACKGROUND_MAX_BYTES)
		return { kind: 'upload', type };
	return { kind: 'shrink' };
}

/** The size to redraw a `width`×`height` picture at: its longest side at most the limit. */
export function shrunkSize(width: number, height: number): { width: number; height: number } {
	const scale = Math.min(1, CALL_BACKGROUND_MAX_SIDE_PX / Math.max(width, height, 1));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/** Why Storage refused a write, from storage-js's error (see supabase/local/storage/errors.ts). */
export function storageProblem(
	error: { status?: number; statusCode?: string; code?: string; name?: string } | null
): CallBackgroundProblem {
	if (!error) return 'other';
	const status = Number(error.statusCode ?? error.status ?? 0);
	if (error.code === 'EntityTooLarge' || status === 413) return 'too-large';
	if (error.code === 'InvalidMimeType' || status === 415) return 'type';
	if (error.code === 'AccessDenied' || status === 403) return 'forbidden';
	if (status === 0 || status >= 500 || error.name === 'StorageUnknownError') return 'network';
	return 'other';
}

/** The site's backgrounds, oldest first, each with a signed link for its thumbnail. */
export async function listBackgrounds(
	client: SupabaseClient,
	siteId: string
): Promise<StoredBackground[]> {
	const bucket = client.storage.from(CALL_BACKGROUND_BUCKET);
	const { data, error } = await bucket.list(siteId, {
		limit: 100,
		sortBy: { column: 'created_at', order: 'asc' }
	});
	if (error) throw error;
	const objects = (data ?? []).filter((o) => NAME.test(o.name));
	if (!objects.length) return [];
	const paths = objects.map((o) => `${siteId}/${o.name}`);
	const signed = await bucket.createSignedUrls(paths, THUMB_URL_TTL_S);
	if (signed.error) throw signed.error;
	const urls = new Map(signed.data.map((s) => [s.path, s.signedUrl]));
	return objects.map((o, i) => ({
		path: paths[i],
		createdAt: o.created_at ?? '',
		size: Number((o.metadata as { size?: number } | null)?.size ?? 0),
		url: urls.get(paths[i]) ?? ''
	}));
}

/** Stores `blob` as a new background of the site; null when stored, else why not. */
export async function addBackground(
	client: SupabaseClient,
	siteId: string,
	blob: Blob,
	type: CallBackgroundType
): Promise<CallBackgroundProblem | null> {
	const { error } = await client.storage
		.from(CALL_BACKGROUND_BUCKET)
		.upload(backgroundPath(siteId, type), blob, { contentType: type, upsert: false });
	return error ? storageProblem(error as Parameters<typeof storageProblem>[0]) : null;
}

/** Removes a background; null when it is gone, else why not. */
export async function removeBackground(
	client: SupabaseClient,
	path: string
): Promise<CallBackgroundProblem | null> {
	const { data, error } = await client.storage.from(CALL_BACKGROUND_BUCKET).remove([path]);
	if (error) return storageProblem(error as Parameters<typeof storageProblem>[0]);
	// RLS hides what the caller may not delete: nothing back means nothing was removed.
	return data?.length ? null : 'forbidden';
}
