/**
 * Bucket endpoints. As in Storage, they run as the caller, so `storage.buckets` policies
 * decide (with no policy only the service role sees or changes buckets).
 */
import { sendJson } from '../http.ts';
import { ownerUuid, resolveCaller } from './caller.ts';
import { invalidBody, readJsonObject, type HandlerArgs, type JsonObject } from './context.ts';
import { ERRORS, fromDatabaseError } from './errors.ts';
import { mustBeValidBucketName, parseFileSizeToBytes, validateAllowedMimeTypes } from './limits.ts';
import type { Route } from './routes.ts';
import * as sql from './sql.ts';

type R<K extends Route['kind']> = HandlerArgs<Extract<Route, { kind: K }>>;

/** The body fields a bucket create/update may carry, validated. */
function bucketFields(body: JsonObject, globalLimitBytes: number): sql.BucketFields {
	const fields: sql.BucketFields = {};
	if (body.public !== undefined && body.public !== null) {
		if (typeof body.public !== 'boolean') throw invalidBody('body/public must be boolean');
		fields.public = body.public;
	}
	const limit = body.file_size_limit;
	if (limit === null) fields.file_size_limit = null;
	else if (typeof limit === 'number') {
		if (!Number.isInteger(limit) || limit < 0)
			throw invalidBody('body/file_size_limit must be >= 0');
		fields.file_size_limit = limit;
	} else if (typeof limit === 'string') fields.file_size_limit = parseFileSizeToBytes(limit);
	else if (limit !== undefined) throw invalidBody('body/file_size_limit must be integer');
	if (fields.file_size_limit != null && fields.file_size_limit > globalLimitBytes)
		throw ERRORS.entityTooLarge();

	const mimes = body.allowed_mime_types;
	if (mimes === null) fields.allowed_mime_types = null;
	else if (Array.isArray(mimes)) {
		if (!mimes.every((m): m is string => typeof m === 'string'))
			throw invalidBody('body/allowed_mime_types/0 must be string');
		const kept = mimes.filter((m) => m);
		validateAllowedMimeTypes(kept);
		fields.allowed_mime_types = kept;
	} else if (mimes !== undefined) throw invalidBody('body/allowed_mime_types must be array');
	return fields;
}

function bucketReply(b: sql.BucketRow) {
	return {
		id: b.id,
		name: b.name,
		owner: b.owner ?? '',
		public: b.public,
		type: b.type,
		file_size_limit: b.file_size_limit,
		allowed_mime_types: b.allowed_mime_types,
		created_at: b.created_at,
		updated_at: b.updated_at
	};
}

const SORT_COLUMNS = new Set(['id', 'name', 'created_at', 'updated_at']);

/** GET /bucket */
export async function listBuckets({ deps, req, res, url }: R<'listBuckets'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const q = url.searchParams;
	const intParam = (name: string): number | undefined => {
		const raw = q.get(name);
		if (raw === null) return undefined;
		if (!/^\d+$/.test(raw)) throw invalidBody(`querystring/${name} must be integer`);
		return Number(raw);
	};
	const sortColumn = q.get('sortColumn') ?? 'name';
	const sortOrder = (q.get('sortOrder') ?? 'asc').toLowerCase();
	if (!SORT_COLUMNS.has(sortColumn))
		throw invalidBody('querystring/sortColumn must be equal to one of the allowed values');
	if (sortOrder !== 'asc' && sortOrder !== 'desc')
		throw invalidBody('querystring/sortOrder must be equal to one of the allowed values');
	const options: sql.BucketListOptions = {
		limit: intParam('limit'),
		offset: intParam('offset'),
		search: q.get('search') ?? undefined,
		sortColumn: sortColumn as sql.BucketListOptions['sortColumn'],
		sortOrder
	};
	const rows = await deps.db
		.asRole(caller.ctx, (tx) => sql.listBuckets(tx, options))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	sendJson(res, 200, rows.map(bucketReply));
}

