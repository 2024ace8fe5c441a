/**
 * A site's own call backgrounds, fetched for one call: their names from `call_backgrounds`
 * (for the conversation's participants only), their bytes from Storage with the caller's token.
 * The bytes become a Blob: it is drawn with createImageBitmap and shown through a `blob:` URL,
 * so no cross-origin image ever reaches a canvas and the frame sent is never tainted.
 */
import { CALL_BACKGROUND_BUCKET } from '$lib/sites/call-backgrounds.ts';
import type { BackgroundImage } from './backgrounds.ts';

/** Where a call finds its site's backgrounds. */
export interface SiteBackgroundSource {
	rpc(
		fn: string,
		args: Record<string, unknown>
	): PromiseLike<{ data: unknown; error: { message: string } | null }>;
	conversationId: string;
	/** The Supabase URL (Storage is under `/storage/v1`) and its anon key. */
	storage: { url: string; anonKey: string };
	token(): Promise<string> | string;
	fetch?: typeof fetch;
}

const PATH = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp)$/;
/** Site images' ids carry this prefix, so they never clash with a built-in one's. */
const SITE_BACKGROUND_PREFIX = 'site:';

/** The object names in `call_backgrounds`' answer, in its order; anything malformed is skipped. */
export function backgroundPaths(data: unknown): string[] {
	if (!Array.isArray(data)) return [];
	return data
		.map((row) => (row as { path?: unknown } | null)?.path)
		.filter((path): path is string => typeof path === 'string' && PATH.test(path));
}

/**
 * The site's backgrounds with their bytes. One that does not download is left out; if none
 * does, this throws, so the person is told.
 */
export async function loadSiteBackgrounds(
	source: SiteBackgroundSource
): Promise<BackgroundImage[]> {
	const { data, error } = await source.rpc('call_backgrounds', {
		p_conversation_id: source.conversationId
	});
	if (error) throw new Error(error.message);
	const paths = backgroundPaths(data);
	if (!paths.length) return [];
	const get = source.fetch ?? fetch;
	const headers = {
		apikey: source.storage.anonKey,
		authorization: `Bearer ${await source.token()}`
	};
	const results = await Promise.allSettled(
		paths.map(async (path): Promise<BackgroundImage> => {
			const url = `${source.storage.url}/storage/v1/object/authenticated/${CALL_BACKGROUND_BUCKET}/${path}`;
			const response = await get(url, { headers });
			if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
			const blob = await response.blob();
			if (!blob.type.startsWith('image/')) throw new Error(`${path}: not an image`);
			return { id: `${SITE_BACKGROUND_PREFIX}${path}`, url: URL.createObjectURL(blob), blob };
		})
	);
	const images = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
	if (!images.length) {
		const reason = (results[0] as PromiseRejectedResult).reason;
		throw reason instanceof Error ? reason : new Error(String(reason));
	}
	return images;
}
