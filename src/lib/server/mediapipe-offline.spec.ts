import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripTelemetry } from './mediapipe-offline.ts';

const require = createRequire(import.meta.url);
const bundlePath = join(
	dirname(require.resolve('@mediapipe/tasks-vision/vision_wasm_internal.js')),
	'..',
	'vision_bundle.mjs'
);

const SHAPE =
	'var a=class{async send(t,e,r){let i=await fetch(t.url,{method:"POST"});e?.()}};' +
	'x.send({url:"https://odml.pa.googleapis.com/v1/log"});\n//# sourceMappingURL=b.js.map\n';

describe("tasks-vision's usage metrics", () => {
	it('are never sent: the sender fails at once, as a refused request would', async () => {
		const code = stripTelemetry(SHAPE);
		expect(code).not.toContain('googleapis');
		expect(code).not.toContain('sourceMappingURL');
		const calls: string[] = [];
		const fetch = (url: string) => (calls.push(url), Promise.resolve());
		const Sender = new Function('fetch', 'x', `${code}; return a;`)(fetch, { send() {} });
		let failure: unknown;
		await new Sender().send({ url: 'https://elsewhere.example' }, undefined, (status: number) => {
			failure = status;
		});
		expect(calls).toEqual([]);
		expect(failure).toBe(403);
	});

	it('stop the build’s serving rather than ship a bundle of another shape', () => {
		expect(() => stripTelemetry('async send(t,e,r){}')).toThrow(/not found as expected/);
		expect(() => stripTelemetry(SHAPE + SHAPE)).toThrow(/not found as expected/);
	});

	it('are removed from the installed tasks-vision, whose sender is found exactly once', () => {
		const code = stripTelemetry(readFileSync(bundlePath, 'utf8'));
		expect(code).not.toContain('odml.pa.googleapis.com');
		expect(code).toMatch(/async send\((\w+),\w+,(\w+)\)\{\2\?\.\(403\);return;/);
		expect(code).toContain('ImageSegmenter');
	});
});