/** GET /bucket/:id */
export async function getBucket({ deps, req, res, url, route }: R<'getBucket'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	mustBeValidBucketName(route.bucket);
	const row = await deps.db
		.asRole(caller.ctx, (tx) => sql.findBucket(tx, route.bucket))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	if (!row) throw ERRORS.noSuchBucket();
	sendJson(res, 200, bucketReply(row));
}

/** POST /bucket */
export async function createBucket({ deps, req, res, url }: R<'createBucket'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	if (body.name === undefined) throw invalidBody("body must have required property 'name'");
	if (typeof body.name !== 'string') throw invalidBody('body/name must be string');
	if (body.id !== undefined && body.id !== null && typeof body.id !== 'string')
		throw invalidBody('body/id must be string');
	const name = body.name;
	const id = typeof body.id === 'string' && body.id ? body.id : name;
	mustBeValidBucketName(name);
	mustBeValidBucketName(id);
	const fields = bucketFields(body, deps.config.maxUploadBytes);
	try {
		await deps.db.asRole(caller.ctx, (tx) =>
			sql.insertBucket(tx, {
				id,
				name,
				owner: ownerUuid(caller.sub),
				owner_id: caller.sub ?? null,
				...fields
			})
		);
	} catch (err) {
		const mapped = fromDatabaseError(err);
		throw mapped.code === 'ResourceAlreadyExists' ? ERRORS.bucketAlreadyExists() : mapped;
	}
	sendJson(res, 200, { name });
}

/** PUT /bucket/:id */
export async function updateBucket({
	deps,
	req,
	res,
	url,
	route
}: R<'updateBucket'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	mustBeValidBucketName(route.bucket);
	const fields = bucketFields(body, deps.config.maxUploadBytes);
	const updated = await deps.db
		.asRole(caller.ctx, (tx) => sql.updateBucket(tx, route.bucket, fields))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	if (updated === 0) throw ERRORS.noSuchBucket();
	sendJson(res, 200, { message: 'Successfully updated' });
}

/** What Storage answers once it has queued the removal; here the objects are already gone. */
export const EMPTIED_MESSAGE = 'Empty bucket has been queued. Completion may take up to an hour.';

/**
 * POST /bucket/:id/empty — as Storage since v1.70.1: only the service role may empty a bucket
 * (others get 403 "Access denied: Invalid role", a bad token 400). Storage queues the deletion;
 * here it happens before the reply, rows first, then their bytes.
 */
export async function emptyBucket({ deps, req, res, url, route }: R<'emptyBucket'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	if (caller.ctx.role !== 'service_role') throw ERRORS.invalidRole();
	mustBeValidBucketName(route.bucket);
	const removed = await deps.db
		.asRole(caller.ctx, async (tx) => {
			if (!(await sql.findBucket(tx, route.bucket))) throw ERRORS.noSuchBucket();
			return sql.deleteAllObjects(tx, route.bucket);
		})
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	// The rows are gone (committed); their bytes follow.
	await deps.blobs.remove(removed.map((r) => r.version));
	sendJson(res, 200, { message: EMPTIED_MESSAGE });
}

/** DELETE /bucket/:id */
export async function deleteBucket({
	deps,
	req,
	res,
	url,
	route
}: R<'deleteBucket'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	mustBeValidBucketName(route.bucket);
	if ((await sql.countObjects(deps.db, route.bucket)) > 0) throw ERRORS.bucketNotEmpty();
	let deleted: number;
	try {
		deleted = await deps.db.asRole(caller.ctx, (tx) => sql.deleteBucket(tx, route.bucket));
	} catch (err) {
		const mapped = fromDatabaseError(err);
		// An object added since the check above still blocks the delete (foreign key).
		throw mapped.logicalStatus === 404 && mapped.code === 'InvalidRequest'
			? ERRORS.bucketNotEmpty()
			: mapped;
	}
	if (deleted === 0) throw ERRORS.noSuchBucket();
	sendJson(res, 200, { message: 'Successfully deleted' });
}
