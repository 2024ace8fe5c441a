/**
 * Builds the snippet: src/embed/index.ts bundled and minified by rolldown (which Vite 8
 * ships) into one script body, and wraps it with the run-time config. Used by the Vite
 * plugin in vite.config.ts, the size check and the benchmark. Node only.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
export { wrapSnippet, type SnippetConfig } from './wrap.ts';

/** The design's budget for what a host page downloads, gzipped. Not met yet: see bench/README.md. */
export const SNIPPET_BUDGET_GZIP_BYTES = 3072;
/** What the size check holds the snippet to until it fits the budget: it must not grow. */
export const SNIPPET_CEILING_GZIP_BYTES = 4608;

export const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));

/** The bundled, minified snippet body, and the files it was built from. */
export async function buildSnippet(): Promise<{ code: string; files: string[] }> {
	const bundle = await rolldown({
		input: ENTRY,
		platform: 'browser',
		// Self-contained: not the app's tsconfig (which needs `svelte-kit sync` first).
		tsconfig: false,
		transform: { target: 'es2022' },
		// Leave the host page's console alone: no warnings about PARLEY_CONFIG being global.
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

/** Gzipped size in bytes, at the level a server would typically use. */
export const gzipBytes = (text: string) => gzipSync(text, { level: 9 }).length;
