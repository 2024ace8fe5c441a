/**
 * A streaming multipart/form-data reader: parts are handed to a sink chunk by chunk, so an
 * upload of any size passes through a buffer no bigger than one network chunk plus the
 * boundary. Written for what browsers and undici send (RFC 7578).
 */

/** Largest header block of one part, in bytes. */
export const MAX_PART_HEADER_BYTES = 16 * 1024;

export class MultipartError extends Error {
	override name = 'MultipartError';
}

export interface PartInfo {
	/** The form field name; storage-js names its file field `""`. */
	name: string;
	/** Present for file parts. */
	filename: string | undefined;
	contentType: string | undefined;
}

/** Receives one part's bytes; `write` is awaited, so a slow sink slows the reader. */
export interface PartSink {
	write(chunk: Buffer): Promise<void> | void;
	end(): Promise<void> | void;
}

/** Decides what to do with a part: a sink to receive it, or null to skip its bytes. */
export type PartHandler = (part: PartInfo) => Promise<PartSink | null> | PartSink | null;

/** The boundary of a `multipart/form-data` content type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	const boundary = match?.[1] ?? match?.[2];
	return boundary && boundary.length <= 200 ? boundary : undefined;
}

/** Reads `key="value"` parameters of a header value (quoted or bare). */
export function headerParams(value: string): Map<string, string> {
	const params = new Map<string, string>();
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	for (let m = re.exec(value); m; m = re.exec(value)) {
		const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
		params.set(m[1].toLowerCase(), raw);
	}
	return params;
}

function parsePartHeaders(block: string): PartInfo {
	let disposition: string | undefined;
	let contentType: string | undefined;
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const key = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (key === 'content-disposition') disposition = value;
		else if (key === 'content-type') contentType = value;
	}
	if (!disposition || !/^form-data\b/i.test(disposition))
		throw new MultipartError('part without a form-data Content-Disposition');
	const params = headerParams(disposition);
	const name = params.get('name');
	if (name === undefined) throw new MultipartError('part without a name');
	return { name, filename: params.get('filename'), contentType };
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done';

/**
 * Reads a multipart body from `source`, calling `onPart` for each part. Resolves when the
 * closing boundary is seen (the epilogue is ignored); rejects with MultipartError on a
 * malformed or truncated body, or with whatever a sink throws.
 */
export async function readMultipart(
	source: AsyncIterable<Buffer | Uint8Array | string>,
	boundary: string,
	onPart: PartHandler
): Promise<void> {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	// A leading CRLF lets the first boundary match the same delimiter as the others.
	let buf: Buffer = CRLF;
	let state = 'preamble' as State;
	let sink: PartSink | null = null;

	const step = async (): Promise<boolean> => {
		switch (state) {
			case 'preamble': {
				const at = buf.indexOf(delimiter);
				if (at < 0) {
					buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
					return false;
				}
				buf = buf.subarray(at + delimiter.length);
				state = 'afterDelimiter';
				return true;
			}
			case 'afterDelimiter': {
				if (buf.length < 2) return false;
				if (buf[0] === 0x2d && buf[1] === 0x2d) {
					state = 'done';
					return false;
				}
				// Transport padding (spaces/tabs) may precede the CRLF.
				let i = 0;
				while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
				if (buf.length - i < 2) return false;
				if (buf[i] !== 0x0d || buf[i + 1] !== 0x0a)
					throw new MultipartError('malformed boundary line');
				buf = buf.subarray(i + 2);
				state = 'headers';
				return true;
			}
			case 'headers': {
				const at = buf.indexOf(HEADER_END);
				if (at < 0) {
					if (buf.length > MAX_PART_HEADER_BYTES)
						throw new MultipartError('part headers too large');
					return false;
				}
				const info = parsePartHeaders(buf.subarray(0, at).toString('utf8'));
				buf = buf.subarray(at + HEADER_END.length);
				sink = await onPart(info);
				state = 'body';
				return true;
			}
			case 'body': {
				const at = buf.indexOf(delimiter);
				if (at < 0) {
					// Keep a tail that could be the start of a delimiter split across chunks.
					const safe = buf.length - delimiter.length + 1;
					if (safe > 0) {
						if (sink) await sink.write(buf.subarray(0, safe));
						buf = buf.subarray(safe);
					}
					return false;
				}
				if (sink) {
					if (at > 0) await sink.write(buf.subarray(0, at));
					await sink.end();
				}
				sink = null;
				buf = buf.subarray(at + delimiter.length);
				state = 'afterDelimiter';
				return true;
			}
			case 'done':
				return false;
		}
	};

	for await (const chunk of source) {
		if (state === 'done') continue;
		const bytes =
			typeof chunk === 'string'
				? Buffer.from(chunk)
				: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		buf = buf.length === 0 ? bytes : Buffer.concat([buf, bytes]);
		while (await step());
	}
	if (state !== 'done')
		throw new MultipartError('multipart body ended before its closing boundary');
}
