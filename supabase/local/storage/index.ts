/**
 * /storage/v1: Supabase Storage's HTTP API over `storage.buckets`/`storage.objects` (RLS
 * enforced by Postgres) with object bytes on disk under `<dataDir>/storage`.
 */
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import type { ServiceFactory } from '../service.ts';
import { BlobStore } from './blobs.ts';
import * as buckets from './buckets.ts';
import { drainRequest, type HandlerArgs, type StorageDeps } from './context.ts';
import * as download from './download.ts';
import { fromDatabaseError, sendStorageError, StorageError } from './errors.ts';
import * as objects from './objects.ts';
import * as render from './render.ts';
import { parseRoute, RouteEncodingError, type Route } from './routes.ts';
import * as signing from './signing.ts';
import { liveVersions } from './sql.ts';
import * as upload from './upload.ts';

const PREFIX = '/storage/v1';

type Handler<K extends Route['kind']> = (
	args: HandlerArgs<Extract<Route, { kind: K }>>
) => Promise<void>;
type HandlerTable = { [K in Route['kind']]: Handler<K> };

/** One handler per route kind; the type makes a missing one a compile error. */
const HANDLERS: HandlerTable = {
	listBuckets: buckets.listBuckets,
	getBucket: buckets.getBucket,
	createBucket: buckets.createBucket,
	updateBucket: buckets.updateBucket,
	emptyBucket: buckets.emptyBucket,
	deleteBucket: buckets.deleteBucket,
	upload: upload.upload,
	signedUpload: upload.signedUpload,
	removeMany: objects.removeMany,
	removeOne: objects.removeOne,
	download: download.download,
	info: download.info,
	signedDownload: download.signedDownload,
	renderImage: render.renderImage,
	list: objects.list,
	listV2: objects.listV2,
	move: objects.move,
	copy: objects.copy,
	sign: signing.sign,
	signMany: signing.signMany,
	signUpload: signing.signUpload
};

function dispatch(args: HandlerArgs<Route>): Promise<void> {
	const handler = HANDLERS[args.route.kind] as Handler<Route['kind']>;
	return handler(args as HandlerArgs<never>);
}

async function answerError(req: IncomingMessage, res: ServerResponse, err: unknown): Promise<void> {
	// A client that hung up mid-request gets no reply; its upload was already cleaned up.
	if (req.destroyed && (err as NodeJS.ErrnoException)?.code === 'ECONNRESET') return;
	const storageError = err instanceof StorageError ? err : fromDatabaseError(err);
	if (!(err instanceof StorageError) && storageError.logicalStatus >= 500)
		console.error('storage: unexpected error:', err);
	if (res.headersSent) {
		res.destroy();
		return;
	}
	// Let a client that is still uploading finish sending, or it may never read the reply.
	await drainRequest(req);
	if (!req.socket?.destroyed) sendStorageError(res, storageError);
}

/** Route prefixes whose plugins set Storage's REST not-found handler (not-found-handler.ts). */
const REST_PREFIXES = /^\/(bucket|object|render\/image)(\/|$)/;

/** Storage's 404 for a route it lacks: the REST form under its API prefixes, Fastify's elsewhere. */
function notFoundBody(method: string, url: URL) {
	const path = url.pathname.slice(PREFIX.length);
	if (REST_PREFIXES.test(path))
		return {
			statusCode: '404',
			error: 'Not Found',
			message: `Route ${method}:${path}${url.search} not found`,
			code: 'InvalidRequest'
		};
	return {
		message: `Route ${method}:${path}${url.search} not found`,
		error: 'Not Found',
		statusCode: 404
	};
}

export const createStorageService: ServiceFactory = async ({ config, db }) => {
	const blobs = new BlobStore(join(config.dataDir, 'storage'));
	await blobs.init();
	// Bytes whose row never committed (a crash between rename and commit) are removed.
	await blobs.sweep(await liveVersions(db));
	const deps: StorageDeps = { config, db, blobs };

	return {
		prefix: PREFIX,
		async handle(req, res, url) {
			const method = req.method ?? 'GET';
			let route: Route | null;
			try {
				route = parseRoute(method, url.pathname.slice(PREFIX.length));
				// render/index.ts registers no render route while transformation is off.
				if (route?.kind === 'renderImage' && !config.storage.imageTransformation) route = null;
			} catch (err) {
				if (!(err instanceof RouteEncodingError)) throw err;
				await answerError(
					req,
					res,
					new StorageError(400, 'InvalidRequest', err.message, 'Bad Request')
				);
				return;
			}
			if (!route) {
				await drainRequest(req);
				sendJson(res, 404, notFoundBody(method, url));
				return;
			}
			try {
				await dispatch({ deps, req, res, url, route });
			} catch (err) {
				await answerError(req, res, err);
			}
		}
	};
};
