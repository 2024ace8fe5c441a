/**
 * A site's call backgrounds: the private `call-backgrounds` bucket and its RLS on
 * storage.objects (the site's members and its own visitors read; its owner uploads, up to six,
 * and deletes; nobody else does either), the bucket's MIME allowlist and size limit, and the
 * list a call reads (`call_backgrounds`). Everything through unmodified supabase-js.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { call, useChatWorld, uuid, type Visitor } from './fixtures/chat.ts';
import { WORLD } from './fixtures/tenancy.ts';
import { apiError } from './helpers/storage.ts';

const world = useChatWorld();
const { visitor, agent, sql, as } = world;
const BUCKET = 'call-backgrounds';

const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
]);
const pathIn = (siteId: string, ext = 'png') => `${siteId}/${uuid()}.${ext}`;

function upload(client: SupabaseClient, path: string, bytes: Uint8Array, type = 'image/png') {
	return client.storage
		.from(BUCKET)
		.upload(path, new Blob([bytes as BlobPart], { type }), { contentType: type });
}

const ownerOf = (site: 'A' | 'B') => as({ user: WORLD[site].owner, anonymous: false });

async function stored(siteId: string): Promise<string[]> {
	const rows = await sql<{ name: string }>(
		`select name from storage.objects where bucket_id = $1 and name like $2 order by name`,
		[BUCKET, `${siteId}/%`]
	);
	return rows.map((r) => r.name);
}

async function clear(siteId: string) {
	await sql(`delete from storage.objects where bucket_id = $1 and name like $2`, [
		BUCKET,
		`${siteId}/%`
	]);
}

// Each test starts from empty folders, whatever the one before it left.
afterEach(async () => {
	await clear(WORLD.A.site);
	await clear(WORLD.B.site);
});

async function conversationOf(v: Visitor): Promise<string> {
	const res = await call<{ conversation_id: string }>(v.client, 'start_conversation', {
		visitor_name: 'Ana'
	});
	if (res.code) throw new Error(`start_conversation: ${res.code} ${res.message}`);
	return res.data!.conversation_id;
}

describe('the call-backgrounds bucket', () => {
	it('is private, 2 MiB at most, JPEG, PNG and WebP only', async () => {
		const [bucket] = await sql<{
			public: boolean;
			file_size_limit: string;
			allowed_mime_types: string[];
		}>(`select public, file_size_limit, allowed_mime_types from storage.buckets where id = $1`, [
			BUCKET
		]);
		expect(bucket.public).toBe(false);
		expect(Number(bucket.file_size_limit)).toBe(2 * 1024 * 1024);
		expect([...bucket.allowed_mime_types].sort()).toEqual([
			'image/jpeg',
			'image/png',
			'image/webp'
		]);
	});

	it('lets the owner upload; the site’s members and its visitors read; another site’s people nothing', async () => {
		const owner = await ownerOf('A');
		const path = pathIn(WORLD.A.site);
		expect((await upload(owner, path, PNG)).error).toBeNull();

		const member = await agent('A');
		const ownVisitor = await visitor('A');
		for (const reader of [owner, member.client, ownVisitor.client]) {
			const read = await reader.storage.from(BUCKET).download(path);
			expect(new Uint8Array(await read.data!.arrayBuffer())).toEqual(PNG);
		}
		// The visitor's signed link works too.
		const signed = await ownVisitor.client.storage.from(BUCKET).createSignedUrl(path, 60);
		expect(new Uint8Array(await (await fetch(signed.data!.signedUrl)).arrayBuffer())).toEqual(PNG);
		const listed = await member.client.storage.from(BUCKET).list(WORLD.A.site);
		expect(listed.data?.map((o) => `${WORLD.A.site}/${o.name}`)).toContain(path);

		for (const outsider of [await agent('B'), await visitor('B')]) {
			const read = await outsider.client.storage.from(BUCKET).download(path);
			expect(read.data).toBeNull();
			const sign = await outsider.client.storage.from(BUCKET).createSignedUrl(path, 60);
			expect(sign.data).toBeNull();
			const list = await outsider.client.storage.from(BUCKET).list(WORLD.A.site);
			expect(list.data ?? []).toEqual([]);
		}
	});

	it('refuses uploads and deletes by anyone but the site’s owner', async () => {
		const owner = await ownerOf('A');
		const kept = pathIn(WORLD.A.site);
		expect((await upload(owner, kept, PNG)).error).toBeNull();
		const writers = [
			await visitor('A'),
			await agent('A'),
			await agent('B'),
			{ client: await ownerOf('B') }
		];
		for (const writer of writers) {
			const write = await upload(writer.client, pathIn(WORLD.A.site), PNG);
			expect(apiError(write.error)).toMatchObject({ statusCode: '403' });
			await writer.client.storage.from(BUCKET).remove([kept]);
		}
		expect(await stored(WORLD.A.site)).toEqual([kept]);

		// The owner of B writes in B's folder only.
		const ownerB = writers[3].client;
		expect((await upload(ownerB, pathIn(WORLD.B.site), PNG)).error).toBeNull();
		await owner.storage.from(BUCKET).remove(await stored(WORLD.B.site));
		expect(await stored(WORLD.B.site)).toHaveLength(1);

		// The owner removes their own.
		const removed = await owner.storage.from(BUCKET).remove([kept]);
		expect(removed.error).toBeNull();
		expect(await stored(WORLD.A.site)).toEqual([]);
	});

	it('takes names shaped <site>/<uuid>.<jpg|png|webp> only', async () => {
		const owner = await ownerOf('A');
		for (const path of [
			`${WORLD.A.site}/beach.png`,
			`${WORLD.A.site}/${uuid()}.gif`,
			`${WORLD.A.site}/x/${uuid()}.png`,
			`${uuid()}.png`
		]) {
			const res = await upload(owner, path, PNG);
			expect(apiError(res.error), path).toMatchObject({ statusCode: '403' });
		}
		expect(await stored(WORLD.A.site)).toEqual([]);
	});

	it('refuses an .exe, an SVG, a file over 2 MiB and an image whose bytes are not an image', async () => {
		const owner = await ownerOf('A');
		const exe = await upload(
			owner,
			pathIn(WORLD.A.site),
			new TextEncoder().encode('MZ\x90\x00'),
			'application/x-msdownload'
		);
		expect(apiError(exe.error)).toMatchObject({ statusCode: '415', code: 'InvalidMimeType' });
		const svg = await upload(
			owner,
			pathIn(WORLD.A.site),
			new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
			'image/svg+xml'
		);
		expect(apiError(svg.error)).toMatchObject({ statusCode: '415', code: 'InvalidMimeType' });
		const big = new Uint8Array(2 * 1024 * 1024 + 1);
		big.set(PNG);
		const tooBig = await upload(owner, pathIn(WORLD.A.site), big);
		expect(apiError(tooBig.error)).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		const fake = await upload(
			owner,
			pathIn(WORLD.A.site),
			new TextEncoder().encode('MZ\x90\x00 this is a program')
		);
		expect(apiError(fake.error)).toMatchObject({ statusCode: '415', code: 'InvalidMimeType' });
		// Exactly the limit fits.
		const fits = new Uint8Array(2 * 1024 * 1024);
		fits.set(PNG);
		expect((await upload(owner, pathIn(WORLD.A.site), fits)).error).toBeNull();
		expect(await stored(WORLD.A.site)).toHaveLength(1);
	});

	it('holds six images a site, and takes a seventh once one is deleted', async () => {
		const owner = await ownerOf('A');
		for (let i = 0; i < 6; i++)
			expect((await upload(owner, pathIn(WORLD.A.site), PNG)).error).toBeNull();
		const seventh = await upload(owner, pathIn(WORLD.A.site), PNG);
		expect(apiError(seventh.error)).toMatchObject({ statusCode: '403' });
		const [first] = await stored(WORLD.A.site);
		await owner.storage.from(BUCKET).remove([first]);
		expect((await upload(owner, pathIn(WORLD.A.site), PNG)).error).toBeNull();
		expect(await stored(WORLD.A.site)).toHaveLength(6);
	});
	it('keeps the sixth place for one of many uploads made at the same moment', async () => {
		const owner = await ownerOf('A');
		for (let i = 0; i < 5; i++)
			expect((await upload(owner, pathIn(WORLD.A.site), PNG)).error).toBeNull();
		// Separate clients, as separate tabs or devices would be, all sent before any answers.
		const clients = await Promise.all(Array.from({ length: 8 }, () => ownerOf('A')));
		const results = await Promise.all(
			clients.map((client) => upload(client, pathIn(WORLD.A.site), PNG))
		);
		const stored6 = results.filter((r) => r.error === null);
		expect(stored6).toHaveLength(1);
		for (const refused of results.filter((r) => r.error !== null))
			expect(apiError(refused.error)).toEqual({
				status: 400,
				statusCode: '403',
				code: 'AccessDenied',
				message: 'new row violates row-level security policy'
			});
		expect(await stored(WORLD.A.site)).toHaveLength(6);
		expect(await stored(WORLD.A.site)).toContain(stored6[0].data!.path);
	});
});

describe('call_backgrounds', () => {
	it('lists the conversation’s site’s images to its visitor and members, oldest first, and nothing to others', async () => {
		const owner = await ownerOf('A');
		const first = pathIn(WORLD.A.site, 'png');
		const second = pathIn(WORLD.A.site, 'png');
		await upload(owner, first, PNG);
		await upload(owner, second, PNG);
		await upload(await ownerOf('B'), pathIn(WORLD.B.site), PNG);
		const v = await visitor('A');
		const conversation = await conversationOf(v);

		for (const reader of [v.client, (await agent('A')).client]) {
			const res = await call<{ path: string }[]>(reader, 'call_backgrounds', {
				p_conversation_id: conversation
			});
			expect(res.data?.map((b) => b.path)).toEqual([first, second]);
		}
		for (const outsider of [await agent('B'), await visitor('A')]) {
			const res = await call(outsider.client, 'call_backgrounds', {
				p_conversation_id: conversation
			});
			expect(res.data).toEqual([]);
		}
	});
});
