/** Object management endpoints: list, move, copy, remove. All run as the caller (RLS decides). */
import { randomUUID } from 'node:crypto';
import { headerOf, sendJson } from '../http.ts';
import { ownerUuid, resolveCaller } from './caller.ts';
import {
	invalidBody,
	optionalInt,
	optionalString,
	readJsonObject,
	requiredString,
	type HandlerArgs
} from './context.ts';
import { ERRORS, fromDatabaseError } from './errors.ts';
import { mustBeValidBucketName, mustBeValidKey } from './limits.ts';
import {
	decodeContinuationToken,
	listObjectsV2,
	searchObjects,
	type SortColumn
} from './list-sql.ts';
import type { Route } from './routes.ts';
import * as sql from './sql.ts';
import { probeWrite } from './upload.ts';

type R<K extends Route['kind']> = HandlerArgs<Extract<Route, { kind: K }>>;

const SORT_COLUMNS_V1 = ['name', 'updated_at', 'created_at', 'last_accessed_at'];
const SORT_COLUMNS_V2 = ['name', 'updated_at', 'created_at'];

function sortBy(value: unknown, allowed: string[]): { column: string; order: 'asc' | 'desc' } {
	if (value === undefined || value === null) return { column: 'name', order: 'asc' };
	if (typeof value !== 'object' || Array.isArray(value))
		throw invalidBody('body/sortBy must be object');
	const { column, order } = value as { column?: unknown; order?: unknown };
	if (column === undefined) throw invalidBody("body/sortBy must have required property 'column'");
	if (typeof column !== 'string' || !allowed.includes(column))
		throw invalidBody('body/sortBy/column must be equal to one of the allowed values');
	if (order !== undefined && order !== 'asc' && order !== 'desc')
		throw invalidBody('body/sortBy/order must be equal to one of the allowed values');
	return { column, order: order === 'desc' ? 'desc' : 'asc' };
}

/** POST /object/list/:bucket */
export async function list({ deps, req, res, url, route }: R<'list'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	const prefix = requiredString(body, 'prefix');
	const limit = optionalInt(body, 'limit', 1) ?? 100;
	const offset = optionalInt(body, 'offset', 0) ?? 0;
	const search = optionalString(body, 'search') ?? '';
	const sort = sortBy(body.sortBy, SORT_COLUMNS_V1);
	mustBeValidBucketName(route.bucket);
	const rows = await deps.db
		.asRole(caller.ctx, (tx) =>
			searchObjects(tx, route.bucket, {
				prefix,
				search,
				limit,
				offset,
				sortColumn: sort.column as SortColumn,
				sortOrder: sort.order
			})
		)
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	sendJson(res, 200, rows);
}

/** POST /object/list-v2/:bucket */
export async function listV2({ deps, req, res, url, route }: R<'listV2'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	const prefix = optionalString(body, 'prefix') ?? '';
	const limit = optionalInt(body, 'limit', 1);
	const rawCursor = optionalString(body, 'cursor');
	if (body.with_delimiter !== undefined && typeof body.with_delimiter !== 'boolean')
		throw invalidBody('body/with_delimiter must be boolean');
	const sort = body.sortBy === undefined ? undefined : sortBy(body.sortBy, SORT_COLUMNS_V2);
	mustBeValidBucketName(route.bucket);
	const cursor = rawCursor ? decodeContinuationToken(rawCursor) : undefined;
	if (cursor === null) throw ERRORS.invalidParameter('continuation token');
	const result = await deps.db
		.asRole(caller.ctx, (tx) =>
			listObjectsV2(tx, route.bucket, {
				prefix,
				limit,
				cursor,
				withDelimiter: body.with_delimiter === true,
				sortColumn: sort?.column as 'name' | 'updated_at' | 'created_at' | undefined,
				sortOrder: sort && (body.sortBy as { order?: string }).order ? sort.order : undefined
			})
		)
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	sendJson(res, 200, result);
}

/** POST /object/move — a rename of the row; the bytes stay under their version id. */
export async function move({ deps, req, res, url }: R<'move'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	const bucketId = requiredString(body, 'bucketId');
	const sourceKey = requiredString(body, 'sourceKey');
	const destinationKey = requiredString(body, 'destinationKey');
	const destinationBucket = optionalString(body, 'destinationBucket') || bucketId;
	mustBeValidBucketName(bucketId);
	mustBeValidBucketName(destinationBucket);
	mustBeValidKey(sourceKey);
	mustBeValidKey(destinationKey);
	if (destinationBucket !== bucketId && !(await sql.findBucket(deps.db, destinationBucket)))
		throw ERRORS.noSuchBucket();
	const moved = await deps.db
		.asRole(caller.ctx, (tx) =>
			sql.moveObject(
				tx,
				{ bucket: bucketId, name: sourceKey },
				{ bucket: destinationBucket, name: destinationKey },
				{ owner: ownerUuid(caller.sub), ownerId: caller.sub ?? null }
			)
		)
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	if (!moved) throw ERRORS.noSuchKey();
	sendJson(res, 200, { message: 'Successfully moved', Id: moved.id, Key: destinationKey });
}

