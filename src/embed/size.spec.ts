import { describe, expect, it } from 'vitest';
import { DEFAULT_ANON_KEY } from '../../supabase/local/keys.ts';
import {
	buildSnippet,
	gzipBytes,
	SNIPPET_BUDGET_GZIP_BYTES,
	SNIPPET_CEILING_GZIP_BYTES,
	wrapSnippet
} from './build.ts';

describe('the snippet bundle', () => {
	it('is one self-contained script that does not leak names into the page', async () => {
		const { code } = await buildSnippet();
		expect(code).not.toMatch(/^\s*(import|export)\b/m);
		const served = wrapSnippet(code, { url: 'http://127.0.0.1:54321/', key: 'k' });
		expect(served.startsWith('!function(PARLEY_CONFIG){"use strict";')).toBe(true);
		expect(served).toContain('({"url":"http://127.0.0.1:54321","key":"k"})');
	});

	// The design's budget is SNIPPET_BUDGET_GZIP_BYTES; the snippet is over it (see
	// bench/README.md), so this check prints the size and stops it from growing meanwhile.
	it(`prints its gzipped size, and stays under ${SNIPPET_CEILING_GZIP_BYTES} bytes as served with the local stack's key`, async () => {
		const { code } = await buildSnippet();
		const served = gzipBytes(
			wrapSnippet(code, { url: 'http://127.0.0.1:54321', key: DEFAULT_ANON_KEY })
		);
		console.log(
			`snippet: ${code.length} bytes minified, ${gzipBytes(code)} gzipped; served with the local key: ${served} gzipped (design budget ${SNIPPET_BUDGET_GZIP_BYTES})`
		);
		expect(served).toBeLessThanOrEqual(SNIPPET_CEILING_GZIP_BYTES);
	});
});
