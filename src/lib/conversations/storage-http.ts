/**
 * The attachments bucket over Storage's HTTP API, as storage-js speaks it, for the widget and
 * the console alike. Uploads go through XMLHttpRequest rather than storage-js's `fetch`: only
 * XHR reports upload progress. Loaded on first use (it is not part of the widget's first load).
 */
import { ATTACHMENT_BUCKET, SIGNED_URL_TTL_S } from './attachments.ts';
import type { SendFailure } from './types.ts';

/** Where Storage is and who is asking. */
export interface StorageAccess {
	/** The Supabase URL (Storage is under `/storage/v1`). */
	url: string;
	anonKey: string;
	/** The caller's access token of the moment. */
	token(): string | Promise<string>;
}

export type UploadOutcome = { ok: true } | { ok: false; reason: SendFailure; message: string };

/** Uploads, signed links and clean-up of one conversation's attachments. */
export interface AttachmentStorage {
	upload(
		path: string,
		blob: Blob,
		mime: string,
		onProgress: (fraction: number) => void,
		signal: AbortSignal
	): Promise<UploadOutcome>;
	/** A short-lived link to the object; `download` makes the browser save it under that name. */
	signedUrl(path: string, download?: string): Promise<string>;
	/** Removes objects no message names (a cancelled or refused send). */
	remove(paths: string[]): Promise<void>;
}

interface StorageErrorBody {
	statusCode?: string;
	code?: string;
	error?: string;
	message?: string;
}

/** Why Storage refused an upload, from its error body (see supabase/local/storage/errors.ts). */
export function uploadFailure(status: number, body: StorageErrorBody | null): SendFailure {
	if (status === 0 || status >= 500) return 'network';
	const logical = Number(body?.statusCode ?? status);
	if (body?.code === 'EntityTooLarge' || logical === 413 || status === 413) return 'too-large';
	if (body?.code === 'InvalidMimeType' || logical === 415) return 'type';
	if (logical === 429) return 'rate-limited';
	return 'refused';
}

const objectUrl = (access: StorageAccess, kind: 'object' | 'object/sign', path: string) =>
	`${access.url}/storage/v1/${kind}/${ATTACHMENT_BUCKET}/${path
		.split('/')
		.map(encodeURIComponent)
		.join('/')}`;

async function headers(access: StorageAccess): Promise<Record<string, string>> {
	return { apikey: access.anonKey, authorization: `Bearer ${await access.token()}` };
}

function parseBody(text: string): StorageErrorBody | null {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null ? (value as StorageErrorBody) : null;
	} catch {
		return null;
	}
}

/** The attachments bucket for one person. */
export function attachmentStorage(access: StorageAccess): AttachmentStorage {
	return {
		async upload(path, blob, mime, onProgress, signal) {
			const auth = await headers(access);
			return new Promise<UploadOutcome>((resolve) => {
				const xhr = new XMLHttpRequest();
				xhr.open('POST', objectUrl(access, 'object', path));
				for (const [k, v] of Object.entries(auth)) xhr.setRequestHeader(k, v);
				xhr.setRequestHeader('content-type', mime);
				xhr.setRequestHeader('cache-control', 'max-age=3600');
				xhr.setRequestHeader('x-upsert', 'false');
				xhr.upload.onprogress = (e) => {
					if (e.lengthComputable) onProgress(e.loaded / e.total);
				};
				xhr.onload = () => {
					const body = parseBody(xhr.responseText);
					if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true });
					// A retry after a lost answer finds its own object there already.
					if (body?.statusCode === '409') return resolve({ ok: true });
					resolve({
						ok: false,
						reason: uploadFailure(xhr.status, body),
						message: body?.message ?? `HTTP ${xhr.status}`
					});
				};
				xhr.onerror = () => resolve({ ok: false, reason: 'network', message: 'network error' });
				xhr.onabort = () => resolve({ ok: false, reason: 'network', message: 'cancelled' });
				signal.addEventListener('abort', () => xhr.abort(), { once: true });
				if (signal.aborted) xhr.abort();
				else xhr.send(blob);
			});
		},
		async signedUrl(path, download) {
			const res = await fetch(objectUrl(access, 'object/sign', path), {
				method: 'POST',
				headers: { ...(await headers(access)), 'content-type': 'application/json' },
				body: JSON.stringify({ expiresIn: SIGNED_URL_TTL_S })
			});
			const body = (await res.json().catch(() => null)) as { signedURL?: string } | null;
			if (!res.ok || typeof body?.signedURL !== 'string')
				throw new Error(`Storage could not sign ${path} (HTTP ${res.status})`);
			const url = `${access.url}/storage/v1${body.signedURL}`;
			return download === undefined ? url : `${url}&download=${encodeURIComponent(download)}`;
		},
		async remove(paths) {
			if (!paths.length) return;
			await fetch(`${access.url}/storage/v1/object/${ATTACHMENT_BUCKET}`, {
				method: 'DELETE',
				headers: { ...(await headers(access)), 'content-type': 'application/json' },
				body: JSON.stringify({ prefixes: paths })
			}).catch(() => undefined);
		}
	};
}
