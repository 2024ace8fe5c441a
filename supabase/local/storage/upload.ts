/**
 * Uploads: standard (POST/PUT /object/…) and through a signed upload URL. The order keeps
 * the database and the disk consistent without a transaction open while bytes arrive:
 *   1. RLS probe (a rolled-back insert/upsert as the caller), so refusals come first;
 *   2. bytes streamed to a temp file, size and MIME checked, fsynced;
 *   3. the file renamed into place under a fresh version id;
 *   4. the row written in a short transaction as the caller; if that fails the file goes.
 * A crash between 3 and 4 leaves only an unreferenced file, swept at the next start.
 */
import { randomUUID } from 'node:crypto';
import type { RoleContext } from '../db.ts';
import { headerOf, sendJson } from '../http.ts';
import type { IncomingMessage } from 'node:http';
import { ownerUuid, resolveCaller } from './caller.ts';
import type { HandlerArgs, StorageDeps } from './context.ts';
import { ERRORS, fromDatabaseError } from './errors.ts';
import { mustBeValidBucketName, mustBeValidKey, mustMatchDeclaredImage } from './limits.ts';
import { receiveUpload } from './receive.ts';
import type { Route } from './routes.ts';
import * as sql from './sql.ts';
import { verifyUploadToken } from './tokens.ts';

type R<K extends Route['kind']> = HandlerArgs<Extract<Route, { kind: K }>>;

export interface UploadPlan {
	bucket: string;
	key: string;
	upsert: boolean;
	/** Who writes the row: the caller, or the service role for signed uploads. */
	ctx: RoleContext;
	/** The subject recorded as owner. */
	sub: string | undefined;
}

/** The service role, which Storage uses where it acts on its own authority. */
export const SERVICE_ROLE_CONTEXT: RoleContext = {
	role: 'service_role',
	claims: { role: 'service_role' }
};

function rowFor(
	plan: UploadPlan,
	version: string,
	metadata: sql.ObjectMetadata,
	userMetadata: Record<string, unknown> | null
): sql.NewObject {
	return {
		bucket: plan.bucket,
		name: plan.key,
		owner: ownerUuid(plan.sub),
		ownerId: plan.sub ?? null,
		version,
		metadata,
		userMetadata
	};
}

/** Runs the insert (or upsert) Storage would run, as the plan's role, and rolls it back. */
export async function probeWrite(deps: StorageDeps, plan: UploadPlan): Promise<void> {
	const probe = rowFor(plan, randomUUID(), placeholderMetadata(), null);
	await deps.db
		.asRole(
			plan.ctx,
			(tx) => (plan.upsert ? sql.upsertObject(tx, probe) : sql.insertObject(tx, probe)),
			{
				rollback: true
			}
		)
		.catch((e) => {
			throw fromDatabaseError(e);
		});
}

function placeholderMetadata(): sql.ObjectMetadata {
	return {
		eTag: '""',
		size: 0,
		mimetype: 'application/octet-stream',
		cacheControl: 'no-cache',
		lastModified: new Date().toISOString(),
		contentLength: 0,
		httpStatusCode: 200
	};
}

/** Stores one upload end to end; resolves to the new row's id. */
export async function storeUpload(
	deps: StorageDeps,
	req: IncomingMessage,
	plan: UploadPlan
): Promise<{ id: string }> {
	mustBeValidBucketName(plan.bucket);
	mustBeValidKey(plan.key);
	const bucket = await sql.findBucket(deps.db, plan.bucket);
	if (!bucket) throw ERRORS.noSuchBucket();
	await probeWrite(deps, plan);

	const limitBytes = Math.min(
		bucket.file_size_limit ?? Number.POSITIVE_INFINITY,
		deps.config.maxUploadBytes
	);
	const upload = await receiveUpload(req, deps.blobs, {
		limitBytes,
		allowedMimeTypes: bucket.allowed_mime_types
	});
	const version = randomUUID();
	let result: { id: string; previous: string | null };
	try {
		const written = await upload.writer.finish();
		mustMatchDeclaredImage(upload.mimetype, upload.writer.head);
		await deps.blobs.commit(upload.writer, version);
		const metadata: sql.ObjectMetadata = {
			eTag: written.eTag,
			size: written.sizeBytes,
			mimetype: upload.mimetype,
			cacheControl: upload.cacheControl,
			lastModified: new Date().toISOString(),
			contentLength: written.sizeBytes,
			httpStatusCode: 200
		};
		const row = rowFor(plan, version, metadata, upload.userMetadata);
		result = await deps.db
			.asRole(plan.ctx, async (tx) =>
				plan.upsert
					? sql.upsertObject(tx, row)
					: { ...(await sql.insertObject(tx, row)), previous: null }
			)
			.catch((e) => {
				throw fromDatabaseError(e);
			});
	} catch (err) {
		await upload.writer.abort();
		await deps.blobs.remove([version]);
		throw err;
	}
	// Committed: the replaced version's bytes are no longer referenced.
	if (result.previous && result.previous !== version) await deps.blobs.remove([result.previous]);
	return { id: result.id };
}

/** POST /object/:bucket/* (x-upsert decides) and PUT /object/:bucket/* (always replaces). */
export async function upload({ deps, req, res, url, route }: R<'upload'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const upsert = route.upsert === 'always' || headerOf(req, 'x-upsert') === 'true';
	const { id } = await storeUpload(deps, req, {
		bucket: route.bucket,
		key: route.key,
		upsert,
		ctx: caller.ctx,
		sub: caller.sub
	});
	sendJson(res, 200, { Id: id, Key: `${route.bucket}/${route.key}` });
}

/** PUT /object/upload/sign/:bucket/*?token= — the token stands in for the caller. */
export async function signedUpload({
	deps,
	req,
	res,
	url,
	route
}: R<'signedUpload'>): Promise<void> {
	const token = url.searchParams.get('token');
	if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
	const path = `${route.bucket}/${route.key}`;
	const claims = await verifyUploadToken(deps.config.jwtSecret, token, path);
	await storeUpload(deps, req, {
		bucket: route.bucket,
		key: route.key,
		upsert: claims.upsert,
		ctx: SERVICE_ROLE_CONTEXT,
		sub: claims.owner
	});
	sendJson(res, 200, { Key: path });
}
