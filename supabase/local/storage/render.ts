/**
 * GET|HEAD /render/image/{authenticated,public,sign}/:bucket/*: an object's image, resized and
 * re-encoded, as Storage's render routes answer (src/http/routes/render/*.ts) through its
 * image renderer (src/storage/renderer/image.ts, renderer.ts).
 */
import { headerOf } from '../http.ts';
import { resolveCaller } from './caller.ts';
import type { HandlerArgs, StorageDeps } from './context.ts';
import { dispositionFor, sendBytesGone } from './download.ts';
import { ERRORS, fromDatabaseError } from './errors.ts';
import { MAX_SOURCE_BYTES, invalidSource, planRender, renderImage as render } from './image.ts';
import type { Route } from './routes.ts';
import * as sql from './sql.ts';
import { verifyDownloadToken } from './tokens.ts';
import {
	optionsFromSegments,
	queryTransformOptions,
	transformationSegments,
	validationError,
	type TransformOptions
} from './transform.ts';

type Args = HandlerArgs<Extract<Route, { kind: 'renderImage' }>>;

interface Source {
	obj: sql.ObjectRow;
	options: TransformOptions;
	/** For a signed URL: when its token expires, sent as `Expires` instead of Cache-Control. */
	expires?: string;
}

/** `download` must be one string (the route's querystring schema). */
function downloadParam(url: URL): string | null {
	const all = url.searchParams.getAll('download');
	if (all.length > 1) throw validationError('querystring/download must be string');
	return all[0] ?? null;
}

async function findAsSuperuser(deps: StorageDeps, bucket: string, key: string) {
	const obj = await sql.findObject(deps.db, bucket, key);
	if (!obj) throw ERRORS.noSuchKey();
	return obj;
}

/** Finds the object and the options, under each route's rules. */
async function sourceFor({ deps, req, url, route }: Args): Promise<Source> {
	if (route.mode === 'sign') {
		// renderSignedImage.ts: the token carries the transformations; the query may not.
		const token = url.searchParams.get('token');
		if (!token) throw validationError("querystring must have required property 'token'");
		const claims = await verifyDownloadToken(
			deps.config.jwtSecret,
			token,
			`${route.bucket}/${route.key}`
		);
		const [bucket, ...rest] = claims.url.split('/');
		return {
			obj: await findAsSuperuser(deps, bucket, rest.join('/')),
			options: optionsFromSegments(claims.transformations ?? ''),
			expires: new Date(claims.exp * 1000).toUTCString()
		};
	}
	// The querystring is validated before the caller's token is looked at (a preHandler).
	const options = queryTransformOptions(url.searchParams);
	if (route.mode === 'public') {
		// renderPublicImage.ts: the bucket must be public; the object is read as superuser.
		const bucket = await sql.findBucket(deps.db, route.bucket);
		if (!bucket?.public) throw ERRORS.noSuchBucket();
		return { obj: await findAsSuperuser(deps, route.bucket, route.key), options };
	}
	// renderAuthenticatedImage.ts: a valid JWT, and the object as that role sees it (RLS).
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const obj = await deps.db
		.asRole(caller.ctx, (tx) => sql.findObject(tx, route.bucket, route.key))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	if (!obj) throw ERRORS.noSuchKey();
	return { obj, options };
}

/** Renderer.handleCacheControl: the object's Cache-Control, revalidation hints for a stale ETag. */
function cacheControl(ifNoneMatch: string | undefined, obj: sql.ObjectRow): string | undefined {
	const values = [obj.metadata?.cacheControl];
	if (ifNoneMatch && ifNoneMatch !== obj.metadata?.eTag) values.push('stale-while-revalidate=30');
	const present = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
	return present.length ? present.join(', ') : undefined;
}

/** GET|HEAD /render/image/{authenticated,public,sign}/:bucket/* */
export async function renderImage(args: Args): Promise<void> {
	const { deps, req, res, url, route } = args;
	const download = downloadParam(url);
	const { obj, options, expires } = await sourceFor(args);
	const segments = transformationSegments(options);

	const size = obj.version ? await deps.blobs.size(obj.version) : undefined;
	if (!obj.version || size === undefined) {
		sendBytesGone(res);
		return;
	}
	if (size > MAX_SOURCE_BYTES) throw invalidSource();
	const chunks: Buffer[] = [];
	for await (const chunk of deps.blobs.read(obj.version)) chunks.push(chunk as Buffer);
	const image = await render(Buffer.concat(chunks), planRender(options, headerOf(req, 'accept')));

	const headers: Record<string, string | number> = {
		'accept-ranges': 'bytes',
		'content-type': image.contentType,
		'x-robots-tag': 'none',
		'content-length': image.body.length
	};
	if (obj.metadata?.eTag) headers.etag = obj.metadata.eTag;
	if (expires) headers.expires = expires;
	else {
		const value = cacheControl(headerOf(req, 'if-none-match'), obj);
		if (value) headers['cache-control'] = value;
	}
	if (segments.length) headers['x-transformations'] = segments.join(',');
	const disposition = dispositionFor(download);
	if (disposition) headers['content-disposition'] = disposition;
	res.writeHead(200, headers);
	res.end(route.head ? undefined : image.body);
}
