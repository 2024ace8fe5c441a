/**
 * Storage API errors, as Supabase Storage renders them: the body carries the logical status
 * (`statusCode: "404"`), a `code` and a legacy `error`; the HTTP status is 400 for every
 * handled error below 500 (Storage's `userStatusCode`), 500 otherwise.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';

export interface StorageErrorBody {
	statusCode: string;
	code: string;
	error: string;
	message: string;
}

export class StorageError extends Error {
	override name = 'StorageError';
	/** The status Storage names in the body (`statusCode`). */
	readonly logicalStatus: number;
	readonly code: string;
	/** The legacy `error` field; Storage falls back to the code. */
	readonly legacyError: string;
	constructor(logicalStatus: number, code: string, message: string, legacyError?: string) {
		super(message);
		this.logicalStatus = logicalStatus;
		this.code = code;
		this.legacyError = legacyError ?? code;
	}
	private httpOverride: number | undefined;
	/** The HTTP status Storage answers with. */
	get httpStatus(): number {
		return this.httpOverride ?? (this.logicalStatus >= 500 ? this.logicalStatus : 400);
	}
	/** Answers with this HTTP status instead of 400 (Storage's `withStatusCode`). */
	withHttpStatus(status: number): this {
		this.httpOverride = status;
		return this;
	}
	body(): StorageErrorBody {
		return {
			statusCode: String(this.logicalStatus),
			code: this.code,
			error: this.legacyError,
			message: this.message
		};
	}
}

/** The errors this service raises, named as in Storage's `ERRORS` table. */
export const ERRORS = {
	noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
	noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
	invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
	invalidBucketName: () =>
		new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input'),
	/** A route only some JWT roles may call (Storage's `enforceJwtRoles`); HTTP 403. */
	invalidRole: () =>
		new StorageError(
			403,
			'AccessDenied',
			'Access denied: Invalid role',
			'Unauthorized'
		).withHttpStatus(403),
	invalidJwt: (message: string) => new StorageError(400, 'InvalidJWT', message),
	invalidSignature: (message = 'Invalid signature') =>
		new StorageError(400, 'InvalidSignature', message),
	accessDenied: (message = 'Access denied') =>
		new StorageError(403, 'AccessDenied', message, 'Unauthorized'),
	rlsDenied: () =>
		new StorageError(
			403,
			'AccessDenied',
			'new row violates row-level security policy',
			'Unauthorized'
		),
	resourceAlreadyExists: () =>
		new StorageError(409, 'ResourceAlreadyExists', 'The resource already exists', 'Duplicate'),
	bucketAlreadyExists: () =>
		new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
	bucketNotEmpty: () =>
		new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
	entityTooLarge: () =>
		new StorageError(
			413,
			'EntityTooLarge',
			'The object exceeded the maximum allowed size',
			'Payload too large'
		),
	invalidMimeType: (mime: string) =>
		new StorageError(
			415,
			'InvalidMimeType',
			`mime type ${mime} is not supported`,
			'invalid_mime_type'
		),
	contentNotImage: (mime: string) =>
		new StorageError(
			415,
			'InvalidMimeType',
			`mime type ${mime} does not match the file's content`,
			'invalid_mime_type'
		),
	invalidFileSizeLimit: () =>
		new StorageError(
			400,
			'InvalidRequest',
			'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'
		),
	noContent: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
	invalidRequest: (message: string) => new StorageError(400, 'InvalidRequest', message),
	invalidRange: () =>
		new StorageError(400, 'InvalidRange', 'invalid range provided', 'invalid_range'),
	invalidParameter: (name: string) =>
		new StorageError(400, 'InvalidParameter', `Invalid Parameter ${name}`),
	missingParameter: (name: string) =>
		new StorageError(400, 'MissingParameter', `Missing Required Parameter ${name}`),
	internal: (message = 'Internal server error') => new StorageError(500, 'InternalError', message)
} as const;

interface PgErrorLike {
	code?: unknown;
	message?: unknown;
}

/** Maps a database error the way Storage's DBError does; anything else becomes an InternalError. */
export function fromDatabaseError(err: unknown): StorageError {
	if (err instanceof StorageError) return err;
	const pg = (err ?? {}) as PgErrorLike;
	const message = typeof pg.message === 'string' ? pg.message : '';
	switch (pg.code) {
		case '42501':
			return message.includes('row-level security')
				? ERRORS.rlsDenied()
				: ERRORS.accessDenied(message || 'Access denied');
		case '23505':
			return ERRORS.resourceAlreadyExists();
		case '23503':
			return new StorageError(404, 'InvalidRequest', 'The related resource does not exist');
		case '22P02':
			return new StorageError(400, 'InvalidParameter', message || 'Invalid Parameter value');
		default:
			if (typeof pg.code === 'string')
				return new StorageError(500, 'DatabaseError', `database error, code: ${pg.code}`);
			return ERRORS.internal();
	}
}

/** Writes a Storage error reply. */
export function sendStorageError(res: ServerResponse, err: StorageError): void {
	sendJson(res, err.httpStatus, err.body());
}
