import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
	BUNDLE_FILE,
	MODEL_FILE,
	MODEL_PACKAGE_VERSION,
	SEGMENTATION_PATH,
	TASKS_VISION_VERSION,
	WASM_FILES,
	isSegmentationFile,
	segmentationUrls
} from './assets.ts';

const require = createRequire(import.meta.url);
const version = (path: string) =>
	(JSON.parse(readFileSync(require.resolve(path), 'utf8')) as { version: string }).version;

describe('segmentation assets', () => {
	it('carry the installed packages’ versions in their URL, so a long cache is safe', () => {
		const tasksVision = require.resolve('@mediapipe/tasks-vision/vision_wasm_internal.js');
		expect(version(tasksVision.replace(/wasm[\\/][^\\/]+$/, 'package.json'))).toBe(
			TASKS_VISION_VERSION
		);
		expect(version('@twilio/video-processors/package.json')).toBe(MODEL_PACKAGE_VERSION);
		expect(SEGMENTATION_PATH).toContain(TASKS_VISION_VERSION);
		expect(SEGMENTATION_PATH).toContain(MODEL_PACKAGE_VERSION);
	});

	it('are a closed list: the bundle, the runtime pairs and the model, nothing else', () => {
		for (const file of [...WASM_FILES, MODEL_FILE, BUNDLE_FILE])
			expect(isSegmentationFile(file)).toBe(true);
		for (const file of ['package.json', '../package.json', 'vision_bundle.cjs', 'x.wasm'])
			expect(isSegmentationFile(file)).toBe(false);
	});

	it('are addressed on the page’s own origin', () => {
		expect(segmentationUrls('https://chat.example', '/base')).toEqual({
			bundle: `https://chat.example/base${SEGMENTATION_PATH}/vision_bundle.mjs`,
			wasmBase: `https://chat.example/base${SEGMENTATION_PATH}`,
			model: `https://chat.example/base${SEGMENTATION_PATH}/${MODEL_FILE}`
		});
	});
});
