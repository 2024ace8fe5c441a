/** Helpers shared by the storage contract tests. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestStack } from './stack.ts';

/** The fields of a storage-js error that carry the server's answer. */
export function apiError(error: unknown) {
	const e = error as {
		status?: number;
		statusCode?: string;
		message?: string;
		code?: string;
	} | null;
	return e && { status: e.status, statusCode: e.statusCode, message: e.message, code: e.code };
}

/** Files under the stack's storage folders: committed objects and in-flight temp files. */
export async function storageFiles(t: TestStack): Promise<{ objects: string[]; tmp: string[] }> {
	const root = join(t.stack.config.dataDir, 'storage');
	const list = async (dir: string) => (await readdir(join(root, dir)).catch(() => [])).sort();
	return { objects: await list('objects'), tmp: await list('tmp') };
}

/** Deterministic pseudo-random bytes (so a mismatch shows up anywhere in the file). */
export function bytesOf(size: number, seed = 1): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(size);
	let x = seed >>> 0 || 1;
	for (let i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = x & 0xff;
	}
	return out;
}

/** Polls `check` until it returns true, at most `attempts` times `intervalMs` apart. */
export async function eventually(
	check: () => Promise<boolean>,
	attempts = 50,
	intervalMs = 100
): Promise<boolean> {
	for (let i = 0; i < attempts; i++) {
		if (await check()) return true;
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	return false;
}
