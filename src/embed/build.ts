/**
 * Builds the snippet: src/embed/index.ts bundled and minified by rolldown (which Vite 8
 * ships) into one script body, wrapped with the run-time config when served; and the panel
 * it loads on demand, src/embed/panel.ts, as a small ES module. Used by the Vite plugin in
 * vite.config.ts, the size check and the benchmark. Node only.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
export { wrapSnippet, type SnippetConfig } from './wrap.ts';

/** The design's budget for what every host page downloads, gzipped, as served. */
export const SNIPPET_BUDGET_GZIP_BYTES = 3072;

export const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
export const PANEL_ENTRY = fileURLToPath(new URL('./panel.ts', import.meta.url));

/** A bundled, minified entry, and the files it was built from. */
async function build(input: string): Promise<{ code: string; files: string[] }> {
	const bundle = await rolldown({
		input,
		platform: 'browser',
		// Self-contained: not the app's tsconfig (which needs `svelte-kit sync` first).
		tsconfig: false,
		transform: { target: 'es2022' },
		// Leave the host page's console alone: no warnings about PARLEY_URL being global.
		logLevel: 'silent'
	});
	try {
		const { output } = await bundle.generate({ format: 'esm', minify: true, comments: false });
		const chunk = output[0];
		return { code: chunk.code.trim(), files: chunk.moduleIds.filter((id) => !id.includes('\0')) };
	} finally {
		await bundle.close();
	}
}

/** The snippet body (`/embed.js` before wrapSnippet). */
export const buildSnippet = () => build(ENTRY);
/** The panel module (`/embed-panel.js`, served as it is). */
export const buildPanel = () => build(PANEL_ENTRY);

/** Gzipped size in bytes, at the level a server would typically use. */
export const gzipBytes = (text: string) => gzipSync(text, { level: 9 }).length;
