#!/usr/bin/env node
// Draws the app icons (a white speech bubble on the brand blue) and writes them as PNGs under
// static/icons/. Dependency-free so it runs anywhere Node does; the output is committed, so
// this only needs to run again when the mark changes: `node scripts/make-icons.js`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT_DIR = join(import.meta.dirname, '..', 'static', 'icons');
const BRAND_BLUE = [0x2f, 0x5b, 0xea];
const WHITE = [0xff, 0xff, 0xff];
/** Samples per pixel side; 4×4 samples give smooth edges without a rasteriser. */
const SUPERSAMPLE = 4;

/** The icons the manifest and app.html refer to. */
const ICONS = [
	{ file: 'icon-192.png', size: 192, maskable: false },
	{ file: 'icon-512.png', size: 512, maskable: false },
	{ file: 'icon-maskable-512.png', size: 512, maskable: true },
	// iOS draws its own rounded corners and shows transparency as black: full bleed.
	{ file: 'apple-touch-icon-180.png', size: 180, maskable: true }
];

/** Signed distance from (x, y) to a rounded rectangle centred at (cx, cy). */
function roundedRect(x, y, cx, cy, halfW, halfH, radius) {
	const qx = Math.abs(x - cx) - halfW + radius;
	const qy = Math.abs(y - cy) - halfH + radius;
	const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
	return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** True when (x, y) lies inside the triangle a-b-c. */
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
	const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
	const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
	const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
	const negative = d1 < 0 || d2 < 0 || d3 < 0;
	const positive = d1 > 0 || d2 > 0 || d3 > 0;
	return !(negative && positive);
}

/**
 * What covers the point (u, v) in unit coordinates (0..1): 'bubble', 'dot', 'tile' or null.
 * Maskable icons keep the mark inside the central 80% safe zone and fill the whole square.
 */
function shapeAt(u, v, maskable) {
	const scale = maskable ? 0.8 : 1;
	// Map into the mark's own frame, where the mark spans roughly 0.18..0.82.
	const x = 0.5 + (u - 0.5) / scale;
	const y = 0.5 + (v - 0.5) / scale;
	if (!maskable && roundedRect(u, v, 0.5, 0.5, 0.5, 0.5, 0.22) > 0) return null;

	const inBody = roundedRect(x, y, 0.5, 0.46, 0.3, 0.22, 0.1) <= 0;
	const inTail = inTriangle(x, y, [0.3, 0.6], [0.46, 0.6], [0.27, 0.8]);
	if (!inBody && !inTail) return 'tile';
	for (const dx of [0.38, 0.5, 0.62]) {
		if (Math.hypot(x - dx, y - 0.46) <= 0.045) return 'dot';
	}
	return 'bubble';
}

/** RGBA pixels of one icon, anti-aliased by supersampling. */
function draw(size, maskable) {
	const pixels = Buffer.alloc(size * size * 4);
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let r = 0;
			let g = 0;
			let b = 0;
			let covered = 0;
			for (let sy = 0; sy < SUPERSAMPLE; sy++) {
				for (let sx = 0; sx < SUPERSAMPLE; sx++) {
					const u = (px + (sx + 0.5) / SUPERSAMPLE) / size;
					const v = (py + (sy + 0.5) / SUPERSAMPLE) / size;
					const shape = shapeAt(u, v, maskable);
					if (!shape) continue;
					const colour = shape === 'bubble' ? WHITE : BRAND_BLUE;
					r += colour[0];
					g += colour[1];
					b += colour[2];
					covered++;
				}
			}
			const i = (py * size + px) * 4;
			if (covered) {
				pixels[i] = Math.round(r / covered);
				pixels[i + 1] = Math.round(g / covered);
				pixels[i + 2] = Math.round(b / covered);
			}
			pixels[i + 3] = Math.round((255 * covered) / SUPERSAMPLE ** 2);
		}
	}
	return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** CRC-32 as PNG chunks use it (written out because zlib.crc32 needs Node 22.2). */
function crc32(bytes) {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels as an 8-bit truecolour-with-alpha PNG. */
function encodePng(size, pixels) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type: RGBA
	// Each scanline starts with filter type 0 (none).
	const raw = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const { file, size, maskable } of ICONS) {
	writeFileSync(join(OUT_DIR, file), encodePng(size, draw(size, maskable)));
	console.log(`static/icons/${file} (${size}×${size}${maskable ? ', full bleed' : ''})`);
}
