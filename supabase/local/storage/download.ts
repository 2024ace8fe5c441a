/**
 * Reading objects: authenticated, public and signed downloads (with HEAD and Range), and
 * the JSON object info. Lookup rules follow Storage: a public bucket is read as superuser,
 * a private one as the caller (RLS decides); an unauthenticated caller gets only public buckets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { headerOf, sendJson } from '../http.ts';
import { resolveCaller, type Caller } from './caller.ts';
import type { HandlerArgs, StorageDeps } from './context.ts';
import { ERRORS, fromDatabaseError, StorageError } from './errors.ts';
import { mustBeValidBucketName, mustBeValidKey } from './limits.ts';
import type { Access, Route } from './routes.ts';
import * as sql from './sql.ts';
import { verifyDownloadToken } from './tokens.ts';
import { queryTransformOptions, transformationSegments } from './transform.ts';

type R<K extends Route['kind']> = HandlerArgs<Extract<Route, { kind: K }>>;

export interface ByteRange {
	start: number;
	end: number;
}

/**
 * Parses a single `bytes=` range against a size. Returns undefined for no/ignored header,
 * 'unsatisfiable' for a range outside the object.
 */
export function parseRange(
	header: string | undefined,
	size: number
): ByteRange | 'unsatisfiable' | undefined {
	if (!header) return undefined;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return undefined;
	if (match[1] === '') {
		const suffix = Number(match[2]);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(match[1]);
	const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	if (start >= size || end < start) return 'unsatisfiable';
	return { start, end };
}

/** Storage never serves HTML as HTML from a bucket. */
function safeContentType(mimetype: string): string {
	return mimetype.includes('text/html') ? 'text/plain' : mimetype;
}

/** Renderer.handleDownload: the Content-Disposition for a `download` query parameter. */
export function dispositionFor(download: string | null): string | undefined {
	if (download === null) return undefined;
	if (download === '') return 'attachment;';
	const name = encodeURIComponent(download);
	return `attachment; filename=${name}; filename*=UTF-8''${name}`;
}

/**
 * An object whose row exists but whose bytes are gone: Storage's renderer answers the
 * backend's 404 as a 400 carrying it (`Renderer.render`), and so does a plain download.
 */
export function sendBytesGone(res: ServerResponse): void {
	sendJson(
		res,
		400,
		{
			error: 'Not found',
			message: 'The resource was not found',
			statusCode: '404',
			code: 'NoSuchKey'
		},
		{ 'cache-control': 'no-store' }
	);
}

/** Writes an object's bytes (or only its headers) the way Storage's asset renderer does. */
export async function sendObject(
	deps: StorageDeps,
	req: IncomingMessage,
	res: ServerResponse,
	obj: sql.ObjectRow,
	opts: { head: boolean; download: string | null; expires?: string }
): Promise<void> {
	const size = obj.version ? await deps.blobs.size(obj.version) : undefined;
	if (!obj.version || size === undefined) {
		sendBytesGone(res);
		return;
	}
	const meta = obj.metadata;
	const eTag = meta?.eTag ?? `"${obj.version}"`;
	const lastModified = new Date(meta?.lastModified ?? obj.updated_at).toUTCString();
	const headers: Record<string, string | number> = {
		'accept-ranges': 'bytes',
		'content-type': safeContentType(meta?.mimetype ?? 'application/octet-stream'),
		etag: eTag,
		'last-modified': lastModified,
		// Renderer.setHeaders: objects are not for search engines unless their metadata says so.
		'x-robots-tag': 'none'
	};
	if (opts.expires) headers.expires = opts.expires;
	else headers['cache-control'] = meta?.cacheControl ?? 'no-cache';
	const disposition = dispositionFor(opts.download);
	if (disposition) headers['content-disposition'] = disposition;

	if (headerOf(req, 'if-none-match') === eTag) {
		res.writeHead(304, headers);
		res.end();
		return;
	}
	const range = parseRange(headerOf(req, 'range'), size);
	if (range === 'unsatisfiable') {
		res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-length': 0 });
		res.end();
		return;
	}
	const status = range ? 206 : 200;
	headers['content-length'] = range ? range.end - range.start + 1 : size;
	if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
	res.writeHead(status, headers);
	if (opts.head || req.method === 'HEAD' || size === 0) {
		res.end();
		return;
	}
	await pipeline(deps.blobs.read(obj.version, range), res).catch(() => {
		// The client went away or the file vanished mid-stream: nothing more can be said.
		res.destroy();
	});
}

interface Located {
	bucket: sql.BucketRow;
	obj: sql.ObjectRow;
}

/** Finds an object under Storage's read rules for the given access mode. */
async function locate(
	deps: StorageDeps,
	caller: Caller,
	bucketId: string,
	key: string,
	access: Access,
	unauthenticatedError: () => StorageError
): Promise<Located> {
	mustBeValidBucketName(bucketId);
	mustBeValidKey(key);
	const bucket = await sql.findBucket(deps.db, bucketId);
	if (access === 'public') {
		if (!bucket?.public) throw ERRORS.noSuchBucket();
	} else if (!caller.authenticated && !bucket?.public) throw unauthenticatedError();
	if (!bucket) throw ERRORS.noSuchBucket();
	const obj =
		bucket.public || access === 'public'
			? await sql.findObject(deps.db, bucketId, key)
			: await deps.db
					.asRole(caller.ctx, (tx) => sql.findObject(tx, bucketId, key))
					.catch((e) => {
						throw fromDatabaseError(e);
					});
	if (!obj) throw ERRORS.noSuchKey();
	return { bucket, obj };
}

/** GET|HEAD /object/[authenticated|public/]:bucket/* (the original bytes). */
export async function download({ deps, req, res, url, route }: R<'download'>): Promise<void> {
	// Storage's HEAD object routes take the transformation schema as their querystring.
	if (route.head) queryTransformOptions(url.searchParams);
	const caller = await resolveCaller(deps.config, req, url, {
		allowAnonymous: route.access !== 'authenticated'
	});
	const { obj } = await locate(deps, caller, route.bucket, route.key, route.access, () =>
		ERRORS.accessDenied('Access denied to this bucket')
	);
	await sendObject(deps, req, res, obj, {
		head: route.head,
		download: url.searchParams.get('download')
	});
}

/**
 * GET /object/info/[authenticated|public/]:bucket/*, answered as Storage's InfoRenderer
 * (src/storage/renderer/info.ts): the object's ETag, Last-Modified and Cache-Control as
 * headers, and `X-Transformations` for transformation parameters (which are validated).
 */
export async function info({ deps, req, res, url, route }: R<'info'>): Promise<void> {
	const segments = transformationSegments(queryTransformOptions(url.searchParams));
	const caller = await resolveCaller(deps.config, req, url, {
		allowAnonymous: route.access !== 'authenticated'
	});
	const { obj } = await locate(deps, caller, route.bucket, route.key, route.access, () =>
		ERRORS.noSuchBucket()
	);
	const meta = obj.metadata;
	const headers: Record<string, string> = {};
	if (meta?.eTag) headers.etag = meta.eTag;
	const lastModified = meta?.lastModified ? new Date(meta.lastModified) : undefined;
	if (lastModified && !Number.isNaN(lastModified.getTime()))
		headers['last-modified'] = lastModified.toUTCString();
	if (meta?.cacheControl) headers['cache-control'] = meta.cacheControl;
	if (segments.length) headers['x-transformations'] = segments.join(',');
	sendJson(
		res,
		200,
		{
			id: obj.id,
			name: obj.name,
			version: obj.version,
			bucket_id: obj.bucket_id,
			size: meta?.size ?? null,
			content_type: meta?.mimetype ?? null,
			cache_control: meta?.cacheControl ?? null,
			etag: meta?.eTag ?? null,
			metadata: obj.user_metadata,
			last_modified: obj.updated_at,
			created_at: obj.created_at
		},
		headers
	);
}

/** GET /object/sign/:bucket/*?token= */
export async function signedDownload({
	deps,
	req,
	res,
	url,
	route
}: R<'signedDownload'>): Promise<void> {
	const token = url.searchParams.get('token');
	if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
	const claims = await verifyDownloadToken(
		deps.config.jwtSecret,
		token,
		`${route.bucket}/${route.key}`
	);
	mustBeValidBucketName(route.bucket);
	const obj = await sql.findObject(deps.db, route.bucket, route.key);
	if (!obj) throw ERRORS.noSuchKey();
	await sendObject(deps, req, res, obj, {
		head: false,
		download: url.searchParams.get('download'),
		expires: new Date(claims.exp * 1000).toUTCString()
	});
}
