/** Signed URL endpoints: sign one or many downloads, and sign an upload. */
import { headerOf, sendJson } from '../http.ts';
import { resolveCaller } from './caller.ts';
import { invalidBody, readJsonObject, type HandlerArgs, type JsonObject } from './context.ts';
import { ERRORS, fromDatabaseError } from './errors.ts';
import { mustBeValidBucketName, mustBeValidKey } from './limits.ts';
import type { Route } from './routes.ts';
import * as sql from './sql.ts';
import { SCOPE_DOWNLOAD, SCOPE_UPLOAD, signToken, SIGNED_UPLOAD_EXPIRY_SECONDS } from './tokens.ts';
import {
	parseTransformOptions,
	transformationSegments,
	type TransformOptions
} from './transform.ts';
import { probeWrite } from './upload.ts';

type R<K extends Route['kind']> = HandlerArgs<Extract<Route, { kind: K }>>;

function expiresInOf(body: JsonObject): number {
	const value = body.expiresIn;
	if (value === undefined) throw invalidBody("body must have required property 'expiresIn'");
	if (typeof value !== 'number' || !Number.isInteger(value))
		throw invalidBody('body/expiresIn must be integer');
	if (value < 1) throw invalidBody('body/expiresIn must be >= 1');
	return value;
}

/** The body's optional `transform`, validated as Storage's `transformationOptionsSchema`. */
function transformOf(body: JsonObject): TransformOptions | undefined {
	const value = body.transform;
	if (value === undefined) return undefined;
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw invalidBody('body/transform must be object');
	return parseTransformOptions(value as JsonObject, 'body/transform');
}

/**
 * POST /object/sign/:bucket/* → {signedURL} (the object must be visible to the caller). With
 * image transformation on, a `transform` goes into the token and the URL is a render URL
 * (getSignedURL.ts, ObjectStorage.signObjectUrl).
 */
export async function sign({ deps, req, res, url, route }: R<'sign'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	const expiresIn = expiresInOf(body);
	const transform = transformOf(body);
	mustBeValidBucketName(route.bucket);
	mustBeValidKey(route.key);
	const obj = await deps.db
		.asRole(caller.ctx, (tx) => sql.findObject(tx, route.bucket, route.key))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	if (!obj) throw ERRORS.noSuchKey();
	const path = `${route.bucket}/${route.key}`;
	// Empty claims are dropped, so `transform: {format: 'origin'}` alone signs a plain URL.
	const transformations = deps.config.storage.imageTransformation
		? transformationSegments(transform ?? {}, true).join(',') || undefined
		: undefined;
	const format = deps.config.storage.imageTransformation
		? transform?.format || undefined
		: undefined;
	const token = await signToken(
		deps.config.jwtSecret,
		{ transformations, format, url: path, scope: SCOPE_DOWNLOAD },
		expiresIn
	);
	const base = transformations ? 'render/image' : 'object';
	sendJson(res, 200, { signedURL: `/${base}/sign/${path}?token=${token}` });
}

/** POST /object/sign/:bucket {expiresIn, paths} → [{error, path, signedURL}] */
export async function signMany({ deps, req, res, url, route }: R<'signMany'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	const expiresIn = expiresInOf(body);
	const paths = body.paths;
	if (paths === undefined) throw invalidBody("body must have required property 'paths'");
	if (!Array.isArray(paths) || !paths.every((p): p is string => typeof p === 'string'))
		throw invalidBody('body/paths must be array');
	if (paths.length === 0) throw invalidBody('body/paths must NOT have fewer than 1 items');
	mustBeValidBucketName(route.bucket);
	const visible = await deps.db
		.asRole(caller.ctx, (tx) => sql.findObjectNames(tx, route.bucket, paths))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	const results = [];
	for (const path of paths) {
		if (!visible.has(path)) {
			results.push({
				error: 'Either the object does not exist or you do not have access to it',
				path,
				signedURL: null
			});
			continue;
		}
		const full = `${route.bucket}/${path}`;
		const token = await signToken(
			deps.config.jwtSecret,
			{ url: full, scope: SCOPE_DOWNLOAD },
			expiresIn
		);
		results.push({ error: null, path, signedURL: `/object/sign/${full}?token=${token}` });
	}
	sendJson(res, 200, results);
}

/** POST /object/upload/sign/:bucket/* → {url, token}; the caller must be allowed to write there. */
export async function signUpload({ deps, req, res, url, route }: R<'signUpload'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	await readJsonObject(req, deps.config.maxBodyBytes);
	mustBeValidBucketName(route.bucket);
	mustBeValidKey(route.key);
	if (!(await sql.findBucket(deps.db, route.bucket))) throw ERRORS.noSuchBucket();
	const upsert = headerOf(req, 'x-upsert') === 'true';
	await probeWrite(deps, {
		bucket: route.bucket,
		key: route.key,
		upsert,
		ctx: caller.ctx,
		sub: caller.sub
	});
	const path = `${route.bucket}/${route.key}`;
	const token = await signToken(
		deps.config.jwtSecret,
		{ owner: caller.sub, url: path, upsert, scope: SCOPE_UPLOAD },
		SIGNED_UPLOAD_EXPIRY_SECONDS
	);
	sendJson(res, 200, { url: `/object/upload/sign/${path}?token=${token}`, token });
}