/** POST /object/copy — the bytes are copied to a new version, then the row is written. */
export async function copy({ deps, req, res, url }: R<'copy'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	const bucketId = requiredString(body, 'bucketId');
	const sourceKey = requiredString(body, 'sourceKey');
	const destinationKey = requiredString(body, 'destinationKey');
	const destinationBucket = optionalString(body, 'destinationBucket') || bucketId;
	if (body.copyMetadata !== undefined && typeof body.copyMetadata !== 'boolean')
		throw invalidBody('body/copyMetadata must be boolean');
	const copyMetadata = body.copyMetadata !== false;
	const override =
		typeof body.metadata === 'object' && body.metadata !== null
			? (body.metadata as Record<string, unknown>)
			: {};
	const upsert = headerOf(req, 'x-upsert') === 'true';
	mustBeValidBucketName(bucketId);
	mustBeValidBucketName(destinationBucket);
	mustBeValidKey(sourceKey);
	mustBeValidKey(destinationKey);

	const source = await deps.db
		.asRole(caller.ctx, (tx) => sql.findObject(tx, bucketId, sourceKey))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	if (!source?.version) throw ERRORS.noSuchKey();
	if (!(await sql.findBucket(deps.db, destinationBucket))) throw ERRORS.noSuchBucket();
	const plan = {
		bucket: destinationBucket,
		key: destinationKey,
		upsert,
		ctx: caller.ctx,
		sub: caller.sub
	};
	await probeWrite(deps, plan);

	const version = randomUUID();
	const base = source.metadata ?? null;
	const metadata: sql.ObjectMetadata | null = base && {
		...base,
		...(copyMetadata
			? {}
			: {
					...(typeof override.cacheControl === 'string'
						? { cacheControl: override.cacheControl }
						: {}),
					...(typeof override.mimetype === 'string' ? { mimetype: override.mimetype } : {})
				}),
		lastModified: new Date().toISOString()
	};
	const row: sql.NewObject = {
		bucket: destinationBucket,
		name: destinationKey,
		owner: ownerUuid(caller.sub),
		ownerId: caller.sub ?? null,
		version,
		metadata: metadata as sql.ObjectMetadata,
		userMetadata: copyMetadata ? source.user_metadata : null
	};
	let result: { id: string; previous: string | null };
	await deps.blobs.copy(source.version, version);
	try {
		result = await deps.db.asRole(caller.ctx, async (tx) =>
			upsert ? sql.upsertObject(tx, row) : { ...(await sql.insertObject(tx, row)), previous: null }
		);
	} catch (err) {
		await deps.blobs.remove([version]);
		throw fromDatabaseError(err);
	}
	if (result.previous && result.previous !== version) await deps.blobs.remove([result.previous]);
	sendJson(res, 200, {
		Id: result.id,
		Key: `${destinationBucket}/${destinationKey}`,
		id: result.id,
		name: destinationKey,
		bucket_id: destinationBucket,
		version,
		owner: row.owner,
		metadata
	});
}

/** DELETE /object/:bucket {prefixes} — answers with the rows actually removed. */
export async function removeMany({ deps, req, res, url, route }: R<'removeMany'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	const body = await readJsonObject(req, deps.config.maxBodyBytes);
	const prefixes = body.prefixes;
	if (prefixes === undefined) throw invalidBody("body must have required property 'prefixes'");
	if (!Array.isArray(prefixes) || !prefixes.every((p): p is string => typeof p === 'string'))
		throw invalidBody('body/prefixes must be array');
	if (prefixes.length === 0) throw invalidBody('body/prefixes must NOT have fewer than 1 items');
	mustBeValidBucketName(route.bucket);
	const rows = await deps.db
		.asRole(caller.ctx, (tx) => sql.deleteObjects(tx, route.bucket, prefixes))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	await deps.blobs.remove(rows.map((r) => r.version));
	sendJson(res, 200, rows);
}

/** DELETE /object/:bucket/* */
export async function removeOne({ deps, req, res, url, route }: R<'removeOne'>): Promise<void> {
	const caller = await resolveCaller(deps.config, req, url, { allowAnonymous: false });
	mustBeValidBucketName(route.bucket);
	mustBeValidKey(route.key);
	const rows = await deps.db
		.asRole(caller.ctx, (tx) => sql.deleteObjects(tx, route.bucket, [route.key]))
		.catch((e) => {
			throw fromDatabaseError(e);
		});
	if (rows.length === 0) throw ERRORS.noSuchKey();
	await deps.blobs.remove(rows.map((r) => r.version));
	sendJson(res, 200, { message: 'Successfully deleted' });
}
