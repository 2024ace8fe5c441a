/** Parses a /storage/v1 request line into a typed route, matching Storage's route table. */

export type Access = 'auto' | 'authenticated' | 'public';
export type RenderMode = 'authenticated' | 'public' | 'sign';

export type Route =
	| { kind: 'listBuckets' }
	| { kind: 'getBucket'; bucket: string }
	| { kind: 'createBucket' }
	| { kind: 'updateBucket'; bucket: string }
	| { kind: 'emptyBucket'; bucket: string }
	| { kind: 'deleteBucket'; bucket: string }
	| { kind: 'upload'; bucket: string; key: string; upsert: 'header' | 'always' }
	| { kind: 'removeMany'; bucket: string }
	| { kind: 'removeOne'; bucket: string; key: string }
	| { kind: 'download'; bucket: string; key: string; access: Access; head: boolean }
	| { kind: 'info'; bucket: string; key: string; access: Access }
	| { kind: 'signedDownload'; bucket: string; key: string }
	| { kind: 'renderImage'; bucket: string; key: string; mode: RenderMode; head: boolean }
	| { kind: 'list'; bucket: string }
	| { kind: 'listV2'; bucket: string }
	| { kind: 'move' }
	| { kind: 'copy' }
	| { kind: 'sign'; bucket: string; key: string }
	| { kind: 'signMany'; bucket: string }
	| { kind: 'signUpload'; bucket: string; key: string }
	| { kind: 'signedUpload'; bucket: string; key: string };

export class RouteEncodingError extends Error {
	override name = 'RouteEncodingError';
}

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw new RouteEncodingError(`invalid percent-encoding in "${segment}"`);
	}
}

/** `bucket` plus the rest of the path as the object key (decoded, may be empty). */
function bucketAndKey(parts: string[]): { bucket: string; key: string } | null {
	if (parts.length < 1 || parts[0] === '') return null;
	return { bucket: decode(parts[0]), key: decode(parts.slice(1).join('/')) };
}

const SINGLE_SEGMENT_VERBS = new Set(['list', 'list-v2', 'move', 'copy']);

function objectRoute(method: string, parts: string[]): Route | null {
	const [first, ...rest] = parts;
	if (method === 'POST' && parts.length === 1 && first === 'move') return { kind: 'move' };
	if (method === 'POST' && parts.length === 1 && first === 'copy') return { kind: 'copy' };
	if (method === 'POST' && first === 'list' && rest.length === 1 && rest[0])
		return { kind: 'list', bucket: decode(rest[0]) };
	if (method === 'POST' && first === 'list-v2' && rest.length === 1 && rest[0])
		return { kind: 'listV2', bucket: decode(rest[0]) };

	if (first === 'sign') {
		if (method === 'POST' && rest.length === 1 && rest[0])
			return { kind: 'signMany', bucket: decode(rest[0]) };
		const bk = bucketAndKey(rest);
		if (!bk || rest.length < 2) return null;
		if (method === 'POST') return { kind: 'sign', ...bk };
		if (method === 'GET') return { kind: 'signedDownload', ...bk };
		return null;
	}
	if (first === 'upload' && rest[0] === 'sign') {
		const bk = bucketAndKey(rest.slice(1));
		if (!bk || rest.length < 3) return null;
		if (method === 'POST') return { kind: 'signUpload', ...bk };
		if (method === 'PUT') return { kind: 'signedUpload', ...bk };
		return null;
	}
	if (first === 'info') {
		const access: Access =
			rest[0] === 'public' ? 'public' : rest[0] === 'authenticated' ? 'authenticated' : 'auto';
		const bk = bucketAndKey(access === 'auto' ? rest : rest.slice(1));
		if (method !== 'GET' || !bk) return null;
		return { kind: 'info', ...bk, access };
	}
	if (
		(first === 'public' || first === 'authenticated') &&
		(method === 'GET' || method === 'HEAD')
	) {
		const bk = bucketAndKey(rest);
		if (!bk || rest.length < 2) return null;
		return { kind: 'download', ...bk, access: first, head: method === 'HEAD' };
	}
	if (SINGLE_SEGMENT_VERBS.has(first) && parts.length === 1) return null;

	if (parts.length === 1 && first) {
		if (method === 'DELETE') return { kind: 'removeMany', bucket: decode(first) };
		return null;
	}
	const bk = bucketAndKey(parts);
	if (!bk) return null;
	switch (method) {
		case 'POST':
			return { kind: 'upload', ...bk, upsert: 'header' };
		case 'PUT':
			return { kind: 'upload', ...bk, upsert: 'always' };
		case 'DELETE':
			return { kind: 'removeOne', ...bk };
		case 'GET':
			return { kind: 'download', ...bk, access: 'auto', head: false };
		case 'HEAD':
			return { kind: 'download', ...bk, access: 'auto', head: true };
		default:
			return null;
	}
}

function bucketRoute(method: string, parts: string[]): Route | null {
	if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) {
		if (method === 'GET') return { kind: 'listBuckets' };
		if (method === 'POST') return { kind: 'createBucket' };
		return null;
	}
	const bucket = decode(parts[0]);
	if (parts.length === 1) {
		if (method === 'GET') return { kind: 'getBucket', bucket };
		if (method === 'PUT') return { kind: 'updateBucket', bucket };
		if (method === 'DELETE') return { kind: 'deleteBucket', bucket };
		return null;
	}
	if (parts.length === 2 && parts[1] === 'empty' && method === 'POST')
		return { kind: 'emptyBucket', bucket };
	return null;
}

/**
 * Maps a method and a path below `/storage/v1` (e.g. `/object/avatars/a.png`) to a route,
 * or null when Storage has no such route. The image rendering routes are GET routes, which
 * Fastify also answers for HEAD.
 */
export function parseRoute(method: string, path: string): Route | null {
	const parts = path.replace(/^\/+/, '').split('/');
	const [head, ...rest] = parts;
	if (head === 'bucket') return bucketRoute(method, rest);
	if (head === 'object') return rest.length ? objectRoute(method, rest) : null;
	if (head === 'render' && rest[0] === 'image') {
		const [mode, ...tail] = rest.slice(1);
		if (method !== 'GET' && method !== 'HEAD') return null;
		if (mode !== 'sign' && mode !== 'public' && mode !== 'authenticated') return null;
		const bk = bucketAndKey(tail);
		if (!bk || tail.length < 2) return null;
		return { kind: 'renderImage', ...bk, mode, head: method === 'HEAD' };
	}
	return null;
}
