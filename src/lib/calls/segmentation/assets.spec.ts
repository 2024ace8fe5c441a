import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
	MODEL_FILE,
	MODEL_PACKAGE_VERSION,
	RUNTIMES,
	SEGMENTATION_PATH,
	isSegmentationFile,
	runtimeOfLoader,
	segmentationUrls
} from './assets.ts';

const require = createRequire(import.meta.url);

describe('segmentation assets', () => {
	it('carry the installed package’s version in their URL, so a long cache is safe', () => {
		const pkg = JSON.parse(
			readFileSync(require.resolve('@twilio/video-processors/package.json'), 'utf8')
		) as { version: string };
		expect(pkg.version).toBe(MODEL_PACKAGE_VERSION);
		expect(SEGMENTATION_PATH).toContain(MODEL_PACKAGE_VERSION);
	});

	it('are a closed list: the loaders, their runtimes and the model, nothing else', () => {
		for (const runtime of Object.values(RUNTIMES)) {
			expect(isSegmentationFile(runtime.loader)).toBe(true);
			expect(isSegmentationFile(runtime.wasm)).toBe(true);
			expect(runtimeOfLoader(runtime.loader)).toBe(runtime);
			// The package's scripts are served only as modules.
			expect(isSegmentationFile(runtime.script)).toBe(false);
			expect(runtimeOfLoader(runtime.wasm)).toBeNull();
		}
		expect(isSegmentationFile(MODEL_FILE)).toBe(true);
		for (const file of ['package.json', '../package.json', 'x.wasm', 'twilio-video-processors.js'])
			expect(isSegmentationFile(file)).toBe(false);
	});

	it('are addressed on the page’s own origin', () => {
		expect(segmentationUrls('https://chat.example', '/base')).toEqual({
			wasmBase: `https://chat.example/base${SEGMENTATION_PATH}`,
			model: `https://chat.example/base${SEGMENTATION_PATH}/${MODEL_FILE}`
		});
	});
});
