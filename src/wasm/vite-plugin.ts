/**
 * `import bytes from './x.wat'`: a WebAssembly text file assembled when it is imported (dev,
 * build and unit tests alike), its binary module as a Uint8Array. The text is the source kept
 * in the repository; no binary is committed. SIMD and bulk memory are enabled, as every browser
 * with WebAssembly SIMD has both; the page checks for SIMD before it uses such a module.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import initWabt from 'wabt';

let wabt: ReturnType<typeof initWabt> | null = null;

/** The binary module of a WebAssembly text `source` (`file` names it in errors). */
export async function assembleWat(file: string, source: string): Promise<Uint8Array> {
	wabt ??= initWabt();
	const module = (await wabt).parseWat(file, source, { simd: true, bulk_memory: true });
	try {
		module.resolveNames();
		module.validate();
		return module.toBinary({}).buffer;
	} finally {
		module.destroy();
	}
}

export function wat(): Plugin {
	return {
		name: 'parley-wat',
		async load(id) {
			const file = id.split('?')[0];
			if (!file.endsWith('.wat')) return;
			this.addWatchFile(file);
			const bytes = await assembleWat(file, await readFile(file, 'utf8'));
			return `export default new Uint8Array([${bytes.join(',')}]);`;
		}
	};
}
