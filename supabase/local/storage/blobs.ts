/**
 * Object bytes on disk. Each stored version is one immutable file named by its version id
 * under `objects/`; uploads are written to `tmp/` first, fsynced, and renamed into place only
 * once complete, so a reader never sees a partial file and a failed upload leaves nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import {
	copyFile,
	mkdir,
	open,
	readdir,
	rename,
	rm,
	stat,
	unlink,
	type FileHandle
} from 'node:fs/promises';
import { join } from 'node:path';
import { ERRORS } from './errors.ts';

const VERSION_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface WrittenBlob {
	sizeBytes: number;
	/** Quoted MD5 of the bytes, as Storage's file backend reports it. */
	eTag: string;
}

/** How many leading bytes a writer keeps for content checks. */
export const HEAD_BYTES = 32;

/** An upload in progress: bytes go to a temp file; `abort` removes it. */
export class BlobWriter {
	readonly tmpPath: string;
	readonly limitBytes: number;
	#handle: FileHandle | undefined;
	#hash = createHash('md5');
	#size = 0;
	#closed = false;
	/** The first bytes written, for checking a declared type against the content. */
	#head = Buffer.alloc(0);

	constructor(tmpPath: string, handle: FileHandle, limitBytes: number) {
		this.tmpPath = tmpPath;
		this.#handle = handle;
		this.limitBytes = limitBytes;
	}

	get sizeBytes(): number {
		return this.#size;
	}

	/** Up to the first HEAD_BYTES bytes of the upload. */
	get head(): Buffer {
		return this.#head;
	}

	/** Appends bytes; throws EntityTooLarge as soon as the limit is passed. */
	async write(chunk: Buffer): Promise<void> {
		if (!this.#handle) throw new Error('blob writer is closed');
		this.#size += chunk.length;
		if (this.#size > this.limitBytes) throw ERRORS.entityTooLarge();
		this.#hash.update(chunk);
		if (this.#head.length < HEAD_BYTES)
			this.#head = Buffer.concat([this.#head, chunk.subarray(0, HEAD_BYTES - this.#head.length)]);
		let offset = 0;
		while (offset < chunk.length) {
			const { bytesWritten } = await this.#handle.write(chunk, offset, chunk.length - offset);
			offset += bytesWritten;
		}
	}

	/** Flushes the bytes to stable storage and closes the file. */
	async finish(): Promise<WrittenBlob> {
		if (!this.#handle) throw new Error('blob writer is closed');
		await this.#handle.sync();
		await this.#handle.close();
		this.#handle = undefined;
		this.#closed = true;
		return { sizeBytes: this.#size, eTag: `"${this.#hash.digest('hex')}"` };
	}

	/** Closes and removes the temp file; safe to call more than once. */
	async abort(): Promise<void> {
		const handle = this.#handle;
		this.#handle = undefined;
		if (handle) await handle.close().catch(() => undefined);
		await rm(this.tmpPath, { force: true });
		this.#closed = true;
	}

	get closed(): boolean {
		return this.#closed;
	}
}

export class BlobStore {
	readonly root: string;
	readonly tmpDir: string;
	readonly objectsDir: string;

	constructor(root: string) {
		this.root = root;
		this.tmpDir = join(root, 'tmp');
		this.objectsDir = join(root, 'objects');
	}

	/** Creates the folders and removes temp files a crash left behind. */
	async init(): Promise<void> {
		await rm(this.tmpDir, { recursive: true, force: true });
		await mkdir(this.tmpDir, { recursive: true });
		await mkdir(this.objectsDir, { recursive: true });
	}

	pathOf(version: string): string {
		if (!VERSION_NAME.test(version)) throw new Error(`not a version id: ${version}`);
		return join(this.objectsDir, version);
	}

	/** Starts writing a new blob into a temp file. */
	async begin(limitBytes: number): Promise<BlobWriter> {
		const tmpPath = join(this.tmpDir, randomUUID());
		const handle = await open(tmpPath, 'wx', 0o600);
		return new BlobWriter(tmpPath, handle, limitBytes);
	}

	/** Moves a finished temp file into place under its version id. */
	async commit(writer: BlobWriter, version: string): Promise<void> {
		await rename(writer.tmpPath, this.pathOf(version));
	}

	/** Copies a stored version to a new version id (via a temp file, so never half-copied). */
	async copy(fromVersion: string, toVersion: string): Promise<void> {
		const tmpPath = join(this.tmpDir, randomUUID());
		try {
			await copyFile(this.pathOf(fromVersion), tmpPath);
			const handle = await open(tmpPath, 'r+');
			await handle.sync().finally(() => handle.close());
			await rename(tmpPath, this.pathOf(toVersion));
		} catch (err) {
			await rm(tmpPath, { force: true });
			throw err;
		}
	}

	/** Removes stored versions; missing files are fine. */
	async remove(versions: Iterable<string | null | undefined>): Promise<void> {
		for (const version of versions) {
			if (!version || !VERSION_NAME.test(version)) continue;
			await unlink(this.pathOf(version)).catch((err: NodeJS.ErrnoException) => {
				if (err.code !== 'ENOENT') throw err;
			});
		}
	}

	async size(version: string): Promise<number | undefined> {
		try {
			return (await stat(this.pathOf(version))).size;
		} catch {
			return undefined;
		}
	}

	/** Opens a stored version for reading (an inclusive byte range, if given). */
	read(version: string, range?: { start: number; end: number }): ReadStream {
		return createReadStream(
			this.pathOf(version),
			range ? { start: range.start, end: range.end } : {}
		);
	}

	/** Deletes stored files that no row references (left by a crash between rename and commit). */
	async sweep(liveVersions: Set<string>): Promise<number> {
		let removed = 0;
		for (const name of await readdir(this.objectsDir)) {
			if (!liveVersions.has(name)) {
				await rm(join(this.objectsDir, name), { force: true });
				removed++;
			}
		}
		return removed;
	}
}
