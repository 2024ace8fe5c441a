import { describe, expect, it } from 'vitest';
import {
	backgroundPaths,
	loadSiteBackgrounds,
	type SiteBackgroundSource
} from './site-backgrounds.ts';

const SITE = '00000000-0000-4000-8000-0000000a0000';
const first = `${SITE}/11111111-1111-4111-8111-111111111111.png`;
const second = `${SITE}/22222222-2222-4222-8222-222222222222.jpg`;

/** A source whose rpc answers `rows` and whose Storage serves `files` (path → response). */
function source(rows: unknown, files: Record<string, () => Response>) {
	const asked: { url: string; headers: Record<string, string> }[] = [];
	const src: SiteBackgroundSource = {
		rpc: async (fn, args) => {
			expect(fn).toBe('call_backgrounds');
			expect(args).toEqual({ p_conversation_id: 'conv-1' });
			return { data: rows, error: null };
		},
		conversationId: 'conv-1',
		storage: { url: 'http://stack.test', anonKey: 'anon' },
		token: () => 'tok',
		fetch: async (input, init) => {
			const url = String(input);
			asked.push({ url, headers: init?.headers as Record<string, string> });
			const path = url.split('/call-backgrounds/')[1];
			return files[path]?.() ?? new Response('{}', { status: 400 });
		}
	};
	return { src, asked };
}

const png = () =>
	new Response(new Uint8Array([0x89, 0x50]), { headers: { 'content-type': 'image/png' } });

describe('backgroundPaths', () => {
	it('keeps well-formed object names in order and skips anything else', () => {
		expect(
			backgroundPaths([
				{ path: first },
				{ path: '../etc/passwd' },
				{ path: 42 },
				null,
				{ path: `${SITE}/x.png` },
				{ path: second }
			])
		).toEqual([first, second]);
		expect(backgroundPaths(null)).toEqual([]);
		expect(backgroundPaths({ path: first })).toEqual([]);
	});
});

describe('loadSiteBackgrounds', () => {
	it('downloads each image with the caller’s token and keeps its bytes as a blob', async () => {
		const { src, asked } = source([{ path: first }, { path: second }], {
			[first]: png,
			[second]: () =>
				new Response(new Uint8Array([0xff, 0xd8, 0xff]), {
					headers: { 'content-type': 'image/jpeg' }
				})
		});
		const images = await loadSiteBackgrounds(src);
		expect(images.map((i) => i.id)).toEqual([`site:${first}`, `site:${second}`]);
		expect(images[0].url).toMatch(/^blob:/);
		expect(new Uint8Array(await images[1].blob!.arrayBuffer())).toEqual(
			new Uint8Array([0xff, 0xd8, 0xff])
		);
		expect(asked.map((a) => a.url)).toEqual([
			`http://stack.test/storage/v1/object/authenticated/call-backgrounds/${first}`,
			`http://stack.test/storage/v1/object/authenticated/call-backgrounds/${second}`
		]);
		expect(asked[0].headers).toEqual({ apikey: 'anon', authorization: 'Bearer tok' });
	});

	it('leaves out an image that does not download or is not an image, and offers the rest', async () => {
		const { src } = source([{ path: first }, { path: second }], {
			[first]: () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
			[second]: png
		});
		expect((await loadSiteBackgrounds(src)).map((i) => i.id)).toEqual([`site:${second}`]);
	});

	it('fails, with the reason, when none of them downloads', async () => {
		const { src } = source([{ path: first }], {});
		await expect(loadSiteBackgrounds(src)).rejects.toThrow('HTTP 400');
	});

	it('asks Storage for nothing when the site has no images', async () => {
		const { src, asked } = source([], {});
		expect(await loadSiteBackgrounds(src)).toEqual([]);
		expect(asked).toEqual([]);
	});

	it('fails when the database refuses the list', async () => {
		const src: SiteBackgroundSource = {
			...source([], {}).src,
			rpc: async () => ({ data: null, error: { message: 'permission denied' } })
		};
		await expect(loadSiteBackgrounds(src)).rejects.toThrow('permission denied');
	});
});
