/**
 * Reads an upload body, multipart (as storage-js sends a Blob/File) or raw, straight into a
 * temp blob with the size limit enforced while streaming. Refusals that the headers already
 * decide (MIME type, declared size) happen before a byte is written.
 */
import type { IncomingMessage } from 'node:http';
import { headerOf } from '../http.ts';
import type { BlobStore, BlobWriter } from './blobs.ts';
import { ERRORS } from './errors.ts';
import { mustBeAllowedMimeType } from './limits.ts';
import { boundaryOf, MultipartError, readMultipart, type PartSink } from './multipart.ts';

/** Largest text field (cacheControl, metadata…) read from a multipart upload, in bytes. */
export const MAX_FORM_FIELD_BYTES = 1024 * 1024;

export interface ReceivedUpload {
	writer: BlobWriter;
	mimetype: string;
	cacheControl: string;
	userMetadata: Record<string, unknown> | null;
}

export interface ReceiveOptions {
	limitBytes: number;
	allowedMimeTypes: string[] | null;
}

function parseUserMetadata(text: string | undefined): Record<string, unknown> | null {
	if (!text) return null;
	if (Buffer.byteLength(text) > MAX_FORM_FIELD_BYTES) throw ERRORS.entityTooLarge();
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

async function receiveRaw(
	req: IncomingMessage,
	blobs: BlobStore,
	o: ReceiveOptions
): Promise<ReceivedUpload> {
	const mimetype = headerOf(req, 'content-type') || 'application/octet-stream';
	mustBeAllowedMimeType(mimetype, o.allowedMimeTypes);
	const declared = headerOf(req, 'content-length');
	if (declared !== undefined && Number(declared) > o.limitBytes) throw ERRORS.entityTooLarge();
	const encoded = headerOf(req, 'x-metadata');
	const userMetadata = encoded
		? parseUserMetadata(Buffer.from(encoded, 'base64').toString('utf8'))
		: null;
	const writer = await blobs.begin(o.limitBytes);
	try {
		for await (const chunk of req) await writer.write(chunk as Buffer);
		if (declared !== undefined && writer.sizeBytes !== Number(declared))
			throw ERRORS.invalidRequest('The request body ended before its declared length');
		return {
			writer,
			mimetype,
			cacheControl: headerOf(req, 'cache-control') ?? 'no-cache',
			userMetadata
		};
	} catch (err) {
		await writer.abort();
		throw err;
	}
}

async function receiveMultipart(
	req: IncomingMessage,
	boundary: string,
	blobs: BlobStore,
	o: ReceiveOptions
): Promise<ReceivedUpload> {
	const fields = new Map<string, string>();
	let file: { writer: BlobWriter; mimetype: string } | undefined;
	let fieldBytes = 0;
	try {
		await readMultipart(req, boundary, async (part): Promise<PartSink | null> => {
			if (file) return null; // Storage takes the first file; later parts are ignored.
			if (part.filename === undefined) {
				const chunks: Buffer[] = [];
				return {
					write(chunk) {
						fieldBytes += chunk.length;
						if (fieldBytes > MAX_FORM_FIELD_BYTES) throw ERRORS.entityTooLarge();
						chunks.push(chunk);
					},
					end() {
						if (!fields.has(part.name))
							fields.set(part.name, Buffer.concat(chunks).toString('utf8'));
					}
				};
			}
			const mimetype = fields.get('contentType') || part.contentType || 'application/octet-stream';
			mustBeAllowedMimeType(mimetype, o.allowedMimeTypes);
			const writer = await blobs.begin(o.limitBytes);
			file = { writer, mimetype };
			return { write: (chunk) => writer.write(chunk), end: () => undefined };
		});
	} catch (err) {
		await file?.writer.abort();
		if (err instanceof MultipartError) throw ERRORS.noContent();
		throw err;
	}
	if (!file) throw ERRORS.noContent();
	const cacheTime = fields.get('cacheControl');
	return {
		writer: file.writer,
		mimetype: file.mimetype,
		cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
		userMetadata: parseUserMetadata(fields.get('metadata') ?? fields.get('userMetadata'))
	};
}

/** Receives an upload into a temp blob; on any failure the temp file is already gone. */
export function receiveUpload(
	req: IncomingMessage,
	blobs: BlobStore,
	o: ReceiveOptions
): Promise<ReceivedUpload> {
	const contentType = headerOf(req, 'content-type');
	if (contentType && /^multipart\/form-data/i.test(contentType)) {
		const boundary = boundaryOf(contentType);
		if (!boundary) return Promise.reject(ERRORS.noContent());
		return receiveMultipart(req, boundary, blobs, o);
	}
	return receiveRaw(req, blobs, o);
}
