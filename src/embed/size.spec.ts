import { describe, expect, it } from 'vitest';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';
import {
	buildPanel,
	buildSnippet,
	gzipBytes,
	SNIPPET_BUDGET_GZIP_BYTES,
	wrapSnippet
} from './build.ts';

/** The snippet as `npm start` serves it: the local stack's URL and its anon key, a JWT. */
const LOCAL = { url: 'http://127.0.0.1:54321', key: DEFAULT_ANON_KEY };

describe('the snippet bundle', () => {
	it('is one self-contained script that does not leak names into the page', async () => {
		const { code } = await buildSnippet();
		expect(code).not.toMatch(/^\s*(import|export)\b/m);
		const served = wrapSnippet(code, { url: 'http://127.0.0.1:54321/', key: 'k' });
		expect(
			served.startsWith('//# allFunctionsCalledOnLoad\n!function(PARLEY_URL,PARLEY_KEY){')
		).toBe(true);
		expect(served.endsWith('}("http://127.0.0.1:54321","k");\n')).toBe(true);
		// The config's names stay free in the bundle (the minifier leaves unresolved names alone).
		expect(code).toContain('PARLEY_URL');
		expect(code).not.toMatch(/\b(let|const|var|function)\s+PARLEY_/);
	});

	it('loads the panel as an ES module with a default export, and the panel needs no config', async () => {
		const { code } = await buildPanel();
		expect(code).toMatch(/export\s*\{[^}]*\b\w+ as default\b[^}]*\}/);
		expect(code).not.toContain('PARLEY_');
	});

	it(`is at most ${SNIPPET_BUDGET_GZIP_BYTES} bytes gzipped as served with the local stack's key`, async () => {
		const { code } = await buildSnippet();
		const served = gzipBytes(wrapSnippet(code, LOCAL));
		const panel = gzipBytes((await buildPanel()).code);
		console.log(
			`snippet: ${code.length} bytes minified, ${gzipBytes(code)} gzipped; served with the local key: ${served} gzipped (budget ${SNIPPET_BUDGET_GZIP_BYTES}); panel on demand: ${panel} gzipped`
		);
		expect(served).toBeLessThanOrEqual(SNIPPET_BUDGET_GZIP_BYTES);
	});
});
