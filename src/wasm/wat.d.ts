/** A WebAssembly text file, assembled on import (vite-plugin.ts): its binary module. */
declare module '*.wat' {
	const bytes: Uint8Array<ArrayBuffer>;
	export default bytes;
}
