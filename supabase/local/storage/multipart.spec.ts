import { describe, expect, it } from 'vitest';
import {
	boundaryOf,
	headerParams,
	MultipartError,
	readMultipart,
	type PartInfo
} from './multipart.ts';

async function* chunked(body: Buffer, size: number) {
	for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

async function parse(body: Buffer, boundary: string, chunkSize: number) {
	const parts: { info: PartInfo; data: Buffer }[] = [];
	await readMultipart(chunked(body, chunkSize), boundary, (info) => {
		const chunks: Buffer[] = [];
		return {
			write: (c) => void chunks.push(Buffer.from(c)),
			end: () => void parts.push({ info, data: Buffer.concat(chunks) })
		};
	});
	return parts;
}

const B = 'XyZ123';
const body = Buffer.concat([
	Buffer.from(
		`preamble\r\n--${B}\r\ncontent-disposition: form-data; name="cacheControl"\r\n\r\n3600\r\n`
	),
	Buffer.from(
		`--${B}\r\nContent-Disposition: form-data; name=""; filename="blob"\r\nContent-Type: image/png\r\n\r\n`
	),
	Buffer.from([0, 13, 10, 45, 45, 88, 255, 13, 10]),
	Buffer.from(`\r\n--${B}--\r\nepilogue`)
]);

describe('readMultipart', () => {
	for (const size of [1, 2, 7, 64, body.length])
		it(`reads fields and a binary file split into ${size}-byte chunks`, async () => {
			const parts = await parse(body, B, size);
			expect(parts.map((p) => p.info)).toEqual([
				{ name: 'cacheControl', filename: undefined, contentType: undefined },
				{ name: '', filename: 'blob', contentType: 'image/png' }
			]);
			expect(parts[0].data.toString()).toBe('3600');
			expect([...parts[1].data]).toEqual([0, 13, 10, 45, 45, 88, 255, 13, 10]);
		});

	it('rejects a body that ends before its closing boundary', async () => {
		await expect(parse(body.subarray(0, body.length - 20), B, 16)).rejects.toBeInstanceOf(
			MultipartError
		);
	});

	it('rejects a part without a form-data disposition', async () => {
		const bad = Buffer.from(`--${B}\r\ncontent-type: text/plain\r\n\r\nx\r\n--${B}--\r\n`);
		await expect(parse(bad, B, 5)).rejects.toThrow('form-data');
	});

	it('skips the bytes of parts the handler declines', async () => {
		let seen = 0;
		await readMultipart(chunked(body, 3), B, () => {
			seen++;
			return null;
		});
		expect(seen).toBe(2);
	});
});

describe('boundaryOf and headerParams', () => {
	it('finds quoted and bare boundaries of form-data only', () => {
		expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
		expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
		expect(boundaryOf('multipart/mixed; boundary=abc')).toBeUndefined();
		expect(boundaryOf('text/plain')).toBeUndefined();
	});

	it('reads empty and escaped parameter values', () => {
		const p = headerParams('form-data; name=""; filename="a \\"q\\".png"');
		expect(p.get('name')).toBe('');
		expect(p.get('filename')).toBe('a "q".png');
	});
});
