/** What every storage handler receives, and the request-body helpers they share. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackConfig } from '../config.ts';
import type { Database } from '../db.ts';
import { BodyTooLargeError, readBody } from '../http.ts';
import type { BlobStore } from './blobs.ts';
import { ERRORS, StorageError } from './errors.ts';

export interface StorageDeps {
	config: StackConfig;
	db: Database;
	blobs: BlobStore;
}

export interface HandlerArgs<R> {
	deps: StorageDeps;
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	route: R;
}

/** Longest time spent discarding a refused upload's body before the reply is sent, in ms. */
export const DRAIN_TIMEOUT_MS = 30_000;

/**
 * Discards the rest of a request body so the reply reaches a client that is still sending
 * (a client mid-upload may miss a reply sent while its body is unread).
 */
export function drainRequest(req: IncomingMessage): Promise<void> {
	if (req.complete || req.destroyed || req.readableEnded) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
		function done() {
			clearTimeout(timer);
			req.off('end', done);
			req.off('close', done);
			req.off('error', done);
			resolve();
		}
		req.on('end', done);
		req.on('close', done);
		req.on('error', done);
		req.resume();
	});
}

export type JsonObject = Record<string, unknown>;

/** Reads a JSON object body (an empty body reads as `{}`), answering bad input as Storage does. */
export async function readJsonObject(
	req: IncomingMessage,
	limitBytes: number
): Promise<JsonObject> {
	let text: string;
	try {
		text = (await readBody(req, limitBytes)).toString('utf8');
	} catch (err) {
		if (err instanceof BodyTooLargeError) throw ERRORS.entityTooLarge();
		throw err;
	}
	if (text.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new StorageError(400, 'InvalidRequest', 'Body is not valid JSON', 'Bad Request');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw invalidBody('body must be object');
	return value as JsonObject;
}

/**
 * A schema-validation failure, worded as Fastify's validator words it; Storage's error
 * handler names it by the plain Error's name (src/http/error-handler.ts).
 */
export function invalidBody(message: string): StorageError {
	return new StorageError(400, 'InvalidRequest', message, 'Error');
}

export function requiredString(body: JsonObject, field: string): string {
	const value = body[field];
	if (value === undefined) throw invalidBody(`body must have required property '${field}'`);
	if (typeof value !== 'string') throw invalidBody(`body/${field} must be string`);
	return value;
}

export function optionalString(body: JsonObject, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidBody(`body/${field} must be string`);
	return value;
}

export function optionalInt(body: JsonObject, field: string, min: number): number | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value))
		throw invalidBody(`body/${field} must be integer`);
	if (value < min) throw invalidBody(`body/${field} must be >= ${min}`);
	return value;
}
